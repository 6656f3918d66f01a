"use client";

import { useId, useState } from "react";
import { formatUsdc } from "@/lib/money/usdc";
import { reasonMessage } from "@/lib/x402/reasons";

export type ItemPricingProps = { mode: "fixed"; amount: string } | { mode: "pwyw"; minimum: string; suggested: string };

/** The price the store quoted for this page's choices: what the checkout pays, at `query`. */
export type PriceQuote = { amountAtomic: bigint; query: string; code: string | null };

const INPUT = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base aria-invalid:border-red-600";

/** The 402's amount (or 0 for a free claim), or the 400's reason: the store's own answer for this query. */
async function askStore(downloadPath: string, query: string): Promise<{ ok: true; amountAtomic: bigint } | { ok: false; reason: string }> {
  const response = await fetch(`${downloadPath}${query}`, { headers: { accept: "application/json" } });
  const header = response.headers.get("payment-required");
  if (response.status === 402 && header) {
    const bytes = Uint8Array.from(atob(header), (char) => char.charCodeAt(0));
    const required = JSON.parse(new TextDecoder().decode(bytes)) as { accepts: { amount: string }[] };
    return { ok: true, amountAtomic: BigInt(required.accepts[0]?.amount ?? "0") };
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { ok: false, reason: body.error ?? "store_unavailable" };
}

/**
 * "Have a code?" and, for pay-what-you-want, the amount: asks the download URL itself (the 402
 * an agent would get) so the page shows the price the payment will be signed for, before the
 * wallet is asked anything. A refusal is shown by its field and leaves the last quote standing.
 */
export function PriceChooser({ pricing, downloadPath, onQuote }: { pricing: ItemPricingProps; downloadPath: string; onQuote: (quote: PriceQuote) => void }) {
  const id = useId();
  const [amount, setAmount] = useState(pricing.mode === "pwyw" ? pricing.suggested : "");
  const [code, setCode] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: { field: "amount" | "code"; message: string }; applied?: string }>({ busy: false });

  async function update(event: React.FormEvent) {
    event.preventDefault();
    const search = new URLSearchParams();
    if (code.trim()) search.set("code", code.trim());
    if (pricing.mode === "pwyw") search.set("amount", amount.trim());
    const query = search.size ? `?${search}` : "";
    setState({ busy: true });
    const answer = await askStore(downloadPath, query).catch(() => ({ ok: false as const, reason: "store_unavailable" }));
    if (!answer.ok) {
      const field = answer.reason.startsWith("discount_code") ? "code" : "amount";
      return setState({ busy: false, error: { field, message: reasonMessage(answer.reason) } });
    }
    setState({ busy: false, applied: code.trim() ? code.trim().toUpperCase() : undefined });
    onQuote({ amountAtomic: answer.amountAtomic, query, code: code.trim() ? code.trim().toUpperCase() : null });
  }

  const errorFor = (field: "amount" | "code") => (state.error?.field === field ? state.error.message : undefined);
  return (
    <form onSubmit={update} noValidate className="flex flex-col gap-3 text-sm" data-testid="price-chooser">
      {pricing.mode === "pwyw" && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-amount`} className="font-medium">
            Your price (USDC)
          </label>
          <input
            id={`${id}-amount`}
            name="amount"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            inputMode="decimal"
            className={INPUT}
            aria-invalid={errorFor("amount") ? true : undefined}
            aria-describedby={`${id}-amount-note`}
          />
          <span id={`${id}-amount-note`} className={errorFor("amount") ? "text-red-700" : "text-stone-600"} data-testid={errorFor("amount") ? "price-error" : undefined}>
            {errorFor("amount") ?? `Pay what you want: ${pricing.minimum} USDC or more, ${pricing.suggested} suggested.`}
          </span>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-code`} className="font-medium">
          Have a code?
        </label>
        <input
          id={`${id}-code`}
          name="code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoCapitalize="characters"
          className={`${INPUT} font-mono uppercase`}
          aria-invalid={errorFor("code") ? true : undefined}
          aria-describedby={errorFor("code") ? `${id}-code-error` : undefined}
        />
        {errorFor("code") && (
          <span id={`${id}-code-error`} className="text-red-700" data-testid="price-error">
            {errorFor("code")}
          </span>
        )}
      </div>
      <button type="submit" disabled={state.busy} className="min-h-11 self-start rounded-lg border border-stone-300 bg-white px-4 py-2 font-semibold hover:bg-stone-50 disabled:opacity-60">
        {state.busy ? "Checking…" : "Update price"}
      </button>
      {state.applied && !state.error && (
        <p role="status" className="text-green-900" data-testid="code-applied">
          Code {state.applied} applied.
        </p>
      )}
    </form>
  );
}

/** The quoted price, as the page's headline price. */
export function QuotedPrice({ quote, listAtomic }: { quote: PriceQuote; listAtomic: bigint }) {
  return (
    <span className="font-semibold tabular-nums text-2xl" data-testid="price">
      {formatUsdc(quote.amountAtomic)} <span className="text-sm font-medium text-stone-500">USDC</span>
      {quote.code && quote.amountAtomic < listAtomic && (
        <span className="ml-2 text-sm font-normal text-stone-600 line-through" data-testid="list-price">
          {formatUsdc(listAtomic)} USDC
        </span>
      )}
    </span>
  );
}
