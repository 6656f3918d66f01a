"use client";

import Image from "next/image";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { useBrowserChain } from "./browser-chain-context";

const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Connect, disconnect, and the offer to switch (or add) the store's chain. */
export function ConnectWallet() {
  const chain = useBrowserChain();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();

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
            className="rounded-lg bg-amber-500 px-3 py-1 font-medium text-white hover:bg-amber-600"
            data-testid="switch-chain"
          >
            Switch to {chain.name}
          </button>
        )}
        <button type="button" onClick={() => disconnect.mutate()} className="text-stone-600 underline">
          Disconnect
        </button>
        {switchChain.error && (
          <p role="alert" className="w-full text-red-700">
            The wallet did not switch networks. Switch to {chain.name} (chain {chain.id}) in the wallet.
          </p>
        )}
      </div>
    );
  }

  // The generic "Injected" entry is only useful when no wallet announced itself by name.
  const named = connectors.filter((connector) => connector.id !== "injected");
  const shown = named.length > 0 ? named : connectors;
  return (
    <div className="flex flex-col gap-2" data-testid="wallet-connect">
      <div className="flex flex-wrap gap-2">
        {shown.map((connector) => (
          <button
            key={connector.uid}
            type="button"
            disabled={connect.isPending}
            onClick={() => connect.mutate({ connector, chainId: chain.id })}
            className="flex items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:border-stone-500 disabled:opacity-50"
          >
            {connector.icon && <Image src={connector.icon} alt="" width={20} height={20} unoptimized />}
            Connect {connector.name === "Injected" ? "browser wallet" : connector.name}
          </button>
        ))}
        {shown.length === 0 && <p className="text-sm text-stone-600">No wallet found. Install a browser wallet such as MetaMask.</p>}
      </div>
      {connect.error && (
        <p role="alert" className="text-sm text-red-700">
          {/rejected|denied/i.test(connect.error.message) ? "You declined the connection." : "The wallet could not connect."}
        </p>
      )}
    </div>
  );
}
