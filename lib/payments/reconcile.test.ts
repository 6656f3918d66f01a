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
import { MAX_REDELIVERIES, REDELIVERY_WINDOW_MS, resumeHeldPayment } from "./resume-payment";

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

  async function claim(nonce: Hex, validBefore: bigint, paymentIdHash: string | null = null) {
    const claimed = await claimPayment({ itemId, payer: buyer.address, payTo: creator, amountAtomic: 1_000_000n, asset: usdc, network: NETWORK, nonce, validBefore, claimBlock: 0n, paymentIdHash });
    assert.equal(claimed.kind, "claimed");
    return (claimed as Extract<typeof claimed, { kind: "claimed" }>).payment;
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

  it("a settled payment's header re-delivers only with its payment id, a bounded number of times within the window", async () => {
    const nonce = freshNonce();
    const signed = await sign(creator, 1_000_000n, nonce, inAnHour());
    const payment = await claim(nonce, inAnHour(), "a".repeat(64));
    const hash = await submit(signed);
    await markPaymentSettled({ id: payment.id, transactionHash: hash });
    const authorization: Eip3009Authorization = { payer: buyer.address, to: creator, value: 1_000_000n, validAfter: 0n, validBefore: signed.message.validBefore, nonce, signature: signed.signature };
    const requirements = { scheme: "exact", network: NETWORK, asset: usdc, amount: "1000000", payTo: creator, maxTimeoutSeconds: 300, extra: { name: "USD Coin", version: "2" } } as PaymentRequirements;
    const held = (await findPaymentByAuthorization(payment))!;
    // A settled nonce never reaches the facilitator, so no paywall is needed.
    const attempt = { paywall: {} as Paywall, held, requirements, payload: {} as never, authorization, itemId, paymentIdHash: "a".repeat(64) };
    const paid = { kind: "paid", transactionHash: hash.toLowerCase() };

    // Everything but the payment id can be rebuilt from the chain and the 402.
    assert.deepEqual(await resumeHeldPayment({ ...attempt, paymentIdHash: null }), { kind: "refused", reason: "redelivery_needs_proof" });
    assert.deepEqual(await resumeHeldPayment({ ...attempt, paymentIdHash: "b".repeat(64) }), { kind: "refused", reason: "redelivery_needs_proof" });
    assert.deepEqual(await resumeHeldPayment({ ...attempt, authorization: { ...authorization, to: buyer.address } }), { kind: "refused", reason: "invalid_exact_evm_nonce_already_used" });
    assert.deepEqual(await resumeHeldPayment({ ...attempt, itemId: crypto.randomUUID() }), { kind: "refused", reason: "invalid_exact_evm_nonce_already_used" });

    for (let retry = 0; retry < MAX_REDELIVERIES; retry++) assert.deepEqual(await resumeHeldPayment(attempt), paid);
    assert.deepEqual(await resumeHeldPayment(attempt), { kind: "refused", reason: "redelivery_limit_reached" });
    assert.equal((await findPaymentByAuthorization(payment))?.redeliveries, MAX_REDELIVERIES);
  });

  it("past the window even the payment id does not re-deliver", async () => {
    const nonce = freshNonce();
    const signed = await sign(creator, 1_000_000n, nonce, inAnHour());
    const payment = await claim(nonce, inAnHour(), "c".repeat(64));
    await markPaymentSettled({ id: payment.id, transactionHash: await submit(signed) });
    const authorization: Eip3009Authorization = { payer: buyer.address, to: creator, value: 1_000_000n, validAfter: 0n, validBefore: signed.message.validBefore, nonce, signature: signed.signature };
    const held = (await findPaymentByAuthorization(payment))!;
    const attempt = { paywall: {} as Paywall, held, requirements: {} as PaymentRequirements, payload: {} as never, authorization, itemId, paymentIdHash: "c".repeat(64) };
    const realNow = Date.now;
    Date.now = () => realNow() + REDELIVERY_WINDOW_MS + 1000;
    try {
      assert.deepEqual(await resumeHeldPayment(attempt), { kind: "refused", reason: "redelivery_limit_reached" });
    } finally {
      Date.now = realNow;
    }
  });

  it("a payer's payment id names one live payment: the same id on another nonce is a conflict, until that payment fails", async () => {
    await claim(freshNonce(), inAnHour(), "d".repeat(64));
    const second = await claimPayment({ itemId, payer: buyer.address, payTo: creator, amountAtomic: 1_000_000n, asset: usdc, network: NETWORK, nonce: freshNonce(), validBefore: inAnHour(), claimBlock: 0n, paymentIdHash: "d".repeat(64) });
    assert.equal(second.kind, "payment-id-conflict");
    const other = privateKeyToAccount(BUYERS[2].privateKey).address;
    const anotherPayer = await claimPayment({ itemId, payer: other, payTo: creator, amountAtomic: 1_000_000n, asset: usdc, network: NETWORK, nonce: freshNonce(), validBefore: inAnHour(), claimBlock: 0n, paymentIdHash: "d".repeat(64) });
    assert.equal(anotherPayer.kind, "claimed");
  });
});
