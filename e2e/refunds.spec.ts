import type { Hex } from "viem";
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { type Store, expect, test } from "./fixtures";
import { fundFreshBuyers, mintUsdc, sendUsdc } from "./support/chain";
import { type CreatorSession, publishedItem, signInCreator } from "./support/studio";

const PRICE = 3_000_000n;
const REFUND = 1_000_000n;

type Sale = { creator: CreatorSession; payout: PrivateKeyAccount; buyer: PrivateKeyAccount; hash: Hex; itemId: string };

/**
 * A creator signed in with one wallet and paid at another (the profile's payout address, so the
 * sale's payTo is not the wallet); a buyer pays the 3 USDC item. `beforeSale` runs between the
 * listing and the purchase, for transfers that must be mined before the sale.
 */
async function sale(store: Store, beforeSale: (parties: { payout: PrivateKeyAccount; buyer: PrivateKeyAccount }) => Promise<void> = async () => {}): Promise<Sale> {
  const creator = await signInCreator(store.url);
  const payout = privateKeyToAccount(generatePrivateKey());
  const profile = await creator.api.patch("/api/studio/profile", { data: { displayName: "Refunding Creator", payoutAddress: payout.address } });
  expect(profile.status()).toBe(200);
  const { item } = await publishedItem(creator.api, { price: "3" });
  const [buyer] = await fundFreshBuyers(store.devnet, 1, 10_000_000n);
  await beforeSale({ payout, buyer });
  const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: PRICE })(
    `${store.url}/api/download/${item.slug}`,
  );
  expect(paid.status).toBe(200);
  await paid.arrayBuffer();
  const hash = JSON.parse(Buffer.from(paid.headers.get("payment-response")!, "base64").toString()).transaction as Hex;
  const [row] = await salesOf(creator, item.id);
  expect(row.payTo).toBe(payout.address);
  return { creator, payout, buyer, hash, itemId: item.id };
}

async function salesOf(creator: CreatorSession, itemId: string) {
  const csv = await (await creator.api.get(`/api/studio/sales?item=${itemId}`)).text();
  const [header, ...rows] = csv.trimEnd().split("\r\n");
  const columns = header.split(",");
  // No cell of these rows holds a comma (the default title has none): a plain split is exact.
  return rows.map((row) => {
    const cells = row.split(",");
    return { payTo: cells[columns.indexOf("pay_to")], refunded: cells[columns.indexOf("refunded_usdc")] };
  });
}

function record(sold: Sale, refundTransaction: Hex) {
  return sold.creator.api.post("/api/studio/refunds", { data: { saleTransaction: sold.hash, refundTransaction, amount: "1" } });
}

async function expectRefused(sold: Sale, refundTransaction: Hex, error: string) {
  const response = await record(sold, refundTransaction);
  const body = await response.json();
  expect([response.status(), body.error], body.message).toEqual([422, error]);
  expect(body.message).toBeTruthy();
  expect((await salesOf(sold.creator, sold.itemId))[0].refunded).toBe("0.00");
}

test.describe("a refund is recorded only for money the sale's payee or the creator sent back after the sale", () => {
  test("refused: a transfer from the creator's current payout address, pointed at a third party after the sale", async ({ store }) => {
    const sold = await sale(store);
    // After the sale the creator points the payout at someone else, who happens to send the buyer 1 USDC.
    const thirdParty = privateKeyToAccount(generatePrivateKey());
    const changed = await sold.creator.api.patch("/api/studio/profile", { data: { displayName: "Refunding Creator", payoutAddress: thirdParty.address } });
    expect((await changed.json()).payoutAddress).toBe(thirdParty.address);
    await mintUsdc(store.devnet, thirdParty.address, REFUND);
    const theirTransfer = await sendUsdc(store.devnet, thirdParty, sold.buyer.address, REFUND);
    await expectRefused(sold, theirTransfer, "refund_sender_mismatch");
  });

  test("refused: a transfer from the sale's payTo that was mined before the sale", async ({ store }) => {
    let earlier: Hex | undefined;
    const sold = await sale(store, async ({ payout, buyer }) => {
      await mintUsdc(store.devnet, payout.address, REFUND);
      earlier = await sendUsdc(store.devnet, payout, buyer.address, REFUND);
    });
    await expectRefused(sold, earlier!, "refund_before_sale");
  });

  test("accepted: a transfer from the signed-in wallet after the sale", async ({ store }) => {
    const sold = await sale(store);
    await mintUsdc(store.devnet, sold.creator.account.address, REFUND);
    const fromWallet = await sendUsdc(store.devnet, sold.creator.account, sold.buyer.address, REFUND);
    expect((await record(sold, fromWallet)).status()).toBe(201);
    expect((await salesOf(sold.creator, sold.itemId))[0].refunded).toBe("1.00");
  });

  test("accepted: a transfer from the sale's payTo after the sale", async ({ store }) => {
    const sold = await sale(store);
    const fromPayTo = await sendUsdc(store.devnet, sold.payout, sold.buyer.address, REFUND);
    expect((await record(sold, fromPayTo)).status()).toBe(201);
    expect((await salesOf(sold.creator, sold.itemId))[0].refunded).toBe("1.00");
  });
});
