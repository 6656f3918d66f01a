/**
 * Next.js drops `Content-Length` from every route-handler response (it streams them chunked), but
 * downloads need it: progress bars, resumable clients, agents checking sizes. A handler that knows
 * the exact length sets it here too; `scripts/serve.ts` turns this header back into
 * `Content-Length` just before the response head is written.
 */
export const CONTENT_LENGTH_PASSTHROUGH = "x-storefront-content-length";

export function setContentLength(headers: Headers, length: number) {
  headers.set("content-length", String(length));
  headers.set(CONTENT_LENGTH_PASSTHROUGH, String(length));
}
