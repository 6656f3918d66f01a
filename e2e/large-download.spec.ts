import { createHash, randomBytes } from "node:crypto";
import { type IncomingMessage, request as httpRequest } from "node:http";
import { openFilesOf, serverPidOf } from "../lib/testing/server-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers } from "./support/chain";
import { UPLOAD_MAX_BYTES, createItem, signInCreator, uploadFile } from "./support/studio";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * A PDF as large as the e2e store accepts, with an odd tail: storage reads it in several large
 * chunks (lib/storage/local-disk.ts), the last one short.
 */
function largePdf(): Buffer {
  return Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(UPLOAD_MAX_BYTES - 12_345 - 9)]);
}

/** `fetch` whose paid request goes over node:http and hands the raw response to `onPaid`; the Response it returns has no body. */
function rawPaidFetch(onPaid: (response: IncomingMessage) => Promise<void>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (!request.headers.has("payment-signature")) return fetch(request);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpRequest(request.url, { headers: Object.fromEntries(request.headers) }, resolve).on("error", reject).end();
    });
    await onPaid(response);
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) if (typeof value === "string") headers.set(name, value);
    return new Response(null, { status: response.statusCode, headers });
  };
}

test.describe("large deliveries stream in large chunks, exactly", () => {
  test("a multi-megabyte paid download and a preview range across chunk boundaries arrive byte for byte with their exact Content-Length", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api, { title: `Large delivery ${Date.now()}` });
    const paid = largePdf();
    const preview = largePdf();
    const uploaded = await uploadFile(creator.api, item.id, "large.pdf", paid);
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    expect(((await uploaded.json()) as { sha256: string }).sha256).toBe(sha256(paid));
    expect((await uploadFile(creator.api, item.id, "sample.pdf", preview, { preview: true })).status()).toBe(201);
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);

    const [buyer] = await fundFreshBuyers(store.devnet, 1, 10_000_000n);
    const pay = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 10_000_000n });
    const download = await pay(`${store.url}/api/download/${item.slug}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe(String(paid.length));
    const body = new Uint8Array(await download.arrayBuffer());
    expect(body.length).toBe(paid.length);
    expect(sha256(body)).toBe(sha256(paid));

    // A range that starts in the first 1 MiB chunk and ends in the third.
    const [start, end] = [1_048_000, 2_098_000];
    const range = await fetch(`${store.url}/api/preview/${item.slug}`, { headers: { range: `bytes=${start}-${end}` } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-length")).toBe(String(end - start + 1));
    expect(Buffer.from(await range.arrayBuffer()).equals(preview.subarray(start, end + 1))).toBe(true);
    await creator.api.dispose();
  });

  test("a paid download the buyer abandons after its first bytes leaves no file open in the server, which goes on serving", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api, { title: `Abandoned delivery ${Date.now()}` });
    const paid = largePdf();
    expect((await uploadFile(creator.api, item.id, "large.pdf", paid)).status()).toBe(201);
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);
    const server = serverPidOf(Number(process.env.E2E_STORE_PID));
    const storedFiles = () => openFilesOf(server).filter((file) => file.includes(`${process.env.E2E_DATA_DIR}/files/`));

    const [buyer] = await fundFreshBuyers(store.devnet, 1, 10_000_000n);
    let firstChunk = 0;
    const abandoning = rawPaidFetch(
      (response) =>
        new Promise((resolve) => {
          response.once("data", (chunk: Buffer) => {
            firstChunk = chunk.length;
            response.destroy();
            resolve();
          });
        }),
    );
    for (let attempt = 0; attempt < 3; attempt++) {
      const pay = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 10_000_000n, fetch: abandoning });
      expect((await pay(`${store.url}/api/download/${item.slug}`)).status).toBe(200);
      expect(firstChunk).toBeGreaterThan(0);
    }
    await expect.poll(storedFiles).toEqual([]);

    const pay = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 10_000_000n });
    const whole = await pay(`${store.url}/api/download/${item.slug}`);
    expect(whole.status).toBe(200);
    expect(sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(sha256(paid));
    await creator.api.dispose();
  });
});
