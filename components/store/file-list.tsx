import type { ItemFile } from "@/db/schema";
import { formatBytes } from "@/lib/format/bytes";

export function FileList({ files }: { files: ItemFile[] }) {
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Files included">
      {files.map((file) => (
        <li key={file.id} className="flex items-center justify-between gap-4 px-4 py-2 text-sm" data-testid="file-row">
          <span className="min-w-0 font-mono">{file.fileName}</span>
          <span className="shrink-0 tabular-nums text-stone-500">{formatBytes(file.sizeBytes)}</span>
        </li>
      ))}
    </ul>
  );
}
