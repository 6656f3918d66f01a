import { readdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers } from "./support/chain";
import { cookieValue, signInBuyer } from "./support/library";
import { type CreatorSession, type StudioItemJson, createItem, publishedItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

/** Every object in the store's storage folder: a refused request must not add or remove one. */
function storedObjects(): string[] {
  const root = path.join(process.env.E2E_DATA_DIR!, "files");
  return readdirSync(root, { recursive: true, encoding: "utf8" }).sort();
}

type Attempt = { action: string; run: (api: APIRequestContext) => Promise<{ status(): number }> };

test.describe("studio authorization: one creator cannot touch another's items", () => {
  let owner: CreatorSession;
  let intruder: CreatorSession;
  let draft: StudioItemJson;
  let published: StudioItemJson;
  let saleTransaction: string;

  test.beforeAll(async () => {
    const url = process.env.E2E_STORE_URL!;
    [owner, intruder] = [await signInCreator(url), await signInCreator(url)];
    draft = await createItem(owner.api, { title: `Owner's draft ${Date.now()}` });
    expect((await uploadFile(owner.api, draft.id, "draft.pdf", await samplePdf("draft"))).status()).toBe(201);
    draft = await (await owner.api.get(`/api/studio/items/${draft.id}`)).json();
    ({ item: published } = await publishedItem(owner.api, { title: `Owner's book ${Date.now()}`, price: "0.5" }));
    const devnet = JSON.parse(process.env.E2E_DEVNET!);
    const [buyer] = await fundFreshBuyers(devnet, 1, 1_000_000n);
    const paid = await createPayingFetch({ signer: buyer, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 1_000_000n })(
      `${url}/api/download/${published.slug}`,
    );
    expect(paid.status).toBe(200);
    saleTransaction = JSON.parse(Buffer.from(paid.headers.get("payment-response")!, "base64").toString()).transaction;
  });

  const attemptsOn = (item: () => StudioItemJson): Attempt[] => [
    { action: "read", run: (api) => api.get(`/api/studio/items/${item().id}`) },
    { action: "read the cover", run: (api) => api.get(`/api/studio/items/${item().id}/cover`) },
    { action: "edit", run: (api) => api.patch(`/api/studio/items/${item().id}`, { data: { title: "Hijacked", price: "0.01" } }) },
    { action: "redirect the payout", run: (api) => api.patch(`/api/studio/items/${item().id}`, { data: { payoutAddress: "0x000000000000000000000000000000000000dEaD" } }) },
    { action: "publish or unpublish", run: (api) => api.patch(`/api/studio/items/${item().id}`, { data: { published: !item().published } }) },
    { action: "upload", run: async (api) => uploadFile(api, item().id, "intruder.pdf", await samplePdf("intruder")) },
    { action: "replace a file", run: async (api) => uploadFile(api, item().id, "intruder.pdf", await samplePdf("intruder"), { method: "put", fileId: item().files[0].id }) },
    { action: "reorder or mark a preview", run: (api) => api.patch(`/api/studio/items/${item().id}/files/${item().files[0].id}`, { data: { isPreview: true } }) },
    { action: "delete a file", run: (api) => api.delete(`/api/studio/items/${item().id}/files/${item().files[0].id}`) },
    { action: "set the cover", run: (api) => api.put(`/api/studio/items/${item().id}/cover`, { headers: { "x-file-name": "c.png" }, data: Buffer.from("89504e470d0a1a0a", "hex") }) },
    { action: "delete", run: (api) => api.delete(`/api/studio/items/${item().id}`) },
    { action: "see sales", run: (api) => api.get(`/api/studio/sales?item=${item().id}`) },
  ];

  for (const [label, item] of [
    ["a draft", () => draft],
    ["a published item with a sale", () => published],
  ] as const) {
    test(`another creator gets 404 for every action on ${label}, and nothing changes`, async ({ page }) => {
      const before = await (await owner.api.get(`/api/studio/items/${item().id}`)).json();
      const objects = storedObjects();
      for (const attempt of attemptsOn(item)) {
        const response = await attempt.run(intruder.api);
        expect(response.status(), `${attempt.action} as another creator`).toBe(404);
      }
      expect(await (await owner.api.get(`/api/studio/items/${item().id}`)).json()).toEqual(before);
      expect(storedObjects()).toEqual(objects);

      // The studio page of the item does not exist for the intruder either.
      await page.context().addCookies((await intruder.api.storageState()).cookies);
      const visit = await page.goto(`/studio/items/${item().id}`);
      expect(visit?.status()).toBe(404);
    });

    test(`without a studio session every action on ${label} is 401, and nothing changes`, async ({ request }) => {
      const before = await (await owner.api.get(`/api/studio/items/${item().id}`)).json();
      for (const attempt of attemptsOn(item)) {
        expect((await attempt.run(request)).status(), `${attempt.action} signed out`).toBe(401);
      }
      expect(await (await owner.api.get(`/api/studio/items/${item().id}`)).json()).toEqual(before);
    });
  }

  test("another creator's sales stay out of one's own totals, CSV and refunds", async () => {
    const csv = await (await intruder.api.get("/api/studio/sales")).text();
    expect(csv.trimEnd().split("\r\n")).toHaveLength(1);
    expect(csv).not.toContain(saleTransaction.toLowerCase());
    const refund = await intruder.api.post("/api/studio/refunds", { data: { saleTransaction, refundTransaction: saleTransaction, amount: "0.5" } });
    expect([refund.status(), (await refund.json()).error]).toEqual([404, "sale_not_found"]);
    expect(await (await owner.api.get("/api/studio/sales")).text()).toContain(saleTransaction.toLowerCase());
  });

  test("a library session is not a studio session, nor the other way round", async ({ request }) => {
    // The same wallet holds both sessions; only the cookie's scope tells them apart.
    const studioValue = await cookieValue(owner.api, "storefront_studio");
    const libraryValue = await cookieValue(await signInBuyer(process.env.E2E_STORE_URL!, owner.account), "storefront_session");
    const item = `/api/studio/items/${draft.id}`;
    expect((await request.get(item, { headers: { cookie: `storefront_studio=${studioValue}` } })).status()).toBe(200);
    expect(await (await request.get("/library", { headers: { cookie: `storefront_session=${libraryValue}` } })).text()).toContain(owner.account.address);

    const swapped = { cookie: `storefront_studio=${libraryValue}; storefront_session=${studioValue}` };
    expect((await request.get(item, { headers: swapped })).status()).toBe(401);
    expect((await request.post("/api/studio/items", { headers: swapped, data: { title: "Swapped", kind: "ebook", price: "1" } })).status()).toBe(401);
    expect(await (await request.get("/library", { headers: swapped })).text()).not.toContain(owner.account.address);
    expect((await request.get("/api/library/files/00000000-0000-4000-8000-000000000000", { headers: swapped })).status()).toBe(401);
  });
});
