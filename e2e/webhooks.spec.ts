import type { APIRequestContext, Browser, Page } from "@playwright/test";
import type { Hex } from "viem";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { verifySignatureHeader } from "../lib/webhooks/signature";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers, mintUsdc, sendUsdc } from "./support/chain";
import { checkPage } from "./support/page-checks";
import { type CreatorSession, publishedItem, signInCreator } from "./support/studio";
import { type WebhookReceiver, startWebhookReceiver } from "./support/webhook-receiver";

// A store of its own: retries start after 200 ms (WEBHOOK_RETRY_BASE_MS) so a failing receiver is
// retried within the test, and an attempt may take 30 s, so a delivery held on a download's request
// would hold that download for as long.
let store: StartedStore;
let database: IsolatedDatabase;
let receiver: WebhookReceiver;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  database = await isolatedDatabase();
  store = await startStore({ DATABASE_URL: database.url, WEBHOOK_RETRY_BASE_MS: "200", WEBHOOK_TIMEOUT_MS: "30000", ...NO_RATE_LIMITS });
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.stop();
  if (store) await stopStore(store);
  await database?.drop();
});

async function buy(slug: string) {
  const devnet = readDevnetFile(store.dataDir);
  const [buyer] = await fundFreshBuyers(devnet, 1, 10_000_000n);
  const paid = await createPayingFetch({ signer: buyer, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 5_000_000n })(`${store.url}/api/download/${slug}`);
  expect(paid.status).toBe(200);
  const bytes = Buffer.from(await paid.arrayBuffer());
  const transaction = JSON.parse(Buffer.from(paid.headers.get("payment-response")!, "base64").toString()).transaction as Hex;
  return { buyer, bytes, transaction };
}

async function studioPage(browser: Browser, creator: CreatorSession): Promise<Page> {
  const context = await browser.newContext({ baseURL: store.url, storageState: await (creator.api as APIRequestContext).storageState() });
  const page = await context.newPage();
  await page.goto("/studio/webhooks");
  return page;
}

const deliveryRow = (page: Page, eventId: string) => page.locator(`[data-testid="webhook-delivery"][data-event-id="${eventId}"]`);

/** Reloads the studio page until the delivery shows `status` (bounded by expect.poll's timeout). */
async function expectDeliveryStatus(page: Page, eventId: string, status: string) {
  await expect
    .poll(async () => {
      await page.reload();
      return deliveryRow(page, eventId).getAttribute("data-status");
    }, { timeout: 20_000 })
    .toBe(status);
}

const eventsOf = (type: string) => receiver.received.filter((each) => each.type === type);

test("a failing receiver gets the sale again with the same event id and a valid signature; the studio shows failed, then delivered, and resends", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const creator = await signInCreator(store.url);
  const { item, pdf } = await publishedItem(creator.api, { price: "1.5" });
  const page = await studioPage(browser, creator);
  await expect(page.getByText("No endpoints yet.")).toBeVisible();
  await checkPage(page, testInfo, "webhooks-empty", { screenshot: true });

  // Bad input in the form: a field error, nothing saved.
  await page.getByLabel("Endpoint URL").fill("ftp://example.com/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("field-error")).toContainText("http(s)");
  await expect(page.getByLabel("Endpoint URL")).toBeFocused();
  await checkPage(page, testInfo, "webhooks-invalid-url", { screenshot: true });
  await page.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("field-error")).toBeVisible();
  expect((await (await creator.api.get("/api/studio/webhooks")).json()).endpoints).toEqual([]);

  await page.getByLabel("Endpoint URL").fill(receiver.url);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret-value").textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await checkPage(page, testInfo, "webhooks-secret-shown", { screenshot: true });
  // Shown once: neither the API nor the page tells it again.
  expect(await (await creator.api.get("/api/studio/webhooks")).text()).not.toContain(secret);
  await page.reload();
  await expect(page.getByTestId("webhook-endpoint")).toHaveCount(1);
  await expect(page.getByText(secret)).toHaveCount(0);

  receiver.respondWith(500);
  const sale = await buy(item.slug);
  expect(sale.bytes.equals(Buffer.from(pdf))).toBe(true);
  // The first attempt and at least one retry, both refused by the receiver.
  await expect.poll(() => eventsOf("sale.settled").length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const eventId = eventsOf("sale.settled")[0].eventId;
  await expectDeliveryStatus(page, eventId, "failing");
  await expect(deliveryRow(page, eventId).getByTestId("webhook-delivery-last")).toContainText("500");
  await checkPage(page, testInfo, "webhooks-failing", { screenshot: true });

  receiver.respondWith(200);
  await expectDeliveryStatus(page, eventId, "delivered");
  await checkPage(page, testInfo, "webhooks-delivered", { screenshot: true });
  const attempts = eventsOf("sale.settled");
  for (const attempt of attempts) {
    expect(attempt.eventId).toBe(eventId);
    expect(verifySignatureHeader({ secret, body: attempt.body, header: attempt.signature })).toBe(true);
    const body = JSON.parse(attempt.body);
    expect([body.id, body.type, body.data.sale.transaction, body.data.sale.item.slug, body.data.sale.amountAtomic]).toEqual([
      eventId,
      "sale.settled",
      sale.transaction,
      item.slug,
      "1500000",
    ]);
  }
  expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
  expect(verifySignatureHeader({ secret: `${secret}x`, body: attempts[0].body, header: attempts[0].signature })).toBe(false);

  // Resend: the same event, the same id, delivered again.
  const before = eventsOf("sale.settled").length;
  await deliveryRow(page, eventId).getByRole("button", { name: "Resend" }).click();
  await expect.poll(() => eventsOf("sale.settled").length, { timeout: 20_000 }).toBe(before + 1);
  const resent = eventsOf("sale.settled").at(-1)!;
  expect(resent.eventId).toBe(eventId);
  expect(verifySignatureHeader({ secret, body: resent.body, header: resent.signature })).toBe(true);
  await expectDeliveryStatus(page, eventId, "delivered");

  // A recorded refund is an event of its own.
  const devnet = readDevnetFile(store.dataDir);
  await mintUsdc(devnet, creator.account.address, 500_000n);
  const refundTransaction = await sendUsdc(devnet, creator.account, sale.buyer.address, 500_000n);
  const refund = await creator.api.post("/api/studio/refunds", { data: { saleTransaction: sale.transaction, refundTransaction, amount: "0.5" } });
  expect(refund.status()).toBe(201);
  await expect.poll(() => eventsOf("refund.recorded").length, { timeout: 20_000 }).toBe(1);
  const refunded = eventsOf("refund.recorded")[0];
  expect(verifySignatureHeader({ secret, body: refunded.body, header: refunded.signature })).toBe(true);
  const refundBody = JSON.parse(refunded.body);
  expect([refundBody.data.refund.transaction, refundBody.data.refund.amountAtomic, refundBody.data.sale.transaction]).toEqual([
    refundTransaction.toLowerCase(),
    "500000",
    sale.transaction,
  ]);
  expect(refundBody.id).not.toBe(eventId);

  // Deleting the endpoint takes its history with it.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Delete the endpoint ${receiver.url}` }).click();
  await expect(page.getByText("No endpoints yet.")).toBeVisible();
  await page.context().close();
});

test("a hanging receiver does not hold up a paid download", async () => {
  test.setTimeout(120_000);
  const creator = await signInCreator(store.url);
  const { item, pdf } = await publishedItem(creator.api, { price: "1" });
  const created = await creator.api.post("/api/studio/webhooks", { data: { url: receiver.url, events: ["sale.settled"] } });
  expect(created.status()).toBe(201);
  receiver.respondWith("hang");
  try {
    const sale = await buy(item.slug);
    expect(sale.bytes.equals(Buffer.from(pdf))).toBe(true);
    // The download is complete; its event reaches the receiver, which still holds the request
    // open: the download never waited for it (had it, it would have ended only after the store gave
    // the attempt up, 30 s later, with this request closed).
    await expect
      .poll(() => eventsOf("sale.settled").find((each) => JSON.parse(each.body).data.sale.transaction === sale.transaction)?.open(), { timeout: 20_000 })
      .toBe(true);
  } finally {
    receiver.respondWith(200);
    receiver.release();
  }
});

test("bad endpoint input is refused with field errors and changes nothing; other creators cannot touch an endpoint", async () => {
  const creator = await signInCreator(store.url);
  const refusals: [unknown, string, RegExp][] = [
    [{ url: "ftp://example.com/hooks", events: ["sale.settled"] }, "url", /http\(s\)/],
    [{ url: "not a url", events: ["sale.settled"] }, "url", /http\(s\)/],
    [{ url: "http://example.com/hooks", events: ["sale.settled"] }, "url", /https/],
    [{ url: "https://user:pass@example.com/hooks", events: ["sale.settled"] }, "url", /user name or password/],
    [{ url: "https://10.1.2.3/hooks", events: ["sale.settled"] }, "url", /private/],
    [{ url: "https://192.168.0.1/hooks", events: ["sale.settled"] }, "url", /private/],
    [{ url: "https://169.254.169.254/latest", events: ["sale.settled"] }, "url", /private/],
    [{ url: "https://[::1]/hooks", events: ["sale.settled"] }, "url", /private/],
    [{ url: "https://[::ffff:10.0.0.1]/hooks", events: ["sale.settled"] }, "url", /private/],
    [{ url: "https://127.0.0.2/hooks", events: ["sale.settled"] }, "url", /private/],
    [{ url: "https://unresolvable.invalid/hooks", events: ["sale.settled"] }, "url", /resolve/],
    [{ url: receiver.url, events: [] }, "events", /at least one/],
    [{ url: receiver.url, events: ["sale.refunded"] }, "events.0", /sale\.settled or refund\.recorded/],
    [{ url: receiver.url }, "events", /./],
  ];
  for (const [data, field, message] of refusals) {
    const response = await creator.api.post("/api/studio/webhooks", { data });
    const body = await response.json();
    expect([response.status(), body.error], JSON.stringify(data)).toEqual([400, "invalid_input"]);
    expect(body.fields[field], JSON.stringify(data)).toMatch(message);
  }
  expect((await (await creator.api.get("/api/studio/webhooks")).json()).endpoints).toEqual([]);

  const created = await (await creator.api.post("/api/studio/webhooks", { data: { url: receiver.url, events: ["sale.settled"] } })).json();
  const stranger = await signInCreator(store.url);
  expect((await stranger.api.delete(`/api/studio/webhooks/${created.id}`)).status()).toBe(404);
  expect((await stranger.api.get("/api/studio/webhooks")).status()).toBe(200);
  expect((await (await stranger.api.get("/api/studio/webhooks")).json()).endpoints).toEqual([]);
  expect((await stranger.api.delete("/api/studio/webhooks/not-a-uuid")).status()).toBe(404);
  expect((await stranger.api.post(`/api/studio/webhooks/deliveries/${created.id}/resend`)).status()).toBe(404);
  expect((await (await creator.api.get("/api/studio/webhooks")).json()).endpoints).toHaveLength(1);
  const anonymous = await (await import("@playwright/test")).request.newContext({ baseURL: store.url });
  expect((await anonymous.get("/api/studio/webhooks")).status()).toBe(401);
  expect((await anonymous.post("/api/studio/webhooks", { data: { url: receiver.url, events: ["sale.settled"] } })).status()).toBe(401);
  await anonymous.dispose();
});
