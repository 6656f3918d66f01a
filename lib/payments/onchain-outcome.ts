import { type Address, type Hex, type Log, type PublicClient, encodeEventTopics, isAddressEqual, pad, parseAbi, parseEventLogs, toHex } from "viem";

const EIP3009_ABI = parseAbi([
  "function authorizationState(address authorizer, bytes32 nonce) view returns (bool)",
  "event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)",
  "event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
]);

const AUTHORIZATION_TOPICS = [
  encodeEventTopics({ abi: EIP3009_ABI, eventName: "AuthorizationUsed" })[0],
  encodeEventTopics({ abi: EIP3009_ABI, eventName: "AuthorizationCanceled" })[0],
];

/** Public RPCs cap eth_getLogs ranges; search in windows this wide. */
const LOG_WINDOW = 2_000n;
/** Without a claim block, how far back to look. */
const DEFAULT_LOOKBACK = 50_000n;

export type OnchainOutcome =
  /** Unused so far; `chainTime` is the latest block's timestamp, the clock validBefore is judged by. */
  | { kind: "unused"; chainTime: bigint }
  /** Used by a transaction that moved exactly the amount from the payer to the payee. */
  | { kind: "paid"; transactionHash: Hex }
  /** Used, but not to pay us as claimed (canceled, or spent by the payer on another transfer). */
  | { kind: "used-elsewhere" }
  /** Used, but the transaction was not found in the searched range: undecided. */
  | { kind: "used-unknown" };

export type ClaimedPayment = { payer: Address; payTo: Address; amountAtomic: bigint; nonce: Hex; claimBlock: bigint | null };

/**
 * What the token itself says of an authorization. The chain, not our database, is the record of
 * whether money moved; and "the nonce was used" is not enough, since a payer can spend a nonce on
 * another transfer: the transaction must carry our transfer.
 */
export async function readOnchainOutcome(client: PublicClient, usdc: Address, payment: ClaimedPayment): Promise<OnchainOutcome> {
  const { payer, nonce } = payment;
  const used = await client.readContract({ address: usdc, abi: EIP3009_ABI, functionName: "authorizationState", args: [payer, nonce] });
  if (!used) return { kind: "unused", chainTime: (await client.getBlock()).timestamp };

  // Uncached: a transaction mined a moment ago must be in range.
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  const start = payment.claimBlock ?? (latest > DEFAULT_LOOKBACK ? latest - DEFAULT_LOOKBACK : 0n);
  for (let from = start; from <= latest; from += LOG_WINDOW) {
    const to = from + LOG_WINDOW - 1n < latest ? from + LOG_WINDOW - 1n : latest;
    // Both events share their indexed arguments: one query finds whichever spent the nonce.
    const raw = await client.request({
      method: "eth_getLogs",
      params: [{ address: usdc, topics: [AUTHORIZATION_TOPICS, pad(payer), nonce], fromBlock: toHex(from), toBlock: toHex(to) }],
    });
    const [log] = parseEventLogs({ abi: EIP3009_ABI, logs: raw as Log[] });
    if (!log) continue;
    if (log.eventName === "AuthorizationCanceled") return { kind: "used-elsewhere" };
    const receipt = await client.getTransactionReceipt({ hash: log.transactionHash });
    const paidUs = parseEventLogs({ abi: EIP3009_ABI, eventName: "Transfer", logs: receipt.logs }).some(
      (transfer) =>
        isAddressEqual(transfer.address, usdc) &&
        isAddressEqual(transfer.args.from, payer) &&
        isAddressEqual(transfer.args.to, payment.payTo) &&
        transfer.args.value === payment.amountAtomic,
    );
    return paidUs ? { kind: "paid", transactionHash: log.transactionHash } : { kind: "used-elsewhere" };
  }
  return { kind: "used-unknown" };
}
