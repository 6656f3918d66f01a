import type { Replaced } from "@/db/queries/quotas";
import { type AdmitUpload, type RecordUploadResult, type StudioItem, addItemFile, replaceItemFileContent, setItemCover } from "@/db/queries/studio-items";
import type { ItemFile } from "@/db/schema";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { getEnv } from "@/lib/env";
import { apiError } from "@/lib/http/json-input";
import { getStorage } from "@/lib/storage";
import { deleteLater } from "@/lib/storage/delete-later";
import { type DiskHold, holdDiskReserve } from "@/lib/uploads/disk-reserve";
import { checkFileName } from "@/lib/uploads/file-name";
import { discardBody } from "@/lib/uploads/request-body";
import { type StoredUpload, receiveUpload } from "@/lib/uploads/receive-upload";
import { type UploadRefusal, refusals } from "@/lib/uploads/refusals";
import type { UploadPurpose } from "@/lib/uploads/sniff-type";
import { type QuotaHold, holdCreatorQuota, rememberCoverSize } from "./creator-quota";

/** Covers are pictures, not products: a smaller limit than files. */
export const MAX_COVER_BYTES = 10 * 1024 * 1024;

export type Uploaded<T> = { ok: true; value: T } | { ok: false; response: Response };

function refused(refusal: UploadRefusal): { ok: false; response: Response } {
  return { ok: false, response: apiError(refusal.status, { error: refusal.error, message: refusal.message }) };
}

/** A refusal decided before the body was read: the body is read and discarded first (up to a bound), so the answer reaches the client. */
async function refusedUnread(request: Request, refusal: UploadRefusal): Promise<{ ok: false; response: Response }> {
  await discardBody(request);
  return refused(refusal);
}

type Received = { file: StoredUpload; quota: QuotaHold };

/**
 * Takes an upload from a request into storage: the name from the URL-encoded `x-file-name` header,
 * the bytes streamed from the body, within the size limit, the creator's quota and the disk's
 * reserve. Every refusal is a response that names the problem, and leaves nothing stored.
 */
async function receiveFile(request: Request, target: { item: StudioItem; purpose: UploadPurpose; replaced: Replaced }): Promise<Uploaded<Received>> {
  const allowance = await checkRateLimit("upload", request);
  if (!allowance.ok) return { ok: false, response: rateLimitedResponse(allowance.retryAfterSeconds) };
  const name = checkFileName(request.headers.get("x-file-name"));
  if (!name.ok) return refusedUnread(request, { status: 400, error: "unsafe_file_name", message: name.message });
  const env = getEnv();
  const maxBytes = target.purpose === "cover" ? Math.min(MAX_COVER_BYTES, env.UPLOAD_MAX_BYTES) : env.UPLOAD_MAX_BYTES;
  const length = request.headers.get("content-length");
  const declaredBytes = length === null ? null : Number(length);

  const quota = await holdCreatorQuota({ creatorId: target.item.creatorId, replaced: target.replaced, declaredBytes });
  if (!quota.ok) return refusedUnread(request, quota.refusal);
  let disk: DiskHold | null = null;
  let received = false;
  try {
    if (!env.S3_BUCKET) {
      const held = await holdDiskReserve({ dir: env.STORAGE_DIR, reserveBytes: env.STORAGE_RESERVE_BYTES, declaredBytes });
      if (!held.ok) return await refusedUnread(request, held.refusal);
      disk = held.hold;
    }
    const allowances = disk ? [quota.hold.allowance, disk.allowance] : [quota.hold.allowance];
    const upload = await receiveUpload({ request, storage: getStorage(), purpose: target.purpose, fileName: name.name, maxBytes, allowances });
    if (!upload.ok) return refused(upload.refusal);
    received = true;
    return { ok: true, value: { file: upload.file, quota: quota.hold } };
  } finally {
    disk?.end();
    // A stored upload stays in the quota's in-flight count until it is recorded (see `record`).
    if (!received) quota.hold.end(false);
  }
}

/** Records a stored upload in the database; if that is refused or fails, the upload is removed again. */
async function record<T>({ file, quota }: Received, write: (admit: AdmitUpload) => Promise<RecordUploadResult<T>>): Promise<Uploaded<T>> {
  const discard = () =>
    getStorage()
      .delete(file.storageKey)
      .catch(() => undefined);
  let recorded = false;
  try {
    const result = await write(quota.admit);
    recorded = result.ok;
    if (result.ok) return result;
    await discard();
    return refused(result.error === "quota_exceeded" ? quota.overQuota : refusals.itemGone());
  } catch (error) {
    await discard();
    throw error;
  } finally {
    quota.end(recorded);
  }
}

/** A new file of the item, appended after its others. */
export async function addUploadedFile(request: Request, item: StudioItem, isPreview: boolean): Promise<Uploaded<ItemFile>> {
  const received = await receiveFile(request, { item, purpose: "item-file", replaced: {} });
  if (!received.ok) return received;
  const { file } = received.value;
  return record(received.value, (admit) => addItemFile({ ...file, itemId: item.id, isPreview }, admit));
}

/** A corrected edition of a file: same place in the item, new content; every past buyer gets the new one. */
export async function replaceUploadedFile(request: Request, item: StudioItem, existing: ItemFile): Promise<Uploaded<StoredUpload>> {
  const received = await receiveFile(request, { item, purpose: "item-file", replaced: { fileId: existing.id } });
  if (!received.ok) return received;
  const { file } = received.value;
  const oldKey = await record(received.value, (admit) => replaceItemFileContent({ fileId: existing.id, content: file, admit }));
  if (!oldKey.ok) return oldKey;
  deleteLater(getStorage(), oldKey.value);
  return { ok: true, value: file };
}

export async function setUploadedCover(request: Request, item: StudioItem): Promise<Uploaded<StoredUpload>> {
  const received = await receiveFile(request, { item, purpose: "cover", replaced: { coverOfItemId: item.id } });
  if (!received.ok) return received;
  const { file } = received.value;
  rememberCoverSize(file.storageKey, file.sizeBytes);
  const oldKey = await record(received.value, (admit) => setItemCover({ itemId: item.id, coverKey: file.storageKey, coverType: file.mimeType, admit }));
  if (!oldKey.ok) return oldKey;
  if (oldKey.value) deleteLater(getStorage(), oldKey.value);
  return { ok: true, value: file };
}
