"use client";

import { type CompleteSIWxInfo, createSIWxPayload, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import { type SignIn, WalletSignIn } from "@/components/wallet/wallet-sign-in";

/** Proves the connected wallet with a Sign-In-With-X signature, from the official extension. */
const signInWithX: SignIn = async ({ address, signMessage }) => {
  const challenge = (await (await fetch("/api/library/challenge")).json()) as CompleteSIWxInfo;
  const payload = await createSIWxPayload(challenge, { address, signMessage: ({ message }: { message: string }) => signMessage(message) }, challenge.uri);
  const response = await fetch("/api/library/session", { method: "POST", headers: { "SIGN-IN-WITH-X": encodeSIWxHeader(payload) } });
  if (response.ok) return null;
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  return body.message ?? "Sign-in failed; try again.";
};

export function LibrarySignIn() {
  return (
    <WalletSignIn signIn={signInWithX} buttonLabel="Sign in with your wallet" className="flex flex-col gap-3" testId="library-sign-in">
      <p className="text-stone-600">
        Your purchases belong to your wallet. Sign a message (free, no transaction) to prove it is yours.
      </p>
    </WalletSignIn>
  );
}
