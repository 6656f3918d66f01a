import { expect, test } from "./fixtures";
import { createItem, samplePdf, signInCreator } from "./support/studio";
import { screenshotBothSizes } from "./support/two-sizes";

// The "free preview" box applies to one upload: left ticked, the next upload silently became the
// public preview and the previous sample became a paid file.
test("the free-preview box unticks after each upload, and says what ticking it replaces", async ({ page, store }, testInfo) => {
  const creator = await signInCreator(store.url);
  await page.context().addCookies((await creator.api.storageState()).cookies);
  const item = await createItem(creator.api);
  await page.goto(`/studio/items/${item.id}`);

  const asPreview = page.getByRole("checkbox", { name: /free preview/ });
  const files = page.getByTestId("studio-file");
  await asPreview.check();
  await page.getByTestId("upload-input").setInputFiles({ name: "sample.pdf", mimeType: "application/pdf", buffer: Buffer.from(await samplePdf("sample")) });
  await expect(files).toHaveCount(1);
  await expect(files.first()).toContainText("· free preview");
  await expect(asPreview).not.toBeChecked();

  await page.getByTestId("upload-input").setInputFiles({ name: "book.pdf", mimeType: "application/pdf", buffer: Buffer.from(await samplePdf("book")) });
  await expect(files).toHaveCount(2);
  await expect(files.nth(0)).toContainText("· free preview");
  await expect(files.nth(1)).not.toContainText("· free preview");

  // Ticking it again names what happens to the current sample before anything is uploaded.
  await asPreview.check();
  await expect(page.getByTestId("preview-replaces")).toContainText("sample.pdf stops being the free preview and becomes a paid file");
  await screenshotBothSizes(page, testInfo, "studio-preview-replaces");

  const stored = (await (await creator.api.get(`/api/studio/items/${item.id}`)).json()) as { files: { name: string; isPreview: boolean }[] };
  expect(stored.files.map((file) => [file.name, file.isPreview])).toEqual([
    ["sample.pdf", true],
    ["book.pdf", false],
  ]);
  await creator.api.dispose();
});
