import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers, fundedBuyerKey } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

// Names a creator really uploads: long, with no spaces to break at.
const LESSON = "lesson-01-welcome-and-the-shape-of-typed-structured-data.pdf";
const SAMPLE = "quarterly-field-report-sample-chapter.pdf";

type Overflow = { scrollWidth: number; viewport: number; wide: string[]; clipped: string[] };

/**
 * What sticks out of a phone's viewport: the page's scroll width; every element, and every run of
 * text, reaching past either edge (unless a box around it clips or scrolls it: that box is measured
 * itself, so a wide table in a region that scrolls sideways on purpose is allowed); and every text
 * cut off with an ellipsis that does not carry its full text in a title.
 */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (node: Node, width: number) => {
      const element = node instanceof Element ? node : node.parentElement!;
      const testId = element.getAttribute("data-testid");
      return `<${element.tagName.toLowerCase()}${testId ? ` data-testid=${testId}` : ""}> ${Math.round(width)}px "${(node.textContent ?? "").trim().slice(0, 60)}"`;
    };
    const clippedAbove = (element: Element | null) => {
      for (let box = element; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible") return true;
      }
      return false;
    };
    const outside = (box: DOMRect) => box.right > viewport + 0.5 || box.left < -0.5;
    const wide: string[] = [];
    const clipped: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect();
      // Nothing drawn, or a 1 px screen-reader-only box (Tailwind's sr-only sits at −1 px on purpose).
      if (box.width <= 1 || box.height <= 1) continue;
      if (outside(box) && !clippedAbove(element.parentElement)) wide.push(describe(element, box.width));
      const cut = getComputedStyle(element).textOverflow === "ellipsis" && element.scrollWidth > element.clientWidth;
      if (cut && element.getAttribute("title") !== (element.textContent ?? "").trim()) clipped.push(describe(element, box.width));
    }
    // Text overflows its own box without widening it: an unbroken hash or address in a narrow column.
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      if (!text.textContent?.trim()) continue;
      range.selectNodeContents(text);
      const box = range.getBoundingClientRect();
      if (box.width > 1 && outside(box) && !clippedAbove(text.parentElement)) wide.push(`text in ${describe(text, box.width)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport, wide, clipped };
  });
}

/** The page as it is now must fit a 390 px phone; screenshots at 390×844 and 1280×800 are kept. */
async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  await page.setViewportSize(PHONE);
  // Images decoded and fonts laid out before measuring.
  await page.evaluate(() => document.fonts.ready);
  const overflow = await measureOverflow(page);
  await page.screenshot({ path: testInfo.outputPath(`${name}-390.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: testInfo.outputPath(`${name}-1280.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  expect.soft(overflow.viewport, `${name}: viewport`).toBe(PHONE.width);
  expect.soft(overflow.scrollWidth, `${name}: the page scrolls sideways (${overflow.wide.join("; ")})`).toBeLessThanOrEqual(PHONE.width);
  expect.soft(overflow.wide, `${name}: elements wider than the viewport`).toEqual([]);
  expect.soft(overflow.clipped, `${name}: text cut off with no way to read it`).toEqual([]);
}

/** Every file name in the studio's list is shown whole, not cut to a letter and an ellipsis. */
async function expectReadableFileNames(page: Page, names: string[]) {
  const rows = page.getByTestId("studio-file");
  await expect(rows).toHaveCount(names.length);
  for (const [index, name] of names.entries()) {
    const shown = rows.nth(index).getByText(name, { exact: true });
    await expect(shown).toBeVisible();
    const { scrollWidth, clientWidth } = await shown.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect.soft(scrollWidth, `${name} is cut off (${clientWidth}px shown of ${scrollWidth}px)`).toBeLessThanOrEqual(clientWidth);
  }
}

/** A creator's published item: a long-named lesson and a long-named free sample, at 0.5 USDC. */
async function publishedLongNamedItem(api: APIRequestContext) {
  const item = await createItem(api, { title: `Typed Structured Data, the Long Way ${Date.now()}`, kind: "course", price: "0.5" });
  expect((await uploadFile(api, item.id, LESSON, await samplePdf(item.title))).status()).toBe(201);
  expect((await uploadFile(api, item.id, SAMPLE, await samplePdf(`${item.title} sample`), { preview: true })).status()).toBe(201);
  expect((await api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);
  return item;
}

// Items this spec published go off the catalog again: the catalog and payment specs see the seeded items only.
const published: { api: APIRequestContext; id: string }[] = [];
test.afterEach(async () => {
  for (const { api, id } of published.splice(0)) {
    expect((await api.patch(`/api/studio/items/${id}`, { data: { published: false } })).status()).toBe(200);
  }
});

test.describe("at 390 px no page scrolls sideways and no name is cut to a letter", () => {
  test.use({ viewport: PHONE });

  test("the store signed out: catalog, an item of each kind, a creator, the library and studio sign-ins", async ({ page }, testInfo) => {
    const pages: [string, string][] = [
      ["catalog", "/"],
      ["catalog-music", "/?kind=music"],
      ["item-ebook", "/items/the-gasless-economy"],
      ["item-music", "/items/midnight-blocks"],
      ["item-course", "/items/typed-data-from-scratch"],
      ["creator", "/creators/ada-quill"],
      ["library-signed-out", "/library"],
      ["studio-signed-out", "/studio"],
    ];
    for (const [name, path] of pages) {
      await page.goto(path);
      await checkPage(page, testInfo, name);
    }
  });

  test("a purchase on a phone: item page connected, the success panel, the receipt, the signed-in library", async ({ page, store }, testInfo) => {
    test.setTimeout(120_000);
    const creator = await signInCreator(store.url);
    const item = await publishedLongNamedItem(creator.api);
    published.push({ api: creator.api, id: item.id });
    const buyer = await fundedBuyerKey(store.devnet, 5_000_000n);
    await installTestWallet(page, { privateKey: buyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });

    await page.goto(`/items/${item.slug}`);
    await checkPage(page, testInfo, "item-long-names");
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await expect(page.getByTestId("usdc-balance")).toContainText("5.00 USDC");
    await checkPage(page, testInfo, "item-connected");

    const download = page.waitForEvent("download");
    await page.getByTestId("buy-button").click();
    expect((await download).suggestedFilename()).toBe(LESSON);
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
    await checkPage(page, testInfo, "purchase-success");

    await page.getByTestId("purchase-receipt").getByRole("link", { name: "Receipt" }).click();
    await expect(page.getByTestId("receipt-page")).toContainText(item.title);
    await checkPage(page, testInfo, "receipt");

    await page.goto("/library");
    await page.getByRole("button", { name: "Sign in with your wallet" }).click();
    await expect(page.getByTestId("library-wallet")).toHaveText(buyer.account.address);
    await expect(page.getByTestId("purchase")).toContainText(LESSON);
    await checkPage(page, testInfo, "library-signed-in");
  });

  test("the studio signed in: dashboard with a sale, an item with files, a new item, the profile", async ({ page, store }, testInfo) => {
    test.setTimeout(120_000);
    const creatorKey = generatePrivateKey();
    const creator = await signInCreator(store.url, creatorKey);
    const item = await publishedLongNamedItem(creator.api);
    published.push({ api: creator.api, id: item.id });
    const [agent] = await fundFreshBuyers(store.devnet, 1, 1_000_000n);
    const paid = await createPayingFetch({ signer: agent, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 500_000n })(
      `${store.url}/api/download/${item.slug}`,
    );
    expect(paid.status).toBe(200);
    await paid.arrayBuffer();

    await installTestWallet(page, { privateKey: creatorKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    await page.goto("/studio");
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await expect(page.getByTestId("studio-wallet")).toHaveText(privateKeyToAccount(creatorKey).address);
    await expect(page.getByTestId("sale")).toHaveCount(1);
    await checkPage(page, testInfo, "studio-dashboard");

    await page.getByTestId("studio-item").getByRole("link").click();
    await expect(page.getByTestId("studio-item-page")).toBeVisible();
    await expectReadableFileNames(page, [LESSON, SAMPLE]);
    await checkPage(page, testInfo, "studio-item");

    await page.goto("/studio/items/new");
    await checkPage(page, testInfo, "studio-new-item");

    await page.goto("/studio/profile");
    await expect(page.getByLabel("Payout address")).toHaveValue(privateKeyToAccount(creatorKey).address);
    await checkPage(page, testInfo, "studio-profile");
  });
});
