import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { type Hex, createTestClient, http, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { type Store, expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, mintUsdc, sendUsdc } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { checkPage } from "./support/page-checks";
import { type CreatorSession, publishedItem, signInCreator } from "./support/studio";

// *Refund* on a sale: the creator's wallet (the injected test wallet, signing with its key and
// sending to anvil) transfers USDC to the buyer; the store records it after its on-chain check.

const PRICE = 3_000_000n;

type Sold = { creator: CreatorSession; creatorKey: Hex; buyer: `0x${string}`; transaction: Hex };

/**
 * A creator paid at a payout address of their own (so the studio wallet, which has gas, holds no
 * USDC yet) and one 3 USDC sale. The refund is sent from the studio wallet, as the store allows.
 */
async function sale(store: Store): Promise<Sold> {
  const creatorKey = generatePrivateKey();
  const creator = await signInCreator(store.url, creatorKey);
  const payout = privateKeyToAccount(generatePrivateKey()).address;
  expect((await creator.api.patch("/api/studio/profile", { data: { displayName: "Refunding Creator", payoutAddress: payout } })).status()).toBe(200);
  await createTestClient({ mode: "anvil", chain: foundry, transport: http(store.devnet.rpcUrl) }).setBalance({ address: creator.account.address, value: parseEther("1") });
  const { item } = await publishedItem(creator.api, { price: "3" });
  const [buyer] = await fundFreshBuyers(store.devnet, 1, 10_000_000n);
  const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: PRICE })(`${store.url}/api/download/${item.slug}`);
  expect(paid.status).toBe(200);
  await paid.arrayBuffer();
  const transaction = JSON.parse(Buffer.from(paid.headers.get("payment-response")!, "base64").toString()).transaction as Hex;
  return { creator, creatorKey, buyer: buyer.address, transaction };
}

/** The studio in a browser signed in as the creator, with a wallet holding `walletKey`. */
async function studioWithWallet(browser: Browser, store: Store, sold: Sold, walletKey: Hex) {
  const context = await browser.newContext({ baseURL: store.url, storageState: await (sold.creator.api as APIRequestContext).storageState() });
  const page = await context.newPage();
  const wallet = await installTestWallet(page, { privateKey: walletKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  await page.goto("/studio");
  return { page, wallet };
}

async function openRefund(page: Page) {
  await page.getByTestId("sale").getByRole("button", { name: "Refund", exact: true }).click();
  const panel = page.getByTestId("refund-panel");
  // Once the site was allowed, the wallet reconnects by itself when the panel opens again.
  const connectButton = panel.getByRole("button", { name: "Connect Test Wallet" });
  await expect(panel.getByTestId("wallet-connected").or(connectButton)).toBeVisible();
  if (await connectButton.isVisible()) await connectButton.click();
  await expect(panel.getByTestId("wallet-connected")).toBeVisible();
  return panel;
}

const sendButton = (page: Page) => page.getByTestId("refund-panel").getByRole("button", { name: /^Send .* USDC back$/ });

test("Refund sends USDC from the connected wallet and records it: refused cases send nothing, partial refunds add up to the payment", async ({ browser, store }, testInfo) => {
  test.setTimeout(180_000);
  const sold = await sale(store);
  const chain = chainReader(store.devnet);
  const { page, wallet } = await studioWithWallet(browser, store, sold, sold.creatorKey);
  const sent = () => wallet.calls.filter((call) => call === "eth_sendTransaction").length;
  await checkPage(page, testInfo, "refund-closed", { screenshot: true });

  const panel = await openRefund(page);
  await expect(panel.getByLabel("Refund amount (USDC)")).toHaveValue("3.00");
  await checkPage(page, testInfo, "refund-open", { screenshot: true });

  // More than was paid: refused before the wallet is asked.
  await panel.getByLabel("Refund amount (USDC)").fill("3.5");
  await sendButton(page).click();
  await expect(panel.getByTestId("field-error")).toHaveText("You can refund at most 3.00 USDC: the buyer paid 3.00.");
  await checkPage(page, testInfo, "refund-over-limit", { screenshot: true });

  // The wallet holds no USDC yet.
  await panel.getByLabel("Refund amount (USDC)").fill("1");
  await sendButton(page).click();
  await expect(panel.getByTestId("refund-error")).toContainText("Not enough USDC: this refund is 1.00 USDC and your wallet holds 0.00.");
  await checkPage(page, testInfo, "refund-insufficient", { screenshot: true });
  await mintUsdc(store.devnet, sold.creator.account.address, 10_000_000n);

  // On another network.
  await wallet.setChainId(1);
  await sendButton(page).click();
  await expect(panel.getByTestId("refund-error")).toContainText("Your wallet is on another network.");
  await checkPage(page, testInfo, "refund-wrong-chain", { screenshot: true });
  await wallet.setChainId(store.devnet.chainId);

  // The person presses Cancel in the wallet.
  wallet.rejectSignatures(true);
  await sendButton(page).click();
  await expect(panel.getByTestId("refund-error")).toHaveText("You declined the transfer in your wallet. Nothing was sent or recorded.");
  await checkPage(page, testInfo, "refund-rejected", { screenshot: true });
  wallet.rejectSignatures(false);
  expect(await chain.balanceOf(sold.buyer)).toBe(10_000_000n - PRICE);
  await expect(page.getByTestId("sale-refunded")).toHaveCount(0);

  // A partial refund: sent, mined, checked and recorded; no hash copied anywhere.
  const attemptsBefore = sent();
  await sendButton(page).click();
  await expect(page.getByTestId("sale-refunded")).toHaveText("1.00 USDC refunded");
  expect(sent()).toBe(attemptsBefore + 1);
  expect(await chain.balanceOf(sold.buyer)).toBe(10_000_000n - PRICE + 1_000_000n);
  expect(await chain.balanceOf(sold.creator.account.address)).toBe(9_000_000n);
  await checkPage(page, testInfo, "refund-partial", { screenshot: true });

  // The rest: the amount now defaults to what is left.
  const rest = await openRefund(page);
  await expect(rest.getByLabel("Refund amount (USDC)")).toHaveValue("2.00");
  await sendButton(page).click();
  await expect(page.getByTestId("sale-refunded")).toHaveText("3.00 USDC refunded");
  await expect(page.getByTestId("sale").getByRole("button", { name: "Refund", exact: true })).toHaveCount(0);
  expect(await chain.balanceOf(sold.buyer)).toBe(10_000_000n);
  await checkPage(page, testInfo, "refund-full", { screenshot: true });

  // Nothing more can be recorded, whatever the chain says: the server's own check.
  const extra = await sendUsdc(store.devnet, sold.creator.account, sold.buyer, 500_000n);
  const refused = await sold.creator.api.post("/api/studio/refunds", { data: { saleTransaction: sold.transaction, refundTransaction: extra, amount: "0.5" } });
  expect([refused.status(), (await refused.json()).error]).toEqual([409, "exceeds_payment"]);
  await page.context().close();
});

test("Refund from a wallet account that the sale did not pay is refused before anything is sent", async ({ browser, store }, testInfo) => {
  test.setTimeout(120_000);
  const sold = await sale(store);
  const other = generatePrivateKey();
  await mintUsdc(store.devnet, privateKeyToAccount(other).address, 5_000_000n);
  const { page, wallet } = await studioWithWallet(browser, store, sold, other);
  const panel = await openRefund(page);
  await sendButton(page).click();
  await expect(panel.getByTestId("refund-error")).toContainText("is not the address this sale paid");
  await checkPage(page, testInfo, "refund-wrong-account", { screenshot: true });
  expect(wallet.calls).not.toContain("eth_sendTransaction");
  expect(await chainReader(store.devnet).balanceOf(sold.buyer)).toBe(10_000_000n - PRICE);
  await page.context().close();
});
