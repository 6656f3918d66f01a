"use client";

import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import { useEffect, useRef, useState } from "react";
import { loadPdfJs } from "./load-pdfjs";

type Props = {
  /** A same-origin URL of the PDF (the public preview, or a library file sent with the session cookie). */
  src: string;
  /** What the document is, for screen readers: "the free preview", "lesson-1.pdf". */
  label: string;
  /**
   * "on-tap": a button loads it (item pages: pdf.js and its worker are 1.5 MB, more than the rest of
   * the page's JavaScript, which a phone should not pay for unasked); "now": at once (the library,
   * after a click).
   */
  load: "on-tap" | "now";
};

type Reader = { state: "idle" } | { state: "ready"; doc: PDFDocumentProxy } | { state: "failed" };

export const PAGE_BUTTON_CLASS =
  "min-h-11 rounded-lg border border-stone-300 bg-white px-4 text-sm font-medium text-stone-800 hover:bg-stone-50 disabled:opacity-50";

/** A PDF drawn page by page into a canvas with pdf.js, fitted to its column's width (phones too). */
export function PdfReader({ src, label, load }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [wanted, setWanted] = useState(load === "now");
  const [reader, setReader] = useState<Reader>({ state: "idle" });
  const [pageNumber, setPageNumber] = useState(1);

  useEffect(() => {
    if (!wanted) return;
    let task: ReturnType<typeof import("pdfjs-dist").getDocument> | null = null;
    let cancelled = false;
    // One request for the whole file: range requests would each count as a library re-download.
    loadPdfJs()
      .then((pdfjs) => {
        if (cancelled) return null;
        task = pdfjs.getDocument({ url: src, isEvalSupported: false, disableRange: true });
        return task.promise;
      })
      .then(
        (doc) => doc && !cancelled && setReader({ state: "ready", doc }),
        () => !cancelled && setReader({ state: "failed" }),
      );
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [wanted, src]);

  useEffect(() => {
    if (reader.state !== "ready" || !canvas.current) return;
    const element = canvas.current;
    let render: RenderTask | null = null;
    let cancelled = false;
    void reader.doc.getPage(pageNumber).then(async (page) => {
      if (cancelled) return;
      // Drawn at the column's width in device pixels; CSS keeps it fitted if the column changes.
      const fit = element.parentElement!.clientWidth / page.getViewport({ scale: 1 }).width;
      const viewport = page.getViewport({ scale: fit * (window.devicePixelRatio || 1) });
      element.width = Math.floor(viewport.width);
      element.height = Math.floor(viewport.height);
      render = page.render({ canvas: element, viewport });
      await render.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [reader, pageNumber]);

  if (reader.state === "failed") {
    return (
      <p role="alert" className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="pdf-reader">
        The pages could not be shown here; open the file instead.
      </p>
    );
  }
  if (reader.state === "idle") {
    return (
      <div data-testid="pdf-reader" className="flex aspect-[1/1.29] w-full items-center justify-center rounded-lg border border-stone-200 bg-stone-50">
        {wanted ? (
          <p role="status" className="text-sm text-stone-600">
            Loading the pages…
          </p>
        ) : (
          <button type="button" className={PAGE_BUTTON_CLASS} onClick={() => setWanted(true)}>
            Show the pages of {label}
          </button>
        )}
      </div>
    );
  }
  const count = reader.doc.numPages;
  return (
    <div data-testid="pdf-reader" className="flex flex-col gap-2">
      <div className="overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm">
        <canvas ref={canvas} data-testid="pdf-page" role="img" aria-label={`Page ${pageNumber} of ${count} of ${label}`} className="block h-auto w-full" />
      </div>
      <nav aria-label={`Pages of ${label}`} className="flex items-center justify-between gap-2">
        <button type="button" className={PAGE_BUTTON_CLASS} disabled={pageNumber === 1} onClick={() => setPageNumber(pageNumber - 1)}>
          Previous page
        </button>
        <p data-testid="pdf-page-status" aria-live="polite" className="text-sm tabular-nums text-stone-700">
          Page {pageNumber} of {count}
        </p>
        <button type="button" className={PAGE_BUTTON_CLASS} disabled={pageNumber === count} onClick={() => setPageNumber(pageNumber + 1)}>
          Next page
        </button>
      </nav>
    </div>
  );
}
