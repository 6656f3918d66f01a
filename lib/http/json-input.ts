import type { z } from "zod";

/** JSON bodies are forms, never files: reading stops as soon as one is larger. */
const MAX_JSON_BYTES = 64 * 1024;

export type ApiError = { error: string; message: string; fields?: Record<string, string> };

export function apiError(status: number, body: ApiError, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export type JsonInput<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * Reads and validates a JSON request body. Failures are a 400 that names each bad field with a
 * message a person can act on (`fields`), or a 413 for an oversized body.
 */
export async function readJsonInput<S extends z.ZodType>(request: Request, schema: S): Promise<JsonInput<z.output<S>>> {
  const tooLarge = { ok: false as const, response: apiError(413, { error: "body_too_large", message: "The request body is larger than 64 KiB." }) };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) return tooLarge;
  const text = await readTextUpTo(request, MAX_JSON_BYTES);
  if (text === null) return tooLarge;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, { error: "invalid_json", message: "Send a JSON object." }) };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join(".") || "body"] ??= issue.message;
  const message = Object.entries(fields)
    .map(([field, problem]) => `${field}: ${problem}`)
    .join(" ");
  return { ok: false, response: apiError(400, { error: "invalid_input", message, fields }) };
}

/** The body as text, or null as soon as it passes `maxBytes` (a chunked body declares no length). */
async function readTextUpTo(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
