"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { KIND_LABELS } from "@/components/store/kind-label";
import type { ItemKind } from "@/db/schema";
import { sendJson } from "@/lib/http/send-json";
import { priceSchema } from "@/lib/money/price";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { type BundleCandidate, BundleMembersField } from "./bundle-members-field";
import { FormField, INPUT_CLASS, focusFirstInvalid } from "./form-field";

export type ItemFormValues = {
  title: string;
  description: string;
  kind: ItemKind;
  price: string;
  /** Pay-what-you-want minimum; "" sells at the fixed `price`. */
  pwywMinimum: string;
  payoutAddress: string;
  refundPolicy: string;
  /** A bundle's members, by slug. */
  bundleItems: string[];
  stamped: boolean;
};

const EMPTY: ItemFormValues = { title: "", description: "", kind: "ebook", price: "", pwywMinimum: "", payoutAddress: "", refundPolicy: "", bundleItems: [], stamped: false };

/** Creates a draft (no `itemId`) or saves an item's fields; the price is typed in USDC and stored exactly. */
export function ItemForm({
  itemId,
  initial,
  creatorPayout,
  bundleCandidates = [],
}: {
  itemId?: string;
  initial?: ItemFormValues;
  creatorPayout: string;
  /** The creator's published items a bundle may include. */
  bundleCandidates?: BundleCandidate[];
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial ?? EMPTY);
  // The mode is the form's own state: a pay-what-you-want minimum of "" (still being typed) is not a fixed price.
  const [payWhatYouWant, setPayWhatYouWant] = useState((initial ?? EMPTY).pwywMinimum !== "");
  const [state, setState] = useState<{ busy: boolean; saved?: boolean; message?: string; fields: Record<string, string> }>({ busy: false, fields: {} });
  const set = (field: keyof ItemFormValues) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });
  const form = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(form.current);
  }, [refusals]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    // The same price rules as the API, checked here first so a typo is answered without a round trip.
    const price = priceSchema.safeParse(values.price);
    if (!price.success) {
      setState({ busy: false, message: price.error.issues[0].message, fields: { price: price.error.issues[0].message } });
      return setRefusals((count) => count + 1);
    }
    if (payWhatYouWant && values.pwywMinimum.trim() === "") {
      const message = "Enter a minimum (0 lets buyers take it for free).";
      setState({ busy: false, message, fields: { pwywMinimum: message } });
      return setRefusals((count) => count + 1);
    }
    setState({ busy: true, fields: {} });
    // Members go only with a bundle, stamping only with other kinds: the API refuses the rest.
    const { bundleItems, stamped, ...fields } = { ...values, pwywMinimum: payWhatYouWant ? values.pwywMinimum : "" };
    const body = values.kind === "bundle" ? { ...fields, bundleItems } : { ...fields, stamped };
    const result = itemId
      ? await sendJson("PATCH", `/api/studio/items/${itemId}`, body)
      : await sendJson<{ id: string }>("POST", "/api/studio/items", body);
    if (!result.ok) {
      setState({ busy: false, message: result.message, fields: result.fields });
      return setRefusals((count) => count + 1);
    }
    if (itemId) {
      setState({ busy: false, saved: true, fields: {} });
      router.refresh();
    } else {
      // Stays busy until the new page replaces this one, so a second click cannot create a second draft.
      router.push(`/studio/items/${(result.data as { id: string }).id}`);
    }
  }

  return (
    <form ref={form} onSubmit={save} noValidate className="flex max-w-2xl flex-col gap-4" data-testid="item-form">
      <FormField label="Title" error={state.fields.title}>
        <input name="title" value={values.title} onChange={set("title")} className={INPUT_CLASS} required maxLength={120} />
      </FormField>
      <FormField label="Kind" error={state.fields.kind}>
        <select name="kind" value={values.kind} onChange={set("kind")} className={INPUT_CLASS}>
          {(Object.keys(KIND_LABELS) as ItemKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </FormField>
      {values.kind === "bundle" ? (
        <BundleMembersField candidates={bundleCandidates} value={values.bundleItems} onChange={(bundleItems) => setValues({ ...values, bundleItems })} error={state.fields.bundleItems} />
      ) : (
        <FormField label="Stamp PDFs for each buyer" hint="Each page's footer and the metadata name the buyer's wallet and receipt." error={state.fields.stamped}>
          <input type="checkbox" name="stamped" checked={values.stamped} onChange={(event) => setValues({ ...values, stamped: event.target.checked })} className="size-5" />
        </FormField>
      )}
      <fieldset className="flex flex-col gap-2 text-sm" data-testid="pricing-mode">
        <legend className="mb-1 font-medium">Pricing</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="pricingMode" value="fixed" checked={!payWhatYouWant} onChange={() => setPayWhatYouWant(false)} />
          Fixed price
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="pricingMode" value="pwyw" checked={payWhatYouWant} onChange={() => setPayWhatYouWant(true)} />
          Pay what you want (buyers choose, from a minimum)
        </label>
      </fieldset>
      {payWhatYouWant && (
        <FormField label="Minimum (USDC)" hint="0 lets buyers take it for free, signing in with their wallet." error={state.fields.pwywMinimum}>
          <input name="pwywMinimum" value={values.pwywMinimum} onChange={set("pwywMinimum")} className={INPUT_CLASS} inputMode="decimal" placeholder="0.50" />
        </FormField>
      )}
      <FormField
        label={payWhatYouWant ? "Suggested price (USDC)" : "Price (USDC)"}
        hint={payWhatYouWant ? "What the amount field starts at, and what an agent pays without ?amount=." : "In USDC, up to 6 decimals: 3, $3, 3.00 or 0.75."}
        error={state.fields.price}
      >
        <input name="price" value={values.price} onChange={set("price")} className={INPUT_CLASS} inputMode="decimal" placeholder="4.99" required />
      </FormField>
      <FormField label="Description" error={state.fields.description}>
        <textarea name="description" value={values.description} onChange={set("description")} className={INPUT_CLASS} rows={4} maxLength={5000} />
      </FormField>
      <FormField label="Payout address for this item" hint={`Leave empty to be paid at your profile's address (${creatorPayout}).`} error={state.fields.payoutAddress}>
        <input name="payoutAddress" value={values.payoutAddress} onChange={set("payoutAddress")} className={`${INPUT_CLASS} font-mono`} placeholder="0x…" />
      </FormField>
      <FormField label="Refund policy" hint="Shown to buyers before they pay." error={state.fields.refundPolicy}>
        <textarea name="refundPolicy" value={values.refundPolicy} onChange={set("refundPolicy")} className={INPUT_CLASS} rows={2} maxLength={2000} />
      </FormField>
      <button type="submit" disabled={state.busy} className={PRIMARY_BUTTON_CLASS}>
        {state.busy ? "Saving…" : itemId ? "Save changes" : "Create draft"}
      </button>
      {state.saved && itemId && <p role="status" className="text-sm text-green-700">Saved. A new price applies from the next purchase.</p>}
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {Object.keys(state.fields).length > 0 ? "Check the fields marked above." : state.message}
        </p>
      )}
    </form>
  );
}
