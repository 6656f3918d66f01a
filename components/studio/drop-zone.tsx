"use client";

import { useState } from "react";

/**
 * A file input that is also a drop target. The input stays in the page (visually hidden, not
 * `display: none`), so the zone is reached with Tab, opened with Enter or Space or a click, and
 * named by its label for screen readers.
 */
export function DropZone(props: {
  label: string;
  hint: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  testId: string;
  onFiles: (files: File[]) => void;
}) {
  const { label, hint, accept, multiple = false, disabled = false, testId, onFiles } = props;
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const list = Array.from(files ?? []);
    if (!disabled && list.length > 0) onFiles(multiple ? list : list.slice(0, 1));
  };

  return (
    <label
      data-testid={`${testId}-zone`}
      data-dragging={over || undefined}
      onDragEnter={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragOver={(event) => {
        // Without this the browser opens the dropped file instead of handing it to the page.
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? "none" : "copy";
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        take(event.dataTransfer.files);
      }}
      className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed p-5 text-center text-sm focus-within:ring-2 focus-within:ring-brand focus-within:ring-offset-2 ${
        over ? "border-brand bg-indigo-50" : "border-stone-300 bg-white hover:border-stone-400"
      } ${disabled ? "cursor-wait opacity-60" : ""}`}
    >
      <span className="font-medium">{label}</span>
      <span className="text-stone-600">
        Drop {multiple ? "files" : "a file"} here or <span className="text-brand underline">choose {multiple ? "files" : "one"}</span>
      </span>
      <span className="text-xs text-stone-500">{hint}</span>
      <input
        type="file"
        className="sr-only"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => {
          take(event.target.files);
          event.target.value = "";
        }}
      />
    </label>
  );
}
