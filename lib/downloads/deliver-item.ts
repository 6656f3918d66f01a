import { createHash } from "node:crypto";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { setContentLength } from "@/lib/http/content-length";
import { contentDisposition } from "@/lib/http/file-response";
import type { Storage } from "@/lib/storage";
import { fileBody } from "./node-body";
import type { DeliveryFile } from "./stamped-files";
import { zipStream } from "./zip-stream";

/** The files a payment buys: everything but the free preview. */
export function paidFilesOf<F extends CatalogItemWithFiles["files"][number]>(item: { files: F[] }): F[] {
  return item.files.filter((file) => !file.isPreview);
}

/** True when every paid file is in storage: checked before settling, so nobody pays for a missing file. */
export async function filesAvailable(storage: Storage, item: CatalogItemWithFiles): Promise<boolean> {
  const files = paidFilesOf(item);
  if (files.length === 0) return false;
  try {
    const sizes = await Promise.all(files.map((file) => storage.size(file.storageKey)));
    return sizes.every((size, index) => size === files[index].sizeBytes);
  } catch {
    return false;
  }
}

/**
 * The paid download as a streamed response: the file itself for one file, a ZIP built on the
 * fly for several (a course, a bundle). Never cached by shared caches: the bytes were paid for.
 * Stamped copies (lib/downloads/stamped-files.ts) come in memory with their own size and digest;
 * Range is not honoured here, stamped or not: a paid download is always the whole 200.
 */
export async function deliverItem(options: {
  storage: Storage;
  item: { slug: string; files: DeliveryFile[] };
  headers: Headers;
}): Promise<Response> {
  const { storage, item, headers } = options;
  const files = paidFilesOf(item);
  headers.set("cache-control", "private, no-store");
  headers.set("x-content-type-options", "nosniff");
  if (files.length === 1) {
    const [file] = files;
    headers.set("content-type", file.mimeType);
    setContentLength(headers, file.sizeBytes);
    headers.set("content-disposition", contentDisposition("attachment", file.fileName));
    headers.set("etag", `"${file.sha256}"`);
    if (file.bytes) return new Response(new Uint8Array(file.bytes), { status: 200, headers });
    const stream = await storage.read(file.storageKey);
    return new Response(fileBody(stream), { status: 200, headers });
  }
  const zip = await zipStream(storage, files);
  headers.set("content-type", "application/zip");
  setContentLength(headers, zip.size);
  headers.set("content-disposition", contentDisposition("attachment", `${item.slug}.zip`));
  headers.set("etag", `"${createHash("sha256").update(files.map((file) => file.sha256).join(",")).digest("hex")}"`);
  return new Response(fileBody(zip.stream), { status: 200, headers });
}
