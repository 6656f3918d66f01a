import type { Hex } from "viem";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers, mintUsdc, sendUsdc } from "./support/chain";
import { publishedItem, signInCreator } from "./support/studio";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { screenshotBothSizes } from "./support/two-sizes";

// The dashboard showed gross revenue as "Revenue" even after a refund was recorded: the creator
// saw money they had sent back. It now shows gross, refunded and net, from a real refund row, and
// draws net revenue per day beside each item's way from page view to 402 to paid download.
test("revenue on the studio dashboard and item page is shown net of a recorded refund", async ({ page, store }, testInfo) => {
  const creator = await signInCreator(store.url);
  const { item } = await publishedItem(creator.api, { price: "3" });
  // Three page views and two 402s before the paying client's own 402.
  for (let i = 0; i < 3; i++) expect((await fetch(`${store.url}/items/${item.slug}`)).status).toBe(200);
  for (let i = 0; i < 2; i++) expect((await fetch(`${store.url}/api/download/${item.slug}`, { headers: { accept: "application/json" } })).status).toBe(402);
  const [buyer] = await fundFreshBuyers(store.devnet, 1, 10_000_000n);
  const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 3_000_000n })(
    `${store.url}/api/download/${item.slug}`,
  );
  expect(paid.status).toBe(200);
  await paid.arrayBuffer();
  const saleTransaction = JSON.parse(Buffer.from(paid.headers.get("payment-response")!, "base64").toString()).transaction as Hex;

  // The creator sends 1.25 USDC back from their wallet and records it: the refunds table gets its row.
  await mintUsdc(store.devnet, creator.account.address, 1_250_000n);
  const refundTransaction = await sendUsdc(store.devnet, creator.account, buyer.address, 1_250_000n);
  const recorded = await creator.api.post("/api/studio/refunds", { data: { saleTransaction, refundTransaction, amount: "1.25" } });
  expect(recorded.status(), await recorded.text()).toBe(201);

  await page.context().addCookies((await creator.api.storageState()).cookies);
  await page.goto("/studio");
  const summary = page.getByTestId("sales-summary");
  await expect(summary.getByTestId("sales-gross")).toHaveText("3.00 USDC");
  await expect(summary.getByTestId("sales-refunded")).toHaveText("1.25 USDC");
  await expect(summary.getByTestId("sales-net")).toHaveText("1.75 USDC");
  await expect(summary.getByTestId("sales-sales")).toHaveText("1");
  await expect(page.getByTestId("studio-item-revenue")).toHaveText("1 sale · 1.75 USDC net (1.25 USDC refunded)");

  // Views and 402s reach the database at the store's next flush (ANALYTICS_FLUSH_MS, 1 s in these tests).
  const funnel = page.getByTestId("studio-item-funnel");
  await expect(async () => {
    await page.reload();
    await expect(funnel.getByTestId("funnel-views")).toHaveText("3", { timeout: 1000 });
    await expect(funnel.getByTestId("funnel-offers")).toHaveText("3", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(funnel.getByTestId("funnel-paid")).toHaveText("1");
  await expect(funnel.getByTestId("funnel-view-conversion")).toHaveText("33.3 %");
  await expect(funnel.getByTestId("funnel-offer-conversion")).toHaveText("33.3 %");
  const today = new Date().toISOString().slice(0, 10);
  const chart = page.getByTestId("revenue-over-time");
  await expect(chart.locator("canvas").first()).toBeVisible();
  await expect(chart.getByRole("img")).toHaveAccessibleName(/^Net revenue per day, last 30 days: 1\.75 USDC in total/);
  await chart.getByText("Daily figures").click();
  await expect(chart.locator(`tr[data-day="${today}"]`)).toHaveText(`${today}3.001.251.75`);
  await expect(chart.locator("tbody tr")).toHaveCount(30);
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-dashboard-net");
  await expectNoSidewaysScroll(page);
  await chart.getByRole("link", { name: "Last 90 days" }).click();
  await expect(chart.getByRole("link", { name: "Last 90 days" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("revenue-over-time").locator("tbody tr")).toHaveCount(90);

  await page.goto(`/studio/items/${item.id}`);
  await expect(page.getByTestId("sales-net")).toHaveText("1.75 USDC");
  await expect(page.getByTestId("sales-gross")).toHaveText("3.00 USDC");
  await expect(page.getByTestId("sales-refunded")).toHaveText("1.25 USDC");
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-item-net");
  await creator.api.dispose();
});
