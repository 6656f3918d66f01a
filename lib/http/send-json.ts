/** What a studio API call came back with, for a form to show. */
export type SendResult<T> = { ok: true; data: T } | { ok: false; message: string; fields: Record<string, string> };

/** Sends JSON from the browser and reads the API's `{ error, message, fields }` shape on failure. */
export async function sendJson<T = unknown>(method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<SendResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: "The store could not be reached; check your connection and try again.", fields: {} };
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: data as T };
  const error = (data ?? {}) as { message?: string; fields?: Record<string, string> };
  return { ok: false, message: error.message ?? `The store answered ${response.status}.`, fields: error.fields ?? {} };
}
