import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

let script: Promise<Buffer> | null = null;

/**
 * pdf.js's worker, read from the installed package (so it always matches the library the page loads) (the store runs from its folder, as `npm start`
 * does). Served by our own route because bundling it as a worker entry is not something the
 * build does: it shipped the entry file as a static asset instead.
 */
export function pdfWorkerScript(): Promise<Buffer> {
  script ??= readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules/pdfjs-dist/build/pdf.worker.min.mjs"));
  return script;
}
