"use client";

import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";

type Minted = { minted: { display: string } };

/** The devnet's faucet (POST /api/devnet/faucet): free test USDC, minted on the local chain. */
export function GetTestUsdc({ wallet, onMinted }: { wallet: string; onMinted: () => Promise<unknown> }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({ busy: false, message: null, failed: false });

  async function mint() {
    setState({ busy: true, message: null, failed: false });
    const result = await sendJson<Minted>("POST", "/api/devnet/faucet", { wallet });
    if (result.ok) await onMinted();
    setState(result.ok ? { busy: false, message: `Added ${result.data.minted.display} to your wallet.`, failed: false } : { busy: false, message: result.message, failed: true });
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
      {state.message && (
        <p role={state.failed ? "alert" : "status"} className={state.failed ? "text-red-800" : "text-green-900"} data-testid="faucet-result">
          {state.message}
        </p>
      )}
    </div>
  );
}
