import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type Abi,
  type Address,
  type Hex,
  createPublicClient,
  createWalletClient,
  getAddress,
  getContractAddress,
  http,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import type { ContractArtifact } from "./compile-contracts";
import { BUYERS, DEPLOYER } from "./accounts";

export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";
/** Each devnet buyer is topped up to this balance (1,000 USDC) whenever the devnet starts. */
export const BUYER_USDC_BALANCE = 1_000_000_000n;
/** The EIP-712 name of Circle's USDC on Base, which the devnet's test USDC copies. */
export const DEVNET_USDC_NAME = "USD Coin";

export function loadArtifact(name: "TestUSDC" | "Multicall3"): ContractArtifact & { abi: Abi } {
  const file = path.join(process.cwd(), "contracts", "artifacts", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as ContractArtifact & { abi: Abi };
}

export function devnetClients(rpcUrl: string) {
  // viem polls every 4 s by default; on anvil a receipt is ready within milliseconds.
  const transport = http(rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 });
  const deployer = createWalletClient({
    chain: foundry,
    transport,
    account: privateKeyToAccount(DEPLOYER.privateKey),
    pollingInterval: 50,
  });
  return { publicClient, deployer };
}

/**
 * Makes a fresh or restored anvil ready for the store: the test USDC deployed (reused when the
 * restored state already has it), Multicall3 at its canonical address, buyers funded.
 */
export async function prepareDevnet(rpcUrl: string): Promise<{ usdc: Address }> {
  const { publicClient, deployer } = devnetClients(rpcUrl);
  const usdcArtifact = loadArtifact("TestUSDC");

  const firstDeployment = getContractAddress({ from: DEPLOYER.address, nonce: 0n });
  const existingCode = await publicClient.getCode({ address: firstDeployment });
  let usdc: Address = firstDeployment;
  if (!existingCode || existingCode === "0x") {
    const hash = await deployer.deployContract({ abi: usdcArtifact.abi, bytecode: usdcArtifact.bytecode, args: [DEVNET_USDC_NAME] });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (!receipt.contractAddress) throw new Error("test USDC deployment produced no contract");
    usdc = getAddress(receipt.contractAddress);
  }

  await publicClient.request({
    method: "anvil_setCode" as never,
    params: [MULTICALL3_ADDRESS, loadArtifact("Multicall3").deployedBytecode] as never,
  });

  const hashes: Hex[] = [];
  for (const buyer of BUYERS) {
    const balance = (await publicClient.readContract({
      address: usdc,
      abi: usdcArtifact.abi,
      functionName: "balanceOf",
      args: [buyer.address],
    })) as bigint;
    if (balance < BUYER_USDC_BALANCE) {
      hashes.push(
        await deployer.writeContract({
          address: usdc,
          abi: usdcArtifact.abi,
          functionName: "mint",
          args: [buyer.address, BUYER_USDC_BALANCE - balance],
        }),
      );
    }
  }
  await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
  return { usdc };
}
