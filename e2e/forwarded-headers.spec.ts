import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { paymentRequiredFrom } from "./support/chain";

type CatalogEntry = { slug: string; pageUrl: string; downloadUrl: string; coverUrl: string | null; preview: { url: string } | null };

const FORWARDED = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

/** Every absolute URL the catalog hands to agents. */
async function catalogUrls(storeUrl: string, headers: Record<string, string>): Promise<{ slug: string; urls: string[] }> {
  const response = await fetch(`${storeUrl}/api/catalog`, { headers });
  const { items } = (await response.json()) as { items: CatalogEntry[] };
  const urls = items.flatMap((item) => [item.pageUrl, item.downloadUrl, item.coverUrl, item.preview?.url].filter((url): url is string => Boolean(url)));
  return { slug: items[0].slug, urls };
}

/** Where the download URL sends a browser, and the resource its 402 names. */
async function downloadOrigins(storeUrl: string, slug: string, headers: Record<string, string>) {
  const redirect = await fetch(`${storeUrl}/api/download/${slug}`, { headers: { ...headers, accept: "text/html" }, redirect: "manual" });
  expect(redirect.status).toBe(303);
  const unpaid = await fetch(`${storeUrl}/api/download/${slug}`, { headers });
  expect(unpaid.status).toBe(402);
  return { location: redirect.headers.get("location"), resource: paymentRequiredFrom(Object.fromEntries(unpaid.headers)).resource.url };
}

test("without TRUST_PROXY, a client's X-Forwarded-Host/-Proto change neither catalog URLs nor the download's redirect", async ({ store }) => {
  const { slug, urls } = await catalogUrls(store.url, FORWARDED);
  expect(urls.length).toBeGreaterThan(3);
  for (const url of urls) expect(url.startsWith(`${store.url}/`), url).toBe(true);
  expect(await downloadOrigins(store.url, slug, FORWARDED)).toEqual({
    location: `${store.url}/items/${slug}`,
    resource: `${store.url}/api/download/${slug}`,
  });
});

test.describe("behind a trusted proxy (TRUST_PROXY=true), on a store of its own", () => {
  let proxied: StartedStore;
  test.beforeAll(async () => {
    proxied = await startStore({ DATABASE_URL: "", TRUST_PROXY: "true" });
  });
  test.afterAll(() => stopStore(proxied));

  test("the proxy's X-Forwarded-Host/-Proto make the absolute URLs", async () => {
    const forwarded = { "x-forwarded-host": "shop.example.com", "x-forwarded-proto": "https" };
    const { slug, urls } = await catalogUrls(proxied.url, forwarded);
    for (const url of urls) expect(url.startsWith("https://shop.example.com/"), url).toBe(true);
    expect(await downloadOrigins(proxied.url, slug, forwarded)).toEqual({
      location: `https://shop.example.com/items/${slug}`,
      resource: `https://shop.example.com/api/download/${slug}`,
    });
    // Without them, the Host header as before.
    expect((await catalogUrls(proxied.url, {})).urls.every((url) => url.startsWith(`${proxied.url}/`))).toBe(true);
  });

  test("a state change from the proxy's public origin passes; another origin is still refused", async () => {
    const forwarded = { "x-forwarded-host": "shop.example.com", "x-forwarded-proto": "https" };
    const post = (origin: string) =>
      fetch(`${proxied.url}/api/studio/sign-in`, {
        method: "POST",
        headers: { ...forwarded, origin, "content-type": "application/json" },
        body: JSON.stringify({ address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }),
      });
    expect((await post("https://shop.example.com")).status).toBe(200);
    expect((await post("http://evil.example")).status).toBe(403);
  });
});
