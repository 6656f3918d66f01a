import { Transform, pipeline } from "node:stream";
import { type Storage, newStorageKey } from "@/lib/storage";
import { checkExtensionFits } from "./file-extension";
import { plainTextScanner } from "./plain-text";
import { type UploadRefusal, refusals } from "./refusals";
import { discardBody, requestBodyStream } from "./request-body";
import { SNIFF_BYTES, type UploadPurpose, sniffType } from "./sniff-type";

export type StoredUpload = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string };
export type UploadResult = { ok: true; file: StoredUpload } | { ok: false; refusal: UploadRefusal };

/**
 * A limit on the bytes an upload may store besides its size limit (a creator's quota, the disk's
 * reserve), told the running total as bytes arrive; a refusal stops the upload.
 */
export type ByteAllowance = { take(totalBytes: number): UploadRefusal | null | Promise<UploadRefusal | null> };

class UploadRejected extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message);
  }
}

type GuardOptions = { purpose: UploadPurpose; fileName: string; maxBytes: number; allowances: ByteAllowance[]; onType: (mime: string) => void };

/**
 * Guards the byte stream on its way to storage: refuses it past a limit, holds back the first
 * bytes until their type is sniffed and found to fit the name (so an unaccepted file never reaches
 * storage at all), and scans text to its last byte.
 */
function uploadGuard({ purpose, fileName, maxBytes, allowances, onType }: GuardOptions): Transform {
  let received = 0;
  let head: Buffer[] | null = [];
  let headBytes = 0;
  let text: ReturnType<typeof plainTextScanner> | null = null;

  const admit = async (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) throw new UploadRejected(refusals.tooLarge(maxBytes));
    for (const allowance of allowances) {
      const refusal = await allowance.take(received);
      if (refusal) throw new UploadRejected(refusal);
    }
  };
  const scan = (bytes: Buffer) => {
    const refusal = text?.push(bytes);
    if (refusal) throw new UploadRejected(refusal);
  };
  const release = async (stream: Transform) => {
    const bytes = Buffer.concat(head ?? []);
    head = null;
    if (bytes.length === 0) throw new UploadRejected(refusals.empty());
    const sniffed = await sniffType(bytes, purpose);
    if (!sniffed.ok) throw new UploadRejected(sniffed.refusal);
    const fits = checkExtensionFits(fileName, sniffed.mimeType);
    if (!fits.ok) throw new UploadRejected(refusals.extensionMismatch(fits.message));
    if (sniffed.mimeType === "text/plain") text = plainTextScanner();
    scan(bytes);
    onType(sniffed.mimeType);
    stream.push(bytes);
  };
  const step = async (stream: Transform, chunk: Buffer) => {
    await admit(chunk);
    if (!head) {
      scan(chunk);
      return stream.push(chunk);
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) await release(stream);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      step(this, chunk).then(() => callback(), callback);
    },
    flush(callback) {
      (head ? release(this) : Promise.resolve())
        .then(() => {
          const refusal = text?.end();
          callback(refusal ? new UploadRejected(refusal) : null);
        })
        .catch(callback);
    },
  });
}

/**
 * Streams a request body into storage under a key the server generates: size-limited, sha256
 * computed on the way, type sniffed from the content and matched against the name. On any failure
 * nothing is left stored, and the rest of the body is read and discarded (up to a bound) so the
 * client gets the reason rather than a cut connection.
 */
export async function receiveUpload(options: {
  request: Request;
  storage: Storage;
  purpose: UploadPurpose;
  fileName: string;
  maxBytes: number;
  allowances?: ByteAllowance[];
}): Promise<UploadResult> {
  const { request, storage, purpose, fileName, maxBytes, allowances = [] } = options;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await discardBody(request);
    return { ok: false, refusal: refusals.tooLarge(maxBytes) };
  }
  if (!request.body || declared === "0") return { ok: false, refusal: refusals.empty() };

  let mimeType = "";
  const storageKey = newStorageKey(purpose === "cover" ? "covers" : "files", fileName);
  const body = requestBodyStream(request.body);
  const guarded = pipeline(body.stream, uploadGuard({ purpose, fileName, maxBytes, allowances, onType: (mime) => (mimeType = mime) }), () => {
    // Errors reach storage.put through the guard; nothing more to do here.
  });
  try {
    const stored = await storage.put(storageKey, guarded);
    return { ok: true, file: { storageKey, fileName, mimeType, ...stored } };
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    await body.discardRest();
    return { ok: false, refusal: error instanceof UploadRejected ? error.refusal : refusals.interrupted() };
  }
}
