import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextAttemptAt } from "./backoff";

const now = new Date("2026-11-28T00:00:00Z");
const day = new Date(now.getTime() + 86_400_000);
const after = (attempts: number, retryUntil = day) => nextAttemptAt({ attempts, baseMs: 30_000, now, retryUntil })?.getTime() ?? null;

describe("webhook backoff", () => {
  it("doubles from the base", () => {
    assert.deepEqual([1, 2, 3, 4].map((attempts) => after(attempts)! - now.getTime()), [30_000, 60_000, 120_000, 240_000]);
  });

  it("waits at most an hour", () => {
    assert.equal(after(20)! - now.getTime(), 3_600_000);
    assert.equal(after(10_000)! - now.getTime(), 3_600_000);
  });

  it("gives up past the retry window", () => {
    assert.equal(after(1, new Date(now.getTime() + 10_000)), null);
  });
});
