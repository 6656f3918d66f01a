const STEPS = [
  { id: "signing", label: "Sign", hint: "in your wallet" },
  { id: "settling", label: "Settle", hint: "on chain" },
  { id: "downloading", label: "Download", hint: "your files" },
] as const;

export type CheckoutStep = (typeof STEPS)[number]["id"] | "done";

/**
 * Where a purchase is: the wallet's signature, then the store settling it on chain (the wallet
 * has nothing left to ask), then the download. The current step carries aria-current="step".
 */
export function CheckoutSteps({ step }: { step: CheckoutStep }) {
  const current = STEPS.findIndex((candidate) => candidate.id === step);
  const reached = step === "done" ? STEPS.length : current;
  return (
    <ol aria-label="Payment steps" className="grid grid-cols-3 gap-2 text-sm" data-testid="checkout-steps">
      {STEPS.map((candidate, index) => {
        const state = index < reached ? "done" : index === current ? "current" : "next";
        return (
          <li
            key={candidate.id}
            aria-current={state === "current" ? "step" : undefined}
            data-state={state}
            className={`flex flex-col rounded-lg border px-2 py-1.5 ${
              state === "current" ? "border-brand bg-indigo-50 text-indigo-950" : state === "done" ? "border-green-300 bg-green-50 text-green-950" : "border-stone-200 text-stone-600"
            }`}
          >
            <span className="font-semibold">
              {state === "done" ? "✓ " : `${index + 1}. `}
              {candidate.label}
            </span>
            <span className="text-xs">{state === "done" ? "done" : candidate.hint}</span>
          </li>
        );
      })}
    </ol>
  );
}
