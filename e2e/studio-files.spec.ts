import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { type CreatorSession, type StudioItemJson, UPLOAD_MAX_BYTES, createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { screenshotBothSizes } from "./support/two-sizes";

// Drag-and-drop uploads with a progress bar and an outcome per file, and lesson titles per file.

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
// An executable named like a PDF: the store refuses it by its content.
const ELF = Buffer.concat([Buffer.from("7f454c46020101000000000000000000", "hex"), Buffer.alloc(64 * 1024 - 16)]);

type Dropped = { name: string; type: string; base64?: string; zeroBytes?: number };

let creator: CreatorSession;

test.beforeAll(async () => {
  creator = await signInCreator(process.env.E2E_STORE_URL!);
});

test.afterAll(async () => {
  await creator.api.dispose();
});

/** A real drop: files built in the page, handed over in a DataTransfer through dragenter, dragover and drop. */
async function drop(zone: Locator, files: Dropped[]) {
  await zone.evaluate((target, list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = file.base64 ? Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0)) : new Uint8Array(file.zeroBytes ?? 0);
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, files);
}

async function openItem(page: Page): Promise<StudioItemJson> {
  await page.context().addCookies((await creator.api.storageState()).cookies);
  const item = await createItem(creator.api);
  await page.goto(`/studio/items/${item.id}`);
  return item;
}

type StoredFile = StudioItemJson["files"][number] & { title: string | null };

const storedFiles = async (itemId: string): Promise<StoredFile[]> => ((await (await creator.api.get(`/api/studio/items/${itemId}`)).json()) as { files: StoredFile[] }).files;

test("files dropped on the zone upload one by one, each with its bar, bytes and outcome", async ({ page }, testInfo) => {
  const item = await openItem(page);
  const pdf = Buffer.from(await samplePdf("dropped"));
  await drop(page.getByTestId("upload-input-zone"), [
    { name: "lesson-1.pdf", type: "application/pdf", base64: pdf.toString("base64") },
    { name: "program.pdf", type: "application/pdf", base64: ELF.toString("base64") },
    { name: "too-big.pdf", type: "application/pdf", zeroBytes: UPLOAD_MAX_BYTES + 1 },
  ]);

  const rows = page.getByTestId("upload-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-status", "done");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "failed");
  await expect(rows.nth(2)).toHaveAttribute("data-status", "failed");
  const size = `${(pdf.length / 1024).toFixed(1)} KB`;
  await expect(rows.nth(0).getByTestId("upload-numbers")).toHaveText(`Uploaded · 100% · ${size} of ${size}`);
  await expect(rows.nth(0).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(rows.nth(1).getByRole("alert")).toHaveText(/^program\.pdf: This kind of file is not accepted/);
  await expect(rows.nth(2).getByRole("alert")).toHaveText("too-big.pdf: It is over the 4.0 MB limit per file.");
  // A refused file stopped neither the one before it nor the list.
  await expect(page.getByTestId("studio-file")).toHaveCount(1);
  await expect(page.getByTestId("studio-file")).toContainText("lesson-1.pdf");
  expect((await storedFiles(item.id)).map((file) => file.name)).toEqual(["lesson-1.pdf"]);

  // The cover takes a dropped image the same way.
  await drop(page.getByTestId("cover-input-zone"), [{ name: "cover.png", type: "image/png", base64: PNG.toString("base64") }]);
  await expect(page.getByAltText("Cover")).toBeVisible();
  await expect(page.getByTestId("cover-input-zone").locator("..").getByTestId("upload-row")).toHaveAttribute("data-status", "done");

  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-dropped-uploads");
  await expectNoSidewaysScroll(page);
});

test("the zone is a labelled file input: chosen files and the keyboard still work", async ({ page }) => {
  const item = await openItem(page);
  const input = page.getByLabel(/^Upload files/);
  await input.setInputFiles([
    { name: "a.pdf", mimeType: "application/pdf", buffer: Buffer.from(await samplePdf("a")) },
    { name: "b.pdf", mimeType: "application/pdf", buffer: Buffer.from(await samplePdf("b")) },
  ]);
  await expect(page.getByTestId("upload-row")).toHaveCount(2);
  await expect(page.getByTestId("studio-file")).toHaveCount(2);
  expect((await storedFiles(item.id)).map((file) => file.name)).toEqual(["a.pdf", "b.pdf"]);

  // Tab reaches the input inside the zone and Space opens the file chooser.
  await page.getByRole("link", { name: "Preview the public page" }).focus();
  let focusedZone = false;
  for (let press = 0; press < 60 && !focusedZone; press++) {
    await page.keyboard.press("Tab");
    focusedZone = await input.evaluate((element) => element === document.activeElement);
  }
  expect(focusedZone).toBe(true);
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({ name: "c.pdf", mimeType: "application/pdf", buffer: Buffer.from(await samplePdf("c")) });
  await expect(page.getByTestId("studio-file")).toHaveCount(3);
});

test("lesson titles: set per file in the studio, empty shows the file name, bounded, only by the item's creator", async ({ page }, testInfo) => {
  const item = await openItem(page);
  for (const name of ["01-welcome.pdf", "02-setup.pdf"]) {
    expect((await uploadFile(creator.api, item.id, name, await samplePdf(name))).status()).toBe(201);
  }
  await page.reload();
  const first = page.getByLabel("Lesson title for 01-welcome.pdf");
  await expect(first).toHaveValue("");
  await expect(first).toHaveAttribute("placeholder", "Lesson title (empty shows 01-welcome.pdf)");
  await first.fill("  Welcome, and what you will build  ");
  await page.getByTestId("studio-file").nth(0).getByRole("button", { name: "Save title" }).click();
  await expect(page.getByTestId("studio-file").nth(0).getByRole("status")).toHaveText("Saved.");
  expect((await storedFiles(item.id)).map((file) => file.title)).toEqual(["Welcome, and what you will build", null]);

  await page.reload();
  await expect(page.getByLabel("Lesson title for 01-welcome.pdf")).toHaveValue("Welcome, and what you will build");
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-lesson-titles");

  // Cleared: back to the file name.
  await page.getByLabel("Lesson title for 01-welcome.pdf").fill("");
  await page.getByTestId("studio-file").nth(0).getByRole("button", { name: "Save title" }).click();
  await expect(page.getByTestId("studio-file").nth(0).getByRole("status")).toHaveText("Saved.");
  expect((await storedFiles(item.id))[0].title).toBeNull();

  const [fileId] = (await storedFiles(item.id)).map((file) => file.id);
  const url = `/api/studio/items/${item.id}/files/${fileId}`;
  const tooLong = await creator.api.patch(url, { data: { title: "x".repeat(121) } });
  expect([tooLong.status(), (await tooLong.json()).fields]).toEqual([400, { title: "Keep the lesson title to 120 characters or fewer." }]);
  const lineBreak = await creator.api.patch(url, { data: { title: "One\nTwo" } });
  expect([lineBreak.status(), (await lineBreak.json()).fields]).toEqual([400, { title: "The lesson title cannot contain line breaks or control characters." }]);
  const notText = await creator.api.patch(url, { data: { title: 42 } });
  expect(notText.status()).toBe(400);
  expect((await creator.api.patch(url, { data: { title: "x".repeat(120) } })).status()).toBe(204);

  // Another creator cannot see the file, let alone rename it.
  const other = await signInCreator(process.env.E2E_STORE_URL!);
  const foreign = await other.api.patch(url, { data: { title: "Taken over" } });
  expect([foreign.status(), (await foreign.json()).error]).toEqual([404, "item_not_found"]);
  await other.api.dispose();
  expect((await storedFiles(item.id))[0].title).toBe("x".repeat(120));
});
