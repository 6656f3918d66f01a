import type { ItemFile } from "@/db/schema";
import { previewPath } from "@/lib/catalog/paths";
import { formatBytes } from "@/lib/format/bytes";

/** The free sample: a player for audio, an embedded reader with a link for documents. */
export function Preview({ slug, file }: { slug: string; file: ItemFile }) {
  const src = previewPath(slug);
  return (
    <section aria-labelledby="preview-heading" className="flex flex-col gap-3" data-testid="preview">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Free preview
      </h2>
      {file.mimeType.startsWith("audio/") ? (
        <audio controls preload="metadata" src={src} className="w-full" data-testid="preview-audio">
          <a href={src}>Download the preview</a>
        </audio>
      ) : (
        <object data={src} type={file.mimeType} className="h-96 w-full rounded-lg border border-stone-200 bg-white">
          <p className="p-4 text-sm">Your browser cannot show this preview inline.</p>
        </object>
      )}
      <a href={src} className="text-sm text-brand hover:underline" data-testid="preview-link">
        Open the free preview ({file.fileName}, {formatBytes(file.sizeBytes)})
      </a>
    </section>
  );
}
