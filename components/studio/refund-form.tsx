"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { INPUT_CLASS } from "./form-field";

/**
 * Records a refund the creator already sent on-chain, by its transaction; the store checks the
 * transfer before noting it. The fallback of *Refund* (components/studio/refund-sale.tsx) for
 * transfers sent some other way, or sent there but not recorded.
 */
export function RefundForm({
  saleTransaction,
  defaultAmount,
  defaultTransaction = "",
  initiallyOpen = false,
}: {
  saleTransaction: string;
  defaultAmount: string;
  defaultTransaction?: string;
  initiallyOpen?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(initiallyOpen);
  const [values, setValues] = useState({ amount: defaultAmount, refundTransaction: defaultTransaction, note: "" });
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  if (!open) {
    return (
      <button type="button" className="min-h-11 self-start text-sm underline" onClick={() => setOpen(true)}>
        Record a transfer you already sent
      </button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      data-testid="refund-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setState({ busy: true });
        const result = await sendJson("POST", "/api/studio/refunds", { saleTransaction, ...values });
        setState({ busy: false, error: result.ok ? undefined : result.message });
        if (result.ok) {
          setOpen(false);
          router.refresh();
        }
      }}
    >
      <label className="flex flex-col">
        Amount (USDC)
        <input className={`${INPUT_CLASS} w-28`} name="amount" value={values.amount} onChange={(event) => setValues({ ...values, amount: event.target.value })} />
      </label>
      <label className="flex flex-col">
        Your refund transaction
        <input
          className={`${INPUT_CLASS} w-80 font-mono`}
          name="refundTransaction"
          placeholder="0x…"
          value={values.refundTransaction}
          onChange={(event) => setValues({ ...values, refundTransaction: event.target.value })}
        />
      </label>
      <label className="flex flex-col">
        Note
        <input className={INPUT_CLASS} name="note" value={values.note} onChange={(event) => setValues({ ...values, note: event.target.value })} />
      </label>
      <button type="submit" disabled={state.busy} className="rounded-lg bg-stone-800 px-3 py-2 text-white disabled:opacity-60">
        {state.busy ? "Checking the chain…" : "Record"}
      </button>
      {state.error && (
        <p role="alert" className="w-full text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
