import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "../database";

export async function pingDatabase(): Promise<boolean> {
  try {
    await getDb().execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
