import { fileTypeFromBuffer } from "file-type";

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

export type UploadPurpose = "item-file" | "cover";

export const ACCEPTED_DESCRIPTION: Record<UploadPurpose, string> = {
  "item-file": "PDF, EPUB, MOBI, ZIP, MP3, WAV, FLAC, OGG, M4A, AAC, MP4, WebM, MOV, PNG, JPEG, WebP, GIF or plain UTF-8 text",
  cover: "PNG, JPEG, WebP or GIF",
};

/**
 * Plain UTF-8 text, and not markup: a file that opens with a tag (HTML, SVG, XML) is refused even
 * though it is text, since a browser may render it rather than save it.
 */
function looksLikePlainText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  return !text.replace(/^\uFEFF/, "").trimStart().startsWith("<");
}

/**
 * The MIME type of a file from its first bytes, never from what the client claims; null when it
 * is not a type accepted for the purpose.
 */
export async function sniffType(head: Uint8Array, purpose: UploadPurpose): Promise<string | null> {
  const detected = await fileTypeFromBuffer(head);
  const mime = detected?.mime === "audio/x-wav" ? "audio/wav" : (detected?.mime ?? (looksLikePlainText(head) ? "text/plain" : undefined));
  if (!mime) return null;
  return (purpose === "cover" ? COVER_TYPES : ITEM_FILE_TYPES).has(mime) ? mime : null;
}
