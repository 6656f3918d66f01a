// The pdf.js worker as an entry of our own bundle: it is served from this origin under /_next/static,
// which the page's CSP already allows for workers (worker-src falls back to script-src 'self').
import "pdfjs-dist/build/pdf.worker.min.mjs";
