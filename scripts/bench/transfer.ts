// Downloads at the speed of the disk, uploads and a day's traffic without memory growth: a 256 MiB
// paid download beside `createReadStream` of the same stored file, the server's RSS during a 1 GiB
// upload through the studio, and its RSS after 20,000 mixed requests. Runs on a store of its own
// (so its memory is this section's alone), whose server process is read in /proc.
import { randomBytes } from "node:crypto";
import { createReadStream, readFileSync, readdirSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { mib, rssOf, sampleRss, serverPidOf } from "@/lib/testing/server-process";
import { NO_RATE_LIMITS, startStore, stopStore } from "@/lib/testing/store-process";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import type { GoalRow } from "./goals";
import { mixedLoad } from "./mixed-load";
import { signInStudio } from "./studio-client";
import { printTable } from "./table";

const DOWNLOAD_BYTES = 256 * 1024 ** 2;
const UPLOAD_BYTES = 1024 ** 3;
const MIXED_REQUESTS = Number(process.env.BENCH_MIXED_REQUESTS ?? 20_000);
const WARM_UP_REQUESTS = 1_000;
const ROUNDS = 3;

type Timed = { bytes: number; ms: number };
const mbPerSecond = ({ bytes, ms }: Timed) => bytes / 1e6 / (ms / 1000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Reads the stored file as fast as Node reads files: the ceiling a download is measured against. */
async function readStored(file: string): Promise<Timed> {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of createReadStream(file)) bytes += (chunk as Buffer).length;
  return { bytes, ms: performance.now() - started };
}

/**
 * One paid download. The official client pays; its paid request goes out over node:http and the
 * body is timed from the response head to the last byte (the settlement before it is not bytes).
 */
async function paidDownload(url: string, devnet: DevnetFile): Promise<Timed> {
  let timed: Timed | undefined;
  const timingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (!request.headers.has("payment-signature")) return fetch(request);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(request.url, { headers: Object.fromEntries(request.headers) }, (response) => {
        const started = performance.now();
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => {
          timed = { bytes, ms: performance.now() - started };
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) if (typeof value === "string") headers.set(name, value);
          resolve(new Response(null, { status: response.statusCode, headers }));
        });
        response.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  };
  const pay = createPayingFetch({ signer: privateKeyToAccount(devnet.buyers[0].privateKey), network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 10_000_000n, fetch: timingFetch });
  const response = await pay(url);
  if (response.status !== 200 || !timed) throw new Error(`paid download answered ${response.status}`);
  if (timed.bytes !== DOWNLOAD_BYTES) throw new Error(`paid download sent ${timed.bytes} bytes, not ${DOWNLOAD_BYTES}`);
  return timed;
}

/** The stored file of `sizeBytes` bytes, newest first: the local-disk driver keeps files under files/. */
function storedFileOfSize(dataDir: string, sizeBytes: number): string {
  const dir = path.join(dataDir, "files", "files");
  const found = readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).size === sizeBytes)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!found[0]) throw new Error(`no stored file of ${sizeBytes} bytes`);
  return found[0];
}

export async function benchTransfer(): Promise<GoalRow[]> {
  const store = await startStore(NO_RATE_LIMITS);
  try {
    const devnet = JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8")) as DevnetFile;
    const server = serverPidOf(store.pid);
    const idle = rssOf(server);

    // Memory over a day's mix of requests, after a warm-up that loads every route once.
    await mixedLoad({ url: store.url, devnet, total: WARM_UP_REQUESTS, paid: 2 });
    const afterStart = rssOf(server);
    const mixedStarted = performance.now();
    const mixed = await mixedLoad({ url: store.url, devnet, total: MIXED_REQUESTS, paid: 20 });
    const mixedSeconds = (performance.now() - mixedStarted) / 1000;
    const afterMixed = rssOf(server);

    // A 1 GiB upload through the studio's upload route.
    const studio = await signInStudio(store.url);
    const filler = randomBytes(1024 * 1024);
    const draft = await studio.json<{ id: string }>("POST", "/api/studio/items", { title: "A one-gigabyte upload", kind: "ebook", price: "0.01" });
    const beforeUpload = rssOf(server);
    const sampler = sampleRss(server);
    const uploadStarted = performance.now();
    const uploaded = await studio.upload(draft.id, "big.pdf", UPLOAD_BYTES, filler);
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    const peakUpload = sampler.stop();
    if (uploaded.status !== 201) throw new Error(`1 GiB upload answered ${uploaded.status}: ${uploaded.body}`);

    // A 256 MiB item, bought ROUNDS times, each beside a read of the stored file.
    const item = await studio.json<{ id: string; slug: string }>("POST", "/api/studio/items", { title: "A large paid download", kind: "ebook", price: "0.01" });
    const stored = await studio.upload(item.id, "large.pdf", DOWNLOAD_BYTES, filler);
    if (stored.status !== 201) throw new Error(`256 MiB upload answered ${stored.status}: ${stored.body}`);
    await studio.json("PATCH", `/api/studio/items/${item.id}`, { published: true });
    const file = storedFileOfSize(store.dataDir, DOWNLOAD_BYTES);
    const downloads: Timed[] = [];
    const reads: Timed[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      reads.push(await readStored(file));
      downloads.push(await paidDownload(`${store.url}/api/download/${item.slug}`, devnet));
    }
    const [download, read] = [median(downloads.map(mbPerSecond)), median(reads.map(mbPerSecond))];

    console.log(`\nTransfers and server memory (own store, server pid ${server})\n`);
    printTable([
      ["case", "result"],
      ["server RSS idle after start", mib(idle)],
      [`server RSS after ${WARM_UP_REQUESTS} warm-up requests`, mib(afterStart)],
      [`server RSS after ${MIXED_REQUESTS} mixed requests`, `${mib(afterMixed)} (${(MIXED_REQUESTS / mixedSeconds).toFixed(0)} req/s; ${[...mixed.statuses].map(([status, count]) => `${status}×${count}`).join(" ")})`],
      ["1 GiB upload", `${uploadSeconds.toFixed(1)} s, ${(UPLOAD_BYTES / 1e6 / uploadSeconds).toFixed(0)} MB/s; RSS ${mib(beforeUpload)} before, peak ${mib(peakUpload)}`],
      ["256 MiB paid download, body", downloads.map((timed) => `${mbPerSecond(timed).toFixed(0)}`).join(", ") + " MB/s"],
      ["createReadStream of the stored file", reads.map((timed) => `${mbPerSecond(timed).toFixed(0)}`).join(", ") + " MB/s"],
    ]);

    const growth = peakUpload - beforeUpload;
    return [
      { measure: "256 MiB paid download MB/s (median of 3)", baseline: `createReadStream ${read.toFixed(0)} MB/s`, result: `${download.toFixed(0)} MB/s`, ratio: download / read, goal: "≥ 0.8×", met: download / read >= 0.8 },
      { measure: "1 GiB upload: server RSS growth", baseline: `RSS before ${mib(beforeUpload)}`, result: `+${mib(growth)} (peak ${mib(peakUpload)})`, goal: "≤ 64 MiB", met: growth <= 64 * 1024 ** 2 },
      { measure: `server RSS after ${MIXED_REQUESTS} mixed requests`, baseline: `after start + ${WARM_UP_REQUESTS} warm-up: ${mib(afterStart)}`, result: mib(afterMixed), ratio: afterMixed / afterStart, goal: "≤ 1.1×", met: afterMixed / afterStart <= 1.1 },
      { measure: "server RSS idle after start", baseline: "—", result: mib(idle), goal: "reported", met: true },
    ];
  } finally {
    await stopStore(store);
  }
}
