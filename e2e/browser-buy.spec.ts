import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { Hex } from "viem";
import { expect, test } from "./fixtures";
import { chainReader } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";

type CatalogItem = { slug: string; kind: string; price: { atomic: string }; payTo: Hex; files: { name: string; sha256: string; size: number }[] };

async function catalogItem(page: Page, slug: string): Promise<CatalogItem> {
  const catalog = (await (await page.request.get("/api/catalog")).json()) as { items: CatalogItem[] };
  return catalog.items.find((item) => item.slug === slug)!;
}

async function connect(page: Page) {
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect(page.getByTestId("wallet-connected")).toBeVisible();
}

test.describe("buying in the browser with a wallet", () => {
  for (const slug of ["field-notes-on-stablecoins", "sine-of-the-times", "building-for-agents"]) {
    test(`buys ${slug}: the saved file is the catalog's, USDC moves by the price, the receipt shows the transaction`, async ({ page, store }, testInfo) => {
      const buyerKey = store.devnet.buyers[2].privateKey;
      const wallet = await installTestWallet(page, { privateKey: buyerKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
      const chain = chainReader(store.devnet);
      const item = await catalogItem(page, slug);
      const price = BigInt(item.price.atomic);
      const [buyerBefore, creatorBefore] = [await chain.balanceOf(wallet.address), await chain.balanceOf(item.payTo)];

      await page.goto(`/items/${slug}`);
      await connect(page);
      await expect(page.getByTestId("usdc-balance")).toContainText("USDC");
      await page.screenshot({ path: testInfo.outputPath("item-page-connected.png"), fullPage: true });

      const download = page.waitForEvent("download");
      await page.getByTestId("buy-button").click();
      const saved = await download;
      const bytes = readFileSync(await saved.path());
      if (item.files.length === 1) {
        expect(saved.suggestedFilename()).toBe(item.files[0].name);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(item.files[0].sha256);
      } else {
        expect(saved.suggestedFilename()).toBe(`${slug}.zip`);
        for (const file of item.files) expect(bytes.includes(Buffer.from(file.name))).toBe(true);
      }

      const receipt = page.getByTestId("purchase-receipt");
      await expect(receipt).toBeVisible();
      const transaction = (await receipt.getByTestId("receipt-transaction").textContent())!.trim();
      await page.screenshot({ path: testInfo.outputPath("purchase-success.png"), fullPage: true });
      expect(await chain.balanceOf(wallet.address)).toBe(buyerBefore - price);
      expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore + price);
      expect(wallet.calls.filter((call) => call === "eth_signTypedData_v4")).toHaveLength(1);

      const row = await (await page.request.get(`/api/receipts/${transaction}`)).json();
      expect(row).toMatchObject({ item: { slug }, payer: wallet.address, amount: { atomic: item.price.atomic }, status: "settled" });
      await page.getByRole("link", { name: "Receipt" }).click();
      await expect(page.getByTestId("receipt-page")).toContainText(transaction);
    });
  }
});

test.describe("when buying goes wrong, nothing is charged and the page explains", () => {
  test("a rejected signature", async ({ page, store }) => {
    const wallet = await installTestWallet(page, { privateKey: store.devnet.buyers[2].privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    const chain = chainReader(store.devnet);
    const before = await chain.balanceOf(wallet.address);
    await page.goto("/items/the-gasless-economy");
    await connect(page);
    wallet.rejectSignatures(true);
    await page.getByTestId("buy-button").click();
    await expect(page.getByTestId("buy-error")).toContainText("You rejected the signature");
    await expect(page.getByTestId("buy-button")).toBeEnabled();
    expect(await chain.balanceOf(wallet.address)).toBe(before);
  });

  test("a wallet without enough USDC", async ({ page, store }) => {
    const wallet = await installTestWallet(page, { privateKey: store.devnet.unfundedBuyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    await page.goto("/items/the-gasless-economy");
    await connect(page);
    await expect(page.getByTestId("usdc-balance")).toContainText("0.00 USDC");
    // Said before the click now (e2e/checkout.spec.ts): Buy cannot be pressed.
    await expect(page.getByTestId("not-enough-usdc")).toContainText("Not enough USDC");
    await expect(page.getByTestId("buy-button")).toBeDisabled();
    expect(wallet.calls).not.toContain("eth_signTypedData_v4");
  });

  test("a wallet on another chain is offered the switch, then buys", async ({ page, store }) => {
    const wallet = await installTestWallet(page, { privateKey: store.devnet.buyers[2].privateKey, rpcUrl: store.devnet.rpcUrl, chainId: 1 });
    // An item this wallet has not bought above: one it owns offers "You own this" instead of Buy.
    await page.goto("/items/midnight-blocks");
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    const connected = page.getByTestId("wallet-connected");
    await expect(connected).toBeVisible();
    // wagmi asks the wallet to switch while connecting; a wallet that stays on chain 1 gets the prompt.
    await wallet.setChainId(1);
    const switchButton = page.getByTestId("switch-chain");
    await expect(switchButton).toBeVisible();
    await page.getByTestId("buy-button").click();
    await expect(page.getByTestId("buy-error")).toContainText("another network");
    await switchButton.click();
    await expect(switchButton).toBeHidden();
    expect(wallet.calls).toContain("wallet_switchEthereumChain");
    const download = page.waitForEvent("download");
    await page.getByTestId("buy-button").click();
    await download;
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
  });

  test("a double click pays once", async ({ page, store }) => {
    const wallet = await installTestWallet(page, { privateKey: store.devnet.buyers[2].privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    const chain = chainReader(store.devnet);
    const item = await catalogItem(page, "the-gasless-economy");
    const before = await chain.balanceOf(wallet.address);
    await page.goto("/items/the-gasless-economy");
    await connect(page);
    const download = page.waitForEvent("download");
    await page.getByTestId("buy-button").dblclick();
    await download;
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
    expect(wallet.calls.filter((call) => call === "eth_signTypedData_v4")).toHaveLength(1);
    expect(await chain.balanceOf(wallet.address)).toBe(before - BigInt(item.price.atomic));
  });
});
