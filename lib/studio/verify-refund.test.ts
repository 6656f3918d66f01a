import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Address, type Hex, createTestClient, createWalletClient, http, parseAbi, parseGwei } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { BUYERS, CREATORS } from "@/lib/devnet/accounts";
import { type RunningAnvil, startAnvil } from "@/lib/devnet/anvil";
import { devnetClients, prepareDevnet } from "@/lib/devnet/deploy";
import { freePort } from "@/lib/testing/free-port";
import { verifyRefundTransfer } from "./verify-refund";

const USDC_ABI = parseAbi(["function transfer(address to, uint256 value) returns (bool)"]);
const buyer = privateKeyToAccount(BUYERS[1].privateKey);
const payTo = privateKeyToAccount(CREATORS[0].privateKey);
const wallet = privateKeyToAccount(CREATORS[1].privateKey);
const stranger = privateKeyToAccount(CREATORS[2].privateKey);
const AMOUNT = 1_000_000n;

// Blocks with two transfers in a chosen order (automine off, the fee decides the order) show
// that "after the sale" means after it within a block too, by log index.
describe("refunds checked against the sale on the chain (anvil)", () => {
  let anvil: RunningAnvil;
  let usdc: Address;

  before(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ usdc } = await prepareDevnet(anvil.rpcUrl));
    Object.assign(process.env, { NETWORK: "devnet", RPC_URL: anvil.rpcUrl, USDC_ADDRESS: usdc });
    // The creators' wallets are anvil accounts with ETH; give them USDC to send back.
    await send(buyer, payTo.address, 10n * AMOUNT);
    await send(buyer, wallet.address, 10n * AMOUNT);
    await send(buyer, stranger.address, 10n * AMOUNT);
  });
  after(() => anvil.stop());

  function transfer(from: PrivateKeyAccount, to: Address, value: bigint, priorityGwei = 1n) {
    const client = createWalletClient({ account: from, chain: foundry, transport: http(anvil.rpcUrl) });
    return client.writeContract({ address: usdc, abi: USDC_ABI, functionName: "transfer", args: [to, value], maxPriorityFeePerGas: parseGwei(String(priorityGwei)), maxFeePerGas: parseGwei("100") });
  }

  async function send(from: PrivateKeyAccount, to: Address, value: bigint) {
    const hash = await transfer(from, to, value);
    await devnetClients(anvil.rpcUrl).publicClient.waitForTransactionReceipt({ hash });
    return hash;
  }

  /** Sends both transfers, then mines them in one block: the higher fee comes first. */
  async function oneBlock(first: () => Promise<Hex>, second: () => Promise<Hex>) {
    const test = createTestClient({ mode: "anvil", chain: foundry, transport: http(anvil.rpcUrl) });
    await test.setAutomine(false);
    try {
      const hashes = [await first(), await second()];
      await test.mine({ blocks: 1 });
      const receipts = await Promise.all(hashes.map((hash) => devnetClients(anvil.rpcUrl).publicClient.waitForTransactionReceipt({ hash })));
      assert.equal(receipts[0].blockNumber, receipts[1].blockNumber);
      assert.ok(receipts[0].transactionIndex < receipts[1].transactionIndex);
      return hashes;
    } finally {
      await test.setAutomine(true);
    }
  }

  const check = (saleHash: Hex, refundTransaction: Hex, amountAtomic = AMOUNT) =>
    verifyRefundTransfer({ refundTransaction, amountAtomic, creatorWallet: wallet.address, sale: { transactionHash: saleHash, payer: buyer.address, payTo: payTo.address, amountAtomic: AMOUNT } });

  it("accepts a transfer back from the sale's payTo or the creator's wallet, mined after the sale", async () => {
    const sale = await send(buyer, payTo.address, AMOUNT);
    assert.deepEqual(await check(sale, await send(payTo, buyer.address, AMOUNT)), { ok: true });
    assert.deepEqual(await check(sale, await send(wallet, buyer.address, AMOUNT / 2n), AMOUNT / 2n), { ok: true });
  });

  it("in one block: a refund after the sale's log counts, one before it does not", async () => {
    const [sale, after] = await oneBlock(() => transfer(buyer, payTo.address, AMOUNT, 5n), () => transfer(payTo, buyer.address, AMOUNT, 1n));
    assert.deepEqual(await check(sale, after), { ok: true });
    const [before, laterSale] = await oneBlock(() => transfer(wallet, buyer.address, AMOUNT, 5n), () => transfer(buyer, payTo.address, AMOUNT, 1n));
    assert.equal(((await check(laterSale, before)) as { error: string }).error, "refund_before_sale");
  });

  it("refuses transfers from anyone else, of another amount, to someone else, or before the sale", async () => {
    const early = await send(payTo, buyer.address, AMOUNT);
    const sale = await send(buyer, payTo.address, AMOUNT);
    const reason = async (refund: Hex, amount = AMOUNT) => ((await check(sale, refund, amount)) as { error: string }).error;
    assert.equal(await reason(early), "refund_before_sale");
    assert.equal(await reason(await send(stranger, buyer.address, AMOUNT)), "refund_sender_mismatch");
    assert.equal(await reason(await send(payTo, buyer.address, AMOUNT), AMOUNT - 1n), "refund_transfer_mismatch");
    assert.equal(await reason(await send(payTo, stranger.address, AMOUNT)), "refund_transfer_mismatch");
    assert.equal(await reason(`0x${"ab".repeat(32)}`), "refund_transaction_not_found");
    const notTheSale = await verifyRefundTransfer({
      refundTransaction: await send(payTo, buyer.address, AMOUNT),
      amountAtomic: AMOUNT,
      creatorWallet: wallet.address,
      sale: { transactionHash: sale, payer: buyer.address, payTo: stranger.address, amountAtomic: AMOUNT },
    });
    assert.equal((notTheSale as { error: string }).error, "sale_transfer_not_found");
  });
});
