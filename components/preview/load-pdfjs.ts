import type * as PdfJs from "pdfjs-dist";

let loading: Promise<typeof PdfJs> | null = null;

/**
 * pdf.js (≈400 KB) and its worker, fetched on first use only, so that item pages do not carry
 * them in their first-load JavaScript. One worker serves every reader on the page.
 */
export function loadPdfJs(): Promise<typeof PdfJs> {
  loading ??= import("pdfjs-dist").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort = new Worker(new URL("./pdf-worker.ts", import.meta.url), { type: "module" });
    return pdfjs;
  });
  return loading;
}
