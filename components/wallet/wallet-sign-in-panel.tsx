"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { ConnectWallet } from "./connect-wallet";

export type SignInWallet = { address: `0x${string}`; signMessage: (message: string) => Promise<`0x${string}`> };
/** Signs in with the wallet; resolves to an error message for the person, or null when signed in. */
export type SignIn = (wallet: SignInWallet) => Promise<string | null>;

/**
 * Connect a wallet, then prove it by signing a message (free, no transaction): the shared frame of
 * the library's Sign-In-With-X and the studio's Sign-In with Ethereum, which differ only in `signIn`.
 */
export function WalletSignIn({ signIn, buttonLabel, className, testId, children }: { signIn: SignIn; buttonLabel: string; className: string; testId: string; children: ReactNode }) {
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
    <div className={className} data-testid={testId}>
      {children}
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
    </div>
  );
}
