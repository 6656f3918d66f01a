import { decodePaymentResponseHeader } from "@x402/core/http";
import type { Hex } from "viem";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers } from "./support/chain";

const BUYERS = 200;
const FUNDING = 5_000_000n;

test("200 different buyers paying at the same moment all settle: 200 transfers, 200 receipts, exact balances", async ({ request, store }) => {
  test.setTimeout(240_000);
  const chain = chainReader(store.devnet);
  const accounts = await fundFreshBuyers(store.devnet, BUYERS, FUNDING);

  const catalog = (await (await request.get("/api/catalog")).json()) as { items: { slug: string; payTo: Hex; price: { atomic: string }; downloadUrl: string }[] };
  const item = catalog.items.find((entry) => entry.slug === "midnight-blocks")!;
  const price = BigInt(item.price.atomic);
  const creatorBefore = await chain.balanceOf(item.payTo);

  const responses = await Promise.all(
    accounts.map((account) =>
      createPayingFetch({ signer: account, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: price })(item.downloadUrl),
    ),
  );
  expect(responses.map((response) => response.status)).toEqual(Array(BUYERS).fill(200));
  await Promise.all(responses.map((response) => response.arrayBuffer()));
  const transactions = new Set(responses.map((response) => decodePaymentResponseHeader(response.headers.get("payment-response")!).transaction));
  expect(transactions.size).toBe(BUYERS);
  const balances = await Promise.all(accounts.map((account) => chain.balanceOf(account.address)));
  expect(balances).toEqual(Array(BUYERS).fill(FUNDING - price));
  expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore + price * BigInt(BUYERS));
  const receipts = await Promise.all([...transactions].map(async (transaction) => (await request.get(`/api/receipts/${transaction}`)).status()));
  expect(receipts).toEqual(Array(BUYERS).fill(200));
});
