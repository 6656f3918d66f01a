import type { Page } from "@playwright/test";
import { formatUsdc } from "../lib/money/usdc";
import { expect, test } from "./fixtures";
import { fundedBuyerKey } from "./support/chain";
import { expectNoAxeViolations } from "./support/axe";
import { installTestWallet } from "./support/injected-wallet";
import { createItem, samplePdf, signInCreator } from "./support/studio";
import { screenshotBothSizes } from "./support/two-sizes";

// What the buyer and the creator are told when the wallet or the store says no, and that each
// message goes away once it no longer holds.

const ITEM = "/items/the-gasless-economy";
const PRICE = 2_500_000n;

async function connect(page: Page) {
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect(page.getByTestId("wallet-connected")).toBeVisible();
}

test("no wallet in the browser: the page says how to get one instead of offering a connect that fails", async ({ page }, testInfo) => {
  await page.goto(ITEM);
  const panel = page.getByTestId("wallet-connect");
  await expect(panel.getByText("No wallet found in this browser")).toBeVisible();
  await expect(panel.getByRole("button", { name: /Connect/ })).toHaveCount(0);
  await expect(page.getByText("The wallet could not connect")).toHaveCount(0);
  await screenshotBothSizes(page, testInfo, "no-wallet");
});

test("a tap on Connect connects at once, before the wallet code has arrived; wagmi then takes over", async ({ page, store }, testInfo) => {
  const { privateKey, account } = await fundedBuyerKey(store.devnet, 5_000_000n);
  const { address } = account;
  const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  // A slow phone: the wallet stack (every chunk with wagmi in it) is held back until released.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("wagmi")) {
      held.push(route.request().url());
      await released;
    }
    await route.fulfill({ response, body });
  });
  await page.goto(ITEM);
  await page.getByRole("button", { name: "Connect wallet" }).click();

  const connected = page.getByTestId("wallet-connected");
  await expect(connected).toContainText(`${address.slice(0, 6)}…${address.slice(-4)}`);
  await expect(connected.getByRole("status")).toHaveText("Getting the checkout ready…");
  await expect.poll(() => held.length).toBeGreaterThan(0);
  expect(wallet.calls).toContain("eth_requestAccounts");
  await screenshotBothSizes(page, testInfo, "connected-early");
  await expectNoAxeViolations(page, "connected early", testInfo);

  release();
  await expect(connected.getByRole("button", { name: "Disconnect" })).toBeVisible();
  await expect(page.getByTestId("buy-button")).toBeEnabled();
  await expect(page.getByRole("button", { name: /^Connect/ })).toHaveCount(0);
});

test("a tap on Connect asks the wallet before any of the framework's JavaScript has arrived", async ({ page, store }) => {
  const { privateKey, account } = await fundedBuyerKey(store.devnet, 5_000_000n);
  const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  // A very slow phone: no script file arrives until released, so React never hydrates before the tap.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(ITEM, { waitUntil: "domcontentloaded" });
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect.poll(() => wallet.calls.includes("eth_requestAccounts")).toBe(true);

  release();
  const connected = page.getByTestId("wallet-connected");
  await expect(connected).toContainText(`${account.address.slice(0, 6)}…${account.address.slice(-4)}`);
  await expect(connected.getByRole("button", { name: "Disconnect" })).toBeVisible();
  await expect(page.getByTestId("buy-button")).toBeEnabled();
});

test("a person who says yes in the wallet only after the checkout has loaded is still asked for the store's network", async ({ page, store }) => {
  const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
  const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: 1 });
  wallet.declineChainSwitch(true);
  // The checkout's code arrives only once the person has tapped Connect, so the tap lands on the
  // Connect shown while the checkout loads, which the checkout then replaces.
  let releaseCheckout = () => {};
  const checkoutReleased = new Promise<void>((resolve) => (releaseCheckout = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('"data-testid":"buy-panel"')) await checkoutReleased;
    await route.fulfill({ response, body });
  });
  const sayYes = wallet.holdAccountRequests();
  await page.goto(ITEM);
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect.poll(() => wallet.calls.includes("eth_requestAccounts")).toBe(true);

  releaseCheckout();
  await expect(page.getByTestId("buy-panel")).toBeVisible();
  sayYes();
  await expect(page.getByTestId("wallet-connected").getByRole("alert")).toContainText("You declined the switch to x402 Storefront devnet");
  expect(wallet.calls).toContain("wallet_switchEthereumChain");
});

test("a wallet on another network that declines the switch stays connected and is told the switch was declined", async ({ page, store }, testInfo) => {
  const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
  const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: 1 });
  wallet.declineChainSwitch(true);
  await page.goto(ITEM);
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  const connected = page.getByTestId("wallet-connected");
  await expect(connected).toBeVisible();
  await expect(connected.getByRole("alert")).toContainText("You declined the switch to x402 Storefront devnet");
  await expect(page.getByText("You declined the connection")).toHaveCount(0);
  await screenshotBothSizes(page, testInfo, "switch-declined");

  wallet.declineChainSwitch(false);
  await page.getByTestId("switch-chain").click();
  await expect(page.getByTestId("switch-chain")).toBeHidden();
  await expect(connected.getByRole("alert")).toHaveCount(0);
});

test("the wrong-network error goes away once the wallet has switched", async ({ page, store }, testInfo) => {
  const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
  const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: 1 });
  await page.goto(ITEM);
  await connect(page);
  // The wallet accepted the switch while connecting; the person then moved it back to chain 1.
  await wallet.setChainId(1);
  await expect(page.getByTestId("switch-chain")).toBeVisible();
  await page.getByTestId("buy-button").click();
  await expect(page.getByTestId("buy-error")).toContainText("another network");
  await screenshotBothSizes(page, testInfo, "wrong-network");

  await page.getByTestId("switch-chain").click();
  await expect(page.getByTestId("switch-chain")).toBeHidden();
  await expect(page.getByTestId("buy-error")).toBeHidden();
  expect(wallet.calls).not.toContain("eth_signTypedData_v4");
});

test("after signing, the button says the payment is settling, not to confirm in the wallet", async ({ page, store }, testInfo) => {
  const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
  await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  // The signed request is held until the page has been looked at: no timing involved.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let signedRequestSeen!: () => void;
  const signedRequest = new Promise<void>((resolve) => (signedRequestSeen = resolve));
  await page.route("**/api/download/**", async (route) => {
    if (route.request().headers()["payment-signature"]) {
      signedRequestSeen();
      await released;
    }
    await route.continue();
  });

  await page.goto(ITEM);
  await connect(page);
  const download = page.waitForEvent("download");
  await page.getByTestId("buy-button").click();
  await signedRequest;
  const button = page.getByTestId("buy-button");
  await expect(button).toHaveText(/Settling/);
  await expect(button).toBeDisabled();
  await screenshotBothSizes(page, testInfo, "settling");
  release();
  await download;
  await expect(page.getByTestId("purchase-receipt")).toBeVisible();
});

test("after paying, the balance shows what is left, also when the page then loses the store", async ({ page, store }, testInfo) => {
  const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
  await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  // The payment settles and the file arrives; the receipt request after it fails, as on a flaky connection.
  await page.route("**/api/receipts/**", (route) => route.abort("internetdisconnected"));
  await page.goto(ITEM);
  await connect(page);
  await expect(page.getByTestId("usdc-balance")).toContainText("5.00 USDC");
  const download = page.waitForEvent("download");
  await page.getByTestId("buy-button").click();
  await download;
  await expect(page.getByTestId("usdc-balance")).toContainText(`${formatUsdc(5_000_000n - PRICE)} USDC`);
  const error = page.getByTestId("buy-error");
  await expect(error).toContainText("Your payment went through");
  await expect(error).not.toContainText("othing was charged");
  await screenshotBothSizes(page, testInfo, "paid-not-delivered");
});

test("studio: the publish error about files goes away once a file is uploaded", async ({ page, store }, testInfo) => {
  const creator = await signInCreator(store.url);
  await page.context().addCookies((await creator.api.storageState()).cookies);
  const item = await createItem(creator.api);
  await page.goto(`/studio/items/${item.id}`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/Upload at least one file/)).toBeVisible();
  await screenshotBothSizes(page, testInfo, "publish-needs-file");

  await page.getByTestId("upload-input").setInputFiles({ name: "book.pdf", mimeType: "application/pdf", buffer: Buffer.from(await samplePdf(item.title)) });
  await expect(page.getByTestId("studio-file")).toContainText("book.pdf");
  await expect(page.getByText("Upload at least one file")).toHaveCount(0);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("item-status")).toContainText("Published at");
  await creator.api.dispose();
});
