import { createHash } from "node:crypto";
import { generatePrivateKey } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers } from "./support/chain";
import { installTestWallet } from "./support/injected-wallet";
import { samplePdf } from "./support/studio";

// A 1×1 PNG: the cover image.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("a new creator signs in, publishes an uploaded e-book through the UI, an agent buys it, and the sale and payout add up", async ({ page, store }, testInfo) => {
  const chain = chainReader(store.devnet);
  const wallet = await installTestWallet(page, { privateKey: generatePrivateKey(), rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  const title = `Notes from the Studio ${Date.now()}`;

  await page.goto("/");
  await page.getByRole("link", { name: "Studio" }).click();
  await page.getByRole("button", { name: "Connect Test Wallet" }).click();
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  await expect(page.getByTestId("studio-wallet")).toHaveText(wallet.address);
  expect(wallet.calls).toContain("personal_sign");

  await page.getByRole("link", { name: "Profile and payout" }).click();
  await expect(page.getByLabel("Payout address")).toHaveValue(wallet.address);
  await page.getByLabel("Display name").fill("Studio Tester");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  await page.getByRole("link", { name: "← Studio" }).click();
  await expect(page.getByTestId("studio-creator")).toHaveText("Studio Tester");
  await page.getByRole("link", { name: "New item" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Price (USDC)").fill("2.3456789");
  await page.getByLabel("Description").fill("Field notes, typed in the studio.");
  await page.getByLabel("Refund policy").fill("Full refund within 7 days, no questions asked.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByLabel("Price (USDC)")).toHaveAccessibleDescription("USDC has 6 decimals; 2.3456789 has 7.");
  await page.getByLabel("Price (USDC)").fill("2.345678");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("item-status")).toHaveText("Draft: only you can see it.");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Upload at least one file");

  const pdf = Buffer.from(await samplePdf(title));
  await page.getByTestId("upload-input").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(page.getByTestId("studio-file")).toContainText("notes.pdf");
  await expect(page.getByTestId("studio-file")).toContainText("application/pdf");
  await page.getByTestId("cover-input").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByAltText("Cover")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("item-status")).toContainText("Published at");
  await page.screenshot({ path: testInfo.outputPath("studio-item.png"), fullPage: true });

  const itemLink = page.getByTestId("item-status").getByRole("link");
  const slug = (await itemLink.textContent())!.replace("/items/", "");
  await itemLink.click();
  await expect(page.getByTestId("refund-policy")).toContainText("Full refund within 7 days");
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  // An agent pays the new item's download URL with the official @x402/fetch client.
  const [agent] = await fundFreshBuyers(store.devnet, 1, 5_000_000n);
  const paid = await createPayingFetch({ signer: agent, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 3_000_000n })(
    `${store.url}/api/download/${slug}`,
  );
  expect(paid.status).toBe(200);
  expect(createHash("sha256").update(Buffer.from(await paid.arrayBuffer())).digest("hex")).toBe(createHash("sha256").update(pdf).digest("hex"));
  expect(await chain.balanceOf(wallet.address)).toBe(2_345_678n);
  expect(await chain.balanceOf(agent.address)).toBe(5_000_000n - 2_345_678n);

  await page.goto("/studio");
  await expect(page.getByTestId("sales-net")).toHaveText("2.345678 USDC");
  await expect(page.getByTestId("sales-gross")).toHaveText("2.345678 USDC");
  await expect(page.getByTestId("sales-sales")).toHaveText("1");
  await expect(page.getByTestId("sale")).toHaveCount(1);
  await expect(page.getByTestId("sale").getByTestId("sale-amount")).toHaveText("2.345678 USDC");
  await expect(page.getByTestId("studio-item")).toContainText("1 sale · 2.345678 USDC");
  await page.screenshot({ path: testInfo.outputPath("studio-dashboard.png"), fullPage: true });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("studio-sign-in")).toBeVisible();
});
