import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { signInBuyer } from "./support/library";
import { createItem, signInCreator, uploadFile } from "./support/studio";

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** One GET over Node's own HTTP client: the bytes and headers exactly as sent, nothing decoded. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

const ASKS_FOR_COMPRESSION = { "accept-encoding": "gzip, deflate, br" };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Plain prose that passes the upload scanner and compresses well: what gzip would happily shrink. */
function proseFile(title: string): Buffer {
  const line = `${title}: the ledger settles every morning, and the notes record what moved and why.\n`;
  return Buffer.from(Array.from({ length: 400 }, (_, index) => `${index + 1}. ${line}`).join(""));
}

test.describe("compression: pages, scripts and JSON compressed; file deliveries as stored", () => {
  test("the item page, its scripts and the catalog JSON come back gzipped when asked, and plain when not", async ({ store }) => {
    const page = await rawGet(`${store.url}/items/field-notes-on-stablecoins`, ASKS_FOR_COMPRESSION);
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers.vary).toMatch(/accept-encoding/i);
    const html = gunzipSync(page.body).toString("utf8");
    expect(html).toContain("Field Notes on Stablecoins");

    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const answer = await rawGet(`${store.url}${script}`, ASKS_FOR_COMPRESSION);
      expect(answer.status, script).toBe(200);
      if (answer.body.length < 1024) continue; // below the threshold a gzip header costs more than it saves
      expect(answer.headers["content-encoding"], script).toBe("gzip");
      expect(gunzipSync(answer.body).length, script).toBeGreaterThan(answer.body.length);
    }

    const catalog = await rawGet(`${store.url}/api/catalog`, ASKS_FOR_COMPRESSION);
    expect(catalog.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(catalog.body).toString("utf8"))).toHaveProperty("items");

    const plain = await rawGet(`${store.url}/items/field-notes-on-stablecoins`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain("Field Notes on Stablecoins");
  });

  test("a paid text file, its preview, a byte range and a library re-download go out as stored, with their exact Content-Length", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api, { title: `Compressible notes ${Date.now()}` });
    const paid = proseFile(`${item.title} (paid)`);
    const preview = proseFile(`${item.title} (sample)`);
    expect((await uploadFile(creator.api, item.id, "notes.txt", paid)).status()).toBe(201);
    expect((await uploadFile(creator.api, item.id, "sample.txt", preview, { preview: true })).status()).toBe(201);
    const published = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } });
    expect(published.status(), await published.text()).toBe(200);
    const paidFileId = ((await published.json()) as { files: { id: string; isPreview: boolean }[] }).files.find((file) => !file.isPreview)!.id;

    // The text sample is exactly what gzip would take: a compressible type over the threshold.
    const sample = await rawGet(`${store.url}/api/preview/${item.slug}`, ASKS_FOR_COMPRESSION);
    expect(sample.status).toBe(200);
    expect(sample.headers["content-type"]).toMatch(/^text\/plain/);
    expect(sample.headers["content-encoding"]).toBeUndefined();
    expect(sample.headers["content-length"]).toBe(String(preview.length));
    expect(sha256(sample.body)).toBe(sha256(preview));

    const range = await rawGet(`${store.url}/api/preview/${item.slug}`, { ...ASKS_FOR_COMPRESSION, range: "bytes=100-1099" });
    expect(range.status).toBe(206);
    expect(range.headers["content-encoding"]).toBeUndefined();
    expect(range.headers["content-length"]).toBe("1000");
    expect(range.headers["content-range"]).toBe(`bytes 100-1099/${preview.length}`);
    expect(range.body.equals(preview.subarray(100, 1100))).toBe(true);

    // A real payment on the devnet; the buyer's fetch asks for compression like a browser does.
    const buyer = privateKeyToAccount(store.devnet.buyers[1].privateKey);
    const askingFetch: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set("accept-encoding", ASKS_FOR_COMPRESSION["accept-encoding"]);
      return fetch(input, { ...init, headers });
    };
    const payingFetch = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 10_000_000n, fetch: askingFetch });
    const download = await payingFetch(`${store.url}/api/download/${item.slug}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("payment-response")).toBeTruthy();
    expect(download.headers.get("content-encoding")).toBeNull();
    expect(download.headers.get("content-length")).toBe(String(paid.length));
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(paid));

    const library = await signInBuyer(store.url, buyer);
    const again = await library.get(`/api/library/files/${paidFileId}`, { headers: ASKS_FOR_COMPRESSION });
    expect(again.status()).toBe(200);
    expect(again.headers()["content-encoding"]).toBeUndefined();
    expect(again.headers()["content-length"]).toBe(String(paid.length));
    expect(sha256(await again.body())).toBe(sha256(paid));
    await library.dispose();
    await creator.api.dispose();
  });
});
