import type { Storage } from "./storage";

/** Long enough for a download that began before the change to finish. */
const GRACE_MS = 15 * 60_000;

/**
 * Deletes an object once downloads that may be reading it have had time to finish: a buyer whose
 * payment settled just before a file was replaced still gets the whole old file. Best effort: a
 * restart in between leaves an orphaned object, never a broken download.
 */
export function deleteLater(storage: Storage, key: string) {
  setTimeout(() => void storage.delete(key).catch(() => undefined), GRACE_MS).unref();
}
