import { createHash } from "node:crypto";
import { decodePaymentResponseHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "../lib/devnet/devnet-file";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundedBuyerKey, paymentRequiredFrom, setBlacklisted, signPayment } from "./support/chain";
import { readZip } from "./support/zip";

type CatalogItem = {
  slug: string;
  kind: string;
  price: { atomic: string };
  payTo: `0x${string}`;
  downloadUrl: string;
  files: { name: string; sha256: string; size: number }[];
  stamped: boolean;
};

async function catalogOf(request: import("@playwright/test").APIRequestContext) {
  return ((await (await request.get("/api/catalog")).json()) as { items: CatalogItem[] }).items;
}

test.describe("paying with the official @x402/fetch client", () => {
  test("pays every seeded item: bytes match the catalog, USDC moves by the price, a receipt matches the transfer", async ({ request, store }) => {
    const chain = chainReader(store.devnet);
    const buyer = privateKeyToAccount(store.devnet.buyers[0].privateKey);
    const payingFetch = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 10_000_000n });

    for (const item of await catalogOf(request)) {
      const price = BigInt(item.price.atomic);
      const [buyerBefore, creatorBefore] = [await chain.balanceOf(buyer.address), await chain.balanceOf(item.payTo)];

      const response = await payingFetch(item.downloadUrl);
      expect(response.status, item.slug).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
      expect(response.headers.get("x-storefront-content-length")).toBeNull();
      const digest = createHash("sha256").update(bytes).digest("hex");
      if (item.stamped) {
        // This buyer's own copy (e2e/stamped-pdfs.spec.ts checks the stamp): not the catalog's bytes.
        expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        expect(digest).not.toBe(item.files[0].sha256);
      } else if (item.files.length === 1) {
        expect(bytes.length).toBe(item.files[0].size);
        expect(response.headers.get("content-disposition")).toContain(item.files[0].name);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(item.files[0].sha256);
      } else {
        expect(response.headers.get("content-type")).toBe("application/zip");
        const entries = readZip(bytes).map((entry) => ({ name: entry.name, size: entry.bytes.length, sha256: entry.sha256 }));
        expect(entries, item.slug).toEqual(item.files.map(({ name, size, sha256 }) => ({ name, size, sha256 })));
      }

      const settlement = decodePaymentResponseHeader(response.headers.get("payment-response")!);
      expect(settlement.success).toBe(true);
      expect(settlement.payer).toBe(buyer.address);
      expect(await chain.balanceOf(buyer.address)).toBe(buyerBefore - price);
      expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore + price);
      expect((await chain.receipt(settlement.transaction as Hex)).status).toBe("success");

      const receipt = await (await request.get(`/api/receipts/${settlement.transaction}`)).json();
      expect(receipt).toMatchObject({
        item: { slug: item.slug },
        payer: buyer.address,
        payTo: item.payTo,
        amount: { atomic: item.price.atomic },
        asset: store.devnet.usdc,
        network: store.devnet.network,
        status: "settled",
        transaction: settlement.transaction.toLowerCase(),
        deliveredSha256: item.stamped ? digest : null,
      });
      // Pages and route handlers are separate bundles: the page must see the route's write.
      expect((await request.get(`/receipts/${settlement.transaction}`)).status()).toBe(200);
    }
  });
});

test.describe("the 402", () => {
  test("says what to pay, in the header and the body, with CORS for other origins", async ({ request, store }) => {
    const [item] = await catalogOf(request);
    const response = await request.get(item.downloadUrl, { headers: { origin: "https://agent.example" } });
    expect(response.status()).toBe(402);
    const headers = response.headers();
    expect(headers["access-control-allow-origin"]).toBe("*");
    expect(headers["access-control-expose-headers"]).toContain("PAYMENT-REQUIRED");
    expect(headers["access-control-allow-headers"]).toContain("PAYMENT-SIGNATURE");
    const required = paymentRequiredFrom(headers);
    expect(await response.json()).toMatchObject({ x402Version: 2, accepts: required.accepts, error: "payment_required" });
    expect(required.resource.url).toBe(item.downloadUrl);
    expect(required.accepts[0]).toMatchObject({
      scheme: "exact",
      network: store.devnet.network,
      asset: store.devnet.usdc,
      amount: item.price.atomic,
      payTo: item.payTo,
      extra: { name: "USD Coin", version: "2" },
    });

    const preflight = await request.fetch(item.downloadUrl, { method: "OPTIONS" });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()["access-control-allow-headers"]).toContain("X-PAYMENT");
  });

  test("sends a browser to the item's page and an unknown item to a 404", async ({ request }) => {
    const [item] = await catalogOf(request);
    const browser = await request.get(item.downloadUrl, { headers: { accept: "text/html" }, maxRedirects: 0 });
    expect(browser.status()).toBe(303);
    expect(browser.headers().location).toMatch(new RegExp(`/items/${item.slug}$`));
    const unknown = await request.get("/api/download/no-such-item");
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error).toBe("not_found");
  });
});

test.describe("bad payments: a reason, no file, no transfer", () => {
  type BadCase = {
    name: string;
    reason: string;
    header?: string | ((offer: PaymentRequired) => string);
    tamper?: (devnet: DevnetFile) => Parameters<typeof signPayment>[0]["tamper"];
    payer?: "unfunded" | "blacklisted";
  };
  const badCases: BadCase[] = [
    { name: "garbled base64", reason: "invalid_payment_header_encoding", header: "%%%not-base64%%%" },
    { name: "base64 of something that is not JSON", reason: "invalid_payment_header_json", header: Buffer.from("hello, world").toString("base64") },
    { name: "a header over 16 KB", reason: "invalid_payment_header_too_large", header: "A".repeat(17 * 1024) },
    { name: "JSON that is not a payment", reason: "invalid_x402_version", header: Buffer.from(JSON.stringify({ hello: 1 })).toString("base64") },
    { name: "an unknown x402Version", reason: "invalid_x402_version", tamper: () => ({ x402Version: 7 }) },
    { name: "an unknown scheme", reason: "unsupported_scheme", tamper: () => ({ accepted: { scheme: "upto" } }) },
    { name: "another network", reason: "invalid_network", tamper: () => ({ accepted: { network: "eip155:8453" } }) },
    { name: "another asset", reason: "invalid_exact_evm_asset_mismatch", tamper: () => ({ accepted: { asset: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913" } }) },
    { name: "another payTo", reason: "invalid_exact_evm_recipient_mismatch", tamper: (devnet) => ({ accepted: { payTo: devnet.buyers[2].address } }) },
    { name: "an amount below the price", reason: "invalid_exact_evm_authorization_value", tamper: () => ({ accepted: { amount: "1" } }) },
    { name: "a signed value below the price", reason: "invalid_exact_evm_payload_authorization_value_mismatch", tamper: () => ({ value: 1n }) },
    { name: "an authorization paying someone else", reason: "invalid_exact_evm_recipient_mismatch", tamper: (devnet) => ({ to: devnet.buyers[2].address }) },
    { name: "a signature by another key", reason: "invalid_exact_evm_signature", tamper: (devnet) => ({ signer: privateKeyToAccount(devnet.buyers[2].privateKey) }) },
    { name: "an expired authorization", reason: "invalid_exact_evm_payload_authorization_valid_before", tamper: () => ({ validAfter: 0n, validBefore: BigInt(Math.floor(Date.now() / 1000) - 60) }) },
    { name: "a not-yet-valid authorization", reason: "invalid_exact_evm_payload_authorization_valid_after", tamper: () => ({ validAfter: BigInt(Math.floor(Date.now() / 1000) + 3600), validBefore: BigInt(Math.floor(Date.now() / 1000) + 7200) }) },
    { name: "a payer without enough USDC", reason: "invalid_exact_evm_insufficient_balance", payer: "unfunded" },
    { name: "a payment signed for another token name", reason: "invalid_exact_evm_token_name_mismatch", tamper: () => ({ accepted: { extra: { name: "USDC", version: "2" } } }) },
    { name: "a payment signed for another token version", reason: "invalid_exact_evm_token_version_mismatch", tamper: () => ({ accepted: { extra: { name: "USD Coin", version: "1" } } }) },
    {
      name: "a payload without an authorization",
      reason: "invalid_payload",
      header: (offer) => encodePaymentSignatureHeader({ x402Version: 2, resource: offer.resource, accepted: offer.accepts[0], payload: { signature: "0x" } }),
    },
    // USDC refuses transfers of a blacklisted account: the facilitator's simulation fails for a reason it cannot name.
    { name: "a payer the token refuses (blacklisted)", reason: "invalid_exact_evm_transaction_simulation_failed", payer: "blacklisted" },
  ];

  for (const badCase of badCases) {
    test(`${badCase.name} → ${badCase.reason}`, async ({ request, store }) => {
      const chain = chainReader(store.devnet);
      const [item] = await catalogOf(request);
      const payerKey =
        badCase.payer === "unfunded"
          ? store.devnet.unfundedBuyer.privateKey
          : badCase.payer === "blacklisted"
            ? (await fundedBuyerKey(store.devnet, 5_000_000n)).privateKey
            : store.devnet.buyers[1].privateKey;
      const payer = privateKeyToAccount(payerKey).address;
      if (badCase.payer === "blacklisted") await setBlacklisted(store.devnet, payer, true);
      const paymentRequired = paymentRequiredFrom((await request.get(item.downloadUrl)).headers());
      const header = typeof badCase.header === "function" ? badCase.header(paymentRequired) : badCase.header;
      const signed = header ? null : await signPayment({ paymentRequired, payerKey, tamper: badCase.tamper?.(store.devnet) });
      const [payerBefore, creatorBefore] = [await chain.balanceOf(payer), await chain.balanceOf(item.payTo)];

      for (const headerName of ["payment-signature", "x-payment"]) {
        const response = await request.get(item.downloadUrl, { headers: { [headerName]: header ?? signed!.header } });
        expect(response.status()).toBe(402);
        expect(response.headers()["content-type"]).toBe("application/json");
        expect(response.headers()["payment-response"]).toBeUndefined();
        const body = await response.json();
        expect(body.error).toBe(badCase.reason);
        expect(paymentRequiredFrom(response.headers()).error).toBe(badCase.reason);
        expect(body.message).toMatch(/\w/);
        expect(JSON.stringify(body)).not.toMatch(/viem|Details:|Request body|Contract Call|URL: http/i);
      }
      expect(await chain.balanceOf(payer)).toBe(payerBefore);
      expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore);
      if (signed) expect(await chain.authorizationUsed(payer, signed.nonce)).toBe(false);
    });
  }

  test("the same payment header with its payment id gets the same purchase again: one transfer, one receipt", async ({ request, store }) => {
    const chain = chainReader(store.devnet);
    const [item, otherItem] = await catalogOf(request);
    const payerKey = store.devnet.buyers[1].privateKey;
    const paymentRequired = paymentRequiredFrom((await request.get(item.downloadUrl)).headers());
    const { header, payer } = await signPayment({ paymentRequired, payerKey, paymentId: generatePaymentId() });
    const before = await chain.balanceOf(payer);
    const first = await request.get(item.downloadUrl, { headers: { "payment-signature": header } });
    expect(first.status()).toBe(200);
    const again = await request.get(item.downloadUrl, { headers: { "payment-signature": header } });
    expect(again.status()).toBe(200);
    expect(createHash("sha256").update(await again.body()).digest("hex")).toBe(createHash("sha256").update(await first.body()).digest("hex"));
    expect(decodePaymentResponseHeader(again.headers()["payment-response"]).transaction).toBe(decodePaymentResponseHeader(first.headers()["payment-response"]).transaction);
    const elsewhere = await request.get(otherItem.downloadUrl, { headers: { "payment-signature": header } });
    expect(elsewhere.status()).toBe(402);
    expect((await elsewhere.json()).error).toBe("invalid_exact_evm_nonce_already_used");
    expect(await chain.balanceOf(payer)).toBe(before - BigInt(item.price.atomic));
  });

  test("50 concurrent copies of one payment → one transfer, one receipt; each copy gets the file, 'settlement pending', or once settled a refusal that asks for no new payment", async ({ request, store }) => {
    const chain = chainReader(store.devnet);
    const item = (await catalogOf(request)).find((entry) => entry.kind === "music")!;
    const payerKey = store.devnet.buyers[2].privateKey;
    const paymentRequired = paymentRequiredFrom((await request.get(item.downloadUrl)).headers());
    const { header, payer, nonce } = await signPayment({ paymentRequired, payerKey, paymentId: generatePaymentId() });
    const [payerBefore, creatorBefore] = [await chain.balanceOf(payer), await chain.balanceOf(item.payTo)];

    const responses = await Promise.all(
      Array.from({ length: 50 }, () => request.get(item.downloadUrl, { headers: { "payment-signature": header } })),
    );
    const delivered = responses.filter((response) => response.status() === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    // The first delivery and at most five re-deliveries by the header.
    expect(delivered.length).toBeLessThanOrEqual(6);
    for (const response of responses.filter((r) => r.status() !== 200)) {
      const reason = (await response.json()).error;
      if (response.status() === 503) {
        expect(reason).toBe("settlement_pending");
        expect(response.headers()["retry-after"]).toBe("5");
      } else {
        expect([response.status(), reason]).toEqual([402, "redelivery_limit_reached"]);
      }
    }
    const transactions = new Set(delivered.map((r) => decodePaymentResponseHeader(r.headers()["payment-response"]).transaction));
    expect(transactions.size).toBe(1);
    const price = BigInt(item.price.atomic);
    expect(await chain.balanceOf(payer)).toBe(payerBefore - price);
    expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore + price);
    expect(await chain.authorizationUsed(payer, nonce)).toBe(true);
    expect((await request.get(`/api/receipts/${[...transactions][0]}`)).status()).toBe(200);
  });
});
