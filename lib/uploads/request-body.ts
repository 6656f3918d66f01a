import { Readable } from "node:stream";

/** Read and thrown away before a refused upload is answered: most bodies end within it. */
const DISCARD_BEFORE_ANSWER_BYTES = 8 * 1024 * 1024;
/** Read and thrown away in all. Past it reading stops, and Node closes the stalled connection after its keep-alive timeout. */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads what is left of a refused upload's body and throws it away, so that the refusal goes out as
 * an ordinary answer: once the body has ended, or 8 MiB later while reading goes on in the
 * background (up to 64 MiB). Closing the connection after the answer instead (`Connection: close`)
 * lets the kernel reset it while the client is still sending, and a client may then report the
 * reset (Node's HTTP client: `EPIPE`) rather than the answer it was sent.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  const readUpTo = async (limit: number): Promise<boolean> => {
    while (discarded <= limit) {
      const { done, value } = await reader.read();
      if (done) return true;
      discarded += value.byteLength;
    }
    return false;
  };
  try {
    if (await readUpTo(DISCARD_BEFORE_ANSWER_BYTES)) return;
  } catch {
    // The client went away: there is nobody left to answer.
    return;
  }
  void readUpTo(DISCARD_MAX_BYTES).catch(() => undefined);
}

/** For a refusal decided before the body was read. */
export async function discardBody(request: Request): Promise<void> {
  if (request.body) await discardRest(request.body.getReader());
}

/**
 * A request body as a Node stream that never cancels the request: destroying it (a refused upload)
 * only stops the reading. Cancelling the body Next.js hands us with the refusal as the reason
 * throws that reason inside Node's HTTP parser while it is still delivering the body
 * (HPE_JS_EXCEPTION): Node then answers a bare "400 Bad Request" with `Connection: close` in place
 * of ours, and the refusal is logged as an uncaughtException. `discardRest` reads what is left.
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
  return { stream, discardRest: () => discardRest(reader) };
}
