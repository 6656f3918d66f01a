import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEvent = {
  eventId: string;
  type: string;
  signature: string;
  body: string;
  /** Whether the store is still waiting on this request (a held one not yet released or given up). */
  open: () => boolean;
};

/**
 * A real webhook receiver on 127.0.0.1, as a creator would run: answers every request with the
 * status set now, or holds it without answering (`hang`) until `release`.
 */
export async function startWebhookReceiver() {
  const received: ReceivedEvent[] = [];
  let mode: number | "hang" = 200;
  const held: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        eventId: String(request.headers["x-storefront-event-id"]),
        type: String(request.headers["x-storefront-event"]),
        signature: String(request.headers["x-storefront-signature"]),
        body: Buffer.concat(chunks).toString("utf8"),
        open: () => !response.writableEnded && !request.socket.destroyed,
      });
      if (mode === "hang") held.push(response);
      else response.writeHead(mode, { "content-type": "text/plain" }).end(mode < 300 ? "ok" : "receiver failing");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    respondWith(next: number | "hang") {
      mode = next;
    },
    /** Answers the held requests with 200. */
    release() {
      for (const response of held.splice(0)) if (!response.writableEnded) response.writeHead(200).end("ok");
    },
    async stop() {
      this.release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
