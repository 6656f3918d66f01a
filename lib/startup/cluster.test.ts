import assert from "node:assert/strict";
import { test } from "node:test";
import { clusterSettings, webConcurrency } from "./cluster";
import { StartupError } from "./preflight";

test("WEB_CONCURRENCY is a whole number from 1 to 64, 1 when unset", () => {
  assert.equal(webConcurrency(undefined), 1);
  assert.equal(webConcurrency(""), 1);
  assert.equal(webConcurrency("2"), 2);
  for (const wrong of ["0", "-1", "1.5", "65", "two"]) assert.throws(() => webConcurrency(wrong), StartupError);
});

const postgres = { databaseUrl: "postgres://127.0.0.1/db", devnet: true };
const key = (digit: string) => `0x${digit.repeat(64)}`;

test("one process needs nothing; more need PostgreSQL and count rate limits in the database", () => {
  assert.deepEqual(clusterSettings({ workers: 1 }), {});
  assert.throws(() => clusterSettings({ workers: 2, devnet: true }), /WEB_CONCURRENCY=2 needs PostgreSQL \(DATABASE_URL\)/);
  assert.throws(() => clusterSettings({ workers: 2, ...postgres, rateLimitStore: "memory" }), /RATE_LIMIT_STORE=database/);
  assert.deepEqual(clusterSettings({ workers: 2, ...postgres }), { RATE_LIMIT_STORE: "database" });
  assert.deepEqual(clusterSettings({ workers: 2, ...postgres, rateLimitStore: "database" }), { RATE_LIMIT_STORE: "database" });
});

test("off the devnet, the embedded facilitator needs one gas wallet per process; a remote facilitator needs none", () => {
  const live = { workers: 2, databaseUrl: postgres.databaseUrl, devnet: false };
  for (const keys of [undefined, key("1"), `${key("1")},${key("1")}`, `${key("1")},0x12`, `${key("1")},${key("2")},${key("3")}`]) {
    assert.throws(() => clusterSettings({ ...live, facilitatorKeys: keys }), /FACILITATOR_PRIVATE_KEYS: 2 different private keys/);
  }
  assert.deepEqual(clusterSettings({ ...live, facilitatorKeys: `${key("1")}, ${key("2")}` }), { RATE_LIMIT_STORE: "database" });
  assert.deepEqual(clusterSettings({ ...live, facilitatorUrl: "https://facilitator.example" }), { RATE_LIMIT_STORE: "database" });
});
