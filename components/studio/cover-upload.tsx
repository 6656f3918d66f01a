"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DropZone } from "./drop-zone";
import { UploadProgress } from "./upload-progress";
import { useUploads } from "./use-uploads";

const COVER_TYPES = "image/png,image/jpeg,image/webp,image/gif";

/** The item's cover: shown as the owner sees it (drafts too), replaced by dropping or choosing an image. */
export function CoverUpload({ itemId, hasCover, maxBytes }: { itemId: string; hasCover: boolean; maxBytes: number }) {
  const router = useRouter();
  const [version, setVersion] = useState(0);
  const uploads = useUploads(maxBytes);

  async function choose(files: File[]) {
    await uploads.run(files.slice(0, 1), { method: "PUT", url: `/api/studio/items/${itemId}/cover` });
    setVersion((value) => value + 1);
    router.refresh();
  }

  return (
    <div className="flex w-full flex-col gap-2 text-sm md:w-56">
      {hasCover ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-session image; the optimizer would cache it
        <img src={`/api/studio/items/${itemId}/cover?v=${version}`} alt="Cover" className="h-40 w-40 rounded-lg border border-stone-200 object-cover" />
      ) : (
        <div className="flex h-40 w-40 items-center justify-center rounded-lg border border-dashed border-stone-300 text-stone-500">No cover</div>
      )}
      <DropZone
        label={hasCover ? "Replace cover" : "Add a cover"}
        hint="PNG, JPEG, WebP or GIF."
        accept={COVER_TYPES}
        disabled={uploads.busy}
        testId="cover-input"
        onFiles={(files) => void choose(files)}
      />
      <UploadProgress rows={uploads.rows} />
    </div>
  );
}
