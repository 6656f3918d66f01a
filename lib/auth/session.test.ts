import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sessions } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { closeSession, openSession, readSession } from "./session";
import { newSessionToken } from "./session-token";

process.env.SESSION_SECRET ??= "a-test-session-secret-of-at-least-32-characters";

const WALLET = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const HOUR = 3600_000;

describe("server-side sessions", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase();
  });
  after(() => test.close());

  it("a cookie value names its wallet in its own scope only, and carries no wallet itself", async () => {
    const cookie = await openSession("studio", WALLET.toLowerCase() as `0x${string}`);
    assert.equal(await readSession("studio", cookie), WALLET);
    assert.equal(await readSession("library", cookie), null);
    // The value is random base64url and may hold "0x" by chance; the wallet must not be in it, as hex or as bytes.
    assert.ok(!cookie.toLowerCase().includes(WALLET.slice(2).toLowerCase()));
    assert.ok(!cookie.includes(Buffer.from(WALLET.slice(2), "hex").toString("base64url")));
  });

  it("signing out ends the session: the same value is refused afterwards", async () => {
    const cookie = await openSession("library", WALLET);
    await closeSession("library", cookie);
    assert.equal(await readSession("library", cookie), null);
  });

  it("closing needs the right scope: a studio value does not end a library session", async () => {
    const cookie = await openSession("library", WALLET);
    await closeSession("studio", cookie);
    assert.equal(await readSession("library", cookie), WALLET);
  });

  it("forged values are refused: tampered MAC, a well-signed id never issued, garbage", async () => {
    const cookie = await openSession("studio", WALLET);
    const tampered = cookie.slice(0, -1) + (cookie.endsWith("A") ? "B" : "A");
    const unissued = newSessionToken(process.env.SESSION_SECRET!, "studio").value;
    const otherKey = newSessionToken("another-secret-of-at-least-32-characters!", "studio").value;
    for (const value of [tampered, unissued, otherKey, undefined, "", "x.y", `${cookie}.${cookie}`, `${cookie}x`]) {
      assert.equal(await readSession("studio", value), null, String(value));
    }
  });

  it("keeps the lifetimes, studio 12 hours and library 7 days, and sweeps expired rows at the next sign-in", async () => {
    const now = Date.now();
    const studio = await openSession("studio", WALLET, new Date(now - 11 * HOUR));
    const staleStudio = await openSession("studio", WALLET, new Date(now - 13 * HOUR));
    const library = await openSession("library", WALLET, new Date(now - 6 * 24 * HOUR));
    const staleLibrary = await openSession("library", WALLET, new Date(now - 8 * 24 * HOUR));
    assert.equal(await readSession("studio", studio), WALLET);
    assert.equal(await readSession("studio", staleStudio), null);
    assert.equal(await readSession("library", library), WALLET);
    assert.equal(await readSession("library", staleLibrary), null);

    await openSession("studio", WALLET);
    const left = await test.db.select({ expiresAt: sessions.expiresAt }).from(sessions);
    assert.ok(left.every((row) => row.expiresAt.getTime() > Date.now()));
  });
});
