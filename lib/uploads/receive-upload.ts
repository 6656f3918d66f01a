import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { type Storage, newStorageKey } from "@/lib/storage";
import { formatBytes } from "@/lib/format/bytes";
import { ACCEPTED_DESCRIPTION, SNIFF_BYTES, type UploadPurpose, sniffType } from "./sniff-type";

export type StoredUpload = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string };
export type UploadResult = { ok: true; file: StoredUpload } | { ok: false; status: 400 | 413 | 415; error: string; message: string };

class UploadRejected extends Error {
  constructor(readonly result: Extract<UploadResult, { ok: false }>) {
    super(result.message);
  }
}

/**
 * Guards the byte stream on its way to storage: refuses it past `maxBytes`, and holds back the
 * first bytes until their type is sniffed, so an unaccepted file never reaches storage at all.
 */
function uploadGuard(purpose: UploadPurpose, maxBytes: number, onType: (mime: string) => void): Transform {
  let received = 0;
  let head: Buffer[] | null = [];
  let headBytes = 0;
  const tooLarge = () =>
    new UploadRejected({ ok: false, status: 413, error: "file_too_large", message: `Files may be at most ${formatBytes(maxBytes)}.` });
  const release = async (stream: Transform) => {
    const bytes = Buffer.concat(head ?? []);
    head = null;
    if (bytes.length === 0) throw new UploadRejected({ ok: false, status: 400, error: "empty_file", message: "The file is empty." });
    const mime = await sniffType(bytes, purpose);
    if (!mime) {
      throw new UploadRejected({
        ok: false,
        status: 415,
        error: "unsupported_file_type",
        message: `This kind of file is not accepted (judged by its content, not its name). Accepted: ${ACCEPTED_DESCRIPTION[purpose]}.`,
      });
    }
    onType(mime);
    stream.push(bytes);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) return callback(tooLarge());
      if (!head) return callback(null, chunk);
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) return callback();
      release(this).then(() => callback(), callback);
    },
    flush(callback) {
      if (!head) return callback();
      release(this).then(() => callback(), callback);
    },
  });
}

/**
 * Streams a request body into storage under a key the server generates: size-limited, sha256
 * computed on the way, type sniffed from the content. On any failure nothing is left stored.
 */
export async function receiveUpload(options: {
  request: Request;
  storage: Storage;
  purpose: UploadPurpose;
  fileName: string;
  maxBytes: number;
}): Promise<UploadResult> {
  const { request, storage, purpose, fileName, maxBytes } = options;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    return { ok: false, status: 413, error: "file_too_large", message: `Files may be at most ${formatBytes(maxBytes)}.` };
  }
  if (!request.body || declared === "0") return { ok: false, status: 400, error: "empty_file", message: "The file is empty." };

  let mimeType = "";
  const storageKey = newStorageKey(purpose === "cover" ? "covers" : "files", fileName);
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const body = uploadGuard(purpose, maxBytes, (mime) => (mimeType = mime));
  source.on("error", (error) => body.destroy(error));
  body.on("close", () => source.destroy());
  source.pipe(body);
  try {
    const stored = await storage.put(storageKey, body);
    return { ok: true, file: { storageKey, fileName, mimeType, ...stored } };
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    if (error instanceof UploadRejected) return error.result;
    return { ok: false, status: 400, error: "upload_interrupted", message: "The upload broke off before the whole file arrived; try again." };
  }
}
