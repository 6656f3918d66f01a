"use client";

import { formatBytes } from "@/lib/format/bytes";
import { FileTitle } from "./file-title";

export type ManagedFile = { id: string; name: string; title: string | null; mimeType: string; sizeBytes: number; sha256: string; isPreview: boolean };

const ACTION_CLASS = "min-h-11 underline disabled:opacity-40";

/** One file of the item: what it is, its lesson title, and what can be done with it. */
export function FileRow(props: {
  itemId: string;
  file: ManagedFile;
  index: number;
  count: number;
  busy: boolean;
  onChange: (method: "PATCH" | "DELETE", body?: unknown) => void;
  onReplace: () => void;
}) {
  const { itemId, file, index, count, busy, onChange, onReplace } = props;
  return (
    <li className="flex flex-col gap-2 p-3 text-sm" data-testid="studio-file">
      <span className="flex gap-3">
        <span className="w-6 shrink-0 text-stone-500">{index + 1}.</span>
        <span className="min-w-0 grow">
          <span className="block font-medium break-all">{file.name}</span>
          <span className="break-all text-stone-500">
            {file.mimeType} · {formatBytes(file.sizeBytes)} · sha256 {file.sha256.slice(0, 12)}…{file.isPreview && " · free preview"}
          </span>
        </span>
      </span>
      <FileTitle itemId={itemId} file={file} />
      <span className="flex flex-wrap items-center gap-x-4">
        <button type="button" className={ACTION_CLASS} disabled={busy || index === 0} onClick={() => onChange("PATCH", { move: "up" })}>
          Up
        </button>
        <button type="button" className={ACTION_CLASS} disabled={busy || index === count - 1} onClick={() => onChange("PATCH", { move: "down" })}>
          Down
        </button>
        <button type="button" className={ACTION_CLASS} disabled={busy} onClick={() => onChange("PATCH", { isPreview: !file.isPreview })}>
          {file.isPreview ? "Make it paid" : "Make it the free preview"}
        </button>
        <button type="button" className={ACTION_CLASS} disabled={busy} onClick={onReplace}>
          Replace
        </button>
        <button type="button" className={`${ACTION_CLASS} text-red-700`} disabled={busy} onClick={() => onChange("DELETE")}>
          Delete
        </button>
      </span>
    </li>
  );
}
