"use client";

import Image from "next/image";
import { useSyncExternalStore } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { useBrowserChain } from "./browser-chain-context";
import { NO_WALLET_HELP, describeConnectError, describeSwitchError } from "./describe-wallet-error";

const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
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
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();
  const hasInjectedProvider = useHasInjectedProvider();

  if (connection.status === "connected") {
    const wrongChain = connection.chainId !== chain.id;
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="wallet-connected">
        <span className="rounded-full bg-stone-100 px-3 py-1 font-mono" title={connection.address}>
          {shortAddress(connection.address)}
        </span>
        {wrongChain && (
          <button
            type="button"
            onClick={() => switchChain.mutate({ chainId: chain.id })}
            className="min-h-11 rounded-lg bg-amber-500 px-3 py-1 font-medium text-white hover:bg-amber-600"
            data-testid="switch-chain"
          >
            Switch to {chain.name}
          </button>
        )}
        <button type="button" onClick={() => disconnect.mutate()} className="min-h-11 px-1 text-stone-600 underline">
          Disconnect
        </button>
        {wrongChain && switchChain.error && (
          <p role="alert" className="w-full text-red-700">
            {describeSwitchError(switchChain.error, chain)}
          </p>
        )}
      </div>
    );
  }

  // The generic "Injected" entry is only useful when no wallet announced itself by name, and only
  // when there is a `window.ethereum` to connect to.
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
            // Connect first, then ask for the store's network: a declined switch leaves the wallet
            // connected with the switch button, instead of failing the connection as a whole.
            onClick={() =>
              connect.mutate(
                { connector },
                {
                  onSuccess: ({ chainId }) => {
                    if (chainId !== chain.id) switchChain.mutate({ chainId: chain.id });
                  },
                },
              )
            }
            className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:border-stone-500 disabled:opacity-50"
          >
            {connector.icon && <Image src={connector.icon} alt="" width={20} height={20} unoptimized />}
            Connect {connector.name === "Injected" ? "browser wallet" : connector.name}
          </button>
        ))}
        {shown.length === 0 && <p className="text-sm text-stone-600">{NO_WALLET_HELP}</p>}
      </div>
      {connect.error && (
        <p role="alert" className="text-sm text-red-700">
          {describeConnectError(connect.error)}
        </p>
      )}
    </div>
  );
}
