import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/axe";
import { chainReader, fundedBuyerKey } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { createCode } from "./support/pricing";
import { type CreatorSession, publishedItem, signInCreator } from "./support/studio";
import { screenshotBothSizes } from "./support/two-sizes";

// The studio's discount codes page and the item page's price choices, in Chromium: field errors
// that change nothing, a price that updates before the wallet is asked, and a checkout that pays
// exactly the quoted amount. Every state is screenshotted at 390 and 1280 px and checked by axe.

async function checked(page: Page, testInfo: Parameters<typeof screenshotBothSizes>[1], name: string) {
  await expectNoAxeViolations(page, name, testInfo);
  await expectNoSidewaysScroll(page, name);
  await screenshotBothSizes(page, testInfo, name);
}

async function connect(page: Page) {
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await expect(page.getByTestId("wallet-connected")).toBeVisible();
}

test.describe("the studio's discount codes", () => {
  let creator: CreatorSession;
  test.beforeAll(async () => {
    creator = await signInCreator(process.env.E2E_STORE_URL!);
  });
  test.afterAll(() => creator.api.dispose());

  test("create with field errors (nothing saved), list, pause and delete", async ({ page }, testInfo) => {
    const { item } = await publishedItem(creator.api, { price: "2.00" });
    await page.context().addCookies((await creator.api.storageState()).cookies);
    await page.goto("/studio");
    await page.getByRole("link", { name: "Discount codes" }).click();
    await expect(page.getByRole("heading", { name: "Discount codes", level: 1 })).toBeVisible();
    await expect(page.getByText("No codes yet.")).toBeVisible();
    await checked(page, testInfo, "discount-codes-empty");

    const form = page.getByTestId("discount-code-form");
    await form.getByRole("textbox", { name: "Code", exact: true }).fill("no spaces!");
    await form.getByLabel("Percent off").first().check();
    await form.getByRole("textbox", { name: "Percent off" }).fill("150");
    await form.getByLabel("Chosen items").check();
    await form.getByLabel("Maximum uses").fill("0");
    await form.getByLabel("Expires").fill("2020-01-01T10:00");
    await form.getByRole("button", { name: "Create code" }).click();
    const errors = form.getByTestId("field-error");
    await expect(errors).toHaveCount(5);
    await expect(form.getByRole("textbox", { name: "Code", exact: true })).toBeFocused();
    await expect(form.getByRole("textbox", { name: "Code", exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(errors.nth(0)).toHaveText("Use 3 to 32 letters, digits or dashes, e.g. LAUNCH20.");
    await expect(form).toContainText("Enter a whole percentage from 1 to 100.");
    await expect(form).toContainText("Choose at least one item, or apply the code to all your items.");
    await expect(form).toContainText("Enter a whole number of uses, 1 or more");
    await expect(form).toContainText("The expiry must be in the future.");
    await checked(page, testInfo, "discount-codes-errors");
    expect(((await (await creator.api.get("/api/studio/discount-codes")).json()) as { codes: unknown[] }).codes).toEqual([]);

    await form.getByRole("textbox", { name: "Code", exact: true }).fill("spring-25");
    await form.getByRole("textbox", { name: "Percent off" }).fill("25");
    await form.getByLabel(item.title).check();
    await form.getByLabel("Maximum uses").fill("10");
    await form.getByLabel("Expires").fill("");
    await form.getByRole("button", { name: "Create code" }).click();
    await expect(page.getByRole("status")).toHaveText("SPRING-25 is active.");
    const row = page.getByTestId("discount-code").filter({ hasText: "SPRING-25" });
    await expect(row).toContainText("25 % off, 1 item");
    await expect(row.getByTestId("discount-code-usage")).toHaveText("0 of 10 uses · 0.00 USDC revenue");

    // The same name again, in another case: refused on its field.
    await form.getByRole("textbox", { name: "Code", exact: true }).fill("Spring-25");
    await form.getByRole("textbox", { name: "Percent off" }).fill("5");
    await form.getByRole("button", { name: "Create code" }).click();
    await expect(form.getByTestId("field-error")).toHaveText("You already have a code with this name (codes ignore case).");
    await checked(page, testInfo, "discount-codes-list");

    await row.getByRole("button", { name: "Pause SPRING-25" }).click();
    await expect(row).toContainText("Paused");
    expect((await fetch(`${process.env.E2E_STORE_URL}/api/download/${item.slug}?code=spring-25`)).status).toBe(400);
    await row.getByRole("button", { name: "Resume SPRING-25" }).click();
    await expect(row).toContainText("Active");
    expect((await fetch(`${process.env.E2E_STORE_URL}/api/download/${item.slug}?code=spring-25`)).status).toBe(402);
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Delete SPRING-25" }).click();
    await expect(page.getByText("No codes yet.")).toBeVisible();
  });

  test("the item form's pay-what-you-want mode, with its field errors", async ({ page }, testInfo) => {
    await page.context().addCookies((await creator.api.storageState()).cookies);
    await page.goto("/studio/items/new");
    await page.getByLabel("Title").fill("Name your price");
    await page.getByLabel("Pay what you want").check();
    await page.getByLabel("Minimum (USDC)").fill("5");
    await page.getByLabel("Suggested price (USDC)").fill("2");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.getByTestId("field-error")).toHaveText("The minimum cannot be more than the suggested price.");
    await expect(page.getByLabel("Minimum (USDC)")).toBeFocused();
    await checked(page, testInfo, "item-form-pwyw-error");
    await page.getByLabel("Minimum (USDC)").fill("0.50");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/studio\/items\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel("Minimum (USDC)")).toHaveValue("0.50");
    await expect(page.getByLabel("Suggested price (USDC)")).toHaveValue("2.00");
  });
});

test.describe("the item page's price choices", () => {
  test("Have a code? updates the price before anything is signed, and the checkout pays exactly that", async ({ page, store }, testInfo) => {
    const creator = await signInCreator(store.url);
    const { item, pdf } = await publishedItem(creator.api, { price: "3.00" });
    await createCode(creator.api, { code: "PAGE-TEN", kind: "amount", value: "1.00" });
    const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    const chain = chainReader(store.devnet);

    await page.goto(`/items/${item.slug}`);
    await expect(page.getByTestId("price")).toHaveText("3.00 USDC");
    await page.getByLabel("Have a code?").fill("nope-nope");
    await page.getByRole("button", { name: "Update price" }).click();
    await expect(page.getByTestId("price-error")).toContainText("No such discount code");
    await expect(page.getByLabel("Have a code?")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("price")).toHaveText("3.00 USDC");
    await checked(page, testInfo, "item-code-refused");

    await page.getByLabel("Have a code?").fill("page-ten");
    await page.getByRole("button", { name: "Update price" }).click();
    await expect(page.getByTestId("code-applied")).toHaveText("Code PAGE-TEN applied.");
    await expect(page.getByTestId("price")).toContainText("2.00 USDC");
    await expect(page.getByTestId("list-price")).toHaveText("3.00 USDC");
    expect(wallet.calls.filter((call) => call.startsWith("eth_sign"))).toEqual([]);
    await connect(page);
    await expect(page.getByTestId("buy-button")).toHaveText("Buy for 2.00 USDC");
    await checked(page, testInfo, "item-code-applied");

    const download = page.waitForEvent("download");
    await page.getByTestId("buy-button").click();
    const saved = await download;
    expect(createHash("sha256").update(readFileSync(await saved.path())).digest("hex")).toBe(createHash("sha256").update(pdf).digest("hex"));
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
    expect(await chain.balanceOf(wallet.address)).toBe(3_000_000n);
    const transaction = (await page.getByTestId("receipt-transaction").textContent())!.trim();
    await page.goto(`/receipts/${transaction}`);
    await expect(page.getByTestId("receipt-discount")).toHaveText("PAGE-TEN: 1.00 USDC off");
    await checked(page, testInfo, "receipt-with-code");
    await page.context().addCookies((await creator.api.storageState()).cookies);
    await page.goto("/studio");
    await expect(page.getByTestId("sale-discount")).toHaveText("PAGE-TEN, 1.00 USDC off");
  });

  test("pay what you want: the amount field starts at the suggestion, refuses below the minimum, and pays the chosen amount", async ({ page, store }, testInfo) => {
    const { privateKey } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    const chain = chainReader(store.devnet);
    await page.goto("/items/tip-jar-tapes");
    await expect(page.getByLabel("Your price (USDC)")).toHaveValue("2.00");
    await expect(page.getByTestId("price")).toHaveText("2.00 USDC");
    await checked(page, testInfo, "item-pwyw");

    await page.getByLabel("Your price (USDC)").fill("0.25");
    await page.getByRole("button", { name: "Update price" }).click();
    await expect(page.getByTestId("price-error")).toHaveText("The chosen amount is below this item's minimum price.");
    await expect(page.getByLabel("Your price (USDC)")).toHaveAttribute("aria-invalid", "true");
    await checked(page, testInfo, "item-pwyw-below-minimum");

    await page.getByLabel("Your price (USDC)").fill("1.75");
    await page.getByRole("button", { name: "Update price" }).click();
    await expect(page.getByTestId("price")).toHaveText("1.75 USDC");
    await connect(page);
    await expect(page.getByTestId("buy-button")).toHaveText("Buy for 1.75 USDC");
    const download = page.waitForEvent("download");
    await page.getByTestId("buy-button").click();
    await download;
    await expect(page.getByTestId("purchase-receipt")).toBeVisible();
    expect(await chain.balanceOf(wallet.address)).toBe(3_250_000n);
  });

  test("a free claim: Claim for free signs in with the wallet, no transaction, and the library lists it", async ({ page, store }, testInfo) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.00", pwywMinimum: "0" });
    const { privateKey } = await fundedBuyerKey(store.devnet, 1_000_000n);
    const wallet = await installTestWallet(page, { privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
    const chain = chainReader(store.devnet);
    await page.goto(`/items/${item.slug}`);
    await page.getByLabel("Your price (USDC)").fill("0");
    await page.getByRole("button", { name: "Update price" }).click();
    await expect(page.getByTestId("price")).toHaveText("0.00 USDC");
    await connect(page);
    const download = page.waitForEvent("download");
    await page.getByTestId("claim-button").click();
    await download;
    await expect(page.getByTestId("claim-saved")).toContainText("nothing was charged and no transaction was made");
    await checked(page, testInfo, "item-free-claimed");
    expect(wallet.calls.filter((call) => call === "eth_signTypedData_v4")).toHaveLength(0);
    expect(await chain.balanceOf(wallet.address)).toBe(1_000_000n);
  });
});
