"use client";

import { useState } from "react";
import { PAGE_BUTTON_CLASS, PdfReader } from "@/components/preview/pdf-reader";

/** A button that opens an owned PDF in the reader: nothing is fetched (no re-download counted) until asked. */
export function PdfOnRequest({ src, fileName }: { src: string; fileName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <button type="button" className={`self-start ${PAGE_BUTTON_CLASS}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? `Close ${fileName}` : `Read ${fileName}`}
      </button>
      {open && <PdfReader src={src} label={fileName} load="now" />}
    </div>
  );
}
