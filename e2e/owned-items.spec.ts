import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page, TestInfo } from "@playwright/test";
import { privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { catalogItem, freshBuyer } from "./support/interop";
import type { Store } from "./fixtures";

// The 0.75 USDC e-book of issue 12 ("10.00 → 8.50 USDC for one 0.75 e-book").
const SLUG = "field-notes-on-stablecoins";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A wallet of its own per test (10 USDC, nothing bought), so what it owns is only what the test buys. */
async function walletInPage(page: Page, store: Store) {
  const buyer = await freshBuyer(store.devnet);
  const wallet = await installTestWallet(page, { privateKey: buyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  return { ...wallet, privateKey: buyer.privateKey, count: (method: string) => wallet.calls.filter((call) => call === method).length };
}

/** Buys the item over HTTP, as an agent or another browser would, outside this page. */
async function buyOutsideThePage(store: Store, privateKey: `0x${string}`, price: bigint) {
  const payingFetch = createPayingFetch({ signer: privateKeyToAccount(privateKey), network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: price });
  const response = await payingFetch(`${store.url}/api/download/${SLUG}`);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

async function openItemConnected(page: Page) {
  await page.goto(`/items/${SLUG}`);
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect(page.getByTestId("wallet-connected")).toBeVisible();
}

async function screenshotsAtBothSizes(page: Page, testInfo: TestInfo, name: string) {
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId("buy-panel").scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}x${height}.png`), fullPage: true });
  }
}

test.describe("an item the connected wallet already owns", () => {
  test("after a purchase the panel says You own this with no active Buy, stays so after a reload, and pays again only after an explicit confirmation", async ({ page, store }, testInfo) => {
    const wallet = await walletInPage(page, store);
    const chain = chainReader(store.devnet);
    const item = await catalogItem(store.url, SLUG);
    const price = BigInt(item.price.atomic);
    const before = await chain.balanceOf(wallet.address);
    const panel = page.getByTestId("buy-panel");

    await openItemConnected(page);
    const bought = page.waitForEvent("download");
    await page.getByTestId("buy-button").click();
    await bought;
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
    expect(await chain.balanceOf(wallet.address)).toBe(before - price);

    // The bug: Buy stayed active after the purchase and a second click charged again. Soft, so that
    // on the old code the run goes on to show the second charge itself.
    await expect.soft(panel.getByText("You own this")).toBeVisible();
    await expect.soft(panel.getByRole("button", { name: /^Buy for/ })).toHaveCount(0);
    await screenshotsAtBothSizes(page, testInfo, "owned-after-purchase");
    // Whatever button offers to buy, pressed without confirming, signs nothing and moves nothing.
    await panel.getByRole("button", { name: /^Buy/ }).first().click();
    const confirm = panel.getByTestId("buy-again-confirm");
    await expect.soft(confirm).toBeVisible();
    expect(wallet.count("eth_signTypedData_v4")).toBe(1);
    expect(await chain.balanceOf(wallet.address)).toBe(before - price);
    await expect(confirm).toContainText("charges 0.75 USDC a second time");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();

    // Coming back: the store, not the page's memory, says the wallet owns it.
    await page.reload();
    await expect(page.getByTestId("wallet-connected")).toBeVisible();
    await expect(panel.getByText("You own this")).toBeVisible();
    await expect(panel.getByRole("button", { name: /^Buy for/ })).toHaveCount(0);
    expect(wallet.count("eth_signTypedData_v4")).toBe(1);
    expect(await chain.balanceOf(wallet.address)).toBe(before - price);

    // Buying again, confirmed: one more signature, one more price, and still owned.
    await panel.getByRole("button", { name: "Buy again" }).click();
    const again = page.waitForEvent("download");
    await confirm.getByRole("button", { name: "Pay 0.75 USDC again" }).click();
    await again;
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
    expect(wallet.count("eth_signTypedData_v4")).toBe(2);
    expect(await chain.balanceOf(wallet.address)).toBe(before - 2n * price);
    await expect(panel.getByText("You own this")).toBeVisible();
  });

  test("coming back without a library session: Download costs one free Sign-In-With-X signature, gives the catalog's file and moves no money", async ({ page, store }, testInfo) => {
    const wallet = await walletInPage(page, store);
    const chain = chainReader(store.devnet);
    const item = await catalogItem(store.url, SLUG);
    await buyOutsideThePage(store, wallet.privateKey, BigInt(item.price.atomic));
    const [buyerBefore, creatorBefore] = [await chain.balanceOf(wallet.address), await chain.balanceOf(item.payTo)];

    await openItemConnected(page);
    const panel = page.getByTestId("buy-panel");
    await expect(panel.getByText("You own this")).toBeVisible();
    await expect(panel.getByRole("button", { name: /^Buy for/ })).toHaveCount(0);
    await screenshotsAtBothSizes(page, testInfo, "owned-signed-out");

    const download = page.waitForEvent("download");
    await panel.getByTestId("owned-download").click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(item.files[0].name);
    expect(sha256(readFileSync(await saved.path()))).toBe(item.files[0].sha256);
    await expect(panel.getByTestId("redownload-saved")).toContainText("Nothing was charged");
    expect(wallet.count("personal_sign")).toBe(1);
    expect(wallet.count("eth_signTypedData_v4")).toBe(0);
    expect(await chain.balanceOf(wallet.address)).toBe(buyerBefore);
    expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore);
  });

  test("signed in to the library: the owned state downloads through the session, with no signature and no money", async ({ page, store }, testInfo) => {
    const wallet = await walletInPage(page, store);
    const chain = chainReader(store.devnet);
    const item = await catalogItem(store.url, SLUG);
    await buyOutsideThePage(store, wallet.privateKey, BigInt(item.price.atomic));
    const before = await chain.balanceOf(wallet.address);

    await page.goto("/library");
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await page.getByRole("button", { name: "Sign in with your wallet" }).click();
    await expect(page.getByTestId("library-wallet")).toHaveText(wallet.address);
    const signIns = wallet.count("personal_sign");

    await page.goto(`/items/${SLUG}`);
    const panel = page.getByTestId("buy-panel");
    await expect(panel.getByText("You own this")).toBeVisible();
    await expect(panel.getByTestId("owned-download")).toHaveCount(0);
    await screenshotsAtBothSizes(page, testInfo, "owned-library-session");
    const download = page.waitForEvent("download");
    await panel.getByRole("link", { name: `Download ${item.files[0].name}` }).click();
    const saved = await download;
    expect(sha256(readFileSync(await saved.path()))).toBe(item.files[0].sha256);
    expect(wallet.count("personal_sign")).toBe(signIns);
    expect(wallet.count("eth_signTypedData_v4")).toBe(0);
    expect(await chain.balanceOf(wallet.address)).toBe(before);
  });

  test("a wallet that does not own the item sees Buy; the ownership answer is per wallet and item", async ({ page, store }) => {
    const owner = await freshBuyer(store.devnet);
    const item = await catalogItem(store.url, SLUG);
    await buyOutsideThePage(store, owner.privateKey, BigInt(item.price.atomic));
    const wallet = await walletInPage(page, store);

    await openItemConnected(page);
    const panel = page.getByTestId("buy-panel");
    await expect(panel.getByTestId("buy-button")).toBeEnabled();
    await expect(panel.getByText("You own this")).toHaveCount(0);

    const ask = async (wallet: string, slug = SLUG) => {
      const response = await page.request.get(`/api/ownership/${slug}?wallet=${wallet}`);
      return [response.status(), await response.json()];
    };
    expect(await ask(wallet.address)).toEqual([200, { owned: false }]);
    expect(await ask(owner.address)).toEqual([200, { owned: true }]);
    expect(await ask(owner.address.toLowerCase())).toEqual([200, { owned: true }]);
    expect(await ask("0x1234")).toMatchObject([400, { error: "invalid_wallet" }]);
    expect(await ask(owner.address, "no-such-item")).toMatchObject([404, { error: "not_found" }]);
  });
});
