import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hashingMeter } from "./hashing-meter";
import type { ByteRange, Storage } from "./storage";

/**
 * Files are read in chunks of up to 1 MiB. A route handler's body reaches the socket through web
 * streams (Readable.toWeb, then Next.js's pipeTo into the response), a few promise hops per chunk:
 * at Node's default 64 KiB those hops, not the disk, set a download's speed (4,096 of them for
 * 256 MiB). The cost is memory while a client is slow: about three chunks in flight per download.
 */
const READ_CHUNK_BYTES = 1024 * 1024;

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Stores objects as files below `root`. */
export function localDiskStorage(root: string): Storage {
  const resolve = (key: string) => {
    // Keys are ours, but a key must never reach outside the root even if that ever changes.
    if (!KEY_PATTERN.test(key) || key.includes("..")) throw new Error(`invalid storage key: ${key}`);
    return path.join(root, key);
  };

  return {
    async put(key, body) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside the target and rename, so a reader never sees a half-written file.
      const partial = `${target}.${randomUUID()}.partial`;
      const meter = hashingMeter();
      const source = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
      const file = createWriteStream(partial);
      try {
        await pipeline(source, meter.stream, file);
        await rename(partial, target);
      } catch (error) {
        // A body refused at once fails while the file may still be opening: remove it only once
        // it is closed, or the open lands after the removal and leaves an empty partial file.
        if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
        await rm(partial, { force: true });
        throw error;
      }
      return meter.result();
    },

    async read(key, range?: ByteRange) {
      const file = resolve(key);
      const { size } = await stat(file);
      const length = range ? range.end - range.start + 1 : size;
      // Never a buffer larger than the bytes asked for: covers and small previews stay small.
      const highWaterMark = Math.max(1, Math.min(READ_CHUNK_BYTES, length));
      return createReadStream(file, range ? { start: range.start, end: range.end, highWaterMark } : { highWaterMark });
    },

    async size(key) {
      return (await stat(resolve(key))).size;
    },

    async delete(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
