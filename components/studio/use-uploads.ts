"use client";

import { useState } from "react";
import { formatBytes } from "@/lib/format/bytes";
import { uploadFile } from "./upload-file";

export type UploadRow = { key: string; name: string; loaded: number; total: number; status: "waiting" | "uploading" | "done" | "failed"; message?: string };

export type UploadTarget = { method: "POST" | "PUT"; url: string };

/**
 * Uploads files one after another, keeping a row per file (bytes sent, done, or the store's reason
 * it was refused). A refused file does not stop the others. The rows stay until the next batch so
 * the creator sees what happened to each file.
 */
export function useUploads(maxBytes: number) {
  const [rows, setRows] = useState<UploadRow[]>([]);
  const busy = rows.some((row) => row.status === "waiting" || row.status === "uploading");

  async function run(files: File[], target: UploadTarget): Promise<void> {
    const batch = files.map((file, index) => ({ key: `${Date.now()}-${index}`, name: file.name, loaded: 0, total: file.size, status: "waiting" as const }));
    setRows(batch);
    const update = (key: string, change: Partial<UploadRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
    for (const [index, file] of files.entries()) {
      const { key } = batch[index];
      if (file.size > maxBytes) {
        update(key, { status: "failed", message: `It is over the ${formatBytes(maxBytes)} limit per file.` });
        continue;
      }
      update(key, { status: "uploading" });
      const outcome = await uploadFile({ ...target, file, onProgress: (loaded, total) => update(key, { loaded, total }) });
      update(key, outcome.ok ? { status: "done", loaded: file.size, total: file.size } : { status: "failed", message: outcome.message });
    }
  }

  return { rows, busy, run };
}
