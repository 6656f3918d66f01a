"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { ConnectWallet } from "@/components/wallet/connect-wallet";
import { sendJson } from "@/lib/http/send-json";
import { BUTTON_CLASS } from "./form-field";

/** Sign-In with Ethereum (EIP-4361): the server issues a one-time message, the wallet signs it. */
export function StudioSignIn() {
  const router = useRouter();
  const connection = useConnection();
  const { signMessageAsync } = useSignMessage();
  const [status, setStatus] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function signIn() {
    if (connection.status !== "connected" || status.busy) return;
    setStatus({ busy: true });
    const challenge = await sendJson<{ message: string }>("POST", "/api/studio/sign-in", { address: connection.address });
    if (!challenge.ok) return setStatus({ busy: false, error: challenge.message });
    let signature: `0x${string}`;
    try {
      signature = await signMessageAsync({ message: challenge.data.message });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return setStatus({ busy: false, error: /rejected|denied|4001/i.test(message) ? "You declined to sign in." : "The wallet could not sign; try again." });
    }
    const session = await sendJson("POST", "/api/studio/session", { message: challenge.data.message, signature });
    if (!session.ok) return setStatus({ busy: false, error: session.message });
    setStatus({ busy: false });
    router.refresh();
  }

  return (
    <div className="flex max-w-xl flex-col gap-3 rounded-xl border border-stone-200 bg-white p-6" data-testid="studio-sign-in">
      <h2 className="text-xl font-semibold">Sell your files</h2>
      <p className="text-stone-600">
        Your wallet is your account: sign a message (free, no transaction) to open your studio. The first sign-in creates your
        creator profile, paid at this wallet until you change it.
      </p>
      <ConnectWallet />
      {connection.status === "connected" && (
        <button
          type="button"
          onClick={signIn}
          disabled={status.busy}
          className={BUTTON_CLASS}
        >
          {status.busy ? "Confirm in your wallet…" : "Sign in with Ethereum"}
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
