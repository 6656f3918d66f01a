import { decodePaymentResponseHeader } from "@x402/core/http";
import { type Hex, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { devnetClients, loadArtifact } from "../lib/devnet/deploy";
import { expect, test } from "./fixtures";
import { chainReader } from "./support/chain";

const BUYERS = 12;
const FUNDING = 5_000_000n;

test("12 different buyers paying at the same moment all settle: 12 transfers, 12 receipts, exact balances", async ({ request, store }) => {
  const chain = chainReader(store.devnet);
  const accounts = Array.from({ length: BUYERS }, () => privateKeyToAccount(toHex(crypto.getRandomValues(new Uint8Array(32)))));
  // Fund fresh wallets with test USDC (the deployer owns the token); they need no ETH: payments are gasless.
  const { publicClient, deployer } = devnetClients(store.devnet.rpcUrl);
  const { abi } = loadArtifact("TestUSDC");
  for (const account of accounts) {
    const hash = await deployer.writeContract({ address: store.devnet.usdc, abi, functionName: "mint", args: [account.address, FUNDING] });
    await publicClient.waitForTransactionReceipt({ hash });
  }

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
  const transactions = new Set(responses.map((response) => decodePaymentResponseHeader(response.headers.get("payment-response")!).transaction));
  expect(transactions.size).toBe(BUYERS);
  for (const account of accounts) expect(await chain.balanceOf(account.address)).toBe(FUNDING - price);
  expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore + price * BigInt(BUYERS));
  for (const transaction of transactions) {
    expect((await request.get(`/api/receipts/${transaction}`)).status()).toBe(200);
  }
});
