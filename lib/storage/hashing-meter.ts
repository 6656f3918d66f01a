import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import type { StoredObject } from "./storage";

/** A pass-through stream that hashes and counts what flows through it, for any storage driver. */
export function hashingMeter(): { stream: Transform; result: () => StoredObject } {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ sizeBytes, sha256: hash.digest("hex") }) };
}
