import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PaymentRequirements } from "@x402/core/types";
import { type Address, type Hex, createWalletClient, http, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { claimPayment, findPaymentByAuthorization, markPaymentSettled } from "@/db/queries/payments";
import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { BUYERS, CREATORS, FACILITATOR } from "@/lib/devnet/accounts";
import { type RunningAnvil, startAnvil } from "@/lib/devnet/anvil";
import { devnetClients, loadArtifact, prepareDevnet } from "@/lib/devnet/deploy";
import { signDevnetAuthorization } from "@/lib/devnet/sign-authorization";
import { freePort } from "@/lib/testing/free-port";
import { openTestDatabase } from "@/lib/testing/test-database";
import type { Eip3009Authorization } from "@/lib/x402/authorization";
import type { Paywall } from "@/lib/x402/resource-server";
import { reconcilePayment } from "./reconcile";
import { REDELIVERY_WINDOW_MS, settleOrResume } from "./settle-payment";

const { abi } = loadArtifact("TestUSDC");
const NETWORK = `eip155:${foundry.id}` as const;
const buyer = privateKeyToAccount(BUYERS[1].privateKey);
const creator = CREATORS[0].address;

describe("payments decided by the chain (anvil and a real database)", () => {
  let anvil: RunningAnvil;
  let usdc: Address;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let itemId: string;

  before(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ usdc } = await prepareDevnet(anvil.rpcUrl));
    Object.assign(process.env, { NETWORK: "devnet", RPC_URL: anvil.rpcUrl, USDC_ADDRESS: usdc });
    database = await openTestDatabase({ seed: true });
    itemId = (await getPublishedItemBySlug({ slug: "the-gasless-economy" }))!.id;
  });
  after(async () => {
    await database.close();
    await anvil.stop();
  });

  const facilitator = () => createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl), account: privateKeyToAccount(FACILITATOR.privateKey) });

  async function sign(to: Address, value: bigint, nonce: Hex, validBefore: bigint) {
    return signDevnetAuthorization(buyer, usdc, { from: buyer.address, to, value, validAfter: 0n, validBefore, nonce });
  }

  async function submit({ message, signature }: Awaited<ReturnType<typeof sign>>) {
    const args = [message.from, message.to, message.value, message.validAfter, message.validBefore, message.nonce, signature] as const;
    const hash = await facilitator().writeContract({ address: usdc, abi, functionName: "transferWithAuthorization", args });
    await devnetClients(anvil.rpcUrl).publicClient.waitForTransactionReceipt({ hash });
    return hash;
  }

  async function claim(nonce: Hex, validBefore: bigint) {
    const claimed = await claimPayment({ itemId, payer: buyer.address, payTo: creator, amountAtomic: 1_000_000n, asset: usdc, network: NETWORK, nonce, validBefore, claimBlock: 0n });
    return claimed!;
  }

  const freshNonce = () => toHex(crypto.getRandomValues(new Uint8Array(32)));
  const inAnHour = () => BigInt(Math.floor(Date.now() / 1000) + 3600);

  it("a nonce used by our transfer settles the payment, with that transaction", async () => {
    const nonce = freshNonce();
    const payment = await claim(nonce, inAnHour());
    const hash = await submit(await sign(creator, 1_000_000n, nonce, inAnHour()));
    assert.equal(await reconcilePayment(payment), "settled");
    const row = await findPaymentByAuthorization(payment);
    assert.deepEqual([row?.status, row?.transactionHash], ["settled", hash.toLowerCase()]);
  });

  it("a nonce the payer spent on another transfer (to themselves) fails the payment: no file for it", async () => {
    const nonce = freshNonce();
    const payment = await claim(nonce, inAnHour());
    await submit(await sign(buyer.address, 1n, nonce, inAnHour()));
    assert.equal(await reconcilePayment(payment), "failed");
    assert.equal((await findPaymentByAuthorization(payment))?.failureReason, "authorization_used_elsewhere");
  });

  it("a nonce still unused stays open until validBefore passes by the chain's clock, then fails", async () => {
    const open = await claim(freshNonce(), inAnHour());
    assert.equal(await reconcilePayment(open), "unused");
    assert.equal((await findPaymentByAuthorization(open))?.status, "pending");
    const chainTime = (await devnetClients(anvil.rpcUrl).publicClient.getBlock()).timestamp;
    const expired = await claim(freshNonce(), chainTime);
    assert.equal(await reconcilePayment(expired), "failed");
    assert.equal((await findPaymentByAuthorization(expired))?.failureReason, "authorization_expired");
  });

  it("a settled payment's header re-delivers within the window, then only Sign-In-With-X does", async () => {
    const nonce = freshNonce();
    const signed = await sign(creator, 1_000_000n, nonce, inAnHour());
    const payment = await claim(nonce, inAnHour());
    const hash = await submit(signed);
    await markPaymentSettled({ id: payment.id, transactionHash: hash });
    const authorization: Eip3009Authorization = { payer: buyer.address, to: creator, value: 1_000_000n, validAfter: 0n, validBefore: signed.message.validBefore, nonce, signature: signed.signature };
    const requirements = { scheme: "exact", network: NETWORK, asset: usdc, amount: "1000000", payTo: creator, maxTimeoutSeconds: 300, extra: { name: "USD Coin", version: "2" } } as PaymentRequirements;
    // A settled nonce never reaches the facilitator, so no paywall is needed.
    const attempt = { paywall: {} as Paywall, payload: {} as never, requirements, authorization, itemId };
    assert.deepEqual(await settleOrResume(attempt), { kind: "paid", transactionHash: hash.toLowerCase() });

    const forged = { ...authorization, signature: await privateKeyToAccount(FACILITATOR.privateKey).signMessage({ message: "not the payer" }) };
    assert.deepEqual(await settleOrResume({ ...attempt, authorization: forged }), { kind: "refused", reason: "invalid_exact_evm_signature" });

    const later = Date.now() + REDELIVERY_WINDOW_MS + 1000;
    const realNow = Date.now;
    Date.now = () => later;
    try {
      assert.deepEqual(await settleOrResume(attempt), { kind: "refused", reason: "invalid_exact_evm_nonce_already_used" });
    } finally {
      Date.now = realNow;
    }
  });
});
