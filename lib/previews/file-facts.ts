import "server-only";
import { PDFDocument } from "pdf-lib";
import type { ByteRange, Storage } from "@/lib/storage";
import { wavSeconds } from "./wav-duration";

/** What a buyer can know of a file before buying: a PDF's pages, a recording's length. */
export type FileFacts = { pages?: number; seconds?: number };

type MeasuredFile = { storageKey: string; mimeType: string; sizeBytes: number; sha256: string };

// Counting pages parses the whole PDF on the request's thread: worth it for lessons and books,
// skipped past this size rather than stall a page view. Other audio formats (MP3, AAC) need a
// frame scan for an honest length, so they show no duration.
const PDF_MAX_BYTES = 8 * 1024 * 1024;
const WAV_HEADER_BYTES = 64 * 1024;
const CACHE_MAX_ENTRIES = 2000;

// Keyed by content hash: equal bytes have equal facts, and a replaced file gets a new hash.
const cache = new Map<string, Promise<FileFacts>>();

async function readBytes(storage: Storage, key: string, range?: ByteRange): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key, range)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function measure(storage: Storage, file: MeasuredFile): Promise<FileFacts> {
  if (file.mimeType === "application/pdf" && file.sizeBytes <= PDF_MAX_BYTES) {
    const bytes = await readBytes(storage, file.storageKey);
    // A PDF pdf-lib cannot parse is a fact about the file (kept); a failed read is not (see below).
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false }).catch(() => null);
    return pdf ? { pages: pdf.getPageCount() } : {};
  }
  // Uploads are stored under canonical types (lib/uploads/sniff-type.ts): audio/x-wav arrives as audio/wav.
  if (file.mimeType === "audio/wav") {
    const header = await readBytes(storage, file.storageKey, { start: 0, end: Math.min(WAV_HEADER_BYTES, file.sizeBytes) - 1 });
    const seconds = wavSeconds(header, file.sizeBytes);
    return seconds === null ? {} : { seconds };
  }
  return {};
}

/** The file's facts, measured once per content hash and kept in memory; a file that cannot be read shows none. */
export function fileFacts(storage: Storage, file: MeasuredFile): Promise<FileFacts> {
  const cached = cache.get(file.sha256);
  if (cached) return cached;
  const facts = measure(storage, file).catch(() => {
    // A storage hiccup is not a fact about the file: measure again next time.
    cache.delete(file.sha256);
    return {};
  });
  if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(file.sha256, facts);
  return facts;
}
