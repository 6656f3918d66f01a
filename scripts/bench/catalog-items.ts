// Published items for the /api/catalog row, added through the running store's own studio API (as a
// creator would), not by the demo seed: the demo stays six items, the bench measures a fuller catalog.
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

/** A studio session for a fresh creator wallet: the cookie its requests carry. */
async function signIn(storeUrl: string): Promise<string> {
  const account = privateKeyToAccount(generatePrivateKey());
  const challenge = await fetch(`${storeUrl}/api/studio/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ address: account.address }) });
  const { message } = (await challenge.json()) as { message: string };
  const session = await fetch(`${storeUrl}/api/studio/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  if (!session.ok) throw new Error(`studio sign-in answered ${session.status}`);
  return session.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
}

async function studio(storeUrl: string, cookie: string, path: string, init: RequestInit & { expect: number }): Promise<Response> {
  const response = await fetch(`${storeUrl}${path}`, { ...init, headers: { cookie, ...init.headers } });
  if (response.status !== init.expect) throw new Error(`${init.method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Publishes items (one small text file each) until the catalog lists `total`; returns how many it holds. */
export async function publishCatalogUpTo(storeUrl: string, total: number): Promise<number> {
  const listed = async () => ((await (await fetch(`${storeUrl}/api/catalog?limit=500`)).json()) as { items: unknown[] }).items.length;
  const missing = total - (await listed());
  if (missing <= 0) return listed();
  const cookie = await signIn(storeUrl);
  const json = { "content-type": "application/json" };
  for (let index = 0; index < missing; index++) {
    const title = `Bench notes ${index + 1}`;
    const body = JSON.stringify({ title, kind: "ebook", price: `${1 + (index % 9)}.50`, description: `Item ${index + 1} of the bench catalog.` });
    const { id } = (await (await studio(storeUrl, cookie, "/api/studio/items", { method: "POST", headers: json, body, expect: 201 })).json()) as { id: string };
    const text = `${title}\n${"All work and no play. ".repeat(40)}\n`;
    await studio(storeUrl, cookie, `/api/studio/items/${id}/files`, { method: "POST", headers: { "x-file-name": "notes.txt" }, body: text, expect: 201 });
    await studio(storeUrl, cookie, `/api/studio/items/${id}`, { method: "PATCH", headers: json, body: JSON.stringify({ published: true }), expect: 200 });
  }
  return listed();
}
