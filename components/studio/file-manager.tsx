"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { formatBytes } from "@/lib/format/bytes";
import { sendJson } from "@/lib/http/send-json";
import { uploadFile } from "./upload-file";

export type ManagedFile = { id: string; name: string; mimeType: string; sizeBytes: number; sha256: string; isPreview: boolean };
type Progress = { name: string; fraction: number };

/** The item's files in order: upload (one or many, with progress), reorder, mark the free preview, replace, delete. */
export function FileManager({ itemId, files, maxBytes }: { itemId: string; files: ManagedFile[]; maxBytes: number }) {
  const router = useRouter();
  const [asPreview, setAsPreview] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string>();
  const replaceInput = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<string>();
  const base = `/api/studio/items/${itemId}/files`;

  async function upload(selected: FileList | null, target?: { method: "PUT"; fileId: string }) {
    if (!selected?.length) return;
    setError(undefined);
    if (!target && asPreview && selected.length > 1) {
      setError("An item has one free preview: choose a single file for it.");
      return;
    }
    for (const file of Array.from(selected)) {
      if (file.size > maxBytes) {
        setError(`${file.name} is ${formatBytes(file.size)}; files may be at most ${formatBytes(maxBytes)}.`);
        break;
      }
      setProgress({ name: file.name, fraction: 0 });
      const outcome = await uploadFile({
        method: target?.method ?? "POST",
        url: target ? `${base}/${target.fileId}` : `${base}${asPreview ? "?preview=true" : ""}`,
        file,
        onProgress: (fraction) => setProgress({ name: file.name, fraction }),
      });
      if (!outcome.ok) {
        setError(`${file.name}: ${outcome.message}`);
        break;
      }
    }
    setProgress(null);
    // The box is for one upload: left ticked, the next upload would quietly replace the sample.
    if (!target) setAsPreview(false);
    router.refresh();
  }

  const busy = progress !== null;
  const currentPreview = files.find((file) => file.isPreview);

  async function change(fileId: string, method: "PATCH" | "DELETE", body?: unknown) {
    setError(undefined);
    const result = await sendJson(method, `${base}/${fileId}`, body);
    if (!result.ok) setError(result.message);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3" data-testid="file-manager">
      {files.length === 0 ? (
        <p className="text-sm text-stone-600">No files yet. Upload what buyers get; for a course, one file per lesson, in order.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {files.map((file, index) => (
            <li key={file.id} className="flex flex-wrap items-center gap-3 p-3 text-sm" data-testid="studio-file">
              <span className="w-6 text-stone-500">{index + 1}.</span>
              <span className="min-w-0 grow basis-64">
                <span className="block font-medium">{file.name}</span>
                <span className="text-stone-500">
                  {file.mimeType} · {formatBytes(file.sizeBytes)} · sha256 {file.sha256.slice(0, 12)}…{file.isPreview && " · free preview"}
                </span>
              </span>
              <button type="button" className="underline disabled:opacity-40" disabled={busy || index === 0} onClick={() => change(file.id, "PATCH", { move: "up" })}>
                Up
              </button>
              <button type="button" className="underline disabled:opacity-40" disabled={busy || index === files.length - 1} onClick={() => change(file.id, "PATCH", { move: "down" })}>
                Down
              </button>
              <button type="button" className="underline disabled:opacity-40" disabled={busy} onClick={() => change(file.id, "PATCH", { isPreview: !file.isPreview })}>
                {file.isPreview ? "Make it paid" : "Make it the free preview"}
              </button>
              <button
                type="button"
                className="underline disabled:opacity-40"
                disabled={busy}
                onClick={() => {
                  setReplacing(file.id);
                  replaceInput.current?.click();
                }}
              >
                Replace
              </button>
              <button type="button" className="text-red-700 underline disabled:opacity-40" disabled={busy} onClick={() => change(file.id, "DELETE")}>
                Delete
              </button>
            </li>
          ))}
        </ol>
      )}
      <input
        ref={replaceInput}
        type="file"
        className="hidden"
        data-testid="replace-input"
        onChange={(event) => {
          if (replacing) void upload(event.target.files, { method: "PUT", fileId: replacing });
          event.target.value = "";
        }}
      />
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <span className="font-medium">Upload files</span>
          <input
            type="file"
            multiple
            disabled={busy}
            data-testid="upload-input"
            onChange={(event) => {
              void upload(event.target.files);
              event.target.value = "";
            }}
          />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={asPreview} onChange={(event) => setAsPreview(event.target.checked)} />
          as the free preview
        </label>
        <span className="text-stone-500">Up to {formatBytes(maxBytes)} each.</span>
      </div>
      {asPreview && (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="preview-replaces">
          The next file you upload is public: anyone can download it free.
          {currentPreview && <> {currentPreview.name} stops being the free preview and becomes a paid file.</>}
        </p>
      )}
      {progress && (
        <div role="status" className="flex items-center gap-3 text-sm" data-testid="upload-progress">
          <progress max={1} value={progress.fraction} className="w-48" />
          Uploading {progress.name}… {Math.round(progress.fraction * 100)}%
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
