"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { MAX_FILE_TITLE_LENGTH } from "@/lib/studio/file-title";
import { INPUT_CLASS } from "./form-field";

/** The lesson title buyers see in the outline; left empty, the outline shows the file name. */
export function FileTitle({ itemId, file }: { itemId: string; file: { id: string; name: string; title: string | null } }) {
  const router = useRouter();
  const [value, setValue] = useState(file.title ?? "");
  const [state, setState] = useState<{ busy: boolean; saved?: boolean; error?: string }>({ busy: false });
  const errorId = `title-error-${file.id}`;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ busy: true });
    const result = await sendJson("PATCH", `/api/studio/items/${itemId}/files/${file.id}`, { title: value });
    if (!result.ok) return setState({ busy: false, error: result.fields.title ?? result.message });
    setState({ busy: false, saved: true });
    router.refresh();
  }

  return (
    <form onSubmit={save} noValidate className="flex flex-wrap items-center gap-2 sm:pl-9" data-testid="file-title-form">
      <input
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setState({ busy: false });
        }}
        aria-label={`Lesson title for ${file.name}`}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? errorId : undefined}
        placeholder={`Lesson title (empty shows ${file.name})`}
        maxLength={MAX_FILE_TITLE_LENGTH}
        className={`${INPUT_CLASS} min-w-0 grow basis-56 py-1.5 text-sm`}
      />
      <button type="submit" disabled={state.busy} className="min-h-11 rounded-lg border border-stone-300 px-3 font-medium hover:bg-stone-50 disabled:opacity-60">
        Save title
      </button>
      {state.saved && (
        <span role="status" className="text-green-700">
          Saved.
        </span>
      )}
      {state.error && (
        <span id={errorId} role="alert" className="w-full text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
