import { deleteEmptyDrafts } from "@/db/queries/studio-items";
import { getEnv } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";
import { getStorage } from "@/lib/storage";

const INTERVAL_MS = 60 * 60_000;
const RUNNING = Symbol.for("storefront.draft-sweep");

/**
 * Removes drafts that never got a file (older than EMPTY_DRAFT_MAX_AGE_HOURS, unpublished, unpaid)
 * with their covers: item creation costs nothing, so without this anyone could fill the database
 * and the cover storage with empty drafts. Returns how many it removed.
 */
export async function sweepEmptyDrafts(now = Date.now()): Promise<number> {
  const createdBefore = new Date(now - getEnv().EMPTY_DRAFT_MAX_AGE_HOURS * 3_600_000);
  const { deleted, coverKeys } = await deleteEmptyDrafts({ createdBefore });
  // Drafts are never sold, so no download can be reading their covers: removed right away.
  await Promise.all(coverKeys.map((key) => getStorage().delete(key).catch(() => undefined)));
  return deleted;
}

/** Sweeps at start and then hourly, once per process (Next loads modules more than once, hence the global slot). */
export function startDraftSweep() {
  const slot = globalThis as { [RUNNING]?: NodeJS.Timeout };
  if (slot[RUNNING]) return;
  const round = async () => {
    try {
      const removed = await sweepEmptyDrafts();
      if (removed) console.log(`removed ${removed} empty draft${removed === 1 ? "" : "s"} older than ${getEnv().EMPTY_DRAFT_MAX_AGE_HOURS} h`);
    } catch (error) {
      console.error(`the empty-draft sweep failed; retrying in an hour: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  slot[RUNNING] = setInterval(() => void round(), INTERVAL_MS).unref();
  onShutdown(async () => clearInterval(slot[RUNNING]));
  void round();
}
