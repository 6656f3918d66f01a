"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { formatBytes } from "@/lib/format/bytes";
import { sendJson } from "@/lib/http/send-json";
import { DropZone } from "./drop-zone";
import { FileRow, type ManagedFile } from "./file-row";
import { UploadProgress } from "./upload-progress";
import { useUploads } from "./use-uploads";

export type { ManagedFile } from "./file-row";

/** The item's files in order: upload (drop or choose, one or many, with progress), reorder, title, mark the free preview, replace, delete. */
export function FileManager({ itemId, files, maxBytes }: { itemId: string; files: ManagedFile[]; maxBytes: number }) {
  const router = useRouter();
  const [asPreview, setAsPreview] = useState(false);
  const [error, setError] = useState<string>();
  const uploads = useUploads(maxBytes);
  const replaceInput = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<string>();
  const base = `/api/studio/items/${itemId}/files`;

  async function upload(selected: File[], replace?: string) {
    if (selected.length === 0) return;
    setError(undefined);
    if (!replace && asPreview && selected.length > 1) {
      setError("An item has one free preview: choose a single file for it.");
      return;
    }
    const url = replace ? `${base}/${replace}` : `${base}${asPreview ? "?preview=true" : ""}`;
    await uploads.run(selected, { method: replace ? "PUT" : "POST", url });
    // The box is for one upload: left ticked, the next upload would quietly replace the sample.
    if (!replace) setAsPreview(false);
    router.refresh();
  }

  async function change(fileId: string, method: "PATCH" | "DELETE", body?: unknown) {
    setError(undefined);
    const result = await sendJson(method, `${base}/${fileId}`, body);
    if (!result.ok) setError(result.message);
    router.refresh();
  }

  const currentPreview = files.find((file) => file.isPreview);

  return (
    <div className="flex flex-col gap-3" data-testid="file-manager">
      {files.length === 0 ? (
        <p className="text-sm text-stone-600">No files yet. Upload what buyers get; for a course, one file per lesson, in order.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {files.map((file, index) => (
            <FileRow
              key={file.id}
              itemId={itemId}
              file={file}
              index={index}
              count={files.length}
              busy={uploads.busy}
              onChange={(method, body) => change(file.id, method, body)}
              onReplace={() => {
                setReplacing(file.id);
                replaceInput.current?.click();
              }}
            />
          ))}
        </ol>
      )}
      <input
        ref={replaceInput}
        type="file"
        className="hidden"
        data-testid="replace-input"
        onChange={(event) => {
          if (replacing) void upload(Array.from(event.target.files ?? []).slice(0, 1), replacing);
          event.target.value = "";
        }}
      />
      <DropZone
        label="Upload files"
        hint={`Up to ${formatBytes(maxBytes)} each; for a course, one file per lesson.`}
        multiple
        disabled={uploads.busy}
        testId="upload-input"
        onFiles={(selected) => void upload(selected)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={asPreview} onChange={(event) => setAsPreview(event.target.checked)} className="h-4 w-4" />
        as the free preview
      </label>
      {asPreview && (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="preview-replaces">
          The next file you upload is public: anyone can download it free.
          {currentPreview && <> {currentPreview.name} stops being the free preview and becomes a paid file.</>}
        </p>
      )}
      <UploadProgress rows={uploads.rows} />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
