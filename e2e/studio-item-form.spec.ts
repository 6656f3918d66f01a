import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { type CreatorSession, createItem, signInCreator } from "./support/studio";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { screenshotBothSizes } from "./support/two-sizes";

// The price field takes prices as people write them, and every refusal is tied to its field:
// marked aria-invalid, described by the message, and focused.

let creator: CreatorSession;

test.beforeAll(async () => {
  creator = await signInCreator(process.env.E2E_STORE_URL!);
});

test.afterAll(async () => {
  await creator.api.dispose();
});

async function signedIn(page: Page) {
  await page.context().addCookies((await creator.api.storageState()).cookies);
}

test("the API prices \"$3\", \"3\", \"3.00\", \"3.5\" and \"0.75\" exactly, in atomic units", async () => {
  const cases: [string, string, string][] = [
    ["$3", "3000000", "3.00"],
    ["3", "3000000", "3.00"],
    ["3.00", "3000000", "3.00"],
    ["3.5", "3500000", "3.50"],
    ["0.75", "750000", "0.75"],
  ];
  for (const [price, priceAtomic, shown] of cases) {
    const item = await createItem(creator.api, { price });
    expect([item.priceAtomic, item.price], price).toEqual([priceAtomic, shown]);
    const changed = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price } });
    expect((await changed.json()).priceAtomic, price).toBe(priceAtomic);
  }
});

test("the API refuses bad prices with a message on the price field, and changes nothing", async () => {
  const item = await createItem(creator.api, { price: "2" });
  const cases: [string, string][] = [
    ["3.1234567", "USDC has 6 decimals; 3.1234567 has 7."],
    ["-1", "The price cannot be negative."],
    ["abc", "Enter a price like 4.99 or $4.99 (digits and one decimal point, no sign)."],
    ["", "Enter a price, for example 4.99."],
  ];
  for (const [price, message] of cases) {
    const response = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price } });
    const body = await response.json();
    expect([response.status(), body.error, body.fields], price).toEqual([400, "invalid_input", { price: message }]);
  }
  expect((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).priceAtomic).toBe("2000000");
});

test("a new item priced \"$3\" in the form costs 3.00 USDC", async ({ page }) => {
  await signedIn(page);
  await page.goto("/studio/items/new");
  await page.getByLabel("Title").fill(`Three dollars ${Date.now()}`);
  await page.getByLabel("Price (USDC)").fill("$3");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("item-status")).toHaveText("Draft: only you can see it.");
  await expect(page.getByLabel("Price (USDC)")).toHaveValue("3.00");
});

test("each refused price is on the price field: aria-invalid, described by the message, focused", async ({ page }, testInfo) => {
  await signedIn(page);
  const item = await createItem(creator.api, { price: "2" });
  await page.goto(`/studio/items/${item.id}`);
  const price = page.getByLabel("Price (USDC)");
  const save = page.getByRole("button", { name: "Save changes" });
  await expect(price).not.toHaveAttribute("aria-invalid", "true");

  const cases: [string, string][] = [
    ["3.1234567", "USDC has 6 decimals; 3.1234567 has 7."],
    ["-1", "The price cannot be negative."],
    ["abc", "Enter a price like 4.99 or $4.99 (digits and one decimal point, no sign)."],
    ["", "Enter a price, for example 4.99."],
  ];
  for (const [input, message] of cases) {
    await price.fill(input);
    await save.focus();
    await save.click();
    await expect(price, input).toHaveAttribute("aria-invalid", "true");
    await expect(price, input).toHaveAccessibleDescription(message);
    await expect(price, input).toBeFocused();
    await expect(page.getByTestId("item-form").getByRole("alert")).toHaveText("Check the fields marked above.");
  }
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-price-refused");
  await expectNoSidewaysScroll(page);

  await price.fill("0.75");
  await save.click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(price).not.toHaveAttribute("aria-invalid", "true");
  expect((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).priceAtomic).toBe("750000");
});

test("errors the API names land on their fields: the first one is focused", async ({ page }, testInfo) => {
  await signedIn(page);
  const item = await createItem(creator.api, { price: "2" });
  await page.goto(`/studio/items/${item.id}`);
  const title = page.getByLabel("Title");
  const payout = page.getByLabel("Payout address for this item");
  await title.fill("");
  await payout.fill("0x1234");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Give the item a title.");
  await expect(title).toBeFocused();
  await expect(payout).toHaveAttribute("aria-invalid", "true");
  await expect(payout).toHaveAccessibleDescription(/20-byte address/);
  // The fields that were fine say so: not invalid, still described by their hint.
  await expect(page.getByLabel("Price (USDC)")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Price (USDC)")).toHaveAccessibleDescription(/up to 6 decimals/);
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-fields-refused");
});
