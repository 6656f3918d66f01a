import { decodePaymentResponseHeader } from "@x402/core/http";
import { type Hex, erc20Abi, parseEventLogs } from "viem";
import { devnetClients } from "../lib/devnet/deploy";
import { expect, test } from "./fixtures";
import { catalogItem, freshBuyer } from "./support/interop";
import { payWithX402Fetch } from "./support/interop-clients";
import { quotedAmount } from "./support/pricing";

// The unmodified official client (@x402/fetch wrapFetchWithPayment, set up as interop-v2 does)
// buys with a discount code and with a chosen amount, through nothing but the download URL's
// query. What it asked, what the 402 quoted and what moved on-chain are printed for the record.

for (const { slug, query, expected } of [
  { slug: "the-gasless-economy", query: "?code=LAUNCH20", expected: 2_000_000n },
  { slug: "tip-jar-tapes", query: "?amount=3.50", expected: 3_500_000n },
]) {
  test(`@x402/fetch buys ${slug}${query} and exactly ${expected} atomic units move`, async ({ store }) => {
    const item = await catalogItem(store.url, slug);
    const url = `${item.downloadUrl}${query}`;
    const quoted = await quotedAmount(url);
    expect(BigInt(quoted)).toBe(expected);

    const buyer = await freshBuyer(store.devnet);
    const delivery = await payWithX402Fetch(store.devnet, buyer.privateKey)(url);
    expect(delivery.status, delivery.bytes.toString("utf8").slice(0, 300)).toBe(200);
    const settlement = decodePaymentResponseHeader(delivery.header("payment-response")!);
    const receipt = await devnetClients(store.devnet.rpcUrl).publicClient.getTransactionReceipt({ hash: settlement.transaction as Hex });
    const [transfer] = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs });
    expect(transfer.args).toMatchObject({ from: buyer.address, to: item.payTo, value: expected });
    console.log(
      `official client @x402/fetch: GET ${url} → 402 amount ${quoted} (${Number(quoted) / 1e6} USDC) → settled ${transfer.args.value} ` +
        `(${Number(transfer.args.value) / 1e6} USDC) from ${buyer.address} to ${item.payTo} in ${settlement.transaction}`,
    );
  });
}
