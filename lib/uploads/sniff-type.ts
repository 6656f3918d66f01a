import { fileTypeFromBuffer } from "file-type";
import { looksLikeUtf16, plainTextScanner } from "./plain-text";
import { type UploadRefusal, refusals } from "./refusals";

/** How many leading bytes the type is read from. */
export const SNIFF_BYTES = 4100;

/** What creators may sell; HTML, SVG and executables are refused outright. */
const ITEM_FILE_TYPES = new Set([
  "application/pdf",
  "application/epub+zip",
  "application/x-mobipocket-ebook",
  "application/zip",
  "audio/mpeg",
  "audio/wav",
  "audio/flac",
  "audio/ogg",
  "audio/mp4",
  "audio/aac",
  "video/mp4",
  "video/webm",
  "video/quicktime",
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "text/plain",
]);
const COVER_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

/** file-type's names for types we know under their registered name. */
const CANONICAL_TYPE: Record<string, string> = { "audio/x-wav": "audio/wav", "audio/x-m4a": "audio/mp4" };

export type UploadPurpose = "item-file" | "cover";

export type SniffResult = { ok: true; mimeType: string } | { ok: false; refusal: UploadRefusal };

/** Text that is not a known binary format: plain UTF-8 as far as the head shows, else why not. */
function sniffText(head: Uint8Array): SniffResult {
  const scanner = plainTextScanner();
  const refusal = scanner.push(head);
  return refusal ? { ok: false, refusal } : { ok: true, mimeType: "text/plain" };
}

/**
 * The MIME type of a file from its first bytes, never from what the client claims, or the refusal
 * when it is not a type accepted for the purpose. Text is only plain if the rest of it stays so:
 * the upload scans every further byte with `plainTextScanner`.
 */
export async function sniffType(head: Uint8Array, purpose: UploadPurpose): Promise<SniffResult> {
  // Before file-type, which takes the UTF-16LE byte-order mark FF FE for an MPEG audio frame.
  if (looksLikeUtf16(head)) return { ok: false, refusal: purpose === "cover" ? refusals.unsupportedType(purpose) : refusals.utf16() };
  const detected = (await fileTypeFromBuffer(head))?.mime;
  const sniffed = detected ? { ok: true as const, mimeType: CANONICAL_TYPE[detected] ?? detected } : sniffText(head);
  if (!sniffed.ok) return purpose === "cover" ? { ok: false, refusal: refusals.unsupportedType(purpose) } : sniffed;
  const accepted = (purpose === "cover" ? COVER_TYPES : ITEM_FILE_TYPES).has(sniffed.mimeType);
  return accepted ? sniffed : { ok: false, refusal: refusals.unsupportedType(purpose) };
}
