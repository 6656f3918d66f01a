import { type APIRequestContext, expect, request as playwrightRequest } from "@playwright/test";
import type { Hex } from "viem";
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { makePdf } from "../../lib/demo/pdf";

/** The upload limit the e2e store runs with. */
export const UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
/** The stamping bound the e2e store runs with: a 1 MiB PDF is "too large" without gigabytes of test data. */
export const STAMP_MAX_BYTES = 1024 * 1024;

export type CreatorSession = { api: APIRequestContext; account: PrivateKeyAccount };

/** Signs in to the studio over HTTP exactly as the page does: fetch the EIP-4361 message, sign, post it. */
export async function signInCreator(baseURL: string, privateKey: Hex = generatePrivateKey()): Promise<CreatorSession> {
  const account = privateKeyToAccount(privateKey);
  const api = await playwrightRequest.newContext({ baseURL });
  const { message } = (await (await api.post("/api/studio/sign-in", { data: { address: account.address } })).json()) as { message: string };
  const session = await api.post("/api/studio/session", { data: { message, signature: await account.signMessage({ message }) } });
  expect(session.status()).toBe(200);
  return { api, account };
}

export type StudioItemJson = {
  id: string;
  slug: string;
  title: string;
  price: string;
  priceAtomic: string;
  payoutAddress: string | null;
  published: boolean;
  files: { id: string; name: string; sha256: string; sizeBytes: number; mimeType: string; isPreview: boolean; position: number }[];
};

export async function createItem(api: APIRequestContext, fields: Record<string, unknown> = {}): Promise<StudioItemJson> {
  const response = await api.post("/api/studio/items", { data: { title: `Test item ${Date.now()}`, kind: "ebook", price: "1.25", ...fields } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

export function uploadFile(api: APIRequestContext, itemId: string, name: string, bytes: Uint8Array, options: { preview?: boolean; method?: "post" | "put"; fileId?: string } = {}) {
  const base = `/api/studio/items/${itemId}/files`;
  const url = options.fileId ? `${base}/${options.fileId}` : `${base}${options.preview ? "?preview=true" : ""}`;
  return api[options.method ?? "post"](url, { headers: { "x-file-name": encodeURIComponent(name), "content-type": "application/octet-stream" }, data: Buffer.from(bytes) });
}

/** A real PDF whose bytes differ per title: what a creator sells. */
export function samplePdf(title: string): Promise<Uint8Array> {
  return makePdf({ title, author: "E2E", chapters: [{ heading: title, paragraphs: [`Edition of ${new Date().toISOString()} ${Math.random()}`] }] });
}

/** A published item with one uploaded PDF, ready to be bought. */
export async function publishedItem(api: APIRequestContext, fields: Record<string, unknown> = {}) {
  const item = await createItem(api, fields);
  const pdf = await samplePdf(item.title);
  expect((await uploadFile(api, item.id, "book.pdf", pdf)).status()).toBe(201);
  const published = await api.patch(`/api/studio/items/${item.id}`, { data: { published: true } });
  expect(published.status(), await published.text()).toBe(200);
  return { item: (await published.json()) as StudioItemJson, pdf };
}
