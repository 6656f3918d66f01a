import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { items } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { handlePaidDownload } from "./paid-download";

describe("the paid download of an item nobody may buy", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase({ seed: true });
  });
  after(() => test.close());

  const download = (slug: string, headers: Record<string, string> = {}) =>
    handlePaidDownload(new Request(`http://127.0.0.1/api/download/${slug}`, { headers }), slug);

  it("is a 404 for an unknown slug, even with a payment header, before any payment logic runs", async () => {
    const response = await download("no-such-item", { "payment-signature": "eyJ9" });
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error, "not_found");
  });

  it("is a 404 for an unpublished item", async () => {
    await test.db.update(items).set({ published: false }).where(eq(items.slug, "midnight-blocks"));
    const response = await download("midnight-blocks");
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("payment-required"), null);
    assert.equal((await response.json()).error, "not_found");
  });
});
