import { AudioPlayer } from "@/components/preview/audio-player";
import { PdfReader } from "@/components/preview/pdf-reader";
import type { ItemFile } from "@/db/schema";
import { previewPath } from "@/lib/catalog/paths";
import { formatBytes } from "@/lib/format/bytes";

/** The free sample: a player for audio, its pages for a PDF (drawn with pdf.js once scrolled to), and a link to the file. */
export function Preview({ slug, file }: { slug: string; file: ItemFile }) {
  const src = previewPath(slug);
  return (
    <section aria-labelledby="preview-heading" className="flex flex-col gap-3" data-testid="preview">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Free preview
      </h2>
      {file.mimeType.startsWith("audio/") && <AudioPlayer src={src} label="the free preview" preload="metadata" />}
      {file.mimeType === "application/pdf" && <PdfReader src={src} label="the free preview" load="on-tap" />}
      <a href={src} className="text-sm text-brand underline decoration-1 hover:decoration-2 wrap-anywhere" data-testid="preview-link">
        Open the free preview ({file.fileName}, {formatBytes(file.sizeBytes)})
      </a>
    </section>
  );
}
