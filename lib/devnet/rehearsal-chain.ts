import { type Address, type Hex, createPublicClient, createWalletClient, defineChain, getAddress, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { baseSepolia, foundry } from "viem/chains";
import { presetFor } from "@/lib/chain/networks";
import { BUYERS, DEPLOYER, type DevnetAccount, FACILITATOR } from "./accounts";
import { type RunningAnvil, startAnvil } from "./anvil";
import { BUYER_USDC_BALANCE, MULTICALL3_ADDRESS, loadArtifact } from "./deploy";

/** Circle's USDC address on Base Sepolia: where the rehearsal chain's token sits. */
export const BASE_SEPOLIA_USDC = presetFor("base-sepolia").usdc as Address;
/** USDC's EIP-712 name on Base Sepolia (on Base it is "USD Coin"). */
export const BASE_SEPOLIA_USDC_NAME = "USDC";
/** Base makes a block every 2 s; the rehearsal chain does too, so its clock never lags the wall clock. */
const BLOCK_TIME_SECONDS = 2;

/** Anvil posing as Base Sepolia: its chain id, so viem and x402 treat it as the real network. */
export const rehearsalChain = defineChain({ ...foundry, id: baseSepolia.id, name: "Base Sepolia (local rehearsal)" });

export type RehearsalChain = {
  rpcUrl: string;
  chainId: number;
  network: `eip155:${number}`;
  usdc: Address;
  /** Funded with USDC (and, as anvil's well-known accounts, ETH). */
  buyers: DevnetAccount[];
  /** The embedded facilitator's gas wallet for a store on this chain. */
  facilitator: DevnetAccount;
  anvil: RunningAnvil;
};

export function rehearsalClients(rpcUrl: string) {
  const transport = http(rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain: rehearsalChain, transport, pollingInterval: 50 });
  const deployer = createWalletClient({ chain: rehearsalChain, transport, account: privateKeyToAccount(DEPLOYER.privateKey), pollingInterval: 50 });
  return { publicClient, deployer };
}

/**
 * A local chain a store can run against with NETWORK=base-sepolia, unchanged: anvil with Base
 * Sepolia's chain id, a USDC-compatible EIP-3009 token at Circle's address with USDC's EIP-712
 * domain there (name "USDC", version "2"), Multicall3 at its canonical address, funded buyers.
 * x402 v1 clients only know named networks, so this is where they can be tried without real money.
 */
export async function startRehearsalChain(options: { port: number }): Promise<RehearsalChain> {
  const anvil = await startAnvil({ port: options.port, chainId: baseSepolia.id, blockTimeSeconds: BLOCK_TIME_SECONDS });
  try {
    await prepareRehearsalChain(anvil.rpcUrl);
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  return {
    rpcUrl: anvil.rpcUrl,
    chainId: baseSepolia.id,
    network: `eip155:${baseSepolia.id}`,
    usdc: BASE_SEPOLIA_USDC,
    buyers: BUYERS,
    facilitator: FACILITATOR,
    anvil,
  };
}

async function prepareRehearsalChain(rpcUrl: string) {
  const { publicClient, deployer } = rehearsalClients(rpcUrl);
  const { abi, bytecode } = loadArtifact("TestUSDC");
  // Deployed normally first, so that its constructor sets the immutables (name, owner), then its
  // runtime code is copied to Circle's address; the domain separator reads address(this) at run time.
  const hash = await deployer.deployContract({ abi, bytecode, args: [BASE_SEPOLIA_USDC_NAME] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("the rehearsal USDC deployment produced no contract");
  const code = await publicClient.getCode({ address: getAddress(receipt.contractAddress) });
  await setCode(publicClient, BASE_SEPOLIA_USDC, code!);
  await setCode(publicClient, MULTICALL3_ADDRESS, loadArtifact("Multicall3").deployedBytecode);
  for (const buyer of BUYERS) await mintRehearsalUsdc(rpcUrl, buyer.address, BUYER_USDC_BALANCE);
}

function setCode(client: ReturnType<typeof rehearsalClients>["publicClient"], address: Address, code: Hex) {
  return client.request({ method: "anvil_setCode" as never, params: [address, code] as never });
}

/** Mints rehearsal USDC (the deployer owns the token, at Circle's address too: `owner` is immutable). */
export async function mintRehearsalUsdc(rpcUrl: string, to: Address, amount: bigint) {
  const { publicClient, deployer } = rehearsalClients(rpcUrl);
  const { abi } = loadArtifact("TestUSDC");
  const hash = await deployer.writeContract({ address: BASE_SEPOLIA_USDC, abi, functionName: "mint", args: [to, amount] });
  await publicClient.waitForTransactionReceipt({ hash });
}
