import { readdirSync, readFileSync } from "node:fs";
import { type IncomingHttpHeaders, request as httpRequest } from "node:http";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/** Every object in a store's storage folder (the files and covers of all items, not the folders), sorted. */
export function storedObjects(dataDir: string): string[] {
  const root = path.join(dataDir, "files");
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Everything a store process printed so far (startStore keeps it in the data folder). */
export function storeLog(dataDir: string): string {
  return readFileSync(path.join(dataDir, "store.log"), "utf8");
}

export async function cookieHeader(api: APIRequestContext): Promise<string> {
  return (await api.storageState()).cookies.map((entry) => `${entry.name}=${entry.value}`).join("; ");
}

export type RawAnswer = { status: number; headers: IncomingHttpHeaders; body: string } | { error: string };

/**
 * An upload sent with `Transfer-Encoding: chunked` (no Content-Length) over Node's own HTTP client,
 * written piece by piece: the server learns the size only as the bytes arrive. `answer` settles
 * with the response (read to its end) or the connection's error.
 */
export function openChunkedUpload(url: string, options: { cookie: string; fileName: string; method?: "POST" | "PUT" }) {
  let resolveAnswer: (answer: RawAnswer) => void = () => {};
  const answer = new Promise<RawAnswer>((resolve) => (resolveAnswer = resolve));
  const request = httpRequest(
    url,
    { method: options.method ?? "POST", headers: { cookie: options.cookie, "x-file-name": encodeURIComponent(options.fileName), "transfer-encoding": "chunked" } },
    (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolveAnswer({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on("error", (error) => resolveAnswer({ error: error.message }));
    },
  );
  request.on("error", (error) => resolveAnswer({ error: error.message }));
  let answered = false;
  void answer.then(() => (answered = true));
  return {
    answer,
    /** Writes `bytes`, waiting for the socket to take them; stops early once the server has answered. */
    async write(bytes: Buffer, chunkBytes = 256 * 1024) {
      for (let offset = 0; offset < bytes.length && !answered; offset += chunkBytes) {
        if (!request.write(bytes.subarray(offset, offset + chunkBytes))) {
          await Promise.race([new Promise((resolve) => request.once("drain", resolve)), answer]);
        }
      }
    },
    end(): Promise<RawAnswer> {
      if (!answered) request.end();
      return answer;
    },
  };
}

/** Sends `head` and then filler up to `totalBytes` as one chunked upload, and returns the answer. */
export async function sendChunked(url: string, options: { cookie: string; fileName: string; head: Buffer; totalBytes: number; method?: "POST" | "PUT" }): Promise<RawAnswer> {
  const upload = openChunkedUpload(url, options);
  await upload.write(options.head);
  const filler = Buffer.alloc(1024 * 1024, 0x20);
  for (let sent = options.head.length; sent < options.totalBytes; sent += filler.length) {
    await upload.write(filler.subarray(0, Math.min(filler.length, options.totalBytes - sent)));
  }
  return upload.end();
}

/** The JSON body of a raw answer, for assertions. */
export function answerJson(answer: RawAnswer): unknown {
  return "body" in answer ? JSON.parse(answer.body) : answer;
}
