import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { newSessionToken } from "../lib/auth/session-token";
import { expect, test } from "./fixtures";
import { cookieValue, signInBuyer } from "./support/library";
import { createItem, signInCreator } from "./support/studio";

const ANY_FILE = "/api/library/files/00000000-0000-4000-8000-000000000000";

test.describe("signing out ends the session on the server", () => {
  test("studio: a cookie captured before sign-out is refused after it", async ({ request, store }) => {
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api);
    const replay = { cookie: `storefront_studio=${await cookieValue(creator.api, "storefront_studio")}` };
    expect((await request.get(`/api/studio/items/${item.id}`, { headers: replay })).status()).toBe(200);

    expect((await creator.api.delete("/api/studio/session")).status()).toBe(204);
    expect((await request.get(`/api/studio/items/${item.id}`, { headers: replay })).status()).toBe(401);
    const create = await request.post("/api/studio/items", { headers: replay, data: { title: "After sign-out", kind: "ebook", price: "1" } });
    expect([create.status(), (await create.json()).error]).toEqual([401, "not_signed_in"]);
    expect(await (await request.get("/studio", { headers: replay })).text()).not.toContain(creator.account.address);
  });

  test("library: a cookie captured before sign-out is refused after it", async ({ request, store }) => {
    const account = privateKeyToAccount(generatePrivateKey());
    const buyer = await signInBuyer(store.url, account);
    const replay = { cookie: `storefront_session=${await cookieValue(buyer, "storefront_session")}` };
    // Signed in, an unknown file is 404; signed out, 401.
    expect((await request.get(ANY_FILE, { headers: replay })).status()).toBe(404);
    expect(await (await request.get("/library", { headers: replay })).text()).toContain(account.address);

    expect((await buyer.delete("/api/library/session")).status()).toBe(204);
    expect((await request.get(ANY_FILE, { headers: replay })).status()).toBe(401);
    expect(await (await request.get("/library", { headers: replay })).text()).not.toContain(account.address);
  });
});

test("forged session cookies are refused: a tampered MAC, a well-signed id the store never issued", async ({ request, store }) => {
  const creator = await signInCreator(store.url);
  const item = await createItem(creator.api);
  const real = await cookieValue(creator.api, "storefront_studio");
  const tampered = real.slice(0, -1) + (real.endsWith("A") ? "B" : "A");
  const unissued = newSessionToken(process.env.E2E_SESSION_SECRET!, "studio").value;
  for (const value of [tampered, unissued, "", "x.y", `${real}.${real}`]) {
    const response = await request.get(`/api/studio/items/${item.id}`, { headers: { cookie: `storefront_studio=${value}` } });
    expect(response.status(), value).toBe(401);
  }
  expect((await request.get(`/api/studio/items/${item.id}`, { headers: { cookie: `storefront_studio=${real}` } })).status()).toBe(200);
});
