/**
 * Discount code text: letters, digits and `-`, 3–32 characters, compared case-insensitively
 * (stored and looked up in upper case). Safe for the browser: the studio form checks with it too.
 */
const CODE_PATTERN = /^[A-Za-z0-9-]{3,32}$/;

/** The code in its stored form, or null when the text cannot be a code. */
export function normalizeCode(text: string): string | null {
  const trimmed = text.trim();
  return CODE_PATTERN.test(trimmed) ? trimmed.toUpperCase() : null;
}
