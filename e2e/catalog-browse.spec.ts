import { crc32, deflateSync } from "node:zlib";
import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { generatePrivateKey } from "viem/accounts";
import type { DevnetFile } from "../lib/devnet/devnet-file";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { fundFreshBuyers } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { type CreatorSession, type StudioItemJson, createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { screenshotBothSizes } from "./support/two-sizes";

// The catalog at scale (search, kind and price filters, sorts, cursor pages), a creator's page,
// the creator box and sales count on item pages, avatars, and link previews. On the suite's store
// (a second store start costs more than the whole spec on a loaded machine): the 30 items
// published here go off the catalog again afterwards, so the other specs see the seeded items.

const PHONE = { width: 390, height: 844 };
const BULK = 30;

/** A real PNG of one colour, made here so the test needs no image files. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

const store = { url: "" };
let devnet: DevnetFile;
const creatorKey = generatePrivateKey();
let creator: CreatorSession;
let bulk: StudioItemJson[];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  store.url = process.env.E2E_STORE_URL!;
  devnet = JSON.parse(process.env.E2E_DEVNET!) as DevnetFile;
  creator = await signInCreator(store.url, creatorKey);
  const profile = await creator.api.patch("/api/studio/profile", {
    data: { displayName: "Zora Quartz", payoutAddress: creator.account.address, bio: "Field recordings and field guides." },
  });
  expect(profile.status(), await profile.text()).toBe(200);
  // One PDF for every item, published five at a time: the setup is the slow part of this spec.
  const pdf = await samplePdf("bulk");
  const publish = async (index: number) => {
    const kind = (["ebook", "music", "course"] as const)[index % 3];
    const price = `${(index % 10) + 1}.${index < 10 ? "00" : "50"}`;
    const title = `${index % 5 === 0 ? "Quokka" : "Heron"} ${kind} volume ${String(index).padStart(2, "0")}`;
    const item = await createItem(creator.api, { title, kind, price, description: `Number ${index} of the bulk set.` });
    expect((await uploadFile(creator.api, item.id, "book.pdf", pdf)).status()).toBe(201);
    const published = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } });
    expect(published.status()).toBe(200);
    return (await published.json()) as StudioItemJson;
  };
  bulk = [];
  for (let batch = 0; batch < BULK; batch += 5) {
    bulk.push(...(await Promise.all(Array.from({ length: 5 }, (_, offset) => publish(batch + offset)))));
  }
});

test.afterAll(async () => {
  for (const item of bulk ?? []) {
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
  }
  await creator?.api.dispose();
});

/** How many items the catalog lists now (the seeded ones, these, and any another spec left published). */
async function publishedCount(request: APIRequestContext): Promise<number> {
  return ((await (await request.get(`${store.url}/api/catalog`)).json()) as { items: unknown[] }).items.length;
}

const cardSlugs = (page: Page) => page.getByTestId("item-card").evaluateAll((cards) => cards.map((card) => card.querySelector("a")!.getAttribute("href")!.replace("/items/", "")));
const cardPrices = (page: Page) => page.getByTestId("price").evaluateAll((tags) => tags.map((tag) => Number.parseFloat(tag.textContent!)));


/** No sideways scroll at 390 px, two catalog columns there, and screenshots at both sizes. */
async function checkLayout(page: Page, testInfo: TestInfo, name: string) {
  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  await screenshotBothSizes(page, testInfo, name);
  await page.setViewportSize(PHONE);
}

test.describe("without JavaScript: plain links and a GET form", () => {
  test.use({ javaScriptEnabled: false });

  test("pages of 24 go forward and back by cursor links; search, price range, sort and kind combine in the URL", async ({ page, request }) => {
    const total = await publishedCount(request);
    expect(total).toBeGreaterThanOrEqual(BULK + 6);
    expect(total).toBeLessThanOrEqual(48);
    await page.goto(`${store.url}/`);
    const cards = page.getByTestId("item-card");
    await expect(cards).toHaveCount(24);
    const first = await cardSlugs(page);
    await page.getByRole("link", { name: "Next →" }).click();
    expect(new URL(page.url()).searchParams.get("after")).toBeTruthy();
    await expect(cards).toHaveCount(total - 24);
    const second = await cardSlugs(page);
    expect(new Set([...first, ...second]).size).toBe(total);
    await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
    await page.getByRole("link", { name: "← Previous" }).click();
    expect(await cardSlugs(page)).toEqual(first);
    await expect(page.getByRole("link", { name: "← Previous" })).toHaveCount(0);

    // The form: words in title or description, a price range typed as people type prices, a sort.
    const form = page.getByRole("search", { name: "Search the catalog" });
    await form.getByLabel("Search").fill("quokka");
    await form.getByLabel("Min USDC").fill("$2");
    await form.getByLabel("Max USDC").fill("7");
    await form.getByLabel("Sort by").selectOption("price-desc");
    await form.getByRole("button", { name: "Search" }).click();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: "quokka", min: "$2", max: "7", sort: "price-desc" });
    const expected = bulk
      .filter((item) => item.title.startsWith("Quokka") && BigInt(item.priceAtomic) >= 2_000_000n && BigInt(item.priceAtomic) <= 7_000_000n)
      .sort((a, b) => Number(BigInt(b.priceAtomic) - BigInt(a.priceAtomic)) || a.slug.localeCompare(b.slug));
    expect(expected.length).toBeGreaterThan(1);
    expect(await cardSlugs(page)).toEqual(expected.map((item) => item.slug));

    // A kind chip keeps the search; the form keeps the kind.
    await page.getByRole("navigation", { name: "Filter by kind" }).getByRole("link", { name: "Music" }).click();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: "quokka", kind: "music", min: "$2", max: "7", sort: "price-desc" });
    expect(await cardSlugs(page)).toEqual(expected.filter((item) => item.title.includes("music")).map((item) => item.slug));
    await form.getByLabel("Search").fill("");
    await form.getByRole("button", { name: "Search" }).click();
    expect(new URL(page.url()).searchParams.get("kind")).toBe("music");
    for (const card of await cards.all()) await expect(card).toContainText("Music");

    // The creator's name is searched too, and a search for nothing says so.
    await page.goto(`${store.url}/?q=quartz&sort=price-asc`);
    await expect(cards).toHaveCount(24);
    const prices = await cardPrices(page);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    await page.goto(`${store.url}/?q=no-such-thing`);
    await expect(page.getByTestId("no-results")).toContainText("No items match");
  });

  test("malformed parameters fall back to defaults instead of failing the page", async ({ page }) => {
    for (const query of ["?sort=random&min=abc&max=-1&kind=video", "?after=not-a-cursor", "?before=%E0%A4%A", `?after=${"A".repeat(5000)}`, "?min=9e99&max=1.0000001", `?q=${"x".repeat(400)}`, "?sort=price-asc&after=WyJuZXdlc3QiLCIxIiwieCJd"]) {
      const response = await page.goto(`${store.url}/${query}`);
      expect(response?.status(), query).toBe(200);
      await expect(page.getByTestId("item-card"), query).toHaveCount(24);
    }
  });
});

test("the catalog, a filtered catalog and page 2: two columns on a phone, accessible, no sideways scroll", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${store.url}/`);
  const cards = page.getByTestId("item-card");
  const [left, right] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
  expect(left!.y).toBe(right!.y);
  expect(right!.x).toBeGreaterThan(left!.x + left!.width);
  await expectNoAxeViolations(page, "catalog");
  await checkLayout(page, testInfo, "catalog");

  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByRole("link", { name: "← Previous" })).toBeVisible();
  await expectNoAxeViolations(page, "catalog-page-2");
  await checkLayout(page, testInfo, "catalog-page-2");

  await page.goto(`${store.url}/?q=no-such-thing&kind=course`);
  await expectNoAxeViolations(page, "catalog-no-results");
  await checkLayout(page, testInfo, "catalog-no-results");
});

test("a creator's page lists only their items the same way, with its own link preview", async ({ page, request }, testInfo) => {
  await page.goto(`${store.url}/items/${bulk[0].slug}`);
  await page.getByTestId("creator-box").getByRole("link", { name: "Zora Quartz" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Zora Quartz" })).toBeVisible();
  await expect(page.getByText("Field recordings and field guides.")).toBeVisible();
  const creatorPage = new URL(page.url()).pathname;
  await expect(page.getByTestId("item-card")).toHaveCount(24);
  await page.getByRole("link", { name: "Next →" }).click();
  expect(new URL(page.url()).pathname).toBe(creatorPage);
  await expect(page.getByTestId("item-card")).toHaveCount(BULK - 24);
  await page.goto(`${store.url}${creatorPage}?q=quokka&kind=ebook`);
  const slugs = await cardSlugs(page);
  expect(slugs.sort()).toEqual(bulk.filter((item) => item.title.startsWith("Quokka ebook")).map((item) => item.slug).sort());
  await page.goto(`${store.url}${creatorPage}`);
  await expectNoAxeViolations(page, "creator");
  await checkLayout(page, testInfo, "creator");
  // Another creator's page does not list these.
  await page.goto(`${store.url}/creators/ada-quill`);
  expect((await cardSlugs(page)).some((slug) => bulk.some((item) => item.slug === slug))).toBe(false);
  const metadata = await metaTags(request, `${store.url}${creatorPage}`);
  expect(metadata["og:title"]).toBe("Zora Quartz");
  expect(metadata["og:description"]).toBe("Field recordings and field guides.");
  expect(metadata["og:type"]).toBe("profile");
  expect(metadata["og:url"]).toBe(`${store.url}${creatorPage}`);
});

/** The page's <meta> tags by property or name, as a link preview reads them from the HTML. */
async function metaTags(request: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const response = await request.get(url, { headers });
  expect(response.status()).toBe(200);
  const html = await response.text();
  const tags: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/g)) {
    const key = /\b(?:property|name)="([^"]+)"/.exec(tag)?.[1];
    const content = /\bcontent="([^"]*)"/.exec(tag)?.[1];
    if (key && content !== undefined) tags[key] ??= content.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }
  return tags;
}

test("link previews: an item's Open Graph and Twitter tags carry its absolute cover URL, title, price and description", async ({ request }) => {
  const tags = await metaTags(request, `${store.url}/items/the-gasless-economy`);
  expect(tags["og:title"]).toBe("The Gasless Economy — 2.50 USDC");
  expect(tags["og:url"]).toBe(`${store.url}/items/the-gasless-economy`);
  expect(tags["og:site_name"]).toBe("x402 Storefront");
  expect(tags["og:description"]).toMatch(/^E-book by Ada Quill\. /);
  expect(tags["og:image"]).toBe(`${store.url}/api/covers/the-gasless-economy`);
  expect(tags["twitter:card"]).toBe("summary_large_image");
  expect(tags["twitter:image"]).toBe(tags["og:image"]);
  expect(tags["twitter:title"]).toBe(tags["og:title"]);
  expect(tags["twitter:data1"]).toBe("2.50 USDC");
  expect(tags["product:price:amount"]).toBe("2.50");
  expect(tags["product:price:currency"]).toBe("USDC");
  const cover = await request.get(tags["og:image"]);
  expect(cover.status()).toBe(200);
  expect(cover.headers()["content-type"]).toMatch(/^image\//);
  // Without TRUST_PROXY a client's X-Forwarded-Host does not move the preview's URLs to another site.
  const forwarded = await metaTags(request, `${store.url}/items/the-gasless-economy`, { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
  expect([forwarded["og:image"], forwarded["og:url"]]).toEqual([tags["og:image"], tags["og:url"]]);
});

test("studio profile: avatar upload (images only, bounded), sales count shown only when the creator allows it", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const item = bulk[1];
  // Off by default: no count on the item page, but the creator box, bio and last update are there.
  await page.goto(`${store.url}/items/${item.slug}`);
  const box = page.getByTestId("creator-box");
  await expect(box).toContainText("Field recordings and field guides.");
  await expect(box.getByTestId("item-updated")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await expect(box.getByTestId("sales-count")).toHaveCount(0);
  await expect(box.getByTestId("creator-initials")).toHaveText("ZQ");

  // One sale, paid by an agent.
  const [agent] = await fundFreshBuyers(devnet, 1, 10_000_000n);
  const pay = createPayingFetch({ signer: agent, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 10_000_000n });
  const paid = await pay(`${store.url}/api/download/${item.slug}`);
  expect(paid.status).toBe(200);
  await paid.arrayBuffer();

  // The creator signs in with the wallet in the browser.
  await installTestWallet(page, { privateKey: creatorKey, rpcUrl: devnet.rpcUrl, chainId: devnet.chainId });
  await page.goto(`${store.url}/studio`);
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  await expect(page.getByTestId("studio-wallet")).toBeVisible();
  await page.goto(`${store.url}/studio/profile`);

  // Not an image (judged by bytes, whatever the name says), or too large: refused, nothing changes.
  const input = page.getByTestId("avatar-input");
  await input.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
  await expect(page.getByTestId("avatar-upload").getByRole("alert")).toContainText("not accepted");
  await input.setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.concat([png(4, 4, [0, 0, 0]), Buffer.alloc(2 * 1024 * 1024)]) });
  await expect(page.getByTestId("avatar-upload").getByRole("alert")).toContainText("at most 2");
  expect((await request.get(`${store.url}/api/avatars/${await handleOf()}`)).status()).toBe(404);

  await input.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png(64, 64, [79, 70, 229]) });
  await expect(page.getByTestId("avatar-upload").getByRole("status")).toHaveText("Avatar saved.");
  const shown = page.getByTestId("avatar-upload").getByTestId("creator-avatar");
  await expect(shown).toHaveJSProperty("complete", true);
  expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);

  await page.getByRole("checkbox", { name: /Show how many times each item sold/ }).check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("profile-form").getByRole("status")).toHaveText("Saved.");
  await expectNoAxeViolations(page, "studio-profile");
  await checkLayout(page, testInfo, "studio-profile");

  await page.goto(`${store.url}/items/${item.slug}`);
  await expect(box.getByTestId("sales-count")).toHaveText("Sold 1 time");
  await expect(box.getByTestId("creator-avatar")).toHaveJSProperty("complete", true);
  expect(await box.getByTestId("creator-avatar").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expectNoAxeViolations(page, "item-creator-box");
  await checkLayout(page, testInfo, "item-creator-box");
  await page.goto(`${store.url}/items/${bulk[2].slug}`);
  await expect(box.getByTestId("sales-count")).toHaveText("No sales yet");

  // The avatar is served as the image it is, and it is what the creator page shares.
  const handle = await handleOf();
  const tags = await metaTags(request, `${store.url}/creators/${handle}`);
  expect(tags["og:image"]).toMatch(new RegExp(`^${store.url}/api/avatars/${handle}\\?v=\\d+$`));
  const avatar = await request.get(tags["og:image"]);
  expect([avatar.status(), avatar.headers()["content-type"], avatar.headers()["x-content-type-options"]]).toEqual([200, "image/png", "nosniff"]);

  // Turned off again, the count goes.
  await page.goto(`${store.url}/studio/profile`);
  await page.getByRole("checkbox", { name: /Show how many times each item sold/ }).uncheck();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("profile-form").getByRole("status")).toHaveText("Saved.");
  await page.goto(`${store.url}/items/${item.slug}`);
  await expect(box).toBeVisible();
  await expect(box.getByTestId("sales-count")).toHaveCount(0);
});

test("the avatar upload refuses strangers and other sites", async ({ request }) => {
  const image = png(8, 8, [0, 0, 0]);
  const anonymous = await request.put(`${store.url}/api/studio/profile/avatar`, { headers: { "x-file-name": "a.png", "content-type": "application/octet-stream" }, data: image });
  expect(anonymous.status()).toBe(401);
  const crossSite = await creator.api.put("/api/studio/profile/avatar", {
    headers: { "x-file-name": "a.png", "content-type": "application/octet-stream", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: image,
  });
  expect([crossSite.status(), ((await crossSite.json()) as { error: string }).error]).toEqual([403, "cross_site_request"]);
});

/** The handle a creator gets at first sign-in (see getOrCreateCreator). */
async function handleOf(): Promise<string> {
  return `creator-${creator.account.address.slice(2, 12).toLowerCase()}`;
}
