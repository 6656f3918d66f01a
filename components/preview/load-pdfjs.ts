import type * as PdfJs from "pdfjs-dist";

let loading: Promise<typeof PdfJs> | null = null;

/**
 * pdf.js (≈400 KB), fetched on first use only, so that item pages do not carry it in their
 * first-load JavaScript. Its worker comes from this origin (/pdf.worker.mjs), which the page's CSP
 * allows as is: worker-src falls back to script-src 'self'.
 */
export function loadPdfJs(): Promise<typeof PdfJs> {
  loading ??= import("pdfjs-dist").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs";
    return pdfjs;
  });
  return loading;
}
