import { statfs } from "node:fs/promises";
import path from "node:path";
import type { ByteAllowance } from "./receive-upload";
import { type UploadRefusal, refusals } from "./refusals";

/** How often a streaming upload looks at the disk again: what other processes wrote shows there. */
const CHECK_EVERY_BYTES = 8 * 1024 * 1024;

/**
 * Bytes that uploads of this process have declared but not yet received: they will land on the
 * disk, so they count as taken already. On a global symbol, shared by every route bundle.
 */
const PROMISED = Symbol.for("storefront.disk-reserve.promised");
const slot = globalThis as { [PROMISED]?: number };

/** Free bytes for unprivileged writers on the disk holding `dir` (or its nearest existing parent). */
async function freeBytes(dir: string): Promise<number> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      const stats = await statfs(at);
      return stats.bavail * stats.bsize;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || at === path.dirname(at)) throw error;
    }
  }
}

export type DiskHold = { allowance: ByteAllowance; end(): void };

/**
 * Keeps `reserveBytes` free on the storage disk: an upload whose declared length would eat into
 * the reserve is refused before a byte is read, and a streaming one as soon as the disk, less what
 * this process's uploads still have to write, falls below it (looked at every 8 MiB).
 */
export async function holdDiskReserve(options: { dir: string; reserveBytes: number; declaredBytes: number | null }): Promise<{ ok: true; hold: DiskHold } | { ok: false; refusal: UploadRefusal }> {
  const { dir, reserveBytes, declaredBytes } = options;
  const promised = () => slot[PROMISED] ?? 0;
  const fits = (free: number, more: number) => free - promised() - more >= reserveBytes;
  if (!fits(await freeBytes(dir), declaredBytes ?? 0)) return { ok: false, refusal: refusals.storageFull() };
  let owed = declaredBytes ?? 0;
  slot[PROMISED] = promised() + owed;
  let received = 0;
  let checkedAt = 0;
  const settle = (bytes: number) => {
    const paid = Math.min(bytes, owed);
    owed -= paid;
    slot[PROMISED] = promised() - paid;
  };
  return {
    ok: true,
    hold: {
      allowance: {
        async take(totalBytes) {
          settle(totalBytes - received);
          received = totalBytes;
          if (totalBytes - checkedAt < CHECK_EVERY_BYTES) return null;
          checkedAt = totalBytes;
          return fits(await freeBytes(dir), 0) ? null : refusals.storageFull();
        },
      },
      end: () => settle(owed),
    },
  };
}
