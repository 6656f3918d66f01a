"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";

/** Publish or unpublish the item, or delete it while nobody has paid for it. */
export function ItemActions({ itemId, published }: { itemId: string; published: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function run(action: () => ReturnType<typeof sendJson>, after: () => void) {
    setState({ busy: true });
    const result = await action();
    setState({ busy: false, error: result.ok ? undefined : result.message });
    if (result.ok) after();
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={state.busy}
        className={PRIMARY_BUTTON_CLASS}
        onClick={() => run(() => sendJson("PATCH", `/api/studio/items/${itemId}`, { published: !published }), () => router.refresh())}
      >
        {published ? "Unpublish" : "Publish"}
      </button>
      <button
        type="button"
        disabled={state.busy}
        className="text-sm text-red-700 underline"
        onClick={() => {
          if (!window.confirm("Delete this item and its files?")) return;
          void run(() => sendJson("DELETE", `/api/studio/items/${itemId}`), () => router.push("/studio"));
        }}
      >
        Delete item
      </button>
      {state.error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {state.error}
        </p>
      )}
    </div>
  );
}
