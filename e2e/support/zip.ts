import { createHash } from "node:crypto";
import { crc32, inflateRawSync } from "node:zlib";

export type ZipEntry = { name: string; bytes: Buffer; sha256: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function fail(reason: string): never {
  throw new Error(`not a valid ZIP: ${reason}`);
}

/**
 * Reads a whole ZIP archive the way an unzip tool does: from the central directory at its end, each
 * entry's data through its local header, stored or deflated, checked against its CRC-32 and size.
 * Enough for the store's archives (yazl, no ZIP64, no encryption); anything else is an error.
 */
export function readZip(archive: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let offset = archive.length - 22; offset >= Math.max(0, archive.length - 22 - 0xffff); offset--) {
    if (archive.readUInt32LE(offset) === EOCD) {
      end = offset;
      break;
    }
  }
  if (end < 0) fail("no end of central directory");
  const count = archive.readUInt16LE(end + 10);
  const directorySize = archive.readUInt32LE(end + 12);
  const directoryOffset = archive.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) fail("ZIP64 is not supported here");
  if (directoryOffset + directorySize !== end) fail("the central directory does not end where the end record starts");

  const entries: ZipEntry[] = [];
  let cursor = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(cursor) !== CENTRAL) fail(`entry ${index} has no central header`);
    const flags = archive.readUInt16LE(cursor + 8);
    const method = archive.readUInt16LE(cursor + 10);
    const crc = archive.readUInt32LE(cursor + 16);
    const compressedSize = archive.readUInt32LE(cursor + 20);
    const size = archive.readUInt32LE(cursor + 24);
    const nameLength = archive.readUInt16LE(cursor + 28);
    const extraLength = archive.readUInt16LE(cursor + 30);
    const commentLength = archive.readUInt16LE(cursor + 32);
    const localOffset = archive.readUInt32LE(cursor + 42);
    const name = archive.subarray(cursor + 46, cursor + 46 + nameLength).toString(flags & 0x800 ? "utf8" : "latin1");
    cursor += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) fail(`${name} is encrypted`);
    if (archive.readUInt32LE(localOffset) !== LOCAL) fail(`${name} has no local header`);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) fail(`${name} runs past the end of the archive`);
    const bytes = method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : fail(`${name} uses compression method ${method}`);
    if (bytes.length !== size) fail(`${name} is ${bytes.length} bytes, the directory says ${size}`);
    if (crc32(bytes) !== crc) fail(`${name} fails its CRC-32`);
    entries.push({ name, bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  if (cursor !== end) fail("the central directory holds more than its entries");
  return entries;
}
