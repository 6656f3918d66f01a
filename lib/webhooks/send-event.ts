import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { resolveWebhookTarget } from "./resolve-target";
import { signatureHeader } from "./signature";

export type SendOutcome = { delivered: true; statusCode: number } | { delivered: false; statusCode: number | null; error: string };

/** A receiver's answer body is not read past this: only its status matters. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One attempt to deliver an event: resolve the host and judge its addresses now (not only at
 * registration: DNS may have changed), connect to the address judged (never a second lookup),
 * POST the signed body, and take any 2xx within `timeoutMs` as delivered. Redirects are not
 * followed (a 3xx is a failure): a redirect could point anywhere.
 */
export async function sendEvent(input: { url: string; secret: string; eventId: string; type: string; body: string; timeoutMs: number; allowLoopback: boolean }): Promise<SendOutcome> {
  const url = new URL(input.url);
  const target = await resolveWebhookTarget(url, { allowLoopback: input.allowLoopback });
  if (!target.ok) return { delivered: false, statusCode: null, error: target.reason };
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const timestamp = Math.floor(Date.now() / 1000);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        lookup: pinned,
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(input.body),
          "user-agent": "x402-storefront-webhooks/1",
          "x-storefront-event": input.type,
          "x-storefront-event-id": input.eventId,
          "x-storefront-signature": signatureHeader({ secret: input.secret, body: input.body, timestamp }),
        },
        timeout: input.timeoutMs,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const done = () =>
          resolve(statusCode >= 200 && statusCode < 300 ? { delivered: true, statusCode } : { delivered: false, statusCode, error: `http_${statusCode}` });
        response.once("end", done);
        response.once("close", done);
      },
    );
    // The whole attempt, not just the socket's idleness: a receiver dribbling bytes is cut off too.
    const deadline = setTimeout(() => request.destroy(new Error("timeout")), input.timeoutMs);
    request.once("close", () => clearTimeout(deadline));
    request.once("timeout", () => request.destroy(new Error("timeout")));
    request.once("error", (error) => resolve({ delivered: false, statusCode: null, error: error.message === "timeout" ? "timeout" : "connection_failed" }));
    request.end(input.body);
  });
}
