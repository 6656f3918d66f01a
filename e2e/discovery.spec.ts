import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { type DiscoveryExtension, validateDiscoveryExtension } from "@x402/extensions/bazaar";
import { formatUsdc } from "../lib/money/usdc";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers } from "./support/chain";
import { createItem, publishedItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { readZip } from "./support/zip";

type CatalogItem = {
  slug: string;
  title: string;
  description: string;
  price: { atomic: string };
  asset: string;
  network: string;
  payTo: string;
  files: { name: string; size: number; mimeType: string; sha256: string }[];
  downloadUrl: string;
};
type Catalog = { network: string; asset: string; items: CatalogItem[] };

type Operation = {
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean }[];
  "x-payment-info": { price: { mode: string; currency: string; amount: string }; protocols: { x402: Record<string, unknown> }[] };
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, { schema: { const?: number } }>; "x-output"?: unknown }>;
};
type OpenApi = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, { get: Operation }>;
  components: { securitySchemes: Record<string, Record<string, string>> };
};

type AuditWarning = { code: string; severity: string; message: string };

const execFileAsync = promisify(execFile);
// The discovery tool as its users run it: the package's own CLI, in a process of its own.
const DISCOVERY_CLI = path.join(process.cwd(), "node_modules", "@agentcash", "discovery", "bin", "discovery.js");

async function discoveryCli(...args: string[]): Promise<{ code: number; output: unknown }> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [DISCOVERY_CLI, ...args, "--json"], { timeout: 60_000 });
    return { code: 0, output: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, output: failed.stdout ? JSON.parse(failed.stdout) : null };
  }
}

test.describe("discovery", () => {
  let catalog: Catalog;
  test.beforeEach(async ({ request }) => {
    catalog = (await (await request.get("/api/catalog")).json()) as Catalog;
  });

  test("@agentcash/discovery finds every published item at the origin, paid, priced, over x402", async ({ store }) => {
    const { code, output } = await discoveryCli("discover", store.url);
    test.info().attach("discover.json", { body: JSON.stringify(output, null, 2), contentType: "application/json" });
    expect(code).toBe(0);
    const result = output as { ok: boolean; resources: { resourceKey: string; authHint: string; priceHint: string; protocols: string[] }[]; warnings: AuditWarning[] };
    expect(result.ok).toBe(true);
    for (const item of catalog.items) {
      const resource = result.resources.find((candidate) => candidate.resourceKey === `${store.url} GET /api/download/${item.slug}`);
      expect(resource, item.slug).toBeDefined();
      expect(resource).toMatchObject({ authHint: "paid", priceHint: `${formatUsdc(BigInt(item.price.atomic))} USD`, protocols: ["x402"] });
    }
    expect(result.resources.filter((resource) => resource.authHint === "paid")).toHaveLength(catalog.items.length);
    // Every route's live 402 is probed too: none has an error, and the origin has its favicon.
    expect(result.warnings.filter((warning) => warning.severity === "error")).toEqual([]);
    expect(result.warnings.map((warning) => warning.code)).not.toContain("FAVICON_MISSING");
  });

  test("@agentcash/discovery check: a download URL is paid over x402, its live 402 valid, with no errors and no warnings", async () => {
    for (const item of catalog.items.slice(0, 3)) {
      const { code, output } = await discoveryCli("check", item.downloadUrl);
      test.info().attach(`check-${item.slug}.json`, { body: JSON.stringify(output, null, 2), contentType: "application/json" });
      expect(code, item.slug).toBe(0);
      const result = output as { found: boolean; advisories: { method: string; authMode: string; estimatedPrice: string; protocols: string[] }[]; warnings: AuditWarning[] };
      expect(result.found).toBe(true);
      expect(result.advisories).toHaveLength(1);
      expect(result.advisories[0]).toMatchObject({ method: "GET", authMode: "paid", estimatedPrice: `${formatUsdc(BigInt(item.price.atomic))} USD`, protocols: ["x402"] });
      expect(result.warnings, item.slug).toEqual([]);
    }
  });

  test("/openapi.json describes every published download as the catalog does: price, terms, media type, size, payment or Sign-In-With-X", async ({ request, store }) => {
    const response = await request.get("/openapi.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const document = (await response.json()) as OpenApi;
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: store.url }]);
    expect(document.components.securitySchemes.SignInWithX).toMatchObject({ type: "apiKey", in: "header", name: "SIGN-IN-WITH-X", "x-agentcash-auth-kind": "siwx" });
    const downloads = Object.keys(document.paths).filter((key) => key.startsWith("/api/download/"));
    expect(downloads.sort()).toEqual(catalog.items.map((item) => `/api/download/${item.slug}`).sort());
    for (const item of catalog.items) {
      const operation = document.paths[`/api/download/${item.slug}`].get;
      expect(operation.summary).toBe(item.title);
      expect(operation.description).toBe(item.description || undefined);
      expect(operation.security).toEqual([{}, { SignInWithX: [] }]);
      expect(operation.parameters.every((parameter) => !parameter.required)).toBe(true);
      expect(operation["x-payment-info"].price).toEqual({ mode: "fixed", currency: "USD", amount: formatUsdc(BigInt(item.price.atomic)) });
      expect(operation["x-payment-info"].protocols[0].x402).toMatchObject({
        scheme: "exact",
        network: catalog.network,
        asset: catalog.asset,
        payTo: item.payTo,
        amount: item.price.atomic,
      });
      const ok = operation.responses["200"];
      if (item.files.length === 1) {
        expect(Object.keys(ok.content!)).toEqual([item.files[0].mimeType]);
        expect(ok.headers!["Content-Length"].schema.const).toBe(item.files[0].size);
      } else {
        expect(Object.keys(ok.content!)).toEqual(["application/zip"]);
      }
      expect((ok["x-output"] as { files: unknown[] }).files).toEqual(item.files.map((file) => ({ name: file.name, mediaType: file.mimeType, size: file.size, sha256: file.sha256 })));
      expect(operation.responses["402"]).toBeDefined();
    }
    expect(document.paths["/api/catalog"].get.security).toEqual([]);
    expect(document.paths["/api/receipts/{transaction}"].get.security).toEqual([]);
  });

  test("a studio change reaches /openapi.json and /.well-known/x402 at once: publish, price, unpublish", async ({ request, store }) => {
    await request.get("/openapi.json");
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "3.10" });
    const path = `/api/download/${item.slug}`;
    const pathsNow = async () => ((await (await request.get("/openapi.json")).json()) as OpenApi).paths;

    expect((await pathsNow())[path]?.get["x-payment-info"].price.amount).toBe("3.10");
    const manifest = (await (await request.get("/.well-known/x402")).json()) as { resources: string[] };
    expect(manifest.resources).toContain(`${store.url}${path}`);

    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price: "4.20" } })).status()).toBe(200);
    expect((await pathsNow())[path].get["x-payment-info"].price.amount).toBe("4.20");

    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
    expect((await pathsNow())[path]).toBeUndefined();
    await creator.api.dispose();
  });

  test("/.well-known/x402 lists every published download with its advisory x402 terms", async ({ request }) => {
    const response = await request.get("/.well-known/x402");
    expect(response.status()).toBe(200);
    const manifest = (await response.json()) as {
      version: number;
      resources: string[];
      x402Version: number;
      items: { resource: { url: string; mimeType: string }; type: string; accepts: Record<string, unknown>[]; input: { method: string } }[];
    };
    expect([manifest.version, manifest.x402Version]).toEqual([1, 2]);
    expect(manifest.resources.sort()).toEqual(catalog.items.map((item) => item.downloadUrl).sort());
    for (const item of catalog.items) {
      const entry = manifest.items.find((candidate) => candidate.resource.url === item.downloadUrl)!;
      expect(entry.type).toBe("http");
      expect(entry.input.method).toBe("GET");
      expect(entry.resource.mimeType).toBe(item.files.length === 1 ? item.files[0].mimeType : "application/zip");
      expect(entry.accepts).toEqual([
        { scheme: "exact", network: catalog.network, amount: item.price.atomic, asset: catalog.asset, payTo: item.payTo, maxTimeoutSeconds: 300 },
      ]);
    }
  });

  test("/llms.txt says what is sold and how to buy, download again and verify, from the live catalog and origin", async ({ request, store }) => {
    const response = await request.get("/llms.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    for (const item of catalog.items) {
      expect(text).toContain(item.downloadUrl);
      for (const file of item.files) expect(text).toContain(file.sha256);
    }
    for (const needed of ["@x402/fetch", "wrapFetchWithPayment", "SIGN-IN-WITH-X", "wrapFetchWithSIWx", `${store.url}/api/catalog`, "sha256", catalog.asset, catalog.network]) {
      expect(text).toContain(needed);
    }
  });

  test("/favicon.ico is a real icon, also for HEAD", async ({ request }) => {
    const response = await request.get("/favicon.ico");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^image\//);
    const bytes = await response.body();
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
    expect((await request.head("/favicon.ico")).status()).toBe(200);
  });

  test("a real 402 carries the bazaar extension: GET, media type, size and the catalog's sha256 of the file", async ({ request }) => {
    const single = catalog.items.find((item) => item.files.length === 1)!;
    const several = catalog.items.find((item) => item.files.length > 1)!;
    for (const item of [single, several]) {
      const response = await request.get(item.downloadUrl, { headers: { accept: "application/json" } });
      expect(response.status()).toBe(402);
      const bazaar = decodePaymentRequiredHeader(response.headers()["payment-required"]).extensions!.bazaar as DiscoveryExtension;
      expect(validateDiscoveryExtension(bazaar)).toEqual({ valid: true });
      expect(bazaar.info.input).toMatchObject({ type: "http", method: "GET", queryParams: {} });
      const example = (bazaar.info as { output: { example: unknown } }).output.example;
      expect(example).toEqual(
        item === single
          ? { mediaType: item.files[0].mimeType, size: item.files[0].size, sha256: item.files[0].sha256, fileCount: 1 }
          : { mediaType: "application/zip", fileCount: item.files.length },
      );
      // The JSON body is the same PaymentRequired.
      expect(((await response.json()) as { extensions: { bazaar: unknown } }).extensions.bazaar).toEqual(bazaar);
    }
  });

  test("a course of 60 lessons is still paid by the official client: the 402's extensions do not grow with its files", async ({ store }) => {
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api, { kind: "course", price: "0.60" });
    const lessons = await Promise.all(Array.from({ length: 60 }, (_, index) => samplePdf(`Lesson ${index + 1} of a long course`)));
    for (const [index, lesson] of lessons.entries()) {
      expect((await uploadFile(creator.api, item.id, `${String(index + 1).padStart(2, "0")} A lesson with a long descriptive file name.pdf`, lesson)).status()).toBe(201);
    }
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);
    const [buyer] = await fundFreshBuyers(store.devnet, 1, 1_000_000n);
    const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 600_000n })(
      `${store.url}/api/download/${item.slug}`,
    );
    expect([paid.status, paid.headers.get("content-type")]).toEqual([200, "application/zip"]);
    expect(readZip(Buffer.from(await paid.arrayBuffer())).map((entry) => entry.sha256)).toEqual(lessons.map((lesson) => createHash("sha256").update(lesson).digest("hex")));
    await creator.api.dispose();
  });
});
