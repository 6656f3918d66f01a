import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { chainReader } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";

type CatalogItem = { slug: string; files: { name: string; sha256: string }[] };

test("after a reload, the library re-downloads every lesson of a bought course with no second payment", async ({ page, store }, testInfo) => {
  const wallet = await installTestWallet(page, { privateKey: store.devnet.buyers[0].privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  const chain = chainReader(store.devnet);
  const slug = "typed-data-from-scratch";
  const catalog = (await (await page.request.get("/api/catalog")).json()) as { items: CatalogItem[] };
  const course = catalog.items.find((item) => item.slug === slug)!;

  await page.goto(`/items/${slug}`);
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  const bought = page.waitForEvent("download");
  await page.getByTestId("buy-button").click();
  await bought;
  await expect(page.getByTestId("purchase-receipt")).toBeVisible();
  const afterPurchase = await chain.balanceOf(wallet.address);

  await page.reload();
  await page.getByRole("link", { name: "My library" }).click();
  await expect(page.getByTestId("library-sign-in")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with your wallet" }).click();
  await expect(page.getByTestId("library-wallet")).toHaveText(wallet.address);
  expect(wallet.calls).toContain("personal_sign");

  const purchase = page.getByTestId("purchase").filter({ hasText: "Signing Typed Data" });
  await expect(purchase).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("library.png"), fullPage: true });
  for (const file of course.files) {
    const download = page.waitForEvent("download");
    await purchase.getByRole("listitem").filter({ hasText: file.name }).getByRole("link", { name: /Download/ }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(file.name);
    expect(createHash("sha256").update(readFileSync(await saved.path())).digest("hex")).toBe(file.sha256);
  }
  expect(await chain.balanceOf(wallet.address)).toBe(afterPurchase);

  await purchase.getByRole("link", { name: "Receipt" }).click();
  await expect(page.getByTestId("receipt-page")).toContainText("Signing Typed Data");
});

test("the library refuses files to anyone who is not signed in as their buyer", async ({ page, store }) => {
  const wallet = await installTestWallet(page, { privateKey: store.devnet.unfundedBuyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  const anyFile = "00000000-0000-4000-8000-000000000000";
  expect((await page.request.get(`/api/library/files/${anyFile}`)).status()).toBe(401);

  await page.goto("/library");
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with your wallet" }).click();
  await expect(page.getByTestId("library-wallet")).toHaveText(wallet.address);
  await expect(page.getByText("No purchases for this wallet yet")).toBeVisible();
  expect((await page.request.get(`/api/library/files/${anyFile}`)).status()).toBe(404);
});
