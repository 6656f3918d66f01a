import type { z } from "zod";

/** JSON bodies are forms, never files: anything larger is refused before it is read whole. */
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
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) {
    return { ok: false, response: apiError(413, { error: "body_too_large", message: "The request body is larger than 64 KiB." }) };
  }
  let body: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_JSON_BYTES) throw new RangeError();
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, { error: "invalid_json", message: "Send a JSON object of at most 64 KiB." }) };
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
