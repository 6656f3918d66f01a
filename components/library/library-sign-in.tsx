"use client";

import { type CompleteSIWxInfo, createSIWxPayload, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { ConnectWallet } from "@/components/wallet/connect-wallet";

/** Proves the connected wallet with a Sign-In-With-X signature (free, no transaction). */
export function LibrarySignIn() {
  const router = useRouter();
  const connection = useConnection();
  const { signMessageAsync } = useSignMessage();
  const [status, setStatus] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function signIn() {
    if (connection.status !== "connected" || status.busy) return;
    setStatus({ busy: true });
    try {
      const challenge = (await (await fetch("/api/library/challenge")).json()) as CompleteSIWxInfo;
      const payload = await createSIWxPayload(
        challenge,
        { address: connection.address, signMessage: ({ message }: { message: string }) => signMessageAsync({ message }) },
        challenge.uri,
      );
      const response = await fetch("/api/library/session", { method: "POST", headers: { "SIGN-IN-WITH-X": encodeSIWxHeader(payload) } });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        setStatus({ busy: false, error: body.message ?? "Sign-in failed; try again." });
        return;
      }
      setStatus({ busy: false });
      router.refresh();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setStatus({ busy: false, error: /rejected|denied|4001/i.test(message) ? "You declined to sign in." : "Sign-in failed; try again." });
    }
  }

  return (
    <div className="flex flex-col gap-3" data-testid="library-sign-in">
      <p className="text-stone-600">
        Your purchases belong to your wallet. Sign a message (free, no transaction) to prove it is yours.
      </p>
      <ConnectWallet />
      {connection.status === "connected" && (
        <button
          type="button"
          onClick={signIn}
          disabled={status.busy}
          className="self-start rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {status.busy ? "Confirm in your wallet…" : "Sign in with your wallet"}
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
