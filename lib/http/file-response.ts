import { Readable } from "node:stream";
import type { ByteRange, Storage } from "@/lib/storage";
import { setContentLength } from "./content-length";

type FileToServe = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string };

/** Parses a single-range `Range: bytes=a-b` header; multi-range and malformed headers serve the whole file. */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: "inline" | "attachment", fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Streams a stored file with Range support (audio seeking), sized and typed from the catalog row. */
export async function fileResponse(options: {
  storage: Storage;
  file: FileToServe;
  request: Request;
  disposition: "inline" | "attachment";
  headers?: HeadersInit;
}): Promise<Response> {
  const { file, request } = options;
  const headers = new Headers(options.headers);
  headers.set("content-type", file.mimeType);
  headers.set("content-disposition", contentDisposition(options.disposition, file.fileName));
  headers.set("etag", `"${file.sha256}"`);
  headers.set("accept-ranges", "bytes");
  headers.set("x-content-type-options", "nosniff");

  const range = parseRange(request.headers.get("range"), file.sizeBytes);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${file.sizeBytes}`);
    return new Response(null, { status: 416, headers });
  }
  const length = range ? range.end - range.start + 1 : file.sizeBytes;
  setContentLength(headers, length);
  if (range) headers.set("content-range", `bytes ${range.start}-${range.end}/${file.sizeBytes}`);
  const status = range ? 206 : 200;
  if (request.method === "HEAD") return new Response(null, { status, headers });

  const stream = await options.storage.read(file.storageKey, range ?? undefined);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}
