"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { sendJson } from "@/lib/http/send-json";
import { FormField, INPUT_CLASS, focusFirstInvalid } from "./form-field";

const EVENTS = [
  { type: "sale.settled", label: "A sale settles" },
  { type: "refund.recorded", label: "You record a refund" },
] as const;

type State = { busy: boolean; message?: string; fields: Record<string, string>; secret?: string };

/** Registers an endpoint; its signing secret is shown here once and never again. */
export function WebhookForm({ devnet }: { devnet: boolean }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(EVENTS.map((event) => event.type));
  const [state, setState] = useState<State>({ busy: false, fields: {} });
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(form.current);
  }, [refusals]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ busy: true, fields: {} });
    const result = await sendJson<{ secret: string }>("POST", "/api/studio/webhooks", { url, events });
    if (!result.ok) {
      setState({ busy: false, message: result.message, fields: result.fields });
      setRefusals((count) => count + 1);
      return;
    }
    setUrl("");
    setState({ busy: false, fields: {}, secret: result.data.secret });
    router.refresh();
  }

  return (
    <section className="flex flex-col gap-3" aria-labelledby="new-webhook">
      <h2 id="new-webhook" className="text-lg font-semibold">
        Add an endpoint
      </h2>
      <form ref={form} onSubmit={save} noValidate className="flex max-w-xl flex-col gap-4" data-testid="webhook-form">
        <FormField
          label="Endpoint URL"
          hint={devnet ? "https://…, or http://127.0.0.1:<port>/… on this devnet." : "https://… on a public address."}
          error={state.fields.url}
        >
          <input name="url" type="url" value={url} onChange={(event) => setUrl(event.target.value)} className={`${INPUT_CLASS} font-mono`} required />
        </FormField>
        <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={state.fields.events ? "webhook-events-error" : undefined}>
          <legend className="font-medium">Events</legend>
          {EVENTS.map(({ type, label }) => (
            <label key={type} className="flex min-h-11 items-center gap-3">
              <input
                type="checkbox"
                name="events"
                value={type}
                checked={events.includes(type)}
                onChange={(change) => setEvents(change.target.checked ? [...events, type] : events.filter((each) => each !== type))}
                className="h-5 w-5 accent-brand"
              />
              <span>
                {label} <code className="text-stone-500">{type}</code>
              </span>
            </label>
          ))}
          {state.fields.events && (
            <span id="webhook-events-error" className="text-red-700" data-testid="field-error">
              {state.fields.events}
            </span>
          )}
        </fieldset>
        <button type="submit" disabled={state.busy} className={PRIMARY_BUTTON_CLASS}>
          {state.busy ? "Checking the address…" : "Add endpoint"}
        </button>
        {state.message && (
          <p role="alert" className="text-sm text-red-700">
            {Object.keys(state.fields).length > 0 ? "Check the fields marked above." : state.message}
          </p>
        )}
      </form>
      {state.secret && (
        <div role="status" className="max-w-xl rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="webhook-secret">
          <p className="font-semibold">Signing secret — copy it now, it is not shown again:</p>
          <code className="mt-2 block break-all font-mono" data-testid="webhook-secret-value">
            {state.secret}
          </code>
        </div>
      )}
    </section>
  );
}
