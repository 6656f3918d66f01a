/**
 * A WAV file's length in seconds from its first bytes: the data chunk's size over the format's
 * byte rate. Null when the header is not a RIFF/WAVE one or the data chunk is past `header`.
 */
export function wavSeconds(header: Uint8Array, fileSize: number): number | null {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const tag = (offset: number) => String.fromCharCode(...header.subarray(offset, offset + 4));
  if (header.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return null;
  let byteRate = 0;
  for (let offset = 12; offset + 8 <= header.length; ) {
    const size = view.getUint32(offset + 4, true);
    if (tag(offset) === "fmt " && offset + 20 <= header.length) byteRate = view.getUint32(offset + 16, true);
    if (tag(offset) === "data") {
      if (byteRate === 0) return null;
      // Streamed recordings may leave the size at its maximum: the file's end bounds it.
      return Math.min(size, fileSize - offset - 8) / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}
