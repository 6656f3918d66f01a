"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { uploadFile } from "./upload-file";

/** The creator's avatar as buyers see it, replaced by choosing an image. */
export function AvatarUpload({ hasAvatar, children }: { hasAvatar: boolean; children: ReactNode }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error?: string; saved?: boolean }>({ busy: false });

  async function choose(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setState({ busy: true });
    const outcome = await uploadFile({ method: "PUT", url: "/api/studio/profile/avatar", file, onProgress: () => {} });
    setState({ busy: false, error: outcome.ok ? undefined : outcome.message, saved: outcome.ok });
    router.refresh();
  }

  return (
    <div className="flex items-center gap-4 text-sm" data-testid="avatar-upload">
      {children}
      <div className="flex min-w-0 flex-col gap-1">
        <label className="flex flex-col gap-1">
          <span className="font-medium">{hasAvatar ? "Replace avatar" : "Add an avatar"} (PNG, JPEG, WebP or GIF, up to 2 MB)</span>
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            disabled={state.busy}
            onChange={(event) => {
              void choose(event.target.files);
              event.target.value = "";
            }}
            className="max-w-full"
            data-testid="avatar-input"
          />
        </label>
        {state.busy && <p role="status">Uploading…</p>}
        {state.saved && <p role="status" className="text-green-700">Avatar saved.</p>}
        {state.error && (
          <p role="alert" className="text-red-700">
            {state.error}
          </p>
        )}
      </div>
    </div>
  );
}
