"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { ConnectWallet } from "./connect-wallet";
import type { SignIn } from "./wallet-sign-in";

/** The wallet side of components/wallet/wallet-sign-in.tsx, loaded with the wallet stack. */
export function WalletSignInPanel({ signIn, buttonLabel }: { signIn: SignIn; buttonLabel: string }) {
  const router = useRouter();
  const connection = useConnection();
  const { signMessageAsync } = useSignMessage();
  const [status, setStatus] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function start() {
    if (connection.status !== "connected" || status.busy) return;
    setStatus({ busy: true });
    let error: string | null;
    try {
      error = await signIn({ address: connection.address, signMessage: (message) => signMessageAsync({ message }) });
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      error = /rejected|denied|4001/i.test(message) ? "You declined to sign in." : "Sign-in failed; try again.";
    }
    setStatus({ busy: false, error: error ?? undefined });
    if (!error) router.refresh();
  }

  return (
    <>
      <ConnectWallet />
      {connection.status === "connected" && (
        <button
          type="button"
          onClick={start}
          disabled={status.busy}
          className={PRIMARY_BUTTON_CLASS}
        >
          {status.busy ? "Confirm in your wallet…" : buttonLabel}
        </button>
      )}
      {status.error && (
        <p role="alert" className="text-sm text-red-700">
          {status.error}
        </p>
      )}
    </>
  );
}
