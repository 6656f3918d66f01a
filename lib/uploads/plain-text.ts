import { type UploadRefusal, refusals } from "./refusals";

const LESS_THAN = 0x3c;

/**
 * What makes "<" start a tag for a browser's HTML tokenizer: an ASCII letter (an element), "!"
 * (doctype, comment, CDATA), "?" (XML declaration, processing instruction) or "/" (an end tag).
 * Any other character after "<" is plain text to every HTML and XML parser.
 */
function opensTag(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x21 || byte === 0x3f || byte === 0x2f;
}

/**
 * Checks a text file as it streams, every byte of it: UTF-8 throughout, no NUL, and no markup
 * anywhere, including a tag split across two chunks. A browser that renders the file as a page
 * (a misconfigured proxy, a "view" link, a user saving it as .html) must find nothing to run.
 * Markup is matched on bytes: in UTF-8 no byte below 0x80 occurs inside a multi-byte character.
 */
export function plainTextScanner() {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  let endsWithLessThan = false;
  return {
    /** The refusal for this chunk's bytes, or null while the text is still plain. */
    push(chunk: Uint8Array): UploadRefusal | null {
      const start = offset;
      offset += chunk.length;
      if (chunk.length === 0) return null;
      if (endsWithLessThan && opensTag(chunk[0])) return refusals.markup(start - 1);
      for (let at = chunk.indexOf(LESS_THAN); at >= 0 && at < chunk.length - 1; at = chunk.indexOf(LESS_THAN, at + 1)) {
        if (opensTag(chunk[at + 1])) return refusals.markup(start + at);
      }
      endsWithLessThan = chunk[chunk.length - 1] === LESS_THAN;
      const nul = chunk.indexOf(0);
      if (nul >= 0) return refusals.notPlainText(start + nul);
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return refusals.notPlainText(start);
      }
      return null;
    },
    /** The refusal for a file that ends inside a multi-byte character, or null. */
    end(): UploadRefusal | null {
      try {
        decoder.decode();
      } catch {
        return refusals.notPlainText(offset);
      }
      return null;
    },
  };
}

/**
 * UTF-16 text, by its byte-order mark or by NUL bytes on every other position (ASCII characters in
 * UTF-16): browsers decode it and may find markup our byte scan cannot see.
 */
export function looksLikeUtf16(head: Uint8Array): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return true;
  const pairs = Math.floor(Math.min(head.length, 1024) / 2);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (head[index] === 0) evenNuls++;
    if (head[index + 1] === 0) oddNuls++;
  }
  const [more, fewer] = evenNuls > oddNuls ? [evenNuls, oddNuls] : [oddNuls, evenNuls];
  return pairs > 0 && more >= pairs / 4 && fewer <= more / 8;
}
