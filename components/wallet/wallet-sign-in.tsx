"use client";

import { type ReactNode, lazy } from "react";
import { WalletIsland } from "./wallet-island";

export type SignInWallet = { address: `0x${string}`; signMessage: (message: string) => Promise<`0x${string}`> };
/** Signs in with the wallet; resolves to an error message for the person, or null when signed in. */
export type SignIn = (wallet: SignInWallet) => Promise<string | null>;

const WalletSignInPanel = lazy(() => import("./wallet-sign-in-panel").then((module) => ({ default: module.WalletSignInPanel })));

/**
 * Connect a wallet, then prove it by signing a message (free, no transaction): the shared frame of
 * the library's Sign-In-With-X and the studio's Sign-In with Ethereum, which differ only in `signIn`.
 * The frame and its text render at once; the wallet part loads with the wallet stack.
 */
export function WalletSignIn({ signIn, buttonLabel, className, testId, children }: { signIn: SignIn; buttonLabel: string; className: string; testId: string; children: ReactNode }) {
  return (
    <div className={className} data-testid={testId}>
      {children}
      <WalletIsland>
        <WalletSignInPanel signIn={signIn} buttonLabel={buttonLabel} />
      </WalletIsland>
    </div>
  );
}
