"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { FormField, INPUT_CLASS } from "./form-field";

type Profile = { displayName: string; payoutAddress: string; bio: string; showSalesCount: boolean };

export function ProfileForm({ profile }: { profile: Profile }) {
  const router = useRouter();
  const [values, setValues] = useState(profile);
  const [state, setState] = useState<{ busy: boolean; saved?: boolean; message?: string; fields: Record<string, string> }>({ busy: false, fields: {} });
  const set = (field: keyof Profile) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setState({ busy: true, fields: {} });
    const result = await sendJson<Profile>("PATCH", "/api/studio/profile", values);
    if (!result.ok) return setState({ busy: false, message: result.message, fields: result.fields });
    setValues(result.data);
    setState({ busy: false, saved: true, fields: {} });
    router.refresh();
  }

  return (
    <form onSubmit={save} className="flex max-w-xl flex-col gap-4" data-testid="profile-form">
      <FormField label="Display name" error={state.fields.displayName}>
        <input name="displayName" value={values.displayName} onChange={set("displayName")} className={INPUT_CLASS} required maxLength={60} />
      </FormField>
      <FormField label="Payout address" hint="Where buyers' USDC goes. Items can override it." error={state.fields.payoutAddress}>
        <input name="payoutAddress" value={values.payoutAddress} onChange={set("payoutAddress")} className={`${INPUT_CLASS} font-mono`} required />
      </FormField>
      <FormField label="Bio" error={state.fields.bio}>
        <textarea name="bio" value={values.bio} onChange={set("bio")} className={INPUT_CLASS} rows={3} maxLength={1000} />
      </FormField>
      <label className="flex min-h-11 items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="showSalesCount"
          checked={values.showSalesCount}
          onChange={(event) => setValues({ ...values, showSalesCount: event.target.checked })}
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand"
        />
        <span>
          <span className="font-medium">Show how many times each item sold</span>
          <span className="block text-stone-500">On your item pages: paid sales, not counting refunded ones.</span>
        </span>
      </label>
      <button type="submit" disabled={state.busy} className={PRIMARY_BUTTON_CLASS}>
        {state.busy ? "Saving…" : "Save profile"}
      </button>
      {state.saved && <p role="status" className="text-sm text-green-700">Saved.</p>}
      {state.message && !state.saved && (
        <p role="alert" className="text-sm text-red-700">
          {Object.keys(state.fields).length > 0 ? "Check the fields marked above." : state.message}
        </p>
      )}
    </form>
  );
}
