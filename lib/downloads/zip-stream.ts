import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { Storage } from "@/lib/storage";

/** A stored file, or (a stamped copy) bytes held in memory. */
type ZipEntry = { storageKey: string; fileName: string; sizeBytes: number; bytes?: Uint8Array };

// Demo and studio files keep their mtime out of the archive so that equal files zip to equal bytes
// (a receipt names the archive's sha256). ZIP's DOS time is local time: a date built from local
// fields, and no UTC "extended timestamp", give the same bytes in every time zone.
const fixedMtime = () => new Date(2026, 0, 1);

/**
 * Streams a ZIP of several stored files as it is built: each file is opened only when the
 * archive reaches it, and nothing is buffered whole. Entries are stored uncompressed (media and
 * PDFs barely compress), which also lets the archive's exact size be known up front.
 */
export async function zipStream(storage: Storage, entries: ZipEntry[]): Promise<{ stream: Readable; size: number }> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.bytes) {
      zip.addBuffer(Buffer.from(entry.bytes), entry.fileName, { compress: false, mtime: fixedMtime(), forceDosTimestamp: true });
      continue;
    }
    zip.addReadStreamLazy(entry.fileName, { size: entry.sizeBytes, compress: false, mtime: fixedMtime(), forceDosTimestamp: true }, (callback) => {
      storage.read(entry.storageKey).then(
        (stream) => callback(null, stream),
        (error: Error) => callback(error, undefined as unknown as Readable),
      );
    });
  }
  const size = await new Promise<number>((resolve) => {
    (zip.end as (options: object, callback: (size: number) => void) => void)({}, resolve);
  });
  return { stream: Readable.from(zip.outputStream), size };
}
