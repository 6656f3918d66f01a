import { type KeyObject, createHash } from "node:crypto";
import { decodePaymentResponseHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";
import {
  type JWSSignedOffer,
  type JWSSignedReceipt,
  type ReceiptPayload,
  createJWS,
  decodeSignedOffers,
  extractJWSHeader,
  extractOffersFromPaymentRequired,
  extractPublicKeyFromKid,
  extractReceiptFromResponse,
  findAcceptsObjectFromSignedOffer,
  verifyOfferSignatureJWS,
  verifyReceiptMatchesOffer,
  verifyReceiptSignatureJWS,
} from "@x402/extensions/offer-receipt";
import { type Hex, createPublicClient, getAddress, http, parseAbi, parseEventLogs } from "viem";
import { generatePrivateKey, privateKeyToAccount, publicKeyToAddress } from "viem/accounts";
import { foundry } from "viem/chains";
import { RECEIPT_SIGNER } from "../lib/devnet/accounts";
import { expect, test } from "./fixtures";
import { fundedBuyerKey, paymentRequiredFrom, signPayment } from "./support/chain";
import { leaksIn, storeLog } from "./support/log-scan";
import { publishedItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

type CatalogItem = { slug: string; price: { atomic: string }; payTo: string; downloadUrl: string; files: { sha256: string }[] };
type StoreReceipt = ReceiptPayload & { item: string; amount: string; asset: string; payTo: string; sha256: string };
type Jwk = { kty: string; crv: string; x: string; y: string };

const TRANSFER = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function catalogItem(url: string, slug: string): Promise<CatalogItem> {
  const { items } = (await (await fetch(`${url}/api/catalog`)).json()) as { items: CatalogItem[] };
  return items.find((item) => item.slug === slug)!;
}

/** The key an agent pins: the store's DID document, where did:web:<host> resolves. */
async function storeKey(url: string): Promise<{ kid: string; jwk: Jwk; address: string }> {
  const did = (await (await fetch(`${url}/.well-known/did.json`)).json()) as {
    verificationMethod: { id: string; publicKeyJwk: Jwk; blockchainAccountId: string }[];
  };
  const [method] = did.verificationMethod;
  return { kid: method.id, jwk: method.publicKeyJwk, address: method.blockchainAccountId.split(":")[2] };
}

const addressOfJwk = (jwk: { x?: string; y?: string }) =>
  publicKeyToAddress(`0x04${Buffer.from(jwk.x!, "base64url").toString("hex")}${Buffer.from(jwk.y!, "base64url").toString("hex")}`);

async function refusal(url: string): Promise<PaymentRequired> {
  const response = await fetch(url);
  expect(response.status).toBe(402);
  return paymentRequiredFrom(Object.fromEntries(response.headers));
}

/** Pays the item with a fresh funded buyer and returns what the buyer received. */
async function buy(item: CatalogItem) {
  const price = BigInt(item.price.atomic);
  const buyer = await fundedBuyerKey(JSON.parse(process.env.E2E_DEVNET!), price);
  const paymentRequired = await refusal(item.downloadUrl);
  const payment = await signPayment({ paymentRequired, payerKey: buyer.privateKey });
  const response = await fetch(item.downloadUrl, { headers: { "payment-signature": payment.header } });
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const settlement = decodePaymentResponseHeader(response.headers.get("payment-response")!);
  const receipt = extractReceiptFromResponse(response) as JWSSignedReceipt;
  expect(receipt?.format).toBe("jws");
  return { buyer: buyer.account, paymentRequired, bytes, transaction: settlement.transaction as Hex, receipt };
}

test.describe("signed offers and receipts (x402 offer-receipt)", () => {
  test("every 402 carries an offer signed by the store's key, naming the item, amount, payTo and network", async ({ store }) => {
    const item = await catalogItem(store.url, "field-notes-on-stablecoins");
    const paymentRequired = await refusal(item.downloadUrl);
    const [offer] = extractOffersFromPaymentRequired(paymentRequired) as JWSSignedOffer[];
    expect(offer.format).toBe("jws");

    // The package resolves the offer's did:web key from the store and checks the signature.
    const payload = await verifyOfferSignatureJWS(offer);
    const { kid } = extractJWSHeader(offer.signature);
    expect(kid).toBe(`did:web:${encodeURIComponent(new URL(store.url).host)}#offer-receipt`);
    const resolved = (await extractPublicKeyFromKid(kid!)) as KeyObject;
    expect(addressOfJwk(resolved.export({ format: "jwk" }))).toBe(RECEIPT_SIGNER.address);
    const published = await storeKey(store.url);
    expect(published.kid).toBe(kid);
    expect(getAddress(published.address)).toBe(RECEIPT_SIGNER.address);
    expect(await verifyOfferSignatureJWS(offer, published.jwk)).toEqual(payload);

    expect(payload).toMatchObject({
      resourceUrl: item.downloadUrl,
      scheme: "exact",
      network: store.devnet.network,
      asset: store.devnet.usdc,
      payTo: item.payTo,
      amount: item.price.atomic,
    });
    expect(payload.validUntil).toBeGreaterThan(Date.now() / 1000);
    expect(findAcceptsObjectFromSignedOffer(offer, paymentRequired.accepts)).toEqual(paymentRequired.accepts[0]);
  });

  test("a delivery's receipt binds payer, item, the received bytes' sha256, amount and transaction; the receipts API repeats it", async ({ store }) => {
    const item = await catalogItem(store.url, "field-notes-on-stablecoins");
    const { buyer, paymentRequired, bytes, transaction, receipt } = await buy(item);
    const published = await storeKey(store.url);

    const payload = (await verifyReceiptSignatureJWS(receipt, published.jwk)) as StoreReceipt;
    expect(await verifyReceiptSignatureJWS(receipt)).toEqual(payload);
    expect(payload).toMatchObject({
      version: 1,
      resourceUrl: item.downloadUrl,
      item: item.slug,
      network: store.devnet.network,
      asset: store.devnet.usdc,
      payTo: item.payTo,
      amount: item.price.atomic,
      transaction,
      sha256: sha256(bytes),
    });
    expect(getAddress(payload.payer)).toBe(buyer.address);
    // The extension's own check of a receipt against the offer the buyer accepted.
    const [offer] = decodeSignedOffers(extractOffersFromPaymentRequired(paymentRequired));
    expect(verifyReceiptMatchesOffer(receipt, offer, [buyer.address])).toBe(true);

    // The transaction is on chain and moved exactly that amount from the payer to payTo.
    const chain = createPublicClient({ chain: foundry, transport: http(store.devnet.rpcUrl) });
    const mined = await chain.getTransactionReceipt({ hash: transaction });
    expect(mined.status).toBe("success");
    const transfers = parseEventLogs({ abi: TRANSFER, logs: mined.logs }).filter((log) => getAddress(log.address) === getAddress(store.devnet.usdc));
    expect(transfers.map(({ args }) => ({ from: args.from, to: args.to, value: args.value }))).toEqual([
      { from: buyer.address, to: getAddress(item.payTo), value: BigInt(item.price.atomic) },
    ]);

    const fromApi = (await (await fetch(`${store.url}/api/receipts/${transaction}`)).json()) as { signedReceipt: unknown; settledAt: string };
    expect(fromApi.signedReceipt).toEqual(receipt);
    expect(payload.issuedAt).toBe(Math.floor(Date.parse(fromApi.settledAt) / 1000));
  });

  test("a tampered receipt, or one signed by another key, fails verification", async ({ store }) => {
    const item = await catalogItem(store.url, "midnight-blocks");
    const { receipt } = await buy(item);
    const published = await storeKey(store.url);
    const [header, body, signature] = receipt.signature.split(".");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as StoreReceipt;

    for (const change of [{ sha256: "0".repeat(64) }, { amount: "1" }, { payer: privateKeyToAccount(generatePrivateKey()).address }, { item: "the-gasless-economy" }]) {
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...payload, ...change })).toString("base64url")}.${signature}`;
      await expect(verifyReceiptSignatureJWS({ format: "jws", signature: forged }, published.jwk)).rejects.toThrow();
      await expect(verifyReceiptSignatureJWS({ format: "jws", signature: forged })).rejects.toThrow();
    }

    // A stranger's validly signed receipt in the store's name: its own did:jwk verifies it, the store's key does not.
    const stranger = privateKeyToAccount(generatePrivateKey());
    const strangerJwk = { kty: "EC", crv: "secp256k1", ...jwkPointOf(stranger.publicKey) };
    const kid = `did:jwk:${Buffer.from(JSON.stringify(strangerJwk)).toString("base64url")}`;
    const impostor = await createJWS(payload, {
      format: "jws",
      algorithm: "ES256K",
      kid,
      sign: async (input) => {
        const sig = await stranger.sign({ hash: `0x${createHash("sha256").update(input).digest("hex")}` });
        return Buffer.from(sig.slice(2, 130), "hex").toString("base64url");
      },
    });
    expect(await verifyReceiptSignatureJWS({ format: "jws", signature: impostor })).toEqual(payload);
    await expect(verifyReceiptSignatureJWS({ format: "jws", signature: impostor }, published.jwk)).rejects.toThrow();
  });

  test("a course's receipt names the sha256 of the ZIP the buyer received", async ({ store }) => {
    const item = await catalogItem(store.url, "building-for-agents");
    expect(item.files.length).toBeGreaterThan(1);
    const { bytes, transaction, receipt } = await buy(item);
    expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");
    const payload = (await verifyReceiptSignatureJWS(receipt, (await storeKey(store.url)).jwk)) as StoreReceipt;
    expect(payload.sha256).toBe(sha256(bytes));
    const fromApi = (await (await fetch(`${store.url}/api/receipts/${transaction}`)).json()) as { signedReceipt: unknown };
    expect(fromApi.signedReceipt).toEqual(receipt);
  });

  test("once the creator replaces a sold file, the receipts API signs no receipt naming bytes the buyer never got", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "0.40" });
    const { transaction, receipt } = await buy(await catalogItem(store.url, item.slug));
    const receiptNow = async () => ((await (await fetch(`${store.url}/api/receipts/${transaction}`)).json()) as { signedReceipt: unknown }).signedReceipt;
    expect(await receiptNow()).toEqual(receipt);

    const replaced = await uploadFile(creator.api, item.id, "book (corrected).pdf", await samplePdf("corrected"), { method: "put", fileId: item.files[0].id });
    expect(replaced.status()).toBe(200);
    expect(await receiptNow()).toBeNull();
  });

  test("the signing key never appears in the store's log", async () => {
    const log = storeLog(process.env.E2E_DATA_DIR!);
    expect(log).toContain("x402 Storefront ready");
    expect(leaksIn(log, [RECEIPT_SIGNER.privateKey])).toEqual([]);
  });
});

function jwkPointOf(publicKey: Hex) {
  const point = Buffer.from(publicKey.slice(4), "hex");
  return { x: point.subarray(0, 32).toString("base64url"), y: point.subarray(32).toString("base64url") };
}
