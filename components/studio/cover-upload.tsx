"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { uploadFile } from "./upload-file";

/** The item's cover: shown as the owner sees it (drafts too), replaced by choosing an image. */
export function CoverUpload({ itemId, hasCover }: { itemId: string; hasCover: boolean }) {
  const router = useRouter();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function choose(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setState({ busy: true });
    const outcome = await uploadFile({ method: "PUT", url: `/api/studio/items/${itemId}/cover`, file, onProgress: () => {} });
    setState({ busy: false, error: outcome.ok ? undefined : outcome.message });
    setVersion((value) => value + 1);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-2 text-sm">
      {hasCover ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-session image; the optimizer would cache it
        <img src={`/api/studio/items/${itemId}/cover?v=${version}`} alt="Cover" className="h-40 w-40 rounded-lg border border-stone-200 object-cover" />
      ) : (
        <div className="flex h-40 w-40 items-center justify-center rounded-lg border border-dashed border-stone-300 text-stone-500">No cover</div>
      )}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{hasCover ? "Replace cover" : "Add a cover"} (PNG, JPEG, WebP or GIF)</span>
        <input type="file" accept="image/png,image/jpeg,image/webp,image/gif" disabled={state.busy} onChange={(event) => {
            void choose(event.target.files);
            event.target.value = "";
          }} data-testid="cover-input" />
      </label>
      {state.error && (
        <p role="alert" className="text-red-700">
          {state.error}
        </p>
      )}
    </div>
  );
}
