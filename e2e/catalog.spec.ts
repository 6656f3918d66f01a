import { createHash } from "node:crypto";
import { formatUsdc } from "../lib/money/usdc";
import { expect, test } from "./fixtures";
import { DEMO_CATALOG } from "../lib/demo/catalog";
import { seededCatalog } from "./support/seeded-catalog";

type CatalogResponse = {
  network: string;
  asset: string;
  items: {
    slug: string;
    title: string;
    kind: string;
    price: { atomic: string; display: string };
    asset: string;
    network: string;
    payTo: string;
    files: { name: string; size: number; mimeType: string; sha256: string }[];
    preview: { name: string; url: string; size: number; mimeType: string } | null;
    downloadUrl: string;
    pageUrl: string;
  }[];
};

test.describe("catalog API", () => {
  test("lists every seeded item as the seed made it: price, payTo, files with size, type and sha256, absolute URLs", async ({ request, store }) => {
    const response = await request.get("/api/catalog");
    expect(response.status()).toBe(200);
    const catalog = (await response.json()) as CatalogResponse;
    expect(catalog.network).toBe("eip155:31337");
    expect(catalog.asset).toBe(store.devnet.usdc);
    for (const seeded of await seededCatalog()) {
      const item = catalog.items.find((entry) => entry.slug === seeded.slug)!;
      expect(item, seeded.slug).toBeDefined();
      expect({ title: item.title, kind: item.kind, atomic: item.price.atomic, payTo: item.payTo }).toEqual({
        title: seeded.title,
        kind: seeded.kind,
        atomic: seeded.priceAtomic.toString(),
        payTo: store.devnet.creators[seeded.creatorIndex].address,
      });
      expect(item.price.display).toBe(`${formatUsdc(seeded.priceAtomic)} USDC`);
      const paid = seeded.files.filter((file) => !file.preview);
      expect(item.files).toEqual(paid.map(({ name, size, mimeType, sha256 }) => ({ name, size, mimeType, sha256 })));
      const preview = seeded.files.find((file) => file.preview);
      // A bundle has no preview of its own: each member's page has one.
      expect(item.preview).toEqual(preview ? { name: preview.name, size: preview.size, mimeType: preview.mimeType, url: `${store.url}/api/preview/${seeded.slug}` } : null);
      expect(item.downloadUrl).toBe(`${store.url}/api/download/${seeded.slug}`);
      expect(item.pageUrl).toBe(`${store.url}/items/${seeded.slug}`);
    }
  });

  test("serves each seeded free preview byte for byte, with its type, size and byte ranges", async ({ request }) => {
    const catalog = (await (await request.get("/api/catalog")).json()) as CatalogResponse;
    for (const seeded of (await seededCatalog()).filter((entry) => !entry.bundle)) {
      const item = catalog.items.find((entry) => entry.slug === seeded.slug)!;
      const expected = seeded.files.find((file) => file.preview)!;
      const preview = await request.get(item.preview!.url);
      expect(preview.status()).toBe(200);
      expect(preview.headers()["content-type"]).toBe(expected.mimeType);
      expect(Number(preview.headers()["content-length"])).toBe(expected.size);
      expect((await preview.body()).equals(expected.bytes), seeded.slug).toBe(true);
    }
    const audio = catalog.items.find((item) => item.kind === "music")!;
    const audioBytes = (await seededCatalog()).find((item) => item.slug === audio.slug)!.files.find((file) => file.preview)!.bytes;
    const partial = await request.get(audio.preview!.url, { headers: { range: "bytes=0-11" } });
    expect(partial.status()).toBe(206);
    expect(partial.headers()["content-length"]).toBe("12");
    expect(partial.headers()["content-range"]).toBe(`bytes 0-11/${audioBytes.length}`);
    const head = await partial.body();
    expect(head.equals(audioBytes.subarray(0, 12))).toBe(true);
    // The WAV header: "RIFF", the size of what follows, "WAVE".
    expect([head.subarray(0, 4).toString("latin1"), head.readUInt32LE(4), head.subarray(8, 12).toString("latin1")]).toEqual(["RIFF", audioBytes.length - 8, "WAVE"]);
  });

  test("a seeded e-book's sample is the seed's multi-page PDF", async ({ request }) => {
    const catalog = (await (await request.get("/api/catalog")).json()) as CatalogResponse;
    const ebook = catalog.items.find((item) => item.kind === "ebook")!;
    const expected = (await seededCatalog()).find((item) => item.slug === ebook.slug)!.files.find((file) => file.preview)!;
    const sample = await (await request.get(ebook.preview!.url)).body();
    expect(sample.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sample.toString("latin1").match(/\/Type \/Page\b/g)?.length).toBe(expected.pages);
    expect(expected.pages).toBeGreaterThanOrEqual(2);
    expect(createHash("sha256").update(sample).digest("hex")).toBe(expected.sha256);
  });
});

test.describe("store pages", () => {
  test("the catalog shows every item with cover, creator, kind and USDC price, and filters by kind", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("paid per download");
    const cards = page.getByTestId("item-card");
    const seeded = await seededCatalog();
    await expect(cards).toHaveCount(seeded.length);
    await expect(cards.first().getByTestId("price")).toContainText("USDC");
    // The title is the card's accessible link; the cover repeats it for pointers only (aria-hidden).
    const firstCover = cards.first().locator("img");
    await expect(firstCover).toHaveJSProperty("complete", true);
    expect(await firstCover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath("catalog.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Filter by kind" }).getByRole("link", { name: "Music" }).click();
    await expect(page).toHaveURL(/\?kind=music$/);
    await expect(cards).toHaveCount(seeded.filter((item) => item.kind === "music").length);
    for (const card of await cards.all()) await expect(card).toContainText("Music");
  });

  test("an item page shows price, files with sizes and a playable preview", async ({ page }, testInfo) => {
    await page.goto("/items/midnight-blocks");
    await expect(page.getByRole("heading", { level: 1, name: "Midnight Blocks" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Buy" }).getByTestId("price")).toHaveText(/0\.99\s*USDC/);
    await expect(page.getByTestId("file-row")).toHaveCount(1);
    await expect(page.getByTestId("file-row")).toContainText("KB");
    const audio = page.getByTestId("audio-player").locator("audio");
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration), { timeout: 10_000 })
      .toBeGreaterThan(1);
    await page.screenshot({ path: testInfo.outputPath("item-page.png"), fullPage: true });
  });

  test("a course page lists every lesson", async ({ page }) => {
    await page.goto("/items/typed-data-from-scratch");
    await expect(page.getByTestId("lesson")).toHaveCount(3);
    await expect(page.getByTestId("preview-link")).toContainText("syllabus.pdf");
  });

  test("a creator page lists that creator's items", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Professor Merkle" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Professor Merkle" })).toBeVisible();
    await expect(page.getByTestId("item-card")).toHaveCount(DEMO_CATALOG.find((creator) => creator.handle === "professor-merkle")!.items.length);
  });

  test("unknown items and creators are 404 pages, not errors", async ({ page }) => {
    for (const path of ["/items/no-such-item", "/creators/nobody"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});
