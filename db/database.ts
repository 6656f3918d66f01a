import { getEnv } from "@/lib/env";
import { type Database, type DatabaseHandle, openDatabase, pgliteDir } from "./client";

let current: DatabaseHandle | undefined;

/**
 * Makes `handle` the process's database: the start command uses it to migrate and seed, tests to
 * run queries on an in-memory PGlite. Without it, the configured database opens on first use.
 */
export function setProcessDatabase(handle: DatabaseHandle | undefined) {
  current = handle;
}

/** The process's database, opened on first use (never at import: `next build` imports this module). */
export function getDb(): Database {
  if (!current) {
    const env = getEnv();
    current = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: pgliteDir(env.DATA_DIR) });
  }
  return current.db;
}
