// RPC round trips per payment, store and official baseline, each behind its own counting proxy in
// front of the same devnet. The store is a second one started for this, with RPC_URL at the proxy
// and a facilitator key of its own: the throughput runs stay free of the proxy's extra hop.
import type { PaymentRequirements } from "@x402/core/types";
import { type Hex, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { devnetClients } from "@/lib/devnet/deploy";
import { NO_RATE_LIMITS, startStore, stopStore } from "@/lib/testing/store-process";
import { fundFreshBuyers, payOneByOne } from "./fresh-buyers";
import { startOfficialServer } from "./official-server";
import { perPayment, startRpcCounter } from "./rpc-counter";

export type RpcPerPayment = { total: number; byMethod: string };

/** A new gas wallet for a facilitator, so that no two servers on the devnet share transaction nonces. */
export async function fundedFacilitatorKey(devnet: DevnetFile): Promise<Hex> {
  const key = generatePrivateKey();
  const { publicClient } = devnetClients(devnet.rpcUrl);
  await publicClient.request({
    method: "anvil_setBalance" as never,
    params: [privateKeyToAccount(key).address, `0x${parseEther("100").toString(16)}`] as never,
  });
  return key;
}

export async function storeRpcPerPayment(devnet: DevnetFile, slug: string, payments: number): Promise<RpcPerPayment> {
  const counter = await startRpcCounter(devnet.rpcUrl);
  try {
    const store = await startStore({ ...NO_RATE_LIMITS, RPC_URL: counter.url, FACILITATOR_PRIVATE_KEY: await fundedFacilitatorKey(devnet) });
    try {
      const url = `${store.url}/api/download/${slug}`;
      const buyers = await fundFreshBuyers(devnet, payments + 1);
      // The first payment also initialises the paywall (token domain, facilitator): not per payment.
      await payOneByOne(url, devnet, buyers.slice(0, 1));
      counter.reset();
      await payOneByOne(url, devnet, buyers.slice(1));
      return perPayment(counter.counts(), payments);
    } finally {
      await stopStore(store);
    }
  } finally {
    await counter.close();
  }
}

export async function officialRpcPerPayment(
  devnet: DevnetFile,
  terms: PaymentRequirements,
  file: { bytes: Buffer; mimeType: string },
  payments: number,
): Promise<RpcPerPayment> {
  const counter = await startRpcCounter(devnet.rpcUrl);
  try {
    const server = await startOfficialServer({ devnet, rpcUrl: counter.url, terms, file });
    try {
      const buyers = await fundFreshBuyers(devnet, payments + 1);
      await payOneByOne(server.url, devnet, buyers.slice(0, 1));
      counter.reset();
      await payOneByOne(server.url, devnet, buyers.slice(1));
      return perPayment(counter.counts(), payments);
    } finally {
      await server.close();
    }
  } finally {
    await counter.close();
  }
}
