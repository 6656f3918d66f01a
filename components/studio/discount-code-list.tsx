"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import type { discountCodeJson } from "@/lib/studio/discount-code-json";

type Code = ReturnType<typeof discountCodeJson>;

function describe(code: Code): string {
  const off = code.percentOff !== null ? `${code.percentOff} % off` : `${code.amountOff} USDC off`;
  const scope = code.allItems ? "all your items" : `${code.itemIds.length} ${code.itemIds.length === 1 ? "item" : "items"}`;
  const expiry = code.expiresAt ? `, until ${code.expiresAt.slice(0, 16).replace("T", " ")} UTC` : "";
  return `${off}, ${scope}${expiry}`;
}

/** The creator's codes with uses and revenue; pause, resume or delete each. */
export function DiscountCodeList({ codes }: { codes: Code[] }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy?: string; error?: string }>({});

  async function run(codeId: string, action: () => ReturnType<typeof sendJson>) {
    setState({ busy: codeId });
    const result = await action();
    setState({ error: result.ok ? undefined : result.message });
    if (result.ok) router.refresh();
  }

  if (codes.length === 0) return <p className="text-stone-600">No codes yet.</p>;
  return (
    <>
      <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
        {codes.map((code) => (
          <li key={code.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-4" data-testid="discount-code">
            <span className="min-w-48 flex-1">
              <span className="font-mono font-semibold">{code.code}</span>
              <span className="block text-sm text-stone-600">{describe(code)}</span>
            </span>
            <span className={`rounded-full px-2 py-0.5 text-xs ${code.paused ? "bg-stone-100 text-stone-700" : "bg-green-100 text-green-800"}`}>
              {code.paused ? "Paused" : "Active"}
            </span>
            <span className="text-sm text-stone-700" data-testid="discount-code-usage">
              {code.uses}
              {code.maxUses !== null && ` of ${code.maxUses}`} {code.uses === 1 ? "use" : "uses"} · {code.revenue} USDC revenue
            </span>
            <span className="flex gap-3 text-sm">
              <button
                type="button"
                disabled={state.busy === code.id}
                className="text-brand underline"
                onClick={() => run(code.id, () => sendJson("PATCH", `/api/studio/discount-codes/${code.id}`, { paused: !code.paused }))}
              >
                {code.paused ? `Resume ${code.code}` : `Pause ${code.code}`}
              </button>
              <button
                type="button"
                disabled={state.busy === code.id}
                className="text-red-700 underline"
                onClick={() => {
                  if (!window.confirm(`Delete ${code.code}? Past sales keep showing it.`)) return;
                  void run(code.id, () => sendJson("DELETE", `/api/studio/discount-codes/${code.id}`));
                }}
              >
                Delete {code.code}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </>
  );
}
