import { createHash } from "node:crypto";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { expect, test } from "./fixtures";
import { chainReader, fundedBuyerKey, mintUsdc, signPayment } from "./support/chain";
import { createCode, expectRefusal, offerFor, quotedAmount } from "./support/pricing";
import { publishedItem, signInCreator } from "./support/studio";

// Discount codes and pay-what-you-want over the download URL, as an agent meets them: the price
// is in the query (`?code=`, `?amount=`), a 402 quotes exactly that price, and anything the store
// cannot honour is a 400 with its reason and no payment terms (never a silent full-price 402).
// Codes live on fresh creators so that LAUNCH20 (seeded for Ada Quill) keeps its state.

const download = (storeUrl: string, slug: string, query = "") => `${storeUrl}/api/download/${slug}${query}`;

async function pay(url: string, payerKey: Hex, requiredUrl = url) {
  const { required } = await offerFor(requiredUrl);
  const { header, nonce, payer } = await signPayment({ paymentRequired: required!, payerKey });
  return { response: await fetch(url, { headers: { "PAYMENT-SIGNATURE": header } }), nonce, payer, amount: BigInt(required!.accepts[0].amount) };
}

test.describe("discount codes", () => {
  test("LAUNCH20 quotes 20 % off Ada Quill's items, keeps the query in resource.url, and is case-insensitive", async ({ store }) => {
    const url = download(store.url, "the-gasless-economy", "?code=LAUNCH20");
    const offer = await offerFor(url);
    expect(offer.status).toBe(402);
    expect(offer.required!.accepts[0].amount).toBe("2000000");
    expect(offer.required!.resource.url).toBe(url);
    expect(await quotedAmount(download(store.url, "field-notes-on-stablecoins", "?code=launch20"))).toBe("600000");
    expect(await quotedAmount(download(store.url, "the-gasless-economy"))).toBe("2500000");
    // Another creator's item: the code is not theirs.
    await expectRefusal(download(store.url, "midnight-blocks", "?code=LAUNCH20"), "discount_code_invalid");
  });

  test("a discounted payment settles at the discounted amount and the sale records the code", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "3.00" });
    await createCode(creator.api, { code: "THIRD", kind: "amount", value: "1.00" });
    const chain = chainReader(store.devnet);
    const { privateKey, account } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const { response, amount } = await pay(download(store.url, item.slug, "?code=third"), privateKey);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(amount).toBe(2_000_000n);
    expect(await chain.balanceOf(account.address)).toBe(3_000_000n);

    const [header, sale] = (await (await creator.api.get("/api/studio/sales")).text()).split("\r\n").map((line) => line.split(","));
    const row = Object.fromEntries(header.map((name, index) => [name, sale[index]]));
    expect(row).toMatchObject({ amount_usdc: "2.00", amount_atomic: "2000000", discount_code: "THIRD", discount_usdc: "1.00" });
    const [code] = ((await (await creator.api.get("/api/studio/discount-codes")).json()) as { codes: { uses: number; sales: number; revenue: string }[] }).codes;
    expect(code).toMatchObject({ uses: 1, sales: 1, revenue: "2.00" });
  });

  test("unknown, malformed, paused, other-item and used-up codes are 400s with their reason and no terms", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.00" });
    const { item: other } = await publishedItem(creator.api, { price: "1.00" });
    const at = (query: string) => download(store.url, item.slug, query);
    await expectRefusal(at("?code=NOSUCHCODE"), "discount_code_invalid");
    await expectRefusal(at("?code=no%20spaces"), "discount_code_invalid");
    await expectRefusal(at("?code=ab"), "discount_code_invalid");

    const paused = await createCode(creator.api, { code: "PAUSED-1" });
    expect((await creator.api.patch(`/api/studio/discount-codes/${paused.id}`, { data: { paused: true } })).status()).toBe(200);
    await expectRefusal(at("?code=paused-1"), "discount_code_invalid");

    await createCode(creator.api, { code: "OTHER-ONLY", allItems: false, itemIds: [other.id] });
    await expectRefusal(at("?code=OTHER-ONLY"), "discount_code_invalid");
    expect(await quotedAmount(download(store.url, other.slug, "?code=OTHER-ONLY"))).toBe("800000");

    await createCode(creator.api, { code: "ONCE", maxUses: "1" });
    const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
    expect((await pay(at("?code=ONCE"), privateKey)).response.status).toBe(200);
    // An unpaid 402 is priced from the catalog snapshot, which sees the code's use within its
    // poll (lib/catalog/snapshot.ts POLL_MS); a payment is priced from the database at once.
    await expect.poll(async () => (await offerFor(at("?code=ONCE"))).body.error, { timeout: 5_000 }).toBe("discount_code_exhausted");
    await expectRefusal(at("?code=ONCE"), "discount_code_exhausted");
  });

  test("an expired code is discount_code_expired", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.00" });
    await createCode(creator.api, { code: "SOON-GONE", expiresAt: new Date(Date.now() + 1500).toISOString() });
    const url = download(store.url, item.slug, "?code=SOON-GONE");
    // The code's expiry passes on the wall clock: poll until it has, without assuming how long a request takes.
    await expect.poll(async () => (await offerFor(url)).body.error, { timeout: 10_000 }).toBe("discount_code_expired");
    await expectRefusal(url, "discount_code_expired");
  });

  test("a code paused between the 402 and the payment is refused before settling", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.00" });
    const code = await createCode(creator.api, { code: "FLEETING" });
    const url = download(store.url, item.slug, "?code=FLEETING");
    const { required } = await offerFor(url);
    const { privateKey, account } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const { header, nonce } = await signPayment({ paymentRequired: required!, payerKey: privateKey });
    await creator.api.patch(`/api/studio/discount-codes/${code.id}`, { data: { paused: true } });
    const response = await fetch(url, { headers: { "PAYMENT-SIGNATURE": header } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("discount_code_invalid");
    expect(response.headers.get("payment-required")).toBeNull();
    const chain = chainReader(store.devnet);
    expect(await chain.authorizationUsed(account.address, nonce as Hex)).toBe(false);
    expect(await chain.balanceOf(account.address)).toBe(5_000_000n);
  });

  test("a payment signed for the discounted price is refused without the code, and a full-price one with it", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const { privateKey, account } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const withCode = download(store.url, "field-notes-on-stablecoins", "?code=LAUNCH20");
    const without = download(store.url, "field-notes-on-stablecoins");
    for (const [signedAt, sentTo] of [[withCode, without], [without, withCode]]) {
      const { response, nonce } = await pay(sentTo, privateKey, signedAt);
      expect(response.status, `${signedAt} → ${sentTo}`).toBe(402);
      expect(((await response.json()) as { error: string }).error).toBe("invalid_exact_evm_authorization_value");
      expect(await chain.authorizationUsed(account.address, nonce as Hex)).toBe(false);
    }
    expect(await chain.balanceOf(account.address)).toBe(5_000_000n);
  });

  test("two buyers racing for a code's last use: exactly one settles, the other is refused with no transfer", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "2.00" });
    await createCode(creator.api, { code: "LAST-ONE", maxUses: "1", kind: "percent", value: "50" });
    const url = download(store.url, item.slug, "?code=LAST-ONE");
    const { required } = await offerFor(url);
    const keys = [generatePrivateKey(), generatePrivateKey()];
    const buyers = keys.map((privateKey) => ({ privateKey, account: privateKeyToAccount(privateKey) }));
    for (const { account } of buyers) await mintUsdc(store.devnet, account.address, 5_000_000n);
    const signed = await Promise.all(buyers.map(({ privateKey }) => signPayment({ paymentRequired: required!, payerKey: privateKey })));
    const responses = await Promise.all(signed.map(({ header }) => fetch(url, { headers: { "PAYMENT-SIGNATURE": header } })));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 400]);
    const loser = responses.findIndex((response) => response.status === 400);
    expect(((await responses[loser].json()) as { error: string }).error).toBe("discount_code_exhausted");
    expect(responses[loser].headers.get("payment-required")).toBeNull();
    const chain = chainReader(store.devnet);
    expect(await chain.authorizationUsed(buyers[loser].account.address, signed[loser].nonce as Hex)).toBe(false);
    expect(await chain.balanceOf(buyers[loser].account.address)).toBe(5_000_000n);
    expect(await chain.balanceOf(buyers[1 - loser].account.address)).toBe(4_000_000n);
    const [code] = ((await (await creator.api.get("/api/studio/discount-codes")).json()) as { codes: { uses: number; sales: number }[] }).codes;
    expect(code).toMatchObject({ uses: 1, sales: 1 });
  });
});

test.describe("pay what you want", () => {
  test("?amount= is quoted exactly, the suggestion by default; below the minimum, malformed and too high are refused", async ({ store }) => {
    const at = (query: string) => download(store.url, "tip-jar-tapes", query);
    expect(await quotedAmount(at("?amount=3.50"))).toBe("3500000");
    expect(await quotedAmount(at("?amount=0.5"))).toBe("500000");
    expect(await quotedAmount(at("?amount=0.500001"))).toBe("500001");
    expect(await quotedAmount(at(""))).toBe("2000000");
    expect((await offerFor(at("?amount=3.50"))).required!.resource.url).toBe(at("?amount=3.50"));
    await expectRefusal(at("?amount=0.49"), "amount_below_minimum");
    await expectRefusal(at("?amount=0"), "amount_below_minimum");
    for (const malformed of ["abc", "1e3", "-1", "1.0000001", "%243", "1,50", ""]) await expectRefusal(at(`?amount=${malformed}`), "invalid_amount");
    await expectRefusal(at("?amount=1000.000001"), "invalid_amount");
    expect(await quotedAmount(at("?amount=1000"))).toBe("1000000000");
    // A fixed price is not negotiable.
    await expectRefusal(download(store.url, "midnight-blocks", "?amount=5"), "invalid_amount");
  });

  test("a payment signed for 1.00 is never accepted for 5.00 (or the reverse), and the chosen amount settles exactly", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const { privateKey, account } = await fundedBuyerKey(store.devnet, 10_000_000n);
    const at = (query: string) => download(store.url, "tip-jar-tapes", query);
    for (const [signedAt, sentTo] of [[at("?amount=1.00"), at("?amount=5.00")], [at("?amount=5.00"), at("?amount=1.00")], [at("?amount=1.00"), at("")]]) {
      const { response, nonce } = await pay(sentTo, privateKey, signedAt);
      expect(response.status, `${signedAt} → ${sentTo}`).toBe(402);
      expect(((await response.json()) as { error: string }).error).toBe("invalid_exact_evm_authorization_value");
      expect(await chain.authorizationUsed(account.address, nonce as Hex)).toBe(false);
    }
    expect(await chain.balanceOf(account.address)).toBe(10_000_000n);
    const { response } = await pay(at("?amount=1.25"), privateKey);
    expect(response.status).toBe(200);
    expect(await chain.balanceOf(account.address)).toBe(8_750_000n);
  });

  test("a code lowers the minimum, not the chosen amount", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "2.00", pwywMinimum: "1.00" });
    await createCode(creator.api, { code: "HALF-MIN", kind: "percent", value: "50" });
    const at = (query: string) => download(store.url, item.slug, query);
    await expectRefusal(at("?amount=0.50"), "amount_below_minimum");
    expect(await quotedAmount(at("?amount=0.50&code=HALF-MIN"))).toBe("500000");
    expect(await quotedAmount(at("?amount=3&code=HALF-MIN"))).toBe("3000000");
    expect(await quotedAmount(at("?code=HALF-MIN"))).toBe("2000000");
    await expectRefusal(at("?amount=0.49&code=HALF-MIN"), "amount_below_minimum");
  });
});

test.describe("free claims with Sign-In-With-X", () => {
  for (const variant of ["a 100 %-off code", "pay what you want from 0, choosing 0"] as const) {
    test(`${variant}: a 0-amount receipt in the library, no chain transaction`, async ({ store }) => {
      const { createSIWxPayload, encodeSIWxHeader } = await import("@x402/extensions/sign-in-with-x");
      const creator = await signInCreator(store.url);
      const free = variant === "a 100 %-off code";
      const { item, pdf } = await publishedItem(creator.api, free ? { price: "1.00" } : { price: "1.00", pwywMinimum: "0" });
      if (free) await createCode(creator.api, { code: "ON-THE-HOUSE", kind: "percent", value: "100", maxUses: "5" });
      const url = download(store.url, item.slug, free ? "?code=ON-THE-HOUSE" : "?amount=0");

      const offer = await offerFor(url);
      expect(offer.status).toBe(402);
      expect(offer.required).toMatchObject({ error: "free_claim_requires_siwx", accepts: [] });
      const siwx = offer.required!.extensions!["sign-in-with-x"] as { info: Record<string, unknown>; supportedChains: { chainId: string; type: string }[] };
      const buyer = privateKeyToAccount((await fundedBuyerKey(store.devnet, 1_000_000n)).privateKey);
      const info = { ...siwx.info, chainId: siwx.supportedChains[0].chainId, type: siwx.supportedChains[0].type } as Parameters<typeof createSIWxPayload>[0];
      const proof = encodeSIWxHeader(await createSIWxPayload(info, buyer, info.uri));

      const chain = chainReader(store.devnet);
      const { devnetClients } = await import("../lib/devnet/deploy");
      const blockBefore = await devnetClients(store.devnet.rpcUrl).publicClient.getBlockNumber();
      const response = await fetch(url, { headers: { "SIGN-IN-WITH-X": proof } });
      expect(response.status, await response.clone().text()).toBe(200);
      expect(createHash("sha256").update(Buffer.from(await response.arrayBuffer())).digest("hex")).toBe(createHash("sha256").update(pdf).digest("hex"));
      expect(await devnetClients(store.devnet.rpcUrl).publicClient.getBlockNumber()).toBe(blockBefore);
      expect(await chain.balanceOf(buyer.address)).toBe(1_000_000n);

      const { signInBuyer } = await import("./support/library");
      const library = await signInBuyer(store.url, buyer);
      const page = await (await library.get("/library")).text();
      expect(page).toContain(item.title);
      expect(page).toContain("0.00 USDC");
      expect(page).toContain("free claim, no transaction");
      if (free) {
        const [code] = ((await (await creator.api.get("/api/studio/discount-codes")).json()) as { codes: { uses: number; sales: number }[] }).codes;
        expect(code).toMatchObject({ uses: 1, sales: 1 });
      }
    });
  }
});
