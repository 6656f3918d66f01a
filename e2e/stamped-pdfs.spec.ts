import { createHash } from "node:crypto";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { type CompleteSIWxInfo, type SIWxExtension, createSIWxPayload, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PrivateKeyAccount } from "viem/accounts";
import { makeWav } from "../lib/demo/wav";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers } from "./support/chain";
import { signInBuyer } from "./support/library";
import { checkPage } from "./support/page-checks";
import { STAMP_MAX_BYTES, createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const SLUG = "eip-712-pocket-guide";

type CatalogItem = { slug: string; stamped: boolean; downloadUrl: string; price: { atomic: string }; files: { name: string; sha256: string }[] };

async function siwxHeaderFor(url: string, account: PrivateKeyAccount) {
  const required = decodePaymentRequiredHeader((await fetch(url)).headers.get("payment-required")!);
  const extension = required.extensions?.["sign-in-with-x"] as SIWxExtension;
  const info: CompleteSIWxInfo = { ...extension.info, chainId: extension.supportedChains[0].chainId, type: extension.supportedChains[0].type };
  return encodeSIWxHeader(await createSIWxPayload(info, account, url));
}

/** Each page's text and the document's metadata, read by pdf.js as a reader app would. */
async function readPdf(bytes: Uint8Array) {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  const { info } = (await document.getMetadata()) as { info: { Subject?: string; Keywords?: string } };
  return { pages, subject: info.Subject ?? "", keywords: info.Keywords ?? "" };
}

async function buy(storeUrl: string, devnet: Parameters<typeof fundFreshBuyers>[0], item: CatalogItem) {
  const [buyer] = await fundFreshBuyers(devnet, 1, BigInt(item.price.atomic));
  const response = await createPayingFetch({ signer: buyer, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: BigInt(item.price.atomic) })(item.downloadUrl);
  expect(response.status).toBe(200);
  const transaction = (JSON.parse(Buffer.from(response.headers.get("payment-response")!, "base64").toString("utf8")) as { transaction: string }).transaction;
  return { buyer, bytes: new Uint8Array(await response.arrayBuffer()), transaction, storeUrl };
}

test("a stamped e-book: each buyer's copy is a valid PDF stamped on every page and in its metadata; the receipt names its digest; re-downloads are the same bytes", async ({ page, store }, testInfo) => {
  const catalog = (await (await page.request.get("/api/catalog")).json()) as { items: CatalogItem[] };
  const item = catalog.items.find((entry) => entry.slug === SLUG)!;
  expect(item.stamped).toBe(true);
  expect(catalog.items.filter((entry) => entry.stamped).map((entry) => entry.slug)).toEqual([SLUG]);
  const original = item.files[0].sha256;

  const first = await buy(store.url, store.devnet, item);
  const second = await buy(store.url, store.devnet, item);
  for (const copy of [first, second]) {
    const pdf = await readPdf(copy.bytes);
    const short = `${copy.buyer.address.slice(0, 6)}…${copy.buyer.address.slice(-4)}`;
    expect(pdf.pages.length).toBe(4);
    for (const text of pdf.pages) expect(text).toMatch(new RegExp(`Licensed to ${short} — receipt XS-[0-9A-F-]+ — \\d{4}-\\d{2}-\\d{2}$`));
    expect(pdf.subject).toBe(pdf.pages[0].slice(pdf.pages[0].indexOf("Licensed to")));
    expect(pdf.keywords).toContain(`licensed-to:${copy.buyer.address}`);
    expect(pdf.keywords).toContain(`transaction:${copy.transaction}`);

    // The receipt records the digest of these bytes, not the catalog's.
    const receipt = (await (await page.request.get(`/api/receipts/${copy.transaction}`)).json()) as { deliveredSha256: string };
    expect(receipt.deliveredSha256).toBe(sha256(copy.bytes));
    expect(receipt.deliveredSha256).not.toBe(original);

    // Sign-In-With-X and the library give this buyer the very same copy, whole (no ranges on a stamped file).
    const again = await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": await siwxHeaderFor(item.downloadUrl, copy.buyer) } });
    expect(again.status).toBe(200);
    expect(sha256(new Uint8Array(await again.arrayBuffer()))).toBe(receipt.deliveredSha256);
    const library = await signInBuyer(store.url, copy.buyer);
    const fileId = await library
      .get("/library")
      .then((response) => response.text())
      .then((html) => /\/api\/library\/files\/([0-9a-f-]{36})/.exec(html)![1]);
    const ranged = await library.get(`/api/library/files/${fileId}`, { headers: { range: "bytes=0-99" } });
    expect(ranged.status()).toBe(200);
    expect(ranged.headers()["accept-ranges"]).toBe("none");
    expect(sha256(await ranged.body())).toBe(receipt.deliveredSha256);
  }
  // Not derivable from one another: each copy names its own buyer and receipt.
  expect(sha256(first.bytes)).not.toBe(sha256(second.bytes));

  await page.goto(`/receipts/${first.transaction}`);
  await expect(page.getByTestId("receipt-delivered-sha256")).toHaveText(sha256(first.bytes));
  await checkPage(page, testInfo, "stamped-receipt", { screenshot: true });
});

test("stamping: non-PDF files of a stamped item go out untouched; enabling it over the size bound is a field error; a larger file found later is refused before anyone pays", async ({ store }) => {
  const creator = await signInCreator(store.url);
  const patch = (id: string, data: Record<string, unknown>) => creator.api.patch(`/api/studio/items/${id}`, { data });

  // A stamped music item: its WAV is never stamped, and the receipt names the catalog's digest.
  const music = await createItem(creator.api, { title: `Stamped tune ${Date.now()}`, kind: "music", price: "0.2", stamped: true });
  const wav = makeWav({ notes: [440, 523.25], noteSeconds: 0.1 });
  expect((await uploadFile(creator.api, music.id, "tune.wav", wav)).status()).toBe(201);
  expect((await patch(music.id, { published: true })).status()).toBe(200);
  const catalog = (await (await fetch(`${store.url}/api/catalog?limit=100`)).json()) as { items: CatalogItem[] };
  const tune = catalog.items.find((entry) => entry.slug === music.slug)!;
  expect(tune.stamped).toBe(true);
  const bought = await buy(store.url, store.devnet, tune);
  expect(sha256(bought.bytes)).toBe(sha256(wav));
  expect(((await (await fetch(`${store.url}/api/receipts/${bought.transaction}`)).json()) as { deliveredSha256: string | null }).deliveredSha256).toBeNull();

  // Over the bound: enabling stamping is refused with a field error, and nothing changes.
  const large = await createItem(creator.api, { title: `Large book ${Date.now()}`, price: "0.2" });
  const oversized = Buffer.concat([Buffer.from(await samplePdf(large.title)), Buffer.from(`\n%${"x".repeat(STAMP_MAX_BYTES)}\n`)]);
  expect((await uploadFile(creator.api, large.id, "large.pdf", oversized)).status()).toBe(201);
  const refused = await patch(large.id, { stamped: true, title: "Renamed by a refused change" });
  const body = (await refused.json()) as { error: string; fields: Record<string, string> };
  expect([refused.status(), body.error, Object.keys(body.fields)]).toEqual([400, "stamp_file_too_large", ["stamped"]]);
  const unchanged = (await (await creator.api.get(`/api/studio/items/${large.id}`)).json()) as { stamped: boolean; title: string };
  expect(unchanged).toMatchObject({ stamped: false, title: large.title });

  // A stamped item that later got a larger PDF (a replacement upload): refused with its reason before any 402.
  const book = await createItem(creator.api, { title: `Small book ${Date.now()}`, price: "0.2", stamped: true });
  const upload = await uploadFile(creator.api, book.id, "book.pdf", await samplePdf(book.title));
  const fileId = ((await upload.json()) as { id: string }).id;
  expect((await patch(book.id, { published: true })).status()).toBe(200);
  expect((await fetch(`${store.url}/api/download/${book.slug}`)).status).toBe(402);
  expect((await uploadFile(creator.api, book.id, "book.pdf", oversized, { method: "put", fileId })).status()).toBe(200);
  const tooLarge = await fetch(`${store.url}/api/download/${book.slug}`);
  expect([tooLarge.status, ((await tooLarge.json()) as { error: string }).error]).toEqual([409, "stamp_file_too_large"]);

  for (const id of [music.id, book.id]) expect((await patch(id, { published: false })).status()).toBe(200);
});
