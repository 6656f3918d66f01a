import { createHash } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, paymentRequiredFrom, signPayment } from "./support/chain";
import { signInBuyer } from "./support/library";
import { createItem, publishedItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

test.describe("rate limits per client address, on a store with small allowances", () => {
  let store: StartedStore;
  let database: IsolatedDatabase;

  test.beforeAll(async () => {
    database = await isolatedDatabase();
    store = await startStore({ DATABASE_URL: database.url, RATE_LIMIT_UNPAID_PER_MINUTE: "5", RATE_LIMIT_SIGN_IN_PER_MINUTE: "4", RATE_LIMIT_UPLOADS_PER_HOUR: "2" });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await database.drop();
  });

  test("unpaid 402s: the sixth in a minute is 429 with Retry-After; spoofed forwarding headers do not help, nor does a payment header", async ({ request }) => {
    const url = `${store.url}/api/download/midnight-blocks`;
    const first = await request.get(url);
    expect(first.status()).toBe(402);
    for (let index = 0; index < 4; index++) expect((await request.get(url)).status()).toBe(402);
    const spoofs: Record<string, string>[] = [{}, { "x-forwarded-for": "203.0.113.7" }, { "x-storefront-client-address": "203.0.113.8" }];
    for (const headers of spoofs) {
      const limited = await request.get(url, { headers });
      expect(limited.status()).toBe(429);
      expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
      expect(limited.headers()["access-control-allow-origin"]).toBe("*");
      expect((await limited.json()).error).toBe("rate_limited");
    }

    const devnet = readDevnetFile(store.dataDir);
    const { header, nonce } = await signPayment({ paymentRequired: paymentRequiredFrom(first.headers()), payerKey: devnet.buyers[0].privateKey });
    for (const headers of [{ "payment-signature": "!" }, { "payment-signature": header }]) {
      expect((await request.get(url, { headers })).status()).toBe(429);
    }
    expect(await chainReader(devnet).authorizationUsed(devnet.buyers[0].address, nonce)).toBe(false);
  });

  test("sign-in messages (studio and library share one allowance) and uploads are rationed; a refused upload stores nothing", async ({ request }) => {
    const account = privateKeyToAccount(generatePrivateKey());
    const creator = await signInCreator(store.url, generatePrivateKey());
    expect((await request.get(`${store.url}/api/library/challenge`)).status()).toBe(200);
    expect((await request.post(`${store.url}/api/studio/sign-in`, { data: { address: account.address } })).status()).toBe(200);
    expect((await request.post(`${store.url}/api/studio/sign-in`, { data: { address: account.address } })).status()).toBe(200);
    const limited = await request.post(`${store.url}/api/studio/sign-in`, { data: { address: account.address } });
    expect([limited.status(), (await limited.json()).error]).toEqual([429, "rate_limited"]);
    expect((await request.get(`${store.url}/api/library/challenge`)).status()).toBe(429);

    const item = await createItem(creator.api);
    const pdf = await samplePdf("rationed");
    expect((await uploadFile(creator.api, item.id, "one.pdf", pdf)).status()).toBe(201);
    expect((await uploadFile(creator.api, item.id, "two.pdf", pdf)).status()).toBe(201);
    expect((await uploadFile(creator.api, item.id, "three.pdf", pdf)).status()).toBe(429);
    const files = (await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).files as { name: string }[];
    expect(files.map((file) => file.name)).toEqual(["one.pdf", "two.pdf"]);
  });
});

test.describe("security headers and unguessable ids", () => {
  test("pages and APIs carry CSP (no framing), nosniff and a referrer policy; covers keep their sandbox", async ({ request }) => {
    for (const path of ["/", "/studio", "/api/catalog", "/api/download/midnight-blocks"]) {
      const headers = (await request.get(path, { maxRedirects: 0 })).headers();
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"], path).toContain("object-src 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
    const cover = await request.get("/api/covers/midnight-blocks");
    expect(cover.headers()["content-security-policy"]).toContain("sandbox");
  });

  test("file and item ids are random UUIDs; traversal and guessing find nothing", async ({ request, store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "0.1" });
    expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const fileId = item.files[0].id;
    expect(fileId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A buyer's library session that owns a real file, so a probe gets past sign-in to the file lookup.
    const [buyer] = await fundFreshBuyers(store.devnet, 1, 1_000_000n);
    const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 100_000n })(
      `${store.url}/api/download/${item.slug}`,
    );
    expect(paid.status).toBe(200);
    await paid.arrayBuffer();
    // Off the catalog again (the purchase stays in the library): catalog and payment specs see the seeded items only.
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
    const library = await signInBuyer(store.url, buyer);
    expect((await library.get(`/api/library/files/${fileId}`)).status()).toBe(200);

    const probes: [APIRequestContext, "get" | "patch" | "delete", string, string][] = [
      [library, "get", "/api/library/files/..%2F..%2F..%2Fetc%2Fpasswd", "not_found"],
      [library, "get", `/api/library/files/${fileId}%2F..%2F..%2F..%2Fpackage.json`, "not_found"],
      [creator.api, "get", "/api/studio/items/..%2F..%2F..%2Fetc%2Fpasswd", "item_not_found"],
      [creator.api, "patch", `/api/studio/items/${item.id}/files/..%2F..%2F..%2Fpackage.json`, "file_not_found"],
      [creator.api, "delete", `/api/studio/items/${item.id}/files/..%2F..%2F..%2Fpackage.json`, "file_not_found"],
      [request, "get", "/api/download/..%2F..%2F..%2Fpackage.json", "not_found"],
      [request, "get", "/api/preview/..%2F..%2F..%2Fpackage.json", "not_found"],
      [request, "get", "/api/covers/%2e%2e%2f%2e%2e%2f%2e%2e%2f.env", "not_found"],
    ];
    for (const [client, method, path, error] of probes) {
      const response = await client[method](path, method === "patch" ? { data: {} } : {});
      const body = await response.text();
      // The route's own answer (not a router 404 page): the probe reached the code that looks the id up.
      expect([response.status(), JSON.parse(body).error], path).toEqual([404, error]);
      for (const outside of ['"name": "x402-storefront"', "root:x:0:0", "SESSION_SECRET"]) expect(body, path).not.toContain(outside);
    }
    // The file is still there, unchanged, for its buyer.
    const own = await library.get(`/api/library/files/${fileId}`);
    expect(createHash("sha256").update(await own.body()).digest("hex")).toBe(item.files[0].sha256);
  });
});
