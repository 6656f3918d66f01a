import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

let script: Promise<Buffer> | null = null;

/**
 * pdf.js's worker, read once from the installed package, so it always matches the library the page
 * loads (the store runs from its folder, as `npm start` does). Served by our own route because the
 * build does not bundle a worker entry: it shipped the entry file as a static asset instead. A
 * failed read is not kept, so the next request tries again.
 */
export function pdfWorkerScript(): Promise<Buffer> {
  script ??= readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules/pdfjs-dist/build/pdf.worker.min.mjs")).catch((error: unknown) => {
    script = null;
    throw error;
  });
  return script;
}
