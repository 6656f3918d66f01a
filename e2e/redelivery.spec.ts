import { createHash } from "node:crypto";
import { decodePaymentResponseHeader, decodePaymentSignatureHeader } from "@x402/core/http";
import { generatePaymentId, isValidPaymentId } from "@x402/extensions/payment-identifier";
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import { createPublicClient, http, parseAbiItem } from "viem";
import { foundry } from "viem/chains";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, fundedBuyerKey, paymentRequiredFrom, rebuildPaymentFromChain, signPayment } from "./support/chain";
import { publishedItem, signInCreator } from "./support/studio";

const sha256 = (bytes: ArrayBuffer) => createHash("sha256").update(new Uint8Array(bytes)).digest("hex");
const MAX_REDELIVERIES = 5;

test.describe("re-delivery needs something that is not public", () => {
  test("a payment rebuilt from the chain's calldata and the public 402 gets no bytes, with either header, ever", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const [buyer] = await fundFreshBuyers(store.devnet, 1, 5_000_000n);
    const url = `${store.url}/api/download/midnight-blocks`;
    const sent: string[] = [];
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const header = request.headers.get("payment-signature");
      if (header) sent.push(header);
      return fetch(request);
    };
    const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 5_000_000n, fetch: recording })(url);
    expect(paid.status).toBe(200);
    await paid.arrayBuffer();
    // The official client sent a payment id with it (the store's 402 declares the extension).
    const sentId = (decodePaymentSignatureHeader(sent[0]).extensions?.["payment-identifier"] as { info?: { id?: string } } | undefined)?.info?.id;
    expect(isValidPaymentId(sentId ?? "")).toBe(true);
    const afterPurchase = await chain.balanceOf(buyer.address);

    // The attacker watches the token's AuthorizationUsed events: every settled x402 payment is there.
    const client = createPublicClient({ chain: foundry, transport: http(store.devnet.rpcUrl) });
    const [used] = await client.getLogs({
      address: store.devnet.usdc,
      event: parseAbiItem("event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)"),
      args: { authorizer: buyer.address },
      fromBlock: 0n,
    });
    const publicOffer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const rebuilt = await rebuildPaymentFromChain(store.devnet, used.transactionHash, publicOffer);

    for (const header of ["payment-signature", "x-payment", "payment-signature"]) {
      const replay = await fetch(url, { headers: { [header]: rebuilt } });
      expect(replay.status, header).toBe(402);
      expect(replay.headers.get("payment-response")).toBeNull();
      expect(replay.headers.get("content-type")).toBe("application/json");
      expect(((await replay.json()) as { error: string }).error).toBe("redelivery_needs_proof");
    }
    expect(await chain.balanceOf(buyer.address)).toBe(afterPurchase);
  });

  test("the buyer's own retry with its payment id gets the file again, at most five times; then Sign-In-With-X", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const url = `${store.url}/api/download/sine-of-the-times`;
    const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    expect(offer.extensions?.["payment-identifier"]).toMatchObject({ info: { required: false } });
    const paymentId = generatePaymentId();
    const { header } = await signPayment({ paymentRequired: offer, payerKey: privateKey, paymentId });
    const bought = await fetch(url, { headers: { "payment-signature": header } });
    expect(bought.status).toBe(200);
    const bytes = await bought.arrayBuffer();
    const transaction = decodePaymentResponseHeader(bought.headers.get("payment-response")!).transaction;

    for (let retry = 0; retry < MAX_REDELIVERIES; retry++) {
      const again = await fetch(url, { headers: { "payment-signature": header } });
      expect(again.status).toBe(200);
      expect(decodePaymentResponseHeader(again.headers.get("payment-response")!).transaction).toBe(transaction);
      expect(sha256(await again.arrayBuffer())).toBe(sha256(bytes));
    }
    const exhausted = await fetch(url, { headers: { "payment-signature": header } });
    expect(exhausted.status).toBe(402);
    expect(((await exhausted.json()) as { error: string }).error).toBe("redelivery_limit_reached");

    const withProof = await wrapFetchWithSIWx(fetch, buyer)(url);
    expect(withProof.status).toBe(200);
    expect(sha256(await withProof.arrayBuffer())).toBe(sha256(bytes));
    expect(await chain.balanceOf(buyer.address)).toBe(5_000_000n - BigInt(offer.accepts[0].amount));
  });

  test("a payment id names one payment: reused with another payment it is a 409, malformed it is a 400; nothing moves", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const url = `${store.url}/api/download/midnight-blocks`;
    const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const paymentId = generatePaymentId();
    const first = await signPayment({ paymentRequired: offer, payerKey: privateKey, paymentId });
    expect((await fetch(url, { headers: { "payment-signature": first.header } })).status).toBe(200);
    const afterPurchase = await chain.balanceOf(buyer.address);

    const second = await signPayment({ paymentRequired: offer, payerKey: privateKey, paymentId });
    const conflict = await fetch(url, { headers: { "payment-signature": second.header } });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await conflict.json()) as { error: string }).error).toBe("payment_identifier_conflict");
    expect(await chain.authorizationUsed(buyer.address, second.nonce)).toBe(false);

    const malformed = await signPayment({ paymentRequired: offer, payerKey: privateKey, paymentId: "short!" });
    const refused = await fetch(url, { headers: { "payment-signature": malformed.header } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe("invalid_payment_identifier");
    expect(await chain.authorizationUsed(buyer.address, malformed.nonce)).toBe(false);
    expect(await chain.balanceOf(buyer.address)).toBe(afterPurchase);
  });

  test("a payment the store holds is resumed on its own terms: after a price change its retry gets the file, not a new price", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.25" });
    const url = `${store.url}/api/download/${item.slug}`;
    const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const { header } = await signPayment({ paymentRequired: offer, payerKey: privateKey, paymentId: generatePaymentId() });
    expect((await fetch(url, { headers: { "payment-signature": header } })).status).toBe(200);

    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price: "2.5" } })).status()).toBe(200);
    const retried = await fetch(url, { headers: { "payment-signature": header } });
    expect(retried.status).toBe(200);
    expect(retried.headers.get("payment-required")).toBeNull();
    await retried.arrayBuffer();
    expect(await chain.balanceOf(buyer.address)).toBe(5_000_000n - 1_250_000n);
    expect(await chain.balanceOf(creator.account.address)).toBe(1_250_000n);
    expect(paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers)).accepts[0].amount).toBe("2500000");
  });
});

test("a payment signed with no payment id re-delivers nothing once its transaction is out: the buyer uses Sign-In-With-X", async ({ store }) => {
  const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 5_000_000n);
  const url = `${store.url}/api/download/midnight-blocks`;
  const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
  const { header } = await signPayment({ paymentRequired: offer, payerKey: privateKey });
  const bought = await fetch(url, { headers: { "payment-signature": header } });
  expect(bought.status).toBe(200);
  await bought.arrayBuffer();
  const again = await fetch(url, { headers: { "payment-signature": header } });
  expect(again.status).toBe(402);
  expect(((await again.json()) as { error: string }).error).toBe("redelivery_needs_proof");
  expect((await wrapFetchWithSIWx(fetch, buyer)(url)).status).toBe(200);
});
