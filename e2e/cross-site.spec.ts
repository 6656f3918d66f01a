import type { APIRequestContext } from "@playwright/test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { expect, test } from "./fixtures";
import { type AttackerSite, SUBMIT_FIRST_FORM, startAttackerSite, textPlainJsonForm } from "./support/attacker-site";
import { createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

/** The creator's own view of their items: the studio page, fetched with their session. */
async function studioPage(api: APIRequestContext): Promise<string> {
  const response = await api.get("/studio");
  expect(response.status()).toBe(200);
  return response.text();
}

let attacker: AttackerSite;
test.beforeAll(async () => {
  attacker = await startAttackerSite();
});
test.afterAll(() => attacker.close());

test.describe("cross-site requests in a real browser", () => {
  for (const [label, origin] of [
    ["another site (localhost)", () => attacker.crossSite],
    ["another port of the store's host (same site)", () => attacker.sameSite],
  ] as const) {
    test(`a text/plain form on ${label} cannot sign the visitor into the attacker's studio`, async ({ page, request, store }) => {
      // The attacker signs a fresh sign-in message for their own wallet…
      const account = privateKeyToAccount(generatePrivateKey());
      const { message } = (await (await request.post("/api/studio/sign-in", { data: { address: account.address } })).json()) as { message: string };
      const signature = await account.signMessage({ message });
      // …and the visitor's browser posts it from the attacker's page.
      attacker.serve("/login", textPlainJsonForm(`${store.url}/api/studio/session`, { message, signature }) + SUBMIT_FIRST_FORM);
      const answer = page.waitForResponse(`${store.url}/api/studio/session`);
      await page.goto(`${origin()}/login`);
      const response = await answer;

      expect((await page.context().cookies(store.url)).map((cookie) => cookie.name)).not.toContain("storefront_studio");
      expect(response.status()).toBe(403);
      expect((await response.json()).error).toBe("cross_site_request");
      await page.goto("/studio");
      await expect(page.getByTestId("studio-sign-in")).toBeVisible();
      await expect(page.getByTestId("studio-wallet")).toHaveCount(0);
    });
  }

  test("a page on another port of the store's host cannot create items with the signed-in creator's cookie", async ({ page, store }) => {
    const victim = await signInCreator(store.url);
    await page.context().addCookies((await victim.api.storageState()).cookies);
    const planted = { fetch: `Planted by fetch ${Date.now()}`, form: `Planted by a form ${Date.now()}` };
    const fields = (title: string) => ({ title, kind: "ebook", price: "0.01" });
    attacker.serve(
      "/create",
      textPlainJsonForm(`${store.url}/api/studio/items`, fields(planted.form)) +
        `<script>
          fetch(${JSON.stringify(`${store.url}/api/studio/items`)}, {
            method: "POST", mode: "no-cors", credentials: "include",
            headers: { "content-type": "text/plain" }, body: ${JSON.stringify(JSON.stringify(fields(planted.fetch)))},
          }).catch(() => {}).then(() => document.forms[0].submit());
        </script>`,
    );
    const itemsUrl = `${store.url}/api/studio/items`;
    const byFetch = page.waitForResponse((response) => response.url() === itemsUrl && response.request().resourceType() === "fetch");
    const byForm = page.waitForResponse((response) => response.url() === itemsUrl && response.request().resourceType() === "document");
    await page.goto(`${attacker.sameSite}/create`);
    const answers = [await byFetch, await byForm];

    const studio = await studioPage(victim.api);
    expect(studio).not.toContain(planted.fetch);
    expect(studio).not.toContain(planted.form);
    expect(answers.map((answer) => answer.status())).toEqual([403, 403]);
  });
});

test.describe("cross-site requests over HTTP", () => {
  const evil = { origin: "http://evil.example" };

  test("another origin or site is refused with 403 and a reason on every state-changing route, and nothing changes", async ({ store }) => {
    const victim = await signInCreator(store.url);
    const item = await createItem(victim.api);
    const before = await (await victim.api.get(`/api/studio/items/${item.id}`)).json();
    const otherPort = new URL(store.url);
    otherPort.port = String(Number(otherPort.port) + 1);
    const title = `Cross-site ${Date.now()}`;
    const origins: Record<string, string>[] = [
      evil,
      { origin: otherPort.origin },
      { origin: "null" },
      { origin: store.url.replace("http:", "https:") },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: store.url, "sec-fetch-site": "same-site" },
    ];
    for (const headers of origins) {
      const response = await victim.api.post("/api/studio/items", { headers, data: { title, kind: "ebook", price: "1" } });
      const body = await response.json();
      expect.soft([response.status(), body.error], JSON.stringify(headers)).toEqual([403, "cross_site_request"]);
      expect.soft(body.message).toMatch(/another site/);
      expect.soft(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    }

    const pdf = Buffer.from(await samplePdf("cross-site"));
    const raw = { ...evil, "x-file-name": "x.pdf", "content-type": "application/octet-stream" };
    const attempts = {
      "edit an item": () => victim.api.patch(`/api/studio/items/${item.id}`, { headers: evil, data: { title: "Hijacked" } }),
      "edit the profile": () => victim.api.patch("/api/studio/profile", { headers: evil, data: { displayName: "Hijacked" } }),
      "delete an item": () => victim.api.delete(`/api/studio/items/${item.id}`, { headers: evil }),
      "upload a file": () => victim.api.post(`/api/studio/items/${item.id}/files`, { headers: raw, data: pdf }),
      "set the cover": () => victim.api.put(`/api/studio/items/${item.id}/cover`, { headers: raw, data: pdf }),
      "record a refund": () => victim.api.post("/api/studio/refunds", { headers: evil, data: {} }),
      "ask for a sign-in message": () => victim.api.post("/api/studio/sign-in", { headers: evil, data: { address: victim.account.address } }),
      "sign out of the studio": () => victim.api.delete("/api/studio/session", { headers: evil }),
      "sign in to the library": () => victim.api.post("/api/library/session", { headers: { ...evil, "sign-in-with-x": "e30=" } }),
      "sign out of the library": () => victim.api.delete("/api/library/session", { headers: evil }),
      "reach a route through an encoded path": () => victim.api.post("/api/%73tudio/items", { headers: evil, data: { title, kind: "ebook", price: "1" } }),
    };
    for (const [action, attempt] of Object.entries(attempts)) {
      const response = await attempt();
      expect.soft([response.status(), (await response.json().catch(() => ({}))).error], action).toEqual([403, "cross_site_request"]);
    }

    expect(await (await victim.api.get(`/api/studio/items/${item.id}`)).json()).toEqual(before);
    const studio = await studioPage(victim.api);
    expect(studio).not.toContain(title);
    expect(studio).not.toContain("Hijacked");
  });

  test("a JSON route refuses any other body type with 415, before reading it", async ({ store }) => {
    const victim = await signInCreator(store.url);
    const title = `Not JSON ${Date.now()}`;
    const json = JSON.stringify({ title, kind: "ebook", price: "1" });
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", undefined]) {
      const response = await victim.api.post("/api/studio/items", { headers: contentType ? { "content-type": contentType } : {}, data: Buffer.from(json) });
      const body = await response.json();
      expect.soft([response.status(), body.error], String(contentType)).toEqual([415, "unsupported_content_type"]);
      expect.soft(body.message).toMatch(/application\/json/);
    }
    const account = privateKeyToAccount(generatePrivateKey());
    const login = await victim.api.post("/api/studio/session", { headers: { "content-type": "text/plain" }, data: JSON.stringify({ message: "x", signature: "0x00" }) });
    expect(login.status()).toBe(415);
    const signIn = await victim.api.post("/api/studio/sign-in", { headers: { "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify({ address: account.address }) });
    expect(signIn.status()).toBe(415);
    expect(await studioPage(victim.api)).not.toContain(title);
  });

  test("the store's own pages, agents without an Origin, and a person browsing at localhost still get through", async ({ store }) => {
    const victim = await signInCreator(store.url);
    const own = { origin: store.url, "sec-fetch-site": "same-origin" };
    const created = await victim.api.post("/api/studio/items", {
      headers: { ...own, "content-type": "application/json; charset=utf-8" },
      data: JSON.stringify({ title: `Own page ${Date.now()}`, kind: "ebook", price: "1" }),
    });
    expect(created.status()).toBe(201);
    const item = await created.json();
    const upload = await victim.api.post(`/api/studio/items/${item.id}/files`, {
      headers: { ...own, "x-file-name": "book.pdf", "content-type": "application/octet-stream" },
      data: Buffer.from(await samplePdf("own page")),
    });
    expect(upload.status()).toBe(201);
    expect((await uploadFile(victim.api, item.id, "agent.pdf", await samplePdf("agent"))).status()).toBe(201);
    expect((await victim.api.delete(`/api/studio/items/${item.id}`, { headers: own })).status()).toBe(204);

    // Addressed as localhost, the request's own origin is http://localhost:<port>.
    const port = new URL(store.url).port;
    const local = await victim.api.post("/api/studio/sign-in", {
      headers: { host: `localhost:${port}`, origin: `http://localhost:${port}`, "sec-fetch-site": "same-origin" },
      data: { address: victim.account.address },
    });
    expect(local.status()).toBe(200);
    expect((await victim.api.delete("/api/studio/session", { headers: own })).status()).toBe(204);
  });
});
