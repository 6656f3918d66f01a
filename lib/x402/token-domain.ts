import { type Address, type PublicClient, parseAbi } from "viem";

const DOMAIN_ABI = parseAbi(["function name() view returns (string)", "function version() view returns (string)"]);

/** EIP-712 domain names of Circle's USDC per chain: a wrong name makes every signature invalid. */
export const EXPECTED_TOKEN_NAMES: Record<number, string> = { 8453: "USD Coin", 84532: "USDC", 31337: "USD Coin" };

export type TokenDomain = { name: string; version: string };

/** Reads the token's real EIP-712 name and version from the chain. */
export async function readTokenDomain(client: PublicClient, token: Address): Promise<TokenDomain> {
  const [name, version] = await Promise.all([
    client.readContract({ address: token, abi: DOMAIN_ABI, functionName: "name" }),
    client.readContract({ address: token, abi: DOMAIN_ABI, functionName: "version" }),
  ]);
  return { name, version };
}

/** Why this domain cannot be used on this chain, or null. */
export function tokenDomainProblem(chainId: number, domain: TokenDomain): string | null {
  const expected = EXPECTED_TOKEN_NAMES[chainId];
  if (expected && domain.name !== expected) {
    return `the USDC contract's EIP-712 name is "${domain.name}", expected "${expected}" on chain ${chainId}; check USDC_ADDRESS`;
  }
  if (domain.version !== "2") {
    return `the USDC contract's EIP-712 version is "${domain.version}", expected "2"; check USDC_ADDRESS`;
  }
  return null;
}
