import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CONTENT_LENGTH_PASSTHROUGH } from "./content-length";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
type Compression = ((options: { filter: (req: IncomingMessage, res: ServerResponse) => boolean }) => Middleware) & {
  /** The stock rule: compressible Content-Type (text, JavaScript, JSON, SVG, …). */
  filter: (req: IncomingMessage, res: ServerResponse) => boolean;
};

// The `compression` middleware Next.js itself runs when `compress` is on (gzip and deflate, negotiated
// from Accept-Encoding, streaming-aware through res.flush). Next's own switch stays off in
// next.config.ts because it cannot be told to leave file deliveries alone; this copy can.
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as Compression;

/**
 * Pages, scripts, styles, flight data and JSON go out gzipped when the client asks. A file delivery
 * (paid download, preview, library file: every response that set its exact length through
 * lib/http/content-length.ts) and any byte range go out as stored, so Content-Length stays the file's
 * size, Range offsets mean file offsets, and the sha256 a buyer checks is of the bytes sent.
 */
export function pageCompression(): Middleware {
  return compression({
    filter: (req, res) => !res.hasHeader(CONTENT_LENGTH_PASSTHROUGH) && !res.hasHeader("content-range") && compression.filter(req, res),
  });
}
