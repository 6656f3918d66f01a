import { type Replaced, getCreatorStorage } from "@/db/queries/quotas";
import type { AdmitUpload } from "@/db/queries/studio-items";
import { getEnv } from "@/lib/env";
import { formatBytes } from "@/lib/format/bytes";
import { getStorage } from "@/lib/storage";
import type { ByteAllowance } from "@/lib/uploads/receive-upload";
import type { UploadRefusal } from "@/lib/uploads/refusals";

/**
 * Per creator, this process's uploads in flight: the bytes they have received so far, and a running
 * total of the bytes they went on to record. An upload that read the creator's stored total from
 * the database adds what was recorded since, so it never misses a neighbour that just finished.
 * On a global symbol because Next.js gives every route bundle its own copy of this module.
 */
type Ledger = { active: number; inflight: number; recorded: number };
const LEDGERS = Symbol.for("storefront.creator-quota.ledgers");
const COVER_SIZES = Symbol.for("storefront.creator-quota.cover-sizes");
const slot = globalThis as { [LEDGERS]?: Map<string, Ledger>; [COVER_SIZES]?: Map<string, number> };

function ledgerOf(creatorId: string): Ledger {
  slot[LEDGERS] ??= new Map();
  let ledger = slot[LEDGERS].get(creatorId);
  if (!ledger) slot[LEDGERS].set(creatorId, (ledger = { active: 0, inflight: 0, recorded: 0 }));
  return ledger;
}

/**
 * Cover sizes live in storage, not in the database. Storage keys are never reused, so a size once
 * read stays true: it is kept (bounded) and asked for only once per process.
 */
function coverSizes(): Map<string, number> {
  slot[COVER_SIZES] ??= new Map();
  if (slot[COVER_SIZES].size > 100_000) slot[COVER_SIZES].clear();
  return slot[COVER_SIZES];
}

export function rememberCoverSize(key: string, sizeBytes: number) {
  coverSizes().set(key, sizeBytes);
}

async function coverBytes(keys: string[]): Promise<number> {
  const sizes = await Promise.all(
    keys.map(async (key) => {
      const known = coverSizes().get(key);
      if (known !== undefined) return known;
      // A cover whose object is missing takes no space.
      const size = await getStorage()
        .size(key)
        .catch(() => 0);
      coverSizes().set(key, size);
      return size;
    }),
  );
  return sizes.reduce((total, size) => total + size, 0);
}

async function storedBytes(options: Parameters<typeof getCreatorStorage>[0]): Promise<number> {
  const stored = await getCreatorStorage(options);
  return stored.fileBytes + (await coverBytes(stored.coverKeys));
}

function quotaExceeded(message: string): UploadRefusal {
  return { status: 413, error: "quota_exceeded", message };
}

export type QuotaHold = {
  /** Stops the upload as soon as it would take the creator past the quota. */
  allowance: ByteAllowance;
  /** Run where the upload is recorded: the creator's stored total, read under their lock, plus this upload, within the quota. */
  admit: AdmitUpload;
  /** The refusal when `admit` says no: another upload of the creator was recorded first. */
  overQuota: UploadRefusal;
  /** Once the upload is recorded or given up: its bytes leave the in-flight count. */
  end(recorded: boolean): void;
};

/**
 * Holds a place for one upload within the creator's storage quota (CREATOR_QUOTA_BYTES: item files
 * and covers). The declared length is checked and reserved before a byte is read; streamed bytes
 * are counted as they arrive, together with the creator's other uploads in this process; and the
 * total is checked once more where the upload is recorded, under a database lock, which holds
 * across processes.
 * What `replaced` names (a file's old content, the old cover) does not count.
 */
export async function holdCreatorQuota(options: { creatorId: string; replaced: Replaced; declaredBytes: number | null }): Promise<{ ok: true; hold: QuotaHold } | { ok: false; refusal: UploadRefusal }> {
  const { creatorId, replaced, declaredBytes } = options;
  const quota = getEnv().CREATOR_QUOTA_BYTES;
  const ledger = ledgerOf(creatorId);
  ledger.active++;
  // Read before the database, so what is recorded in between is counted twice, never missed.
  const recordedBefore = ledger.recorded;
  // Bytes received so far, and what this upload adds to the in-flight count: at least its declared length.
  let mine = 0;
  let counted = 0;
  const count = (bytes: number) => {
    ledger.inflight += bytes - counted;
    counted = bytes;
  };
  let ended = false;
  const end = (recorded: boolean) => {
    if (ended) return;
    ended = true;
    count(0);
    if (recorded) ledger.recorded += mine;
    if (--ledger.active === 0) slot[LEDGERS]?.delete(creatorId);
  };
  let stored: number;
  try {
    stored = await storedBytes({ creatorId, replaced });
  } catch (error) {
    end(false);
    throw error;
  }
  const used = () => stored + (ledger.recorded - recordedBefore) + ledger.inflight;
  const leftAtStart = Math.max(0, quota - used());
  const limits = `Your files and covers may take ${formatBytes(quota)} in all`;
  if (leftAtStart === 0 || (declaredBytes !== null && declaredBytes > leftAtStart)) {
    end(false);
    const size = declaredBytes === null ? "" : `, and this file is ${formatBytes(declaredBytes)}`;
    return { ok: false, refusal: quotaExceeded(`${limits}; ${formatBytes(leftAtStart)} is left${size}. Delete files or drafts you no longer need.`) };
  }
  count(declaredBytes ?? 0);
  return {
    ok: true,
    hold: {
      allowance: {
        take(totalBytes) {
          mine = totalBytes;
          count(Math.max(totalBytes, declaredBytes ?? 0));
          if (used() <= quota) return null;
          return quotaExceeded(`${limits}; this file grew past the ${formatBytes(leftAtStart)} that was left. Delete files or drafts you no longer need.`);
        },
      },
      admit: async (tx) => (await storedBytes({ creatorId, replaced, tx })) + mine <= quota,
      overQuota: quotaExceeded(`${limits}; with the files recorded meanwhile, this one no longer fits. Delete files or drafts you no longer need.`),
      end,
    },
  };
}
