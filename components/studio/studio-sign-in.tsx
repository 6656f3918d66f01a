"use client";

import { type SignIn, WalletSignIn } from "@/components/wallet/wallet-sign-in";
import { sendJson } from "@/lib/http/send-json";

/** Sign-In with Ethereum (EIP-4361): the server issues a one-time message, the wallet signs it. */
const signInWithEthereum: SignIn = async ({ address, signMessage }) => {
  const challenge = await sendJson<{ message: string }>("POST", "/api/studio/sign-in", { address });
  if (!challenge.ok) return challenge.message;
  const session = await sendJson("POST", "/api/studio/session", { message: challenge.data.message, signature: await signMessage(challenge.data.message) });
  return session.ok ? null : session.message;
};

export function StudioSignIn() {
  return (
    <WalletSignIn
      signIn={signInWithEthereum}
      buttonLabel="Sign in with Ethereum"
      className="flex max-w-xl flex-col gap-3 rounded-xl border border-stone-200 bg-white p-6"
      testId="studio-sign-in"
    >
      <h2 className="text-xl font-semibold">Sell your files</h2>
      <p className="text-stone-600">
        Your wallet is your account: sign a message (free, no transaction) to open your studio. The first sign-in creates your
        creator profile, paid at this wallet until you change it.
      </p>
    </WalletSignIn>
  );
}
