import { expect, test } from "./fixtures";
import { createItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { screenshotBothSizes } from "./support/two-sizes";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

// A creator sees the public page of a draft before publishing: only they, never indexed, no Buy.
test("the preview of a draft shows the item as buyers will see it, to its creator only", async ({ page, store }, testInfo) => {
  const creator = await signInCreator(store.url);
  const title = `Field Recording Basics ${Date.now()}`;
  const item = await createItem(creator.api, { title, kind: "course", price: "$3.5", description: "Six lessons on microphones.", refundPolicy: "Refunds within 14 days." });
  expect((await uploadFile(creator.api, item.id, "sample.pdf", await samplePdf("sample"), { preview: true })).status()).toBe(201);
  for (const name of ["01-microphones.pdf", "02-levels.pdf"]) expect((await uploadFile(creator.api, item.id, name, await samplePdf(name))).status()).toBe(201);
  const cover = await creator.api.put(`/api/studio/items/${item.id}/cover`, { headers: { "x-file-name": "cover.png", "content-type": "application/octet-stream" }, data: PNG });
  expect(cover.status()).toBe(200);

  await page.context().addCookies((await creator.api.storageState()).cookies);
  await page.goto(`/studio/items/${item.id}`);
  await page.getByRole("link", { name: "Preview the public page" }).click();
  await expect(page).toHaveURL(`/studio/items/${item.id}/preview`);

  await expect(page.getByTestId("preview-banner")).toContainText("Preview: not published.");
  const preview = page.getByTestId("item-preview");
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expect(preview.getByTestId("price")).toHaveText("3.50 USDC");
  await expect(preview.getByTestId("refund-policy")).toContainText("Refunds within 14 days.");
  await expect(preview.getByTestId("file-row")).toHaveText([/01-microphones\.pdf/, /02-levels\.pdf/]);
  await expect(preview).toContainText("sample.pdf");
  await expect(preview.getByAltText(`Cover of ${title}`)).toBeVisible();
  await expect(page.getByRole("button", { name: /buy/i })).toHaveCount(0);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-item-preview");
  await expectNoSidewaysScroll(page);

  // Publishing changes the banner; the public page exists now.
  expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("preview-banner")).toContainText("Preview: published.");
  await expect(page.getByTestId("preview-banner").getByRole("link", { name: `/items/${item.slug}` })).toBeVisible();

  // Another creator, and nobody signed in, see no preview.
  const other = await signInCreator(store.url);
  await page.context().clearCookies();
  await page.context().addCookies((await other.api.storageState()).cookies);
  const foreign = await page.goto(`/studio/items/${item.id}/preview`);
  expect(foreign?.status()).toBe(404);
  await expect(page.getByText(title)).toHaveCount(0);
  await page.context().clearCookies();
  await page.goto(`/studio/items/${item.id}/preview`);
  await expect(page.getByTestId("studio-sign-in")).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await other.api.dispose();
  await creator.api.dispose();
});
