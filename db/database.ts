import { getEnv } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";
import { type Database, type DatabaseHandle, openDatabase, pgliteDir } from "./client";

// Next.js bundles route handlers and pages separately, each with its own copy of this module. A
// module-level variable would open one PGlite per bundle on the same folder, and PGlite instances
// do not see each other's writes: the handle lives on a global symbol, one per process.
const KEY = Symbol.for("x402-storefront.database");
const slot = globalThis as unknown as Record<symbol, DatabaseHandle | undefined>;

/**
 * Makes `handle` the process's database: the start command uses it to migrate and seed, tests to
 * run queries on an in-memory PGlite. Without it, the configured database opens on first use.
 */
export function setProcessDatabase(handle: DatabaseHandle | undefined) {
  slot[KEY] = handle;
}

/** The process's database, opened on first use (never at import: `next build` imports this module). */
export function getDb(): Database {
  let handle = slot[KEY];
  if (!handle) {
    const env = getEnv();
    const opened = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: pgliteDir(env.DATA_DIR) });
    onShutdown(() => opened.close());
    slot[KEY] = handle = opened;
  }
  return handle.db;
}
