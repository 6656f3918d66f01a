import assert from "node:assert/strict";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { claimPayment, markPaymentSettled } from "@/db/queries/payments";
import { recordRefund } from "@/db/queries/sales";
import { createWebhookEndpoint, getWebhookEndpoints, resendWebhookDelivery } from "@/db/queries/webhooks";
import { webhookDeliveries, webhookEvents } from "@/db/schema";
import { BUYERS, CREATORS } from "@/lib/devnet/accounts";
import { openTestDatabase } from "@/lib/testing/test-database";
import { deliverDueWebhooks } from "./deliverer";
import { newWebhookSecret, verifySignatureHeader } from "./signature";

type Received = { eventId: string; body: string; signature: string };

/** A real receiver on 127.0.0.1 answering with whatever `status` says at the time. */
async function receiver() {
  const received: Received[] = [];
  const state = { status: 500 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ eventId: String(request.headers["x-storefront-event-id"]), body: Buffer.concat(chunks).toString(), signature: String(request.headers["x-storefront-signature"]) });
      response.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("webhook outbox and deliverer (real database, real receiver)", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let item: NonNullable<Awaited<ReturnType<typeof getPublishedItemBySlug>>>;
  let secret: string;
  let nonce = 0;

  before(async () => {
    Object.assign(process.env, { NETWORK: "devnet", WEBHOOK_RETRY_BASE_MS: "10", WEBHOOK_TIMEOUT_MS: "2000" });
    database = await openTestDatabase({ seed: true });
    hook = await receiver();
    item = (await getPublishedItemBySlug({ slug: "the-gasless-economy" }))!;
  });
  after(async () => {
    await hook.close();
    await database.close();
  });
  beforeEach(() => {
    hook.received.length = 0;
  });

  async function settleSale() {
    const claimed = await claimPayment({
      itemId: item.id,
      payer: BUYERS[1].address,
      payTo: CREATORS[0].address,
      amountAtomic: item.priceAtomic,
      asset: "0x0000000000000000000000000000000000000001",
      network: "eip155:31337",
      nonce: `0x${(++nonce).toString(16).padStart(64, "0")}`,
      validBefore: 9_999_999_999n,
      claimBlock: 0n,
      paymentIdHash: null,
    });
    assert.equal(claimed.kind, "claimed");
    const payment = (claimed as Extract<typeof claimed, { kind: "claimed" }>).payment;
    return (await markPaymentSettled({ id: payment.id, transactionHash: `0x${nonce.toString(16).padStart(64, "a")}` }))!;
  }

  /** Rounds until `done`, bounded: each round attempts whatever is due now. */
  async function deliverUntil(done: () => boolean) {
    for (let round = 0; round < 200 && !done(); round++) {
      await deliverDueWebhooks();
      if (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(done(), "not delivered within 200 rounds");
  }

  it("a creator without endpoints gets no event written", async () => {
    await settleSale();
    assert.equal((await database.db.select().from(webhookEvents)).length, 0);
  });

  it("a sale writes one event; a failing receiver gets it again with the same id and a valid signature, until it answers 2xx", async () => {
    secret = newWebhookSecret();
    const created = await createWebhookEndpoint({ creatorId: item.creatorId, url: hook.url, events: ["sale.settled", "refund.recorded"], secret });
    assert.ok(created.ok);
    const sale = await settleSale();
    const [event] = await database.db.select().from(webhookEvents);
    assert.equal(event.type, "sale.settled");
    assert.equal(JSON.parse(event.body).data.sale.transaction, sale.transactionHash);

    hook.state.status = 500;
    await deliverUntil(() => hook.received.length >= 2);
    let [endpoint] = await getWebhookEndpoints({ creatorId: item.creatorId });
    assert.equal(endpoint.deliveries[0].status, "failing");
    assert.equal(endpoint.deliveries[0].lastStatusCode, 500);

    hook.state.status = 204;
    for (let round = 0; round < 200 && endpoint.deliveries[0].status !== "delivered"; round++) {
      await deliverDueWebhooks();
      [endpoint] = await getWebhookEndpoints({ creatorId: item.creatorId });
      if (endpoint.deliveries[0].status !== "delivered") await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(endpoint.deliveries[0].status, "delivered");
    assert.ok(hook.received.every((each) => each.eventId === event.id && each.body === event.body));
    assert.ok(hook.received.every((each) => verifySignatureHeader({ secret, body: each.body, header: each.signature })));
    assert.equal(verifySignatureHeader({ secret: newWebhookSecret(), body: event.body, header: hook.received[0].signature }), false);

    // Delivered means delivered: later rounds send nothing; a resend sends the same event again.
    const before = hook.received.length;
    await deliverDueWebhooks();
    assert.equal(hook.received.length, before);
    assert.ok(await resendWebhookDelivery({ creatorId: item.creatorId, deliveryId: endpoint.deliveries[0].id }));
    await deliverUntil(() => hook.received.length > before);
    assert.equal(hook.received.at(-1)!.eventId, event.id);
  });

  it("a refund writes a refund.recorded event in its transaction; a refused refund writes none", async () => {
    const sale = await settleSale();
    await deliverUntil(() => hook.received.length >= 1);
    const events = () => database.db.select().from(webhookEvents).where(eq(webhookEvents.type, "refund.recorded"));
    const refused = await recordRefund({ paymentId: sale.id, amountAtomic: sale.amountAtomic + 1n, transactionHash: `0x${"b".repeat(64)}`, note: "" });
    assert.equal(refused.ok, false);
    assert.equal((await events()).length, 0);
    const recorded = await recordRefund({ paymentId: sale.id, amountAtomic: 1n, transactionHash: `0x${"c".repeat(64)}`, note: "sorry" });
    assert.ok(recorded.ok);
    const [event] = await events();
    const body = JSON.parse(event.body);
    assert.deepEqual([body.type, body.data.refund.amountAtomic, body.data.refund.note, body.data.sale.id], ["refund.recorded", "1", "sorry", sale.id]);
    const deliveries = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.id));
    assert.equal(deliveries.length, 1);
  });
});
