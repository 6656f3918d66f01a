import { readFileSync } from "node:fs";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { fundFreshBuyers } from "./support/chain";
import { signInBuyer } from "./support/library";
import { screenshotBothSizes } from "./support/two-sizes";
import { readZip } from "./support/zip";

type CatalogItem = { slug: string; priceAtomic: string; files: { name: string; sha256: string }[] };

// The library listed file names and plain-text-coloured links (axe: link-in-text-block), with no
// covers, no way to get a course in one go, and nothing to read or hear without saving files first.
test("the library shows covers, a course's Download all, and plays and reads owned files in the browser", async ({ page, store }, testInfo) => {
  const slug = "building-for-agents";
  const catalog = (await (await page.request.get("/api/catalog")).json()) as { items: CatalogItem[] };
  const course = catalog.items.find((item) => item.slug === slug)!;
  const [buyer] = await fundFreshBuyers(store.devnet, 1, 1_000_000n);
  const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 1_000_000n })(
    `${store.url}/api/download/${slug}`,
  );
  expect(paid.status).toBe(200);
  await paid.arrayBuffer();
  const library = await signInBuyer(store.url, buyer);
  await page.context().addCookies((await library.storageState()).cookies);
  await library.dispose();

  await page.goto("/library");
  const purchase = page.getByTestId("purchase").filter({ hasText: "Building for Agents" });
  const cover = purchase.getByTestId("purchase-cover");
  await expect(cover).toBeVisible();
  await expect.poll(() => cover.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  const downloadAll = page.waitForEvent("download");
  await purchase.getByRole("link", { name: /Download all/ }).click();
  const zip = readZip(readFileSync((await (await downloadAll).path())!));
  expect(zip.map((entry) => [entry.name, entry.sha256])).toEqual(course.files.map((file) => [file.name, file.sha256]));

  // A lesson recording plays from the library's file link (Range requests, the session cookie).
  const recording = purchase.getByRole("listitem").filter({ hasText: "lesson-3-receipts.wav" });
  const player = recording.getByTestId("audio-player");
  await player.getByRole("button", { name: "Play" }).click();
  await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(player.getByTestId("audio-time")).toHaveText(/\/ 0:02$/);

  // A lesson PDF opens in the reader on request.
  const lesson = purchase.getByRole("listitem").filter({ hasText: "lesson-1-discovery.pdf" });
  await lesson.getByRole("button", { name: "Read lesson-1-discovery.pdf" }).click();
  const reader = lesson.getByTestId("pdf-reader");
  await expect(reader.getByTestId("pdf-page")).toBeVisible();
  await expect(reader.getByTestId("pdf-page-status")).toHaveText(/^Page 1 of \d+$/);

  await expectNoAxeViolations(page, "library-players");
  await expectNoSidewaysScroll(page, "library-players");
  await screenshotBothSizes(page, testInfo, "library-players");
});
