import type { Hex } from "viem";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers, mintUsdc, sendUsdc } from "./support/chain";
import { publishedItem, signInCreator } from "./support/studio";
import { expectNoAxeViolations } from "./support/axe";
import { expectNoSidewaysScroll } from "./support/page-checks";
import { screenshotBothSizes } from "./support/two-sizes";

// The dashboard showed gross revenue as "Revenue" even after a refund was recorded: the creator
// saw money they had sent back. It now shows gross, refunded and net, from a real refund row.
test("revenue on the studio dashboard and item page is shown net of a recorded refund", async ({ page, store }, testInfo) => {
  const creator = await signInCreator(store.url);
  const { item } = await publishedItem(creator.api, { price: "3" });
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
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-dashboard-net");
  await expectNoSidewaysScroll(page);

  await page.goto(`/studio/items/${item.id}`);
  await expect(page.getByTestId("sales-net")).toHaveText("1.75 USDC");
  await expect(page.getByTestId("sales-gross")).toHaveText("3.00 USDC");
  await expect(page.getByTestId("sales-refunded")).toHaveText("1.25 USDC");
  await expectNoAxeViolations(page);
  await screenshotBothSizes(page, testInfo, "studio-item-net");
  await creator.api.dispose();
});
