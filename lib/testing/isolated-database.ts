import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { assertLocalDatabase } from "./store-process";

export type IsolatedDatabase = {
  /** DATABASE_URL for a store started by a test: a fresh PostgreSQL database, or "" for PGlite. */
  url: string;
  /** Removes the database (after the stores on it stopped). */
  drop(): Promise<void>;
  /**
   * PostgreSQL only: takes the database away from its clients (ends their sessions and refuses new
   * ones, superusers included) or gives it back, as an outage would.
   */
  setReachable(reachable: boolean): Promise<void>;
};

async function onServer(serverUrl: string, statement: string) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/**
 * A database of its own for a store a test starts: a spec must not share the suite's database.
 * In the PostgreSQL pass (DATABASE_URL set) it is a new database with a random name on that same
 * server, so the test runs on PostgreSQL too; otherwise "" — PGlite in the store's data folder.
 */
export async function isolatedDatabase(serverUrl = process.env.DATABASE_URL): Promise<IsolatedDatabase> {
  if (!serverUrl) {
    return {
      url: "",
      drop: async () => {},
      setReachable: async () => {
        throw new Error("PGlite runs inside the store's process: only a PostgreSQL database can be taken away");
      },
    };
  }
  assertLocalDatabase(serverUrl);
  const name = `storefront_isolated_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends sessions a killed store may have left open.
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
    async setReachable(reachable) {
      await onServer(serverUrl, `alter database ${name} allow_connections ${reachable}`);
      if (!reachable) await onServer(serverUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    },
  };
}
