import { type Address, erc20Abi } from "viem";
import type { ChainConfig } from "@/lib/chain/networks";
import { devnetClients, loadArtifact } from "./deploy";

/** What one press of *Get test USDC* mints: more than any demo item costs. */
export const FAUCET_AMOUNT = 10_000_000n;
/** A wallet holding this much already gets nothing more: the faucet tops up, it does not fill. */
export const FAUCET_CEILING = 100_000_000n;

export type FaucetRefusal = "not_devnet" | "enough_test_usdc";
export type FaucetResult = { ok: true; minted: bigint; balance: bigint } | { ok: false; reason: FaucetRefusal; balance?: bigint };

// One mint at a time per process: the token owner's transactions take consecutive nonces.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Mints FAUCET_AMOUNT of the devnet's test USDC to `to`, from the token's owner (the devnet's
 * deployer, a public anvil key). Refused on any other network, whatever the RPC would allow: on
 * the Base Sepolia rehearsal chain the same key owns the token too.
 */
export function mintTestUsdc({ chain, to }: { chain: ChainConfig; to: Address }): Promise<FaucetResult> {
  if (chain.name !== "devnet") return Promise.resolve({ ok: false, reason: "not_devnet" });
  const next = queue.then(() => mint(chain, to));
  queue = next.catch(() => undefined);
  return next;
}

async function mint(chain: ChainConfig, to: Address): Promise<FaucetResult> {
  const { publicClient, deployer } = devnetClients(chain.rpcUrl);
  const balanceOf = () => publicClient.readContract({ address: chain.usdc, abi: erc20Abi, functionName: "balanceOf", args: [to] });
  const before = await balanceOf();
  if (before >= FAUCET_CEILING) return { ok: false, reason: "enough_test_usdc", balance: before };
  const hash = await deployer.writeContract({ address: chain.usdc, abi: loadArtifact("TestUSDC").abi, functionName: "mint", args: [to, FAUCET_AMOUNT] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error("the test USDC mint reverted");
  return { ok: true, minted: FAUCET_AMOUNT, balance: await balanceOf() };
}
