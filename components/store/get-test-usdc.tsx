"use client";

import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";

type Minted = { minted: { display: string } };

/**
 * The devnet's faucet (POST /api/devnet/faucet): free test USDC, minted on the local chain.
 * `onMinted` gets the amount in words; this button usually goes away with the shortfall, so the
 * caller says it.
 */
export function GetTestUsdc({ wallet, onMinted }: { wallet: string; onMinted: (amount: string) => Promise<unknown> }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function mint() {
    setState({ busy: true, error: null });
    const result = await sendJson<Minted>("POST", "/api/devnet/faucet", { wallet });
    setState({ busy: false, error: result.ok ? null : result.message });
    if (result.ok) await onMinted(result.data.minted.display);
  }

  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        onClick={() => void mint()}
        disabled={state.busy}
        className="inline-flex min-h-11 items-center self-start rounded-lg border border-brand bg-white px-4 font-semibold text-brand hover:bg-indigo-50 disabled:opacity-60"
        data-testid="get-test-usdc"
      >
        {state.busy ? "Minting test USDC…" : "Get test USDC"}
      </button>
      {state.error && (
        <p role="alert" className="text-red-800" data-testid="faucet-error">
          {state.error}
        </p>
      )}
    </div>
  );
}
