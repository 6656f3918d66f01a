import { createHash } from "node:crypto";
import { expect, test } from "./fixtures";

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
    preview: { url: string; size: number; mimeType: string } | null;
    downloadUrl: string;
    pageUrl: string;
  }[];
};

test.describe("catalog API", () => {
  test("lists every published item with price, payTo, files and an absolute download URL", async ({ request, store }) => {
    const response = await request.get("/api/catalog");
    expect(response.status()).toBe(200);
    const catalog = (await response.json()) as CatalogResponse;
    expect(catalog.network).toBe("eip155:31337");
    expect(catalog.asset).toBe(store.devnet.usdc);
    expect(catalog.items.length).toBeGreaterThanOrEqual(6);
    expect(new Set(catalog.items.map((item) => item.kind))).toEqual(new Set(["ebook", "music", "course"]));
    for (const item of catalog.items) {
      expect(item.price.atomic).toMatch(/^[1-9]\d*$/);
      expect(item.price.display).toMatch(/^\d+\.\d{2,6} USDC$/);
      expect(item.payTo).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(store.devnet.creators.map((creator) => creator.address)).toContain(item.payTo);
      expect(item.downloadUrl).toBe(`${store.url}/api/download/${item.slug}`);
      expect(item.files.length).toBeGreaterThanOrEqual(1);
      for (const file of item.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const course = catalog.items.find((item) => item.kind === "course");
    expect(course?.files.length).toBeGreaterThanOrEqual(3);
  });

  test("serves each free preview with the advertised size, type and byte ranges", async ({ request }) => {
    const catalog = (await (await request.get("/api/catalog")).json()) as CatalogResponse;
    for (const item of catalog.items) {
      expect(item.preview).not.toBeNull();
      const preview = await request.get(item.preview!.url);
      expect(preview.status()).toBe(200);
      expect(preview.headers()["content-type"]).toBe(item.preview!.mimeType);
      expect((await preview.body()).length).toBe(item.preview!.size);
      expect(Number(preview.headers()["content-length"])).toBe(item.preview!.size);
    }
    const audio = catalog.items.find((item) => item.kind === "music")!;
    const partial = await request.get(audio.preview!.url, { headers: { range: "bytes=0-11" } });
    expect(partial.status()).toBe(206);
    expect(partial.headers()["content-length"]).toBe("12");
    expect((await partial.body()).toString("latin1")).toBe("RIFF" + (await partial.body()).subarray(4, 8).toString("latin1") + "WAVE");
  });

  test("a seeded e-book is a real multi-page PDF", async ({ request }) => {
    const catalog = (await (await request.get("/api/catalog")).json()) as CatalogResponse;
    const ebook = catalog.items.find((item) => item.kind === "ebook")!;
    const sample = await (await request.get(ebook.preview!.url)).body();
    expect(sample.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sample.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(createHash("sha256").update(sample).digest("hex")).toMatch(/^[0-9a-f]{64}$/);
  });
});

test.describe("store pages", () => {
  test("the catalog shows every item with cover, creator, kind and USDC price, and filters by kind", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("paid per download");
    const cards = page.getByTestId("item-card");
    await expect(cards).toHaveCount(6);
    await expect(cards.first().getByTestId("price")).toContainText("USDC");
    const firstCover = cards.first().getByRole("img");
    await expect(firstCover).toHaveJSProperty("complete", true);
    expect(await firstCover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath("catalog.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Filter by kind" }).getByRole("link", { name: "Music" }).click();
    await expect(page).toHaveURL(/\?kind=music$/);
    await expect(cards).toHaveCount(2);
    for (const card of await cards.all()) await expect(card).toContainText("Music");
  });

  test("an item page shows price, files with sizes and a playable preview", async ({ page }, testInfo) => {
    await page.goto("/items/midnight-blocks");
    await expect(page.getByRole("heading", { level: 1, name: "Midnight Blocks" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Buy" }).getByTestId("price")).toHaveText(/0\.99\s*USDC/);
    await expect(page.getByTestId("file-row")).toHaveCount(1);
    await expect(page.getByTestId("file-row")).toContainText("KB");
    const audio = page.getByTestId("preview-audio");
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration), { timeout: 10_000 })
      .toBeGreaterThan(1);
    await page.screenshot({ path: testInfo.outputPath("item-page.png"), fullPage: true });
  });

  test("a course page lists every lesson", async ({ page }) => {
    await page.goto("/items/typed-data-from-scratch");
    await expect(page.getByTestId("file-row")).toHaveCount(3);
    await expect(page.getByTestId("preview-link")).toContainText("syllabus.pdf");
  });

  test("a creator page lists that creator's items", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Professor Merkle" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Professor Merkle" })).toBeVisible();
    await expect(page.getByTestId("item-card")).toHaveCount(2);
  });

  test("unknown items and creators are 404 pages, not errors", async ({ page }) => {
    for (const path of ["/items/no-such-item", "/creators/nobody"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});
