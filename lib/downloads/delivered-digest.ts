import { createHash } from "node:crypto";
import type { ItemFile } from "@/db/schema";
import type { Storage } from "@/lib/storage";
import { zipStream } from "./zip-stream";

type PaidFile = Pick<ItemFile, "storageKey" | "fileName" | "sizeBytes" | "sha256">;

// ZIP digests by content; a few hundred courses fit in a few kilobytes.
const MAX_CACHED = 512;
const zipDigests = new Map<string, Promise<string>>();

/**
 * The sha256 of the bytes a buyer receives for these paid files: the file's own digest for one
 * file; for several, the digest of the ZIP deliverItem streams. That ZIP is a function of the
 * files' names, order and bytes alone (stored entries, fixed mtime, yazl writes no clock or
 * random field), so its digest is computed once per content, by zipping it, and cached.
 */
export async function deliveredSha256(storage: Storage, files: PaidFile[]): Promise<string> {
  if (files.length === 1) return files[0].sha256;
  const content = JSON.stringify(files.map((file) => [file.fileName, file.sizeBytes, file.sha256]));
  const cached = zipDigests.get(content);
  if (cached) return cached;
  const digest = zipSha256(storage, files);
  zipDigests.set(content, digest);
  digest.catch(() => zipDigests.delete(content));
  if (zipDigests.size > MAX_CACHED) zipDigests.delete(zipDigests.keys().next().value!);
  return digest;
}

async function zipSha256(storage: Storage, files: PaidFile[]): Promise<string> {
  const zip = await zipStream(storage, files);
  const hash = createHash("sha256");
  for await (const chunk of zip.stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
