/**
 * Work to finish before the server process exits (closing the embedded database, which loses
 * writes if the process just dies). Kept on a global symbol because Next.js bundles its own copy
 * of every module: the copy that opens the database and the server script must share one list.
 */
type Closer = () => Promise<void>;
const KEY = Symbol.for("x402-storefront.shutdown");

function closers(): Closer[] {
  const global = globalThis as unknown as Record<symbol, Closer[] | undefined>;
  global[KEY] ??= [];
  return global[KEY];
}

export function onShutdown(closer: Closer) {
  closers().push(closer);
}

export async function runShutdown() {
  const pending = closers().splice(0);
  await Promise.allSettled(pending.map((closer) => closer()));
}
