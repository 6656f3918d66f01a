import { formatBytes } from "@/lib/format/bytes";

/** Why an upload was refused: the HTTP status and the machine-readable reason with a message a creator can act on. */
export type UploadRefusal = { status: 400 | 404 | 413 | 415 | 507; error: string; message: string };

export const ACCEPTED_DESCRIPTION = {
  "item-file": "PDF, EPUB, MOBI, ZIP, MP3, WAV, FLAC, OGG, M4A, AAC, MP4, WebM, MOV, PNG, JPEG, WebP, GIF or plain UTF-8 text",
  cover: "PNG, JPEG, WebP or GIF",
} as const;

export const refusals = {
  empty: (): UploadRefusal => ({ status: 400, error: "empty_file", message: "The file is empty." }),
  interrupted: (): UploadRefusal => ({
    status: 400,
    error: "upload_interrupted",
    message: "The upload broke off before the whole file arrived; try again.",
  }),
  tooLarge: (maxBytes: number): UploadRefusal => ({ status: 413, error: "file_too_large", message: `Files may be at most ${formatBytes(maxBytes)}.` }),
  unsupportedType: (purpose: keyof typeof ACCEPTED_DESCRIPTION): UploadRefusal => ({
    status: 415,
    error: "unsupported_file_type",
    message: `This kind of file is not accepted (judged by its content, not its name). Accepted: ${ACCEPTED_DESCRIPTION[purpose]}.`,
  }),
  /** Text a browser could render as a page: HTML, SVG, XML and the like, wherever it starts. */
  markup: (offset: number): UploadRefusal => ({
    status: 415,
    error: "unsupported_file_type",
    message: `This text contains markup at byte ${offset} ("<" followed by a letter, "!", "?" or "/", which browsers read as a tag); HTML, SVG and XML are not accepted. Put a space after the "<", or sell it as a PDF.`,
  }),
  utf16: (): UploadRefusal => ({
    status: 415,
    error: "unsupported_file_type",
    message: "This text is UTF-16, which browsers may guess as markup; save it as UTF-8 and upload it again.",
  }),
  notPlainText: (offset: number): UploadRefusal => ({
    status: 415,
    error: "unsupported_file_type",
    message: `This file starts as text but is not plain UTF-8 text from byte ${offset} on (binary or another encoding); it is not accepted.`,
  }),
  extensionMismatch: (message: string): UploadRefusal => ({ status: 415, error: "file_extension_mismatch", message }),
  storageFull: (): UploadRefusal => ({
    status: 507,
    error: "storage_full",
    message: "The store's disk is nearly full, so uploads are paused; try again later.",
  }),
  itemGone: (): UploadRefusal => ({ status: 404, error: "item_not_found", message: "The item was deleted while the file was uploading." }),
};
