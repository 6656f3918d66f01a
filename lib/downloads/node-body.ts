import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable, pipeline } from "node:stream";

/**
 * File deliveries reach the socket as Node streams, not web streams. A route handler's body goes
 * Readable.toWeb → Next.js's pipeTo → the response: several promise hops per chunk, which held a
 * 256 MiB download to about three quarters of the disk's speed. The route still decides everything
 * (payment, ownership, status, headers) and returns its Response; only the body's bytes take the
 * short way: the file's Node stream is handed to the server in front of Next (scripts/serve.ts),
 * which pipes it into the response once Next has written the head and ends the (empty) body.
 *
 * The hand-off exists only inside a request that scripts/serve.ts runs with a slot; anywhere else
 * (unit tests, `next start`) the body is the web stream as before. A request cannot ask for it: the
 * slot lives in the server's async context, not in anything a client sends.
 */
export type NodeBodySlot = { body?: Readable; taken?: boolean };

// scripts/serve.ts and the route bundles each load their own copy of this module: one store per process.
const KEY = Symbol.for("storefront.node-body");
const scope = globalThis as { [KEY]?: AsyncLocalStorage<NodeBodySlot> };
const slots = () => (scope[KEY] ??= new AsyncLocalStorage<NodeBodySlot>());

/** The body for a route's Response: null when `stream` was handed to the server, else the web stream. */
export function fileBody(stream: Readable): ReadableStream<Uint8Array> | null {
  const slot = slots().getStore();
  if (!slot || slot.taken) return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  slot.taken = true;
  slot.body = stream;
  return null;
}

/**
 * In scripts/serve.ts, around Next's handling of one request: gives the request a slot, and when
 * the route handed a body through it, pipes that body in at Next's `res.end()`. A body never sent
 * (a HEAD, a response closed early) is destroyed, so its file is closed.
 */
export function handleWithNodeBodies(req: IncomingMessage, res: ServerResponse, handle: () => void) {
  const slot: NodeBodySlot = {};
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const body = slot.body;
    if (!body) return end(...args);
    slot.body = undefined;
    if (req.method === "HEAD") {
      body.destroy();
      return end(...args);
    }
    // pipeline writes and ends through `res` itself (so through this wrapper again, bodiless by now)
    // and destroys the file stream if the client goes away.
    pipeline(body, res, () => {});
    return res;
  }) as ServerResponse["end"];
  res.once("close", () => slot.body?.destroy());
  slots().run(slot, handle);
}
