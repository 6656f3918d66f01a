import { createHash } from "node:crypto";
import type { ItemFile } from "@/db/schema";
import type { Storage } from "@/lib/storage";
import { type Stamp, stampPdf } from "./stamp-pdf";
import { zipStream } from "./zip-stream";

const PDF = "application/pdf";

// Stamping holds a PDF (up to STAMP_MAX_BYTES) and pdf-lib's parse of it in memory: a few at a
// time per process bound that memory, however many buyers download at once; the rest wait.
const MAX_CONCURRENT_STAMPS = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function oneOfFewAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_STAMPS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Which files to stamp and with what: the PDFs of the stamped items among `itemIds`. */
export type StampPlan = { stamp: Stamp; itemIds: ReadonlySet<string>; maxBytes: number };

/** A file to deliver: from storage, or (stamped) from memory. */
export type DeliveryFile = ItemFile & { bytes?: Uint8Array };

/** The items whose PDFs a delivery of `item` stamps: the item itself, or a bundle's stamped members. */
export function stampedItemIds(item: { id: string; stamped: boolean; bundle?: { id: string; stamped: boolean }[] }): Set<string> {
  const members = item.bundle ?? [item];
  return new Set(members.filter((member) => member.stamped).map((member) => member.id));
}

const stampsFile = (file: ItemFile, plan: StampPlan | undefined) => Boolean(plan?.itemIds.has(file.itemId)) && file.mimeType === PDF;

/**
 * True when every file the plan would stamp fits under its size bound: checked before a payment
 * settles, so nobody pays for a copy that cannot be made. Non-PDF files are never stamped.
 */
export function stampable(files: ItemFile[], itemIds: ReadonlySet<string>, maxBytes: number): boolean {
  return files.every((file) => !(itemIds.has(file.itemId) && file.mimeType === PDF) || file.sizeBytes <= maxBytes);
}

export type PreparedFiles = { ok: true; files: DeliveryFile[]; stamped: boolean } | { ok: false; reason: "stamp_file_too_large" };

/**
 * The files as this buyer receives them: stamped PDFs built in memory (one at a time, each at
 * most `maxBytes`, read through a bounded buffer), the rest left to stream from storage.
 */
export async function prepareFiles(storage: Storage, files: ItemFile[], plan?: StampPlan): Promise<PreparedFiles> {
  if (!files.some((file) => stampsFile(file, plan))) return { ok: true, files, stamped: false };
  if (!stampable(files, plan!.itemIds, plan!.maxBytes)) return { ok: false, reason: "stamp_file_too_large" };
  const prepared: DeliveryFile[] = [];
  for (const file of files) {
    if (!stampsFile(file, plan)) {
      prepared.push(file);
      continue;
    }
    const bytes = await oneOfFewAtATime(async () => {
      const original = await readBounded(storage, file.storageKey, plan!.maxBytes);
      return original && stampPdf(original, plan!.stamp);
    });
    if (!bytes) return { ok: false, reason: "stamp_file_too_large" };
    prepared.push({ ...file, bytes, sizeBytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return { ok: true, files: prepared, stamped: true };
}

/** A stored file's bytes, or null as soon as it passes `maxBytes` (the row's size could be wrong). */
async function readBounded(storage: Storage, key: string, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = await storage.read(key);
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The sha256 of what deliverItem sends for prepared files: the file's for one, the ZIP's for several. */
export async function preparedSha256(storage: Storage, files: DeliveryFile[]): Promise<string> {
  if (files.length === 1) return files[0].sha256;
  const zip = await zipStream(storage, files);
  const hash = createHash("sha256");
  for await (const chunk of zip.stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
