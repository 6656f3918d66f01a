import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { openTestDatabase } from "@/lib/testing/test-database";
import { discountCodes, items, payments } from "../schema";
import { getPublishedItemBySlug } from "./catalog";
import { createDiscountCode, findDiscountRule } from "./discount-codes";
import { claimPayment, markPaymentFailed } from "./payments";

describe("discount code uses, counted under the database's constraint", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  let itemId: string;
  let creatorId: string;
  before(async () => {
    test = await openTestDatabase({ seed: true });
    const item = await getPublishedItemBySlug({ slug: "the-gasless-economy" });
    assert.ok(item);
    [itemId, creatorId] = [item.id, item.creatorId];
  });
  after(() => test.close());

  let nonce = 0;
  const claimWith = (codeId: string) =>
    claimPayment({
      itemId,
      payer: "0x000000000000000000000000000000000000dEaD",
      payTo: "0x000000000000000000000000000000000000bEEF",
      amountAtomic: 1n,
      asset: "0xusdc",
      network: "eip155:31337",
      nonce: `0x${(++nonce).toString(16).padStart(64, "0")}`,
      validBefore: 1n,
      claimBlock: 1n,
      paymentIdHash: null,
      discountCodeId: codeId,
      discountCode: "LAST",
      discountAtomic: 1n,
    });
  const usesOf = async (codeId: string) => (await test.db.select().from(discountCodes).where(eq(discountCodes.id, codeId)))[0].uses;

  it("seeds LAUNCH20 for all of Ada Quill's items", async () => {
    const rule = await findDiscountRule({ creatorId, code: "LAUNCH20" });
    assert.ok(rule);
    assert.deepEqual([rule.percentOff, rule.allItems, rule.paused, rule.maxUses], [20, true, false, null]);
  });

  it("gives the last use to exactly one of several concurrent claims, and writes nothing for the others", async () => {
    const created = await createDiscountCode({ creatorId, input: { code: "LAST", percentOff: 50, amountOffAtomic: null, allItems: true, itemIds: [], maxUses: 1, expiresAt: null } });
    assert.ok(created.ok);
    const results = await Promise.all(Array.from({ length: 5 }, () => claimWith(created.id)));
    assert.deepEqual(results.map((result) => result.kind).sort(), ["claimed", "code-unavailable", "code-unavailable", "code-unavailable", "code-unavailable"]);
    assert.equal(await usesOf(created.id), 1);
    assert.equal((await test.db.select().from(payments).where(eq(payments.discountCodeId, created.id))).length, 1);

    // The claimed payment fails without moving money: its use goes back, and the next buyer gets it.
    const claimed = results.find((result) => result.kind === "claimed");
    assert.ok(claimed?.kind === "claimed");
    await markPaymentFailed({ id: claimed.payment.id, reason: "invalid_exact_evm_transaction_failed" });
    assert.equal(await usesOf(created.id), 0);
    assert.equal((await claimWith(created.id)).kind, "claimed");
    assert.equal(await usesOf(created.id), 1);
  });

  it("refuses a claim with a paused code, or for an item outside its scope", async () => {
    const paused = await createDiscountCode({ creatorId, input: { code: "PAUSED", percentOff: 10, amountOffAtomic: null, allItems: true, itemIds: [], maxUses: null, expiresAt: null } });
    assert.ok(paused.ok);
    await test.db.update(discountCodes).set({ paused: true }).where(eq(discountCodes.id, paused.id));
    assert.equal((await claimWith(paused.id)).kind, "code-unavailable");
    const [other] = await test.db.select().from(items).where(eq(items.slug, "field-notes-on-stablecoins"));
    const scoped = await createDiscountCode({ creatorId, input: { code: "SCOPED", percentOff: 10, amountOffAtomic: null, allItems: false, itemIds: [other.id], maxUses: null, expiresAt: null } });
    assert.ok(scoped.ok);
    assert.equal((await claimWith(scoped.id)).kind, "code-unavailable");
  });

  it("refuses a second code of the same name (in any case) and items of another creator", async () => {
    const input = { code: "LAUNCH20", percentOff: 5, amountOffAtomic: null, allItems: true, itemIds: [], maxUses: null, expiresAt: null };
    assert.deepEqual(await createDiscountCode({ creatorId, input }), { ok: false, error: "code_taken" });
    const [foreign] = await test.db.select().from(items).where(eq(items.slug, "midnight-blocks"));
    assert.deepEqual(await createDiscountCode({ creatorId, input: { ...input, code: "MINE", allItems: false, itemIds: [foreign.id] } }), { ok: false, error: "item_not_yours" });
  });

  it("holds uses <= max_uses in the schema itself", async () => {
    const created = await createDiscountCode({ creatorId, input: { code: "CAPPED", percentOff: 5, amountOffAtomic: null, allItems: true, itemIds: [], maxUses: 1, expiresAt: null } });
    assert.ok(created.ok);
    await assert.rejects(test.db.update(discountCodes).set({ uses: 2 }).where(eq(discountCodes.id, created.id)));
  });
});
