import type { APIRequestContext, Page } from "@playwright/test";
import { type Store, expect, test } from "./fixtures";
import { fundedBuyerKey } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { PHONE, checkPage, expectTapTargets } from "./support/page-checks";
import { type CreatorSession, type StudioItemJson, createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

// Every page of the store in every state a person meets it in, on the one store of the run: zero
// axe-core WCAG A/AA violations at 390 px and 1280 px, no sideways scroll and a one-line header with
// 44 px tap targets on a phone. One purchase, by the browser, serves the connected, error, after-
// purchase, owned, receipt, library and studio states. Screenshots of the main pages are kept in
// test-results/screens/<page>-<width>.png.

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ viewport: PHONE });

let creator: CreatorSession;
let item: StudioItemJson;
let receiptPath: string;
const buyer = { privateKey: "0x" as `0x${string}` };

test.beforeAll(async ({ store }) => {
  creator = await signInCreator(store.url);
  expect((await creator.api.patch("/api/studio/profile", { data: { displayName: "Axe Creator", payoutAddress: creator.account.address, bio: "Makes pages everyone can read." } })).ok()).toBe(true);
  item = await createItem(creator.api, { title: `Readable Everywhere ${Date.now()}`, kind: "ebook", price: "0.5", description: "A guide to pages that work for everyone." });
  expect((await uploadFile(creator.api, item.id, "readable-everywhere.pdf", await samplePdf(item.title))).status()).toBe(201);
  expect((await uploadFile(creator.api, item.id, "sample.pdf", await samplePdf(`${item.title} sample`), { preview: true })).status()).toBe(201);
  expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);
  buyer.privateKey = (await fundedBuyerKey(store.devnet, 5_000_000n)).privateKey;
});

// Off the catalog again: the catalog and payment specs see the seeded items only.
test.afterAll(async () => {
  expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
});

/** The menu's "For agents" page: plain words, the network and token from the store's own config, live links. */
async function expectAgentsPage(page: Page, store: Store) {
  await expect(page).toHaveURL(/\/agents$/);
  const menu = page.getByTestId("site-header");
  await expect(menu.getByRole("link", { name: "For agents" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Catalog API" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("For agents");
  await expect(page.getByText("402 Payment Required")).toBeVisible();
  await expect(page.getByTestId("agents-network")).toHaveText(`x402 Storefront devnet (${store.devnet.network})`);
  await expect(page.getByTestId("agents-asset")).toContainText(store.devnet.usdc);
  const sample = page.getByTestId("agents-sample");
  await expect(sample).toContainText('from "@x402/fetch"');
  await expect(sample).toContainText(`networks: ["${store.devnet.network}"]`);
  await expect(sample).toContainText(`asset: "${store.devnet.usdc}"`);
  // The example URL is a real download of this store: unpaid, it answers 402.
  const exampleUrl = /payingFetch\("([^"]+)"\)/.exec((await sample.textContent()) ?? "")?.[1];
  expect((await page.request.get(exampleUrl!)).status()).toBe(402);
  await expect(page.getByTestId("agents-v1")).toContainText("x402-fetch");
  await expect(page.getByTestId("agents-v1")).toContainText("Base and Base Sepolia only");
  await expect(page.getByText("npm run agent")).toBeVisible();
  await expect(page.getByText("POST /mcp")).toBeVisible();
  for (const href of ["/api/catalog", "/openapi.json", "/.well-known/x402", "/llms.txt"]) {
    const link = page.getByRole("link", { name: href, exact: true });
    await expect(link).toHaveAttribute("href", href);
    expect((await page.request.get(href)).status(), href).toBe(200);
  }
}

async function connect(page: Page) {
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect(page.getByTestId("wallet-connected")).toBeVisible();
}

test("signed out: catalog, item page with and without a wallet, creator page, For agents, library, studio, not found", async ({ page, store }, testInfo) => {
  await page.goto("/");
  await checkPage(page, testInfo, "catalog");
  await page.goto("/?kind=music");
  await checkPage(page, testInfo, "catalog-music");

  await page.goto(`/items/${item.slug}`);
  await expect(page.getByText("No wallet found in this browser")).toBeVisible();
  await checkPage(page, testInfo, "item-no-wallet");

  await page.getByTestId("site-header").getByRole("link", { name: "For agents" }).click();
  await expectAgentsPage(page, store);
  await checkPage(page, testInfo, "agents", { screenshot: true });
  await page.goto(`/items/${item.slug}`);
  await page.getByRole("link", { name: "Axe Creator" }).first().click();
  await expect(page).toHaveURL(/\/creators\//);
  await checkPage(page, testInfo, "creator");
  await page.goto("/library");
  await checkPage(page, testInfo, "library-signed-out");
  await page.goto("/studio");
  await checkPage(page, testInfo, "studio-signed-out");
  for (const [name, path] of [["not-found-item", "/items/no-such-item"], ["not-found", "/no-such-page"]]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkPage(page, testInfo, name);
  }

  await installTestWallet(page, { privateKey: buyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  await page.goto(`/items/${item.slug}`);
  await expect(page.getByRole("button", { name: "Connect Test Wallet" })).toBeVisible();
  await checkPage(page, testInfo, "item", { screenshot: true });
  await expectTapTargets(page.getByTestId("buy-panel"), "item signed out: buy panel");
});

test("a purchase: connected, an error, after the purchase, owned, the receipt, the library signed in", async ({ page, store }, testInfo) => {
  const wallet = await installTestWallet(page, { privateKey: buyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  await page.goto(`/items/${item.slug}`);
  await connect(page);
  await expect(page.getByTestId("usdc-balance")).toContainText("5.00 USDC");
  await checkPage(page, testInfo, "checkout", { screenshot: true });
  await expectTapTargets(page.getByTestId("buy-panel"), "checkout: buy panel");

  wallet.rejectSignatures(true);
  await page.getByTestId("buy-button").click();
  await expect(page.getByTestId("buy-error")).toContainText("You rejected the signature");
  await checkPage(page, testInfo, "item-error");
  wallet.rejectSignatures(false);

  const download = page.waitForEvent("download");
  await page.getByTestId("buy-button").click();
  await download;
  await expect(page.getByTestId("purchase-receipt")).toBeVisible();
  receiptPath = new URL((await page.getByTestId("purchase-receipt").getByRole("link", { name: "Receipt" }).getAttribute("href"))!, store.url).pathname;
  await checkPage(page, testInfo, "item-after-purchase", { screenshot: true });

  await page.reload();
  await expect(page.getByTestId("buy-panel").getByText("You own this")).toBeVisible();
  await checkPage(page, testInfo, "item-owned");
  await expectTapTargets(page.getByTestId("buy-panel"), "owned: buy panel");

  await page.goto(receiptPath);
  await expect(page.getByTestId("receipt-page")).toContainText(item.title);
  await checkPage(page, testInfo, "receipt", { screenshot: true });

  await page.goto("/library");
  await page.getByRole("button", { name: "Sign in with your wallet" }).click();
  await expect(page.getByTestId("purchase")).toContainText("readable-everywhere.pdf");
  await checkPage(page, testInfo, "library", { screenshot: true });
});

test("the studio signed in: dashboard with the sale, new item, item edit, profile", async ({ browser, store }, testInfo) => {
  // The creator's session from the sign-in above, as the studio's own sign-in leaves it.
  const context = await browser.newContext({ baseURL: store.url, viewport: PHONE, storageState: await (creator.api as APIRequestContext).storageState() });
  const page = await context.newPage();
  try {
    await page.goto("/studio");
    await expect(page.getByTestId("sale")).toHaveCount(1);
    await checkPage(page, testInfo, "studio-dashboard", { screenshot: true });
    await page.goto("/studio/items/new");
    await checkPage(page, testInfo, "studio-new-item");
    await page.goto(`/studio/items/${item.id}`);
    await expect(page.getByTestId("studio-item-page")).toBeVisible();
    await checkPage(page, testInfo, "studio-item");
    await page.goto("/studio/profile");
    await checkPage(page, testInfo, "studio-profile");
  } finally {
    await context.close();
  }
});
