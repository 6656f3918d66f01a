import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { setProcessDatabase } from "@/db/database";
import { seedDemoCatalog } from "@/db/seed";
import { CREATORS } from "@/lib/devnet/accounts";
import { localDiskStorage } from "@/lib/storage/local-disk";

/**
 * A migrated database for a unit test: in-memory PGlite, or the PostgreSQL server named by
 * TEST_DATABASE_URL (its tables are emptied first). Optionally seeded with the demo catalog.
 */
export async function openTestDatabase(options: { seed?: boolean } = {}) {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const handle = openDatabase({ databaseUrl, dataDir: "memory://" });
  if (databaseUrl) {
    await handle.db.execute("drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;");
  }
  await handle.migrate();
  setProcessDatabase(handle);
  const storageDir = mkdtempSync(path.join(tmpdir(), "storefront-test-"));
  const storage = localDiskStorage(storageDir);
  if (options.seed) {
    await seedDemoCatalog({ db: handle.db, storage, creatorWallets: CREATORS.map((creator) => creator.address) });
  }
  return {
    db: handle.db,
    storage,
    async close() {
      setProcessDatabase(undefined);
      await handle.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
