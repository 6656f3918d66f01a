import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

// One pool of kept-alive sockets per protocol: a payment makes several RPC calls in a row, and
// each would otherwise pay for a new connection (and, on https, a new handshake).
// viem's own limit on an RPC answer (its http transport's default): read here, since this fetch
// holds the whole body before viem sees it, so a node that never stops sending cannot fill memory.
const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

/**
 * The fetch JSON-RPC calls go out with, written on node:http because the global fetch (undici's
 * WHATWG streams, and Next.js's caching wrapper inside the server) costs about twice the CPU per
 * call; measured beside it, 0.7 against 1.4 ms a call on a local anvil. It does what viem's http
 * transport asks of a fetch: method, headers, a string body, an abort signal for its timeout, and
 * a Response whose body viem reads whole.
 */
export const rpcFetch: typeof fetch = (input, init = {}) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const { signal } = init;
    if (signal?.aborted) return reject(signal.reason);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(
      url,
      { method: init.method ?? "GET", headers: Object.fromEntries(new Headers(init.headers)), agent: url.protocol === "https:" ? agents.https : agents.http },
      (incoming) => readWhole(incoming).then(resolve, reject),
    );
    const abort = () => outgoing.destroy(signal?.reason);
    signal?.addEventListener("abort", abort, { once: true });
    outgoing.on("close", () => signal?.removeEventListener("abort", abort));
    outgoing.on("error", reject);
    outgoing.end(typeof init.body === "string" ? init.body : undefined);
  });

function readWhole(incoming: IncomingMessage): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    incoming.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_ANSWER_BYTES) {
        reject(new Error(`the RPC answer is over ${MAX_ANSWER_BYTES} bytes`));
        return incoming.destroy();
      }
      chunks.push(chunk);
    });
    incoming.on("error", reject);
    incoming.on("aborted", () => reject(new Error("the RPC connection closed mid-answer")));
    incoming.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
      const status = incoming.statusCode ?? 0;
      // A Response takes 200–599 only, and no body on 204, 205 and 304; an RPC node sends neither.
      if (status < 200 || status > 599 || [204, 205, 304].includes(status)) return resolve(new Response(null, { status: 502 }));
      resolve(new Response(Buffer.concat(chunks), { status, statusText: incoming.statusMessage, headers }));
    });
  });
}
