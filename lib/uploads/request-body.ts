import { Readable } from "node:stream";

/**
 * How much of a refused upload's remaining body is read and thrown away, so that the refusal goes
 * out as an ordinary answer on a connection that stays usable. Past it the answer goes out while
 * the client is still sending, and the connection closes after it.
 */
const DISCARD_MAX_BYTES = 8 * 1024 * 1024;

/** Reads and discards up to the bound; true when the body was read to its end. */
async function discardFrom(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  let discarded = 0;
  try {
    while (discarded <= DISCARD_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) return true;
      discarded += value.byteLength;
    }
  } catch {
    // The client went away: there is nobody left to answer.
  }
  return false;
}

/** For a refusal decided before the body was read: true when nothing of it is left unread. */
export function discardBody(request: Request): Promise<boolean> {
  return request.body ? discardFrom(request.body.getReader()) : Promise.resolve(true);
}

/**
 * A request body as a Node stream that never cancels the request: destroying it (a refused upload)
 * only stops the reading. Cancelling the body Next.js hands us with the refusal as the reason
 * throws that reason inside Node's HTTP parser while it is still delivering the body
 * (HPE_JS_EXCEPTION): Node then answers a bare "400 Bad Request" with `Connection: close` in place
 * of ours, and the refusal is logged as an uncaughtException. `discardRest` reads what is left,
 * as `discardBody` does.
 */
export function requestBodyStream(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const stream = new Readable({
    read() {
      reader.read().then(
        ({ done, value }) => this.push(done ? null : value),
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  return { stream, discardRest: () => discardFrom(reader) };
}
