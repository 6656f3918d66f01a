import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { NO_RATE_LIMITS, makeSeededTemplate, startStore } from "../../lib/testing/store-process";
import { STAMP_MAX_BYTES, UPLOAD_MAX_BYTES } from "./studio";

/** One store (devnet, database, seeded catalog) for the whole run; workers read it from the env. */
export default async function globalSetup() {
  // A session secret the log scan knows, to prove it is never printed.
  process.env.E2E_SESSION_SECRET = randomBytes(32).toString("hex");
  // A small upload limit, so the oversized-upload tests send megabytes, not gigabytes; every test
  // client is 127.0.0.1, so rate limits are lifted here and tested on a store of their own.
  // The first start makes a data folder from nothing, as `npm start` on a new machine does; the
  // stores after it (this one too) start from a copy of it (lib/testing/store-process.ts).
  if (!process.env.DATABASE_URL) process.env.E2E_SEEDED_TEMPLATE = await makeSeededTemplate();
  // Page views and 402s reach the studio's figures at each flush: every second here, not every 10 s.
  const store = await startStore({
    ANALYTICS_FLUSH_MS: "1000",
    UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    STAMP_MAX_BYTES: String(STAMP_MAX_BYTES),
    SESSION_SECRET: process.env.E2E_SESSION_SECRET,
    ...NO_RATE_LIMITS,
  });
  const devnet = JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8"));
  process.env.E2E_STORE_URL = store.url;
  process.env.E2E_STORE_PID = String(store.pid);
  process.env.E2E_DATA_DIR = store.dataDir;
  process.env.E2E_DEVNET = JSON.stringify(devnet);
}
