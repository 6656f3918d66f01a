// A tap on Connect before wagmi has arrived. On a slow phone the wallet stack takes seconds to
// fetch and start, and a Connect button that waits for it feels broken; so the placeholder asks the
// wallet for its accounts at once over plain EIP-1193, shows the connected address, and wagmi takes
// the connection over when it loads (ConnectWallet). Written by hand because wagmi cannot act before
// it is loaded, and loading it is the delay.

import { useSyncExternalStore } from "react";

type Eip1193Provider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };
type AnnouncedWallet = { info: { uuid: string; rdns: string }; provider: Eip1193Provider };

/** Where a tap stands: asking the wallet, connected (wagmi to take over), or refused by the wallet. */
export type EarlyConnection =
  | { status: "idle" }
  | { status: "connecting" }
  | { status: "connected"; connectorId: string; address: `0x${string}` }
  | { status: "failed"; error: Error };

const IDLE: EarlyConnection = { status: "idle" };
const announcedWallets = new Map<string, AnnouncedWallet>();
let state: EarlyConnection = IDLE;
const listeners = new Set<() => void>();

/** Records an EIP-6963 announcement (wagmi names its connector for it by the wallet's rdns). */
export function rememberAnnouncedWallet(detail: unknown) {
  const wallet = detail as Partial<AnnouncedWallet> | null;
  if (wallet?.info?.uuid && wallet.info.rdns && typeof wallet.provider?.request === "function") {
    announcedWallets.set(wallet.info.uuid, wallet as AnnouncedWallet);
  }
}

/**
 * The one wallet a tap can connect without asking which: the only announced wallet, or a bare
 * `window.ethereum`. With several wallets the person picks from wagmi's list instead.
 */
function walletToConnect(): { connectorId: string; provider: Eip1193Provider } | null {
  const wallets = [...announcedWallets.values()];
  if (wallets.length === 1) return { connectorId: wallets[0].info.rdns, provider: wallets[0].provider };
  const injected = (window as { ethereum?: Eip1193Provider }).ethereum;
  if (wallets.length === 0 && typeof injected?.request === "function") return { connectorId: "injected", provider: injected };
  return null;
}

/** Whether a tap can connect before wagmi loads. */
export function canConnectEarly(): boolean {
  return walletToConnect() !== null;
}

/** Asks the one wallet for its accounts; the outcome is the early connection's state. */
export async function connectEarly(): Promise<void> {
  const wallet = walletToConnect();
  if (!wallet || state.status === "connecting") return;
  setState({ status: "connecting" });
  try {
    const [address] = (await wallet.provider.request({ method: "eth_requestAccounts" })) as string[];
    if (!/^0x[0-9a-fA-F]{40}$/.test(address ?? "")) throw new Error("the wallet gave no account");
    setState({ status: "connected", connectorId: wallet.connectorId, address: address as `0x${string}` });
  } catch (error) {
    // EIP-1193 errors are often plain objects with a code; describeConnectError reads it from an Error.
    const { message, code } = (error ?? {}) as { message?: string; code?: number };
    setState({ status: "failed", error: Object.assign(new Error(message ?? "the wallet could not connect"), { code }) });
  }
}

function setState(next: EarlyConnection) {
  state = next;
  for (const listener of listeners) listener();
}

/** Once wagmi holds the connection, or is asked to connect again, the early one is done. */
export function clearEarlyConnection() {
  if (state.status !== "idle") setState(IDLE);
}

export function subscribeToEarlyConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getEarlyConnection(): EarlyConnection {
  return state;
}

const getIdle = () => IDLE;

/** The early connection, for components (idle while rendering on the server). */
export function useEarlyConnection(): EarlyConnection {
  return useSyncExternalStore(subscribeToEarlyConnection, getEarlyConnection, getIdle);
}
