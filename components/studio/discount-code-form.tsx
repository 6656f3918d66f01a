"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { sendJson } from "@/lib/http/send-json";
import { FormField, INPUT_CLASS, focusFirstInvalid } from "./form-field";

const EMPTY = { code: "", kind: "percent" as "percent" | "amount", value: "", allItems: true, itemIds: [] as string[], maxUses: "", expiresAt: "" };

/** Creates a discount code; the API validates every field and answers with a message per field. */
export function DiscountCodeForm({ items }: { items: { id: string; title: string }[] }) {
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [state, setState] = useState<{ busy: boolean; created?: string; message?: string; fields: Record<string, string> }>({ busy: false, fields: {} });
  const form = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(form.current);
  }, [refusals]);
  const set = (field: "code" | "value" | "maxUses" | "expiresAt") => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ busy: true, fields: {} });
    // datetime-local has no zone: it is the buyer's local time, sent as an instant.
    const expiresAt = values.expiresAt && !Number.isNaN(new Date(values.expiresAt).getTime()) ? new Date(values.expiresAt).toISOString() : values.expiresAt;
    const result = await sendJson<{ code: string }>("POST", "/api/studio/discount-codes", { ...values, expiresAt });
    if (!result.ok) {
      setState({ busy: false, message: result.message, fields: result.fields });
      return setRefusals((count) => count + 1);
    }
    setState({ busy: false, created: result.data.code, fields: {} });
    setValues(EMPTY);
    router.refresh();
  }

  return (
    <form ref={form} onSubmit={save} noValidate className="flex max-w-2xl flex-col gap-4" data-testid="discount-code-form">
      <FormField label="Code" hint="3 to 32 letters, digits or dashes; buyers may type it in any case." error={state.fields.code}>
        <input name="code" value={values.code} onChange={set("code")} className={`${INPUT_CLASS} font-mono uppercase`} placeholder="LAUNCH20" />
      </FormField>
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Discount</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" checked={values.kind === "percent"} onChange={() => setValues({ ...values, kind: "percent" })} />
          Percent off
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" checked={values.kind === "amount"} onChange={() => setValues({ ...values, kind: "amount" })} />
          Amount off (USDC)
        </label>
      </fieldset>
      <FormField
        label={values.kind === "percent" ? "Percent off" : "Amount off (USDC)"}
        hint={values.kind === "percent" ? "1 to 100; 100 makes the item free." : "Never takes a price below 0."}
        error={state.fields.value}
      >
        <input name="value" value={values.value} onChange={set("value")} className={INPUT_CLASS} inputMode="decimal" placeholder={values.kind === "percent" ? "20" : "1.00"} />
      </FormField>
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Applies to</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" checked={values.allItems} onChange={() => setValues({ ...values, allItems: true })} />
          All your items
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" checked={!values.allItems} onChange={() => setValues({ ...values, allItems: false })} />
          Chosen items
        </label>
        {!values.allItems && (
          <div className="flex flex-col gap-1 pl-6" role="group" aria-label="Items the code applies to" aria-describedby={state.fields.itemIds ? "code-items-error" : undefined}>
            {items.map((item) => (
              <label key={item.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={values.itemIds.includes(item.id)}
                  onChange={(event) =>
                    setValues({ ...values, itemIds: event.target.checked ? [...values.itemIds, item.id] : values.itemIds.filter((id) => id !== item.id) })
                  }
                  aria-invalid={state.fields.itemIds ? true : undefined}
                />
                {item.title}
              </label>
            ))}
            {state.fields.itemIds && (
              <span id="code-items-error" className="text-red-700" data-testid="field-error">
                {state.fields.itemIds}
              </span>
            )}
          </div>
        )}
      </fieldset>
      <FormField label="Maximum uses" hint="Leave empty for no limit." error={state.fields.maxUses}>
        <input name="maxUses" value={values.maxUses} onChange={set("maxUses")} className={INPUT_CLASS} inputMode="numeric" />
      </FormField>
      <FormField label="Expires" hint="Leave empty for no expiry; your local time." error={state.fields.expiresAt}>
        <input name="expiresAt" type="datetime-local" value={values.expiresAt} onChange={set("expiresAt")} className={INPUT_CLASS} />
      </FormField>
      <button type="submit" disabled={state.busy} className={PRIMARY_BUTTON_CLASS}>
        {state.busy ? "Creating…" : "Create code"}
      </button>
      {state.created && (
        <p role="status" className="text-sm text-green-700">
          {state.created} is active.
        </p>
      )}
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {Object.keys(state.fields).length > 0 ? "Check the fields marked above." : state.message}
        </p>
      )}
    </form>
  );
}
