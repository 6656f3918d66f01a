import { type Address, type Hex, type PublicClient, parseAbi } from "viem";

const EIP3009_ABI = parseAbi([
  "function authorizationState(address authorizer, bytes32 nonce) view returns (bool)",
  "event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)",
]);

/** Public RPCs cap eth_getLogs ranges; search in windows this wide. */
const LOG_WINDOW = 2_000n;

export type OnchainOutcome = { used: false } | { used: true; transactionHash: Hex | null };

/**
 * What the token itself says of an authorization: `authorizationState` tells whether its nonce was
 * used, the `AuthorizationUsed` event (searched from `fromBlock`) in which transaction. The chain,
 * not our database, is the record of whether money moved.
 */
export async function readOnchainOutcome(options: {
  client: PublicClient;
  usdc: Address;
  payer: Address;
  nonce: Hex;
  fromBlock: bigint | null;
}): Promise<OnchainOutcome> {
  const { client, usdc, payer, nonce } = options;
  const used = await client.readContract({ address: usdc, abi: EIP3009_ABI, functionName: "authorizationState", args: [payer, nonce] });
  if (!used) return { used: false };
  const latest = await client.getBlockNumber();
  for (let from = options.fromBlock ?? (latest > 50_000n ? latest - 50_000n : 0n); from <= latest; from += LOG_WINDOW) {
    const to = from + LOG_WINDOW - 1n < latest ? from + LOG_WINDOW - 1n : latest;
    const [log] = await client.getLogs({
      address: usdc,
      event: EIP3009_ABI[1],
      args: { authorizer: payer, nonce },
      fromBlock: from,
      toBlock: to,
    });
    if (log) return { used: true, transactionHash: log.transactionHash };
  }
  return { used: true, transactionHash: null };
}
