import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { makePdf } from "../lib/demo/pdf";
import { formatBytes } from "../lib/format/bytes";
import { makeWav } from "../lib/demo/wav";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { createItem, signInCreator, uploadFile } from "./support/studio";
import { screenshotBothSizes } from "./support/two-sizes";

const PHONE = { width: 390, height: 844 };

/** Collects what the page's Content Security Policy blocked: a blocked worker or fetch shows up here. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) seen.push(message.text());
  });
  return seen;
}

/** True when a canvas has something drawn on it besides white or transparent pixels. */
function hasInk(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((element) => {
    const context = (element as HTMLCanvasElement).getContext("2d")!;
    const { data } = context.getImageData(0, 0, (element as HTMLCanvasElement).width, (element as HTMLCanvasElement).height);
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) return true;
    return false;
  });
}



async function pageCountOf(api: APIRequestContext, path: string): Promise<number> {
  const response = await api.get(path);
  expect(response.status()).toBe(200);
  return (await PDFDocument.load(await response.body())).getPageCount();
}

// The item page embedded the sample with <object>; its CSP (object-src 'none') and the preview's
// own headers forbade that, so every e-book and course page said "Your browser cannot show this preview inline".
test("an e-book's free sample shows its pages on a phone, loaded only once the preview is in view", async ({ page, store }, testInfo) => {
  const slug = "the-gasless-economy";
  const pages = await pageCountOf(page.request, `/api/preview/${slug}`);
  expect(pages).toBeGreaterThan(1);
  const blocked = cspViolations(page);
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));

  await page.setViewportSize(PHONE);
  await page.goto(`/items/${slug}`, { waitUntil: "load" });
  const reader = page.getByTestId("pdf-reader");
  await expect(page.getByText("Your browser cannot show this preview inline")).toHaveCount(0);
  // pdf.js and its worker wait for the buyer's tap: a phone does not download 1.5 MB unasked.
  await reader.scrollIntoViewIfNeeded();
  await expect(reader).toBeVisible();
  expect(workers).toEqual([]);
  await expect(reader.getByTestId("pdf-page")).toHaveCount(0);

  await reader.getByRole("button", { name: "Show the pages of the free preview" }).click();
  const canvas = reader.getByTestId("pdf-page");
  await expect(canvas).toBeVisible();
  await expect(reader.getByTestId("pdf-page-status")).toHaveText(`Page 1 of ${pages}`);
  await expect.poll(() => hasInk(canvas)).toBe(true);
  // Fits the phone's width: drawn no wider than the viewport, no sideways scroll.
  expect((await canvas.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
  await expectNoSidewaysScroll(page);
  // pdf.js's own worker, from this origin, really running (a worker that fails to load leaves pdf.js waiting or on the main thread).
  expect(workers).toEqual([`${store.url}/pdf.worker.mjs`]);
  expect(await page.workers()[0].evaluate(() => typeof (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler)).toBe("function");

  await expect(reader.getByRole("button", { name: "Previous page" })).toBeDisabled();
  await reader.getByRole("button", { name: "Next page" }).click();
  await expect(reader.getByTestId("pdf-page-status")).toHaveText(`Page 2 of ${pages}`);
  await expect(canvas).toHaveAccessibleName(`Page 2 of ${pages} of the free preview`);
  await expect.poll(() => hasInk(canvas)).toBe(true);
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "ebook-preview");
  expect(blocked).toEqual([]);
});

test("a music preview plays in an accessible player: play/pause, position and duration, over Range requests", async ({ page }, testInfo) => {
  const slug = "midnight-blocks";
  const preview = `/api/preview/${slug}`;
  const ranged = await page.request.get(preview, { headers: { range: "bytes=100-199" } });
  const size = Number((await page.request.head(preview)).headers()["content-length"]);
  expect([ranged.status(), ranged.headers()["content-range"], (await ranged.body()).length]).toEqual([206, `bytes 100-199/${size}`, 100]);

  const mediaRanges: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(preview)) mediaRanges.push(request.headers().range ?? "none");
  });
  await page.goto(`/items/${slug}`);
  const player = page.getByTestId("audio-player");
  // The seeded preview is 4 notes of 0.6 s.
  await expect(player.getByTestId("audio-time")).toHaveText("0:00 / 0:02");
  const position = player.getByRole("slider", { name: "Position" });
  await expect(position).toHaveAttribute("aria-valuetext", "0:00 of 0:02");

  await player.getByRole("button", { name: "Play" }).click();
  await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect.poll(async () => Number(await position.inputValue())).toBeGreaterThan(0);
  await player.getByRole("button", { name: "Pause" }).click();
  await expect(player.getByRole("button", { name: "Play" })).toBeVisible();

  await position.focus();
  await page.keyboard.press("End");
  await expect(position).toHaveAttribute("aria-valuetext", "0:02 of 0:02");
  expect(mediaRanges.some((range) => range.startsWith("bytes="))).toBe(true);
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "music-preview");
});

test("a course page lists its lessons by title, with page counts, durations and the ZIP's size", async ({ page, store }, testInfo) => {
  const catalog = (await (await page.request.get("/api/catalog")).json()) as { items: { slug: string; files: { name: string; size: number }[] }[] };
  const seeded = catalog.items.find((item) => item.slug === "typed-data-from-scratch")!;
  await page.goto("/items/typed-data-from-scratch");
  const outline = page.getByTestId("course-outline");
  await expect(outline.getByTestId("lesson")).toHaveText([/Lesson 1: Domains/, /Lesson 2: Types/, /Lesson 3: Signatures/]);
  await expect(outline.getByTestId("lesson").first()).toContainText(/\d+ pages?/);
  const zipBytes = seeded.files.reduce((sum, file) => sum + file.size, 0);
  await expect(outline.getByTestId("zip-summary")).toHaveText(`Arrives as a ZIP of 3 files, ${formatBytes(zipBytes)}`);

  // A creator's own course: a lesson with no title shows its file name; a PDF's pages and a WAV's length are counted.
  const creator = await signInCreator(store.url);
  const item = await createItem(creator.api, { title: `Outline test ${Date.now()}`, kind: "course", price: "0.5" });
  const lessonPdf = await makePdf({ title: "Part one", author: "E2E", chapters: [1, 2, 3].map((n) => ({ heading: `Part ${n}`, paragraphs: ["Words."] })) });
  const pageCount = (await PDFDocument.load(lessonPdf)).getPageCount();
  expect(pageCount).toBeGreaterThan(1);
  expect((await uploadFile(creator.api, item.id, "part-one.pdf", lessonPdf)).status()).toBe(201);
  expect((await uploadFile(creator.api, item.id, "part-two.wav", makeWav({ notes: [440, 440, 440, 440, 440, 440, 440, 440], noteSeconds: 9 }))).status()).toBe(201);
  expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);
  try {
    await page.goto(`/items/${item.slug}`);
    const lessons = page.getByTestId("course-outline").getByTestId("lesson");
    await expect(lessons).toHaveText([new RegExp(`part-one\\.pdf.*${pageCount} pages`), /part-two\.wav.*1:12/]);
    await expect(page.getByTestId("zip-summary")).toHaveText(/^Arrives as a ZIP of 2 files, [\d.]+ (KB|MB)$/);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await screenshotBothSizes(page, testInfo, "course-outline");
  } finally {
    // Off the catalog again: the catalog and payment specs see the seeded items only.
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
    await creator.api.dispose();
  }
});
