import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import type { Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "../lib/devnet/devnet-file";
import { FAUCET_AMOUNT } from "../lib/devnet/faucet";
import { formatBytes } from "../lib/format/bytes";
import { formatUsdc } from "../lib/money/usdc";
import { shortAddress } from "../lib/receipts/names";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { type AttackerSite, SUBMIT_FIRST_FORM, startAttackerSite, textPlainJsonForm } from "./support/attacker-site";
import { chainReader, mintUsdc } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { type CatalogItem, catalogItem } from "./support/interop";
import { screenshotBothSizes } from "./support/two-sizes";

// The checkout a buyer can trust before signing: the summary, the balance and test USDC before the
// click, the signing and settling steps, the receipt (panel, page, print), the creator's own item,
// the phone's sticky buy bar; and the devnet faucet's abuse cases.

// The 0.75 USDC e-book (one PDF) by the demo's first creator.
const SLUG = "field-notes-on-stablecoins";
const FAUCET_PER_HOUR = 6;

type Shop = { url: string; devnet: DevnetFile; store: StartedStore; database: IsolatedDatabase };
let shop: Shop;
let attacker: AttackerSite;

// One store for the file, with a small faucet allowance so the rate limit can be reached.
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  const database = await isolatedDatabase();
  const store = await startStore({ ...NO_RATE_LIMITS, RATE_LIMIT_FAUCET_PER_HOUR: String(FAUCET_PER_HOUR), DATABASE_URL: database.url });
  shop = { url: store.url, store, database, devnet: JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8")) as DevnetFile };
  attacker = await startAttackerSite();
});
test.afterAll(async () => {
  await attacker?.close();
  if (shop) {
    await stopStore(shop.store);
    await shop.database.drop();
  }
});

async function walletWith(page: Page, usdc: bigint, privateKey = generatePrivateKey()) {
  const address = privateKeyToAccount(privateKey).address;
  if (usdc > 0n) await mintUsdc(shop.devnet, address, usdc);
  const wallet = await installTestWallet(page, { privateKey, rpcUrl: shop.devnet.rpcUrl, chainId: shop.devnet.chainId });
  return { ...wallet, signatures: () => wallet.calls.filter((call) => call === "eth_signTypedData_v4").length };
}

async function openItem(page: Page, slug = SLUG) {
  await page.goto(`${shop.url}/items/${slug}`);
}

async function connect(page: Page) {
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect(page.getByTestId("wallet-connected")).toBeVisible();
}



/** Screenshots at both sizes, axe at both (the sticky bar exists only on phones). */
async function checkState(page: Page, testInfo: TestInfo, name: string) {
  await screenshotBothSizes(page, testInfo, name);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

type Listed = CatalogItem & { title: string; creator: { name: string } };
const listedItem = () => catalogItem(shop.url, SLUG) as Promise<Listed>;

/** A description list as { term: definition } (text only), the way a person reads it. */
function definitions(page: Page, testId: string): Promise<Record<string, string>> {
  return page
    .getByTestId(testId)
    .locator("dt")
    .evaluateAll((terms) => Object.fromEntries(terms.map((term) => [term.textContent ?? "", term.nextElementSibling?.textContent ?? ""])));
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

test("before anything is signed, the summary says the amount, the file and its size, the seller, the network, no gas and what the wallet will show", async ({ page }, testInfo) => {
  const wallet = await walletWith(page, 5_000_000n);
  const listed = await listedItem();
  await openItem(page);
  const summary = page.getByTestId("checkout-summary");
  await expect(summary).toBeVisible();
  expect(await definitions(page, "checkout-summary")).toEqual({
    "You pay": "0.75 USDC",
    "You get": `${listed.files[0].name} (${formatBytes(listed.files[0].size)})`,
    Seller: `${listed.creator.name} ${shortAddress(listed.payTo)}`,
    Network: "x402 Storefront devnet",
    "Gas fee": "No gas fee: the store pays it",
    "Your wallet shows": "A signature request, Transfer with authorization for USD Coin, not a transaction. The USDC moves when the store settles it.",
  });
  await expect(summary.getByTitle(listed.payTo)).toBeVisible();
  await checkState(page, testInfo, "checkout-summary-signed-out");

  await connect(page);
  await expect(summary.getByTestId("usdc-balance")).toHaveText("5.00 USDC");
  await expect(page.getByTestId("buy-button")).toBeEnabled();
  await expect(page.getByTestId("not-enough-usdc")).toHaveCount(0);
  await checkState(page, testInfo, "checkout-summary-connected");
  expect(wallet.signatures()).toBe(0);
});

test("a wallet without enough USDC is told before the click, Buy is disabled, and Get test USDC mints exactly the faucet's amount and enables Buy", async ({ page }, testInfo) => {
  const wallet = await walletWith(page, 0n);
  const chain = chainReader(shop.devnet);
  await openItem(page);
  await connect(page);
  const short = page.getByTestId("not-enough-usdc");
  await expect(short).toContainText("Not enough USDC");
  await expect(short).toContainText("This costs 0.75 USDC and your wallet holds 0.00 USDC.");
  await expect(page.getByTestId("buy-button")).toBeDisabled();
  await checkState(page, testInfo, "checkout-not-enough-usdc");

  await short.getByRole("button", { name: "Get test USDC" }).click();
  await expect(page.getByTestId("faucet-result")).toHaveText(`Added ${formatUsdc(FAUCET_AMOUNT)} USDC to your wallet.`);
  await expect(page.getByTestId("usdc-balance")).toHaveText(`${formatUsdc(FAUCET_AMOUNT)} USDC`);
  expect(await chain.balanceOf(wallet.address)).toBe(FAUCET_AMOUNT);
  await expect(page.getByTestId("not-enough-usdc")).toHaveCount(0);
  await expect(page.getByTestId("buy-button")).toBeEnabled();
  await checkState(page, testInfo, "checkout-after-test-usdc");
  expect(wallet.signatures()).toBe(0);
});

test("the steps: Sign is current while the wallet is asked, Settle while the store settles; then the receipt names store, seller, item, files, number, network and token, and prints with a header", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const wallet = await walletWith(page, 5_000_000n);
  const listed = await listedItem();
  // Each request of the purchase is held until the page has been looked at: no timing involved.
  const held = { unpaid: deferred(), paid: deferred() };
  const seen = { unpaid: deferred(), paid: deferred() };
  await page.route(`${shop.url}/api/download/**`, async (route) => {
    const kind = route.request().headers()["payment-signature"] ? "paid" : "unpaid";
    seen[kind].resolve();
    await held[kind].promise;
    await route.continue();
  });
  await openItem(page);
  await connect(page);
  const steps = page.getByTestId("checkout-steps");
  const step = (label: string) => steps.getByRole("listitem").filter({ hasText: label });

  const download = page.waitForEvent("download");
  await page.getByTestId("buy-button").click();
  await seen.unpaid.promise;
  await expect(step("Sign")).toHaveAttribute("aria-current", "step");
  await expect(step("Settle")).not.toHaveAttribute("aria-current", "step");
  await checkState(page, testInfo, "checkout-step-signing");
  held.unpaid.resolve();

  await seen.paid.promise;
  await expect(step("Settle")).toHaveAttribute("aria-current", "step");
  await expect(step("Sign")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("buy-button")).toHaveText("Settling the payment…");
  expect(wallet.signatures()).toBe(1);
  await checkState(page, testInfo, "checkout-step-settling");
  held.paid.resolve();
  await download;

  const panel = page.getByTestId("purchase-receipt");
  await expect(panel).toBeVisible();
  await expect(steps.getByRole("listitem").and(page.locator("[data-state=done]"))).toHaveCount(3);
  await expect(steps.locator("[aria-current]")).toHaveCount(0);
  const number = (await panel.getByTestId("receipt-number").textContent())!;
  expect(number).toMatch(/^XS-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  const transaction = (await panel.getByTestId("receipt-transaction").textContent())!.trim();
  expect(number.replaceAll("-", "").slice(2)).toBe(transaction.slice(2, 14).toUpperCase());
  const sellerName = listed.creator.name;
  for (const text of [listed.title, `sold by ${sellerName} (${shortAddress(listed.payTo)}) on x402 Storefront`, `${listed.files[0].name} (${formatBytes(listed.files[0].size)})`, "USD Coin (USDC) on x402 Storefront devnet"]) {
    await expect(panel).toContainText(text);
  }
  await expect(panel).not.toContainText("eip155:");
  await expect(panel.getByRole("link", { name: "My library" })).toHaveAttribute("href", "/library");
  await checkState(page, testInfo, "checkout-purchase-receipt");

  await panel.getByRole("link", { name: "Receipt" }).click();
  const receipt = page.getByTestId("receipt-page");
  await expect(receipt.getByTestId("receipt-number")).toHaveText(number);
  const rows = await definitions(page, "receipt-page");
  expect(rows).toMatchObject({
    "Receipt number": number,
    Store: "x402 Storefront",
    Item: listed.title,
    Files: `${listed.files[0].name} (${formatBytes(listed.files[0].size)})`,
    Amount: "0.75 USDC",
    // The name first; the id and the address only in the small print after it.
    Network: "x402 Storefront devneteip155:31337",
  });
  expect(rows.Token.toLowerCase()).toBe(`usd coin (usdc)${shop.devnet.usdc.toLowerCase()}`);
  expect(rows.Seller.toLowerCase()).toBe(`${sellerName}Paid to ${listed.payTo}`.toLowerCase());
  await expect(receipt.getByRole("link", { name: "Download your files from My library" })).toHaveAttribute("href", "/library");
  await checkState(page, testInfo, "receipt-page");

  await page.emulateMedia({ media: "print" });
  await expect(receipt.getByTestId("receipt-print-header")).toBeVisible();
  await expect(receipt.getByTestId("receipt-print-header")).toContainText(`x402 Storefront · receipt ${number}`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath("receipt-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await expect(receipt.getByTestId("receipt-print-header")).toBeHidden();
});

test("the creator's own item says This is your item and links to the studio instead of offering Buy", async ({ page }, testInfo) => {
  const listed = await listedItem();
  const creator = shop.devnet.creators.find((account) => account.address === listed.payTo)!;
  const wallet = await walletWith(page, 0n, creator.privateKey);
  await openItem(page);
  await connect(page);
  const own = page.getByTestId("own-item");
  await expect(own).toContainText("This is your item");
  await expect(own.getByRole("link", { name: "Edit it in the studio" })).toHaveAttribute("href", /^\/studio\/items\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("buy-button")).toHaveCount(0);
  await expect(page.getByTestId("checkout-summary")).toHaveCount(0);
  await expect(page.getByTestId("not-enough-usdc")).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.getByTestId("sticky-buy-bar")).toHaveCount(0);
  await checkState(page, testInfo, "checkout-own-item");
  expect(wallet.signatures()).toBe(0);
});

test("on a 390 px phone a sticky bar keeps the price and Connect, then Buy, in reach while scrolling, never covers the page's end, with 44 px targets", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const wallet = await walletWith(page, 5_000_000n);
  await page.setViewportSize({ width: 390, height: 844 });
  await openItem(page);
  const bar = page.getByTestId("sticky-buy-bar");
  const action = page.getByTestId("sticky-buy-action");

  // At the top, signed out, the panel's buttons are below the fold: the bar offers Connect, which brings them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bar).toContainText("0.75 USDC");
  await expect(action).toHaveText("Connect wallet");
  await expectBarReachable(page);
  await screenshotBothSizes(page, testInfo, "sticky-bar-signed-out");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bar).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);
  await action.click();
  await expect(page.getByRole("button", { name: "Connect Test Wallet" })).toBeInViewport();
  await expect(bar).toBeHidden();
  await connect(page);

  // Connected, scrolled away from the panel: the bar's button buys, exactly like the panel's.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(action).toHaveText("Buy");
  await expectBarReachable(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("sticky-bar-connected-390.png") });
  const download = page.waitForEvent("download");
  await action.click();
  await download;
  await expect(page.getByTestId("purchase-receipt")).toBeVisible();
  expect(wallet.signatures()).toBe(1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(action).toHaveText("Download");

  // Not on a laptop: the panel is beside the cover there.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(bar).toBeHidden();
});

/**
 * The bar is inside the viewport with a 44 px tall button, and the page's end can always be
 * scrolled above it: at the bottom, the footer ends higher than the bar's top would be.
 */
async function expectBarReachable(page: Page) {
  const [bar, button] = [await page.getByTestId("sticky-buy-bar").boundingBox(), await page.getByTestId("sticky-buy-action").boundingBox()];
  expect(bar && button).toBeTruthy();
  expect(bar!.y + bar!.height).toBeLessThanOrEqual(844.5);
  expect(bar!.y).toBeGreaterThan(0);
  expect(button!.height).toBeGreaterThanOrEqual(44);
  const scrollY = await page.evaluate(() => window.scrollY);
  const footerBottom = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return document.querySelector("footer")!.getBoundingClientRect().bottom;
  });
  expect(footerBottom).toBeLessThanOrEqual(bar!.y);
  await page.evaluate((y) => window.scrollTo(0, y), scrollY);
}

test.describe("the devnet faucet refuses abuse and changes nothing", () => {
  const victim = () => privateKeyToAccount(generatePrivateKey()).address;
  const balance = (address: Address) => chainReader(shop.devnet).balanceOf(address);

  test("from another site or another port of the host: a text/plain form and a header-only request are refused cross_site_request", async ({ page, request }) => {
    const wallet = victim();
    for (const origin of [attacker.crossSite, attacker.sameSite]) {
      attacker.serve("/faucet", textPlainJsonForm(`${shop.url}/api/devnet/faucet`, { wallet }) + SUBMIT_FIRST_FORM);
      const answer = page.waitForResponse(`${shop.url}/api/devnet/faucet`);
      await page.goto(`${origin}/faucet`);
      const response = await answer;
      expect(response.status()).toBe(403);
      expect((await response.json()).error).toBe("cross_site_request");
    }
    const direct = await request.post(`${shop.url}/api/devnet/faucet`, { data: { wallet }, headers: { origin: "http://evil.example" } });
    expect(direct.status()).toBe(403);
    expect((await direct.json()).error).toBe("cross_site_request");
    expect(await balance(wallet)).toBe(0n);
  });

  test("a bad wallet is refused invalid_input; past the hourly allowance the client gets 429 rate_limited and nothing is minted", async ({ request }) => {
    const bad = await request.post(`${shop.url}/api/devnet/faucet`, { data: { wallet: "0x1234" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toBe("invalid_input");
    // Whatever earlier tests used, the allowance runs out within FAUCET_PER_HOUR requests.
    let status = 0;
    for (let attempt = 0; attempt <= FAUCET_PER_HOUR && status !== 429; attempt++) {
      status = (await request.post(`${shop.url}/api/devnet/faucet`, { data: {} })).status();
    }
    expect(status).toBe(429);
    const wallet = victim();
    const refused = await request.post(`${shop.url}/api/devnet/faucet`, { data: { wallet } });
    expect(refused.status()).toBe(429);
    expect((await refused.json()).error).toBe("rate_limited");
    expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
    expect(await balance(wallet)).toBe(0n);
  });
});
