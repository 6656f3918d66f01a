import { setCreatorAvatar } from "@/db/queries/creators";
import type { Creator } from "@/db/schema";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { getEnv } from "@/lib/env";
import { apiError } from "@/lib/http/json-input";
import { getStorage } from "@/lib/storage";
import { deleteLater } from "@/lib/storage/delete-later";
import { type DiskHold, holdDiskReserve } from "@/lib/uploads/disk-reserve";
import { checkFileName } from "@/lib/uploads/file-name";
import { type StoredUpload, receiveUpload } from "@/lib/uploads/receive-upload";
import type { UploadRefusal } from "@/lib/uploads/refusals";
import { discardBody } from "@/lib/uploads/request-body";
import type { Uploaded } from "./item-files";

/**
 * An avatar is shown at 80 px: 2 MiB is plenty. Being one bounded image per creator, replaced on
 * upload, it is not counted in the creator's storage quota.
 */
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

const refused = (refusal: UploadRefusal): { ok: false; response: Response } => ({
  ok: false,
  response: apiError(refusal.status, { error: refusal.error, message: refusal.message }),
});

/**
 * Stores the request body as the creator's avatar: only PNG, JPEG, WebP or GIF judged by its bytes
 * (the covers' rules), within the size limit and the disk's reserve; the old avatar is deleted.
 */
export async function setUploadedAvatar(request: Request, creator: Creator): Promise<Uploaded<StoredUpload>> {
  const allowance = await checkRateLimit("upload", request);
  if (!allowance.ok) return { ok: false, response: rateLimitedResponse(allowance.retryAfterSeconds) };
  const name = checkFileName(request.headers.get("x-file-name"));
  if (!name.ok) {
    await discardBody(request);
    return refused({ status: 400, error: "unsafe_file_name", message: name.message });
  }
  const env = getEnv();
  const length = request.headers.get("content-length");
  let disk: DiskHold | null = null;
  let upload;
  try {
    if (!env.S3_BUCKET) {
      const held = await holdDiskReserve({ dir: env.STORAGE_DIR, reserveBytes: env.STORAGE_RESERVE_BYTES, declaredBytes: length === null ? null : Number(length) });
      if (!held.ok) {
        await discardBody(request);
        return refused(held.refusal);
      }
      disk = held.hold;
    }
    const maxBytes = Math.min(MAX_AVATAR_BYTES, env.UPLOAD_MAX_BYTES);
    upload = await receiveUpload({ request, storage: getStorage(), purpose: "cover", fileName: name.name, maxBytes, allowances: disk ? [disk.allowance] : [] });
  } finally {
    disk?.end();
  }
  if (!upload.ok) return refused(upload.refusal);
  const { file } = upload;
  const swapped = await setCreatorAvatar(creator.id, { key: file.storageKey, type: file.mimeType }).catch((error: unknown) => {
    void getStorage().delete(file.storageKey).catch(() => undefined);
    throw error;
  });
  if (!swapped) {
    await getStorage().delete(file.storageKey).catch(() => undefined);
    return refused({ status: 404, error: "creator_not_found", message: "This creator profile no longer exists." });
  }
  if (swapped.replacedKey) deleteLater(getStorage(), swapped.replacedKey);
  return { ok: true, value: file };
}
