/**
 * The extensions a file of each accepted type may carry. A buyer's computer opens a download by
 * its name, not its content: text named `.html`, `.js` or `.bat` would be rendered or run, a PDF
 * named `.exe` would be executed. So the name must say what the bytes are. Kept short on purpose:
 * text is only what opens as text everywhere (no `.rtf`, `.json`, `.xml`, `.svg`, scripts).
 */
const EXTENSIONS_BY_TYPE: Record<string, readonly string[]> = {
  "application/pdf": ["pdf"],
  "application/epub+zip": ["epub"],
  "application/x-mobipocket-ebook": ["mobi", "azw", "azw3"],
  "application/zip": ["zip"],
  "audio/mpeg": ["mp3"],
  "audio/wav": ["wav"],
  "audio/flac": ["flac"],
  "audio/ogg": ["ogg", "oga"],
  "audio/mp4": ["m4a", "m4b"],
  "audio/aac": ["aac"],
  "video/mp4": ["mp4", "m4v"],
  "video/webm": ["webm"],
  "video/quicktime": ["mov"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/webp": ["webp"],
  "image/gif": ["gif"],
  "text/plain": ["txt", "text", "md", "markdown", "csv", "tsv", "srt", "vtt"],
};

/** The part after the last dot, lower-cased; "" when the name has none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

export type ExtensionCheck = { ok: true } | { ok: false; message: string };

const list = (extensions: readonly string[]) => extensions.map((extension) => `.${extension}`).join(", ");

/** Whether the name's extension fits the type sniffed from the content. */
export function checkExtensionFits(fileName: string, mimeType: string): ExtensionCheck {
  const allowed = EXTENSIONS_BY_TYPE[mimeType] ?? [];
  if (allowed.includes(extensionOf(fileName))) return { ok: true };
  return {
    ok: false,
    message: `This file's content is ${mimeType}, so its name must end in ${list(allowed)}; "${fileName}" does not.`,
  };
}
