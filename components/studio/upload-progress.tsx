import { formatBytes } from "@/lib/format/bytes";
import type { UploadRow } from "./use-uploads";

const STATUS_TEXT: Record<UploadRow["status"], string> = { waiting: "Waiting", uploading: "Uploading", done: "Uploaded", failed: "Not uploaded" };

/** One bar per file of the last batch: percent and bytes sent, then done or the reason it was refused. */
export function UploadProgress({ rows }: { rows: UploadRow[] }) {
  if (rows.length === 0) return null;
  return (
    <ul className="flex flex-col gap-3" aria-label="Uploads" data-testid="upload-progress">
      {rows.map((row) => {
        const percent = row.total > 0 ? Math.floor((row.loaded / row.total) * 100) : row.status === "done" ? 100 : 0;
        const failed = row.status === "failed";
        return (
          <li key={row.key} className="flex flex-col gap-1 text-sm" data-testid="upload-row" data-status={row.status}>
            <span className="flex flex-wrap justify-between gap-x-3">
              <span className="min-w-0 font-medium break-all">{row.name}</span>
              <span className="tabular-nums text-stone-600" data-testid="upload-numbers">
                {STATUS_TEXT[row.status]} · {percent}% · {formatBytes(row.loaded)} of {formatBytes(row.total)}
              </span>
            </span>
            <span
              role="progressbar"
              aria-label={`${row.name}: ${STATUS_TEXT[row.status].toLowerCase()}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="block h-2 overflow-hidden rounded-full bg-stone-200"
            >
              <span
                className={`block h-full rounded-full transition-[width] ${failed ? "bg-red-600" : row.status === "done" ? "bg-green-600" : "bg-brand"}`}
                style={{ width: `${failed ? 100 : percent}%` }}
              />
            </span>
            {failed && (
              <span role="alert" className="text-red-700">
                {row.name}: {row.message}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
