import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { signInBuyer } from "./support/library";
import { publishedItem, signInCreator } from "./support/studio";
import { readZip } from "./support/zip";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

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
  const zip = readZip(readFileSync((await (await bought).path())!));
  expect(zip.map((entry) => [entry.name, entry.sha256])).toEqual(course.files.map((file) => [file.name, file.sha256]));
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
    expect(sha256(readFileSync(await saved.path()))).toBe(file.sha256);
  }
  expect(await chain.balanceOf(wallet.address)).toBe(afterPurchase);

  await purchase.getByRole("link", { name: "Receipt" }).click();
  await expect(page.getByTestId("receipt-page")).toContainText("Signing Typed Data");
});

test("the library serves a bought file to its buyer only: 401 signed out, 404 to another signed-in wallet", async ({ page, store }) => {
  // A real file id: of an item a fresh wallet bought with the official client.
  const creator = await signInCreator(store.url);
  const { item, pdf } = await publishedItem(creator.api, { price: "0.5" });
  const fileUrl = `/api/library/files/${item.files[0].id}`;
  const [buyer] = await fundFreshBuyers(store.devnet, 1, 1_000_000n);
  const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 500_000n })(
    `${store.url}/api/download/${item.slug}`,
  );
  expect(paid.status).toBe(200);
  await paid.arrayBuffer();

  // Off the catalog again (the purchase stays in the library): catalog and payment specs see the seeded items only.
  expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
  const signedOut = await page.request.get(fileUrl);
  expect([signedOut.status(), (await signedOut.json()).error]).toEqual([401, "unauthenticated"]);

  const wallet = await installTestWallet(page, { privateKey: store.devnet.unfundedBuyer.privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  await page.goto("/library");
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with your wallet" }).click();
  await expect(page.getByTestId("library-wallet")).toHaveText(wallet.address);
  await expect(page.getByText("No purchases for this wallet yet")).toBeVisible();
  const notTheirs = await page.request.get(fileUrl);
  expect([notTheirs.status(), (await notTheirs.json()).error]).toEqual([404, "not_found"]);

  const ownLibrary = await signInBuyer(store.url, buyer);
  const own = await ownLibrary.get(fileUrl);
  expect(own.status()).toBe(200);
  const bytes = await own.body();
  expect(sha256(bytes)).toBe(sha256(pdf));
  expect(sha256(bytes)).toBe(item.files[0].sha256);
});
