import { openDatabase, pgliteDir } from "../../db/client";
import { type Payment, payments } from "../../db/schema";

/**
 * The payments a stopped store left in its database (PGlite is one process at a time, so only
 * once the store is down): what a test reads to prove a request wrote nothing, or one row.
 */
export async function paymentsOf(store: { dataDir: string; databaseUrl: string }): Promise<Payment[]> {
  const handle = openDatabase({ databaseUrl: store.databaseUrl || undefined, dataDir: pgliteDir(store.dataDir) });
  try {
    return await handle.db.select().from(payments);
  } finally {
    await handle.close();
  }
}
