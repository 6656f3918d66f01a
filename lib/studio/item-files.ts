import { type StudioItem, addItemFile, replaceItemFileContent, setItemCover } from "@/db/queries/studio-items";
import type { ItemFile } from "@/db/schema";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { getEnv } from "@/lib/env";
import { apiError } from "@/lib/http/json-input";
import { getStorage } from "@/lib/storage";
import { deleteLater } from "@/lib/storage/delete-later";
import { checkFileName } from "@/lib/uploads/file-name";
import { type StoredUpload, receiveUpload } from "@/lib/uploads/receive-upload";
import type { UploadPurpose } from "@/lib/uploads/sniff-type";

/** Covers are pictures, not products: a smaller limit than files. */
const MAX_COVER_BYTES = 10 * 1024 * 1024;

export type ReceivedFile = { ok: true; file: StoredUpload } | { ok: false; response: Response };

/**
 * Takes an upload from a request: the name from the URL-encoded `x-file-name` header, the bytes
 * streamed from the body into storage. Every refusal is a response that names the problem.
 */
export async function receiveFileFromRequest(request: Request, purpose: UploadPurpose): Promise<ReceivedFile> {
  const allowance = await checkRateLimit("upload", request);
  if (!allowance.ok) return { ok: false, response: rateLimitedResponse(allowance.retryAfterSeconds) };
  const name = checkFileName(request.headers.get("x-file-name"));
  if (!name.ok) return { ok: false, response: apiError(400, { error: "unsafe_file_name", message: name.message }) };
  const maxBytes = purpose === "cover" ? Math.min(MAX_COVER_BYTES, getEnv().UPLOAD_MAX_BYTES) : getEnv().UPLOAD_MAX_BYTES;
  const upload = await receiveUpload({ request, storage: getStorage(), purpose, fileName: name.name, maxBytes });
  if (!upload.ok) return { ok: false, response: apiError(upload.status, { error: upload.error, message: upload.message }) };
  return upload;
}

/** Runs a database change for a stored upload; if it fails, the upload is removed again. */
async function recordOrDiscard<T>(file: StoredUpload, record: () => Promise<T>): Promise<T> {
  try {
    return await record();
  } catch (error) {
    await getStorage().delete(file.storageKey).catch(() => undefined);
    throw error;
  }
}

export function addUploadedFile(item: StudioItem, file: StoredUpload, isPreview: boolean): Promise<ItemFile> {
  return recordOrDiscard(file, () => addItemFile({ ...file, itemId: item.id, isPreview }));
}

/** A corrected edition of a file: same place in the item, new content; every past buyer gets the new one. */
export async function replaceUploadedFile(existing: ItemFile, file: StoredUpload): Promise<void> {
  const oldKey = await recordOrDiscard(file, () => replaceItemFileContent({ fileId: existing.id, content: file }));
  deleteLater(getStorage(), oldKey);
}

export async function setUploadedCover(item: StudioItem, file: StoredUpload): Promise<void> {
  const oldKey = await recordOrDiscard(file, () => setItemCover({ itemId: item.id, coverKey: file.storageKey, coverType: file.mimeType }));
  if (oldKey) deleteLater(getStorage(), oldKey);
}
