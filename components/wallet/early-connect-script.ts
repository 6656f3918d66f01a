// The first thing a page runs, inline, long before React hydrates (on a slow phone the framework's
// JavaScript takes seconds to arrive and start): it listens for EIP-6963 wallet announcements and
// for taps on Connect (`data-early-connect`), and answers a tap by asking the one wallet in the
// browser for its accounts. React reads the outcome through early-connect.ts, and wagmi takes the
// connection over when it loads. Written by hand because neither React nor wagmi can act before
// they are loaded, and loading them is the delay.

type Eip1193Provider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };
type AnnouncedWallet = { info: { uuid: string; rdns: string }; provider: Eip1193Provider };

/** Where a tap stands: asking the wallet, connected (wagmi to take over), or refused by the wallet. */
export type EarlyConnection =
  | { status: "idle" }
  | { status: "connecting" }
  | { status: "connected"; connectorId: string; address: `0x${string}` }
  | { status: "failed"; error: Error };

export type EarlyConnect = {
  state: EarlyConnection;
  subscribe(listener: () => void): () => void;
  /** Whether one wallet can be connected without asking which (with several, wagmi's list lets the person pick). */
  canConnect(): boolean;
  connect(): void;
  reset(): void;
};

export type EarlyConnectWindow = Window & { __storefrontWallet?: EarlyConnect; ethereum?: Eip1193Provider };

/**
 * Installs `window.__storefrontWallet`. Serialised into the page with toString(), so it must not
 * use anything outside its own body (no imports, no async/await that a compiler could rewrite
 * into helpers).
 */
export function installEarlyConnect() {
  const page = window as EarlyConnectWindow;
  if (page.__storefrontWallet) return;
  const wallets: AnnouncedWallet[] = [];
  const listeners: (() => void)[] = [];
  const pick = (): { connectorId: string; provider: Eip1193Provider } | null => {
    if (wallets.length === 1) return { connectorId: wallets[0].info.rdns, provider: wallets[0].provider };
    const injected = page.ethereum;
    if (wallets.length === 0 && injected && typeof injected.request === "function") return { connectorId: "injected", provider: injected };
    return null;
  };
  const api: EarlyConnect = {
    state: { status: "idle" },
    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    canConnect: () => pick() !== null,
    connect() {
      const wallet = pick();
      if (!wallet || api.state.status === "connecting" || api.state.status === "connected") return;
      set({ status: "connecting" });
      wallet.provider.request({ method: "eth_requestAccounts" }).then(
        (accounts) => {
          const address = Array.isArray(accounts) ? String(accounts[0]) : "";
          if (/^0x[0-9a-fA-F]{40}$/.test(address)) set({ status: "connected", connectorId: wallet.connectorId, address: address as `0x${string}` });
          else set({ status: "failed", error: new Error("the wallet gave no account") });
        },
        (error: { message?: string; code?: number } | null) => {
          // EIP-1193 errors are often plain objects with a code; the page's messages read it from an Error.
          set({ status: "failed", error: Object.assign(new Error((error && error.message) || "the wallet could not connect"), { code: error && error.code }) });
        },
      );
    },
    reset() {
      if (api.state.status !== "idle") set({ status: "idle" });
    },
  };
  function set(next: EarlyConnection) {
    api.state = next;
    for (const listener of listeners.slice()) listener();
  }
  page.__storefrontWallet = api;
  window.addEventListener("eip6963:announceProvider", (event) => {
    const detail = (event as CustomEvent).detail as AnnouncedWallet | undefined;
    if (!detail || !detail.info || !detail.info.rdns || !detail.provider || typeof detail.provider.request !== "function") return;
    if (!wallets.some((wallet) => wallet.info.uuid === detail.info.uuid)) wallets.push(detail);
  });
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  // Capturing, so a tap works before React has attached its own handlers.
  document.addEventListener(
    "click",
    (event) => {
      if (event.target instanceof Element && event.target.closest("[data-early-connect]")) api.connect();
    },
    true,
  );
}

/** The script tag's body. */
export const EARLY_CONNECT_SCRIPT = `(${installEarlyConnect.toString()})()`;
