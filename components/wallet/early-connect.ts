// React's view of a tap on Connect that the page's inline script (early-connect-script.ts) answered
// before wagmi, or even React, had loaded.
import { useSyncExternalStore } from "react";
import type { EarlyConnection, EarlyConnectWindow } from "./early-connect-script";

export type { EarlyConnection };

const IDLE: EarlyConnection = { status: "idle" };
const noSubscription = () => () => {};

function earlyConnect() {
  return typeof window === "undefined" ? undefined : (window as EarlyConnectWindow).__storefrontWallet;
}

/** Whether a tap can connect before wagmi loads: one wallet in the browser, and the script ran. */
export function canConnectEarly(): boolean {
  return earlyConnect()?.canConnect() ?? false;
}

/** Asks the one wallet for its accounts (the inline script usually did on the tap already). */
export function connectEarly() {
  earlyConnect()?.connect();
}

/** Once wagmi holds the connection, or is asked to connect again, the early one is done. */
export function clearEarlyConnection() {
  earlyConnect()?.reset();
}

/** The early connection, for components (idle while rendering on the server and hydrating). */
export function useEarlyConnection(): EarlyConnection {
  return useSyncExternalStore(
    (listener) => earlyConnect()?.subscribe(listener) ?? noSubscription(),
    () => earlyConnect()?.state ?? IDLE,
    () => IDLE,
  );
}
