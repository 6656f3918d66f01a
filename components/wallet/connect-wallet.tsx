"use client";

import Image from "next/image";
import { useMutationState } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { type Connector, useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { useBrowserChain } from "./browser-chain-context";
import { NO_WALLET_HELP, describeConnectError, describeSwitchError } from "./describe-wallet-error";
import { clearEarlyConnection, useEarlyConnection } from "./early-connect";
import { EarlyConnected } from "./early-connected";
import { WalletAddress } from "./wallet-address";

const noSubscription = () => () => {};

/** Whether the page has `window.ethereum`; assumed while rendering on the server, checked once hydrated. */
function useHasInjectedProvider(): boolean {
  return useSyncExternalStore(noSubscription, () => "ethereum" in window, () => true);
}

/** Connect, disconnect, and the offer to switch (or add) the store's chain. */
export function ConnectWallet() {
  const chain = useBrowserChain();
  const connection = useConnection();
  const connectors = useConnectors();
  const switchChain = useSwitchChain();
  // Connect first, then ask for the store's network: a declined switch leaves the wallet connected
  // with the switch button, instead of failing the connection as a whole. On the hook, not on
  // `mutate`: a person may take a while to say yes in the wallet, and the checkout may replace this
  // Connect meanwhile; callbacks given to `mutate` never run for a component that is gone.
  const connect = useConnect({
    mutation: {
      onSuccess: ({ chainId }) => {
        if (chainId !== chain.id) switchChain.mutate({ chainId: chain.id });
      },
      onSettled: clearEarlyConnection,
    },
  });
  const disconnect = useDisconnect();
  // The switch may have been asked by the Connect shown while the checkout loaded, since replaced:
  // its outcome comes from the shared mutation cache, the latest switch's.
  const switchError = useMutationState({ filters: { mutationKey: ["switchChain"] }, select: (mutation) => mutation.state.error as Error | null }).at(-1) ?? null;
  const hasInjectedProvider = useHasInjectedProvider();
  const early = useEarlyConnection();
  const connectTo = (connector: Connector) => connect.mutate({ connector });

  // A tap on the placeholder connected the wallet before wagmi loaded (early-connect.ts): wagmi
  // takes that connection over; the wallet already said yes, so it does not ask again.
  const handover = early.status === "connected" ? connectors.find((connector) => connector.id === early.connectorId) : undefined;
  useEffect(() => {
    if (!handover) return;
    if (connection.status === "connected") clearEarlyConnection();
    else if (connection.status === "disconnected" && !connect.isPending) connectTo(handover);
    // connectTo is a new function every render; the handover depends only on these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handover, connection.status, connect.isPending]);

  if (connection.status !== "connected" && early.status === "connected") return <EarlyConnected address={early.address} />;

  if (connection.status === "connected") {
    const wrongChain = connection.chainId !== chain.id;
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="wallet-connected">
        <WalletAddress address={connection.address} />
        {wrongChain && (
          <button
            type="button"
            onClick={() => switchChain.mutate({ chainId: chain.id })}
            className="min-h-11 rounded-lg bg-amber-700 px-3 py-1 font-medium text-white hover:bg-amber-800"
            data-testid="switch-chain"
          >
            Switch to {chain.name}
          </button>
        )}
        <button type="button" onClick={() => disconnect.mutate()} className="min-h-11 px-1 text-stone-600 underline">
          Disconnect
        </button>
        {wrongChain && switchError && (
          <p role="alert" className="w-full text-red-700">
            {describeSwitchError(switchError, chain)}
          </p>
        )}
      </div>
    );
  }

  // The generic "Injected" entry is only useful when no wallet announced itself by name, and only
  // when there is a `window.ethereum` to connect to.
  const error = connect.error ?? (early.status === "failed" ? early.error : null);
  const named = connectors.filter((connector) => connector.id !== "injected");
  const shown = named.length > 0 ? named : connectors.filter(() => hasInjectedProvider);
  return (
    <div className="flex flex-col gap-2" data-testid="wallet-connect">
      <div className="flex flex-wrap gap-2">
        {shown.map((connector) => (
          <button
            key={connector.uid}
            type="button"
            disabled={connect.isPending}
            onClick={() => {
              clearEarlyConnection();
              connectTo(connector);
            }}
            className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:border-stone-500 disabled:opacity-50"
          >
            {connector.icon && <Image src={connector.icon} alt="" width={20} height={20} unoptimized />}
            Connect {connector.name === "Injected" ? "browser wallet" : connector.name}
          </button>
        ))}
        {shown.length === 0 && <p className="text-sm text-stone-600">{NO_WALLET_HELP}</p>}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {describeConnectError(error)}
        </p>
      )}
    </div>
  );
}
