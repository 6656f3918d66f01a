"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";

const BUTTON_CLASS = "min-h-11 rounded-lg border border-stone-300 px-3 text-sm hover:bg-stone-50 disabled:opacity-60";

function useAction() {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const run = async (method: "POST" | "DELETE", url: string) => {
    setState({ busy: true });
    const result = await sendJson(method, url);
    setState({ busy: false, error: result.ok ? undefined : result.message });
    if (result.ok) router.refresh();
  };
  return { state, run };
}

function ActionError({ error }: { error?: string }) {
  return error ? (
    <span role="alert" className="block text-xs text-red-700">
      {error}
    </span>
  ) : null;
}

/** Sends the event again, now: the same event id and body, so the receiver can tell it has it already. */
export function ResendDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const { state, run } = useAction();
  return (
    <>
      <button type="button" className={BUTTON_CLASS} disabled={state.busy} onClick={() => run("POST", `/api/studio/webhooks/deliveries/${deliveryId}/resend`)}>
        {state.busy ? "Queuing…" : "Resend"}
      </button>
      <ActionError error={state.error} />
    </>
  );
}

export function DeleteWebhookButton({ endpointId, url }: { endpointId: string; url: string }) {
  const { state, run } = useAction();
  return (
    <>
      <button
        type="button"
        className={BUTTON_CLASS}
        aria-label={`Delete the endpoint ${url}`}
        disabled={state.busy}
        onClick={() => {
          if (window.confirm(`Delete ${url}? Its delivery history goes with it; events still waiting are not sent.`)) void run("DELETE", `/api/studio/webhooks/${endpointId}`);
        }}
      >
        Delete
      </button>
      <ActionError error={state.error} />
    </>
  );
}
