import { type Address, type Hex, parseAbi } from "viem";
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { type RehearsalChain, mintRehearsalUsdc, rehearsalClients, startRehearsalChain } from "../../lib/devnet/rehearsal-chain";
import { freePort } from "../../lib/testing/free-port";
import { type IsolatedDatabase, isolatedDatabase } from "../../lib/testing/isolated-database";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "../../lib/testing/store-process";

export type RehearsalStore = { url: string; chain: RehearsalChain; store: StartedStore; stop(): Promise<void> };

/**
 * The store started for real with NETWORK=base-sepolia against the rehearsal chain (anvil as chain
 * 84532, USDC at Circle's address): what x402 v1 clients, which only know named networks, can pay.
 */
export async function startRehearsalStore(): Promise<RehearsalStore> {
  const chain = await startRehearsalChain({ port: await freePort() });
  let database: IsolatedDatabase | undefined;
  try {
    database = await isolatedDatabase();
    const store = await startStore({
      NETWORK: "base-sepolia",
      RPC_URL: chain.rpcUrl,
      FACILITATOR_PRIVATE_KEY: chain.facilitator.privateKey,
      SEED_DEMO: "true",
      DATABASE_URL: database.url,
      ...NO_RATE_LIMITS,
    });
    const db = database;
    return {
      url: store.url,
      chain,
      store,
      async stop() {
        await stopStore(store);
        await db.drop();
        await chain.anvil.stop();
      },
    };
  } catch (error) {
    await database?.drop();
    await chain.anvil.stop();
    throw error;
  }
}

const USDC_ABI = parseAbi(["function balanceOf(address) view returns (uint256)", "function authorizationState(address, bytes32) view returns (bool)"]);

export function rehearsalReader(chain: RehearsalChain) {
  const { publicClient } = rehearsalClients(chain.rpcUrl);
  return {
    balanceOf: (owner: Address) => publicClient.readContract({ address: chain.usdc, abi: USDC_ABI, functionName: "balanceOf", args: [owner] }),
    authorizationUsed: (owner: Address, nonce: Hex) =>
      publicClient.readContract({ address: chain.usdc, abi: USDC_ABI, functionName: "authorizationState", args: [owner, nonce] }),
  };
}

/** A fresh wallet holding `amount` rehearsal USDC and no ETH (paying is gasless), with its key. */
export async function freshRehearsalBuyer(chain: RehearsalChain, amount: bigint): Promise<{ privateKey: Hex; account: PrivateKeyAccount }> {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  await mintRehearsalUsdc(chain.rpcUrl, account.address, amount);
  return { privateKey, account };
}
