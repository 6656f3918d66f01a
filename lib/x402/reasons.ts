/**
 * Machine-readable reasons for refusing a payment, with the short human message sent beside
 * them. Reasons from the official x402 libraries pass through unchanged; their raw messages do
 * not, because those carry RPC URLs and call data.
 */
const MESSAGES: Record<string, string> = {
  payment_required: "This download costs USDC. Pay with an x402 client and retry with the PAYMENT-SIGNATURE header.",
  invalid_payment_header_too_large: "The payment header is larger than 16 KB.",
  invalid_payment_header_encoding: "The payment header is not valid base64.",
  invalid_payment_header_json: "The payment header does not decode to JSON.",
  invalid_payload: "The payment payload is not a valid x402 payment.",
  invalid_x402_version: "Only x402 version 2 payments, and version 1 payments on Base and Base Sepolia, are accepted here.",
  x402_v1_unavailable: "x402 version 1 payments name their network, and this store's chain (the local devnet) has no v1 name: pay with an x402 v2 client.",
  unsupported_scheme: "Only the exact payment scheme is accepted here.",
  invalid_network: "The payment is for another network than this store's.",
  invalid_exact_evm_asset_mismatch: "The payment is in another asset than this store's USDC.",
  invalid_exact_evm_recipient_mismatch: "The payment is not addressed to this item's creator.",
  invalid_exact_evm_authorization_value: "The payment amount does not match the price.",
  invalid_exact_evm_payload_authorization_value_mismatch: "The signed amount does not match the price.",
  invalid_exact_evm_signature: "The payment signature is not valid for the payer.",
  invalid_exact_evm_payload_authorization_valid_before: "The payment authorization has expired.",
  invalid_exact_evm_payload_authorization_valid_after: "The payment authorization is not valid yet.",
  invalid_exact_evm_insufficient_balance: "The payer does not have enough USDC.",
  invalid_exact_evm_nonce_already_used:
    "This payment authorization has already been used. If it bought this item, download it again with Sign-In-With-X.",
  redelivery_needs_proof:
    "This payment has settled and its signature is public on-chain now: download the item again with Sign-In-With-X as the paying wallet, or retry with the payment-identifier the payment was sent with.",
  redelivery_limit_reached:
    "This payment's header has delivered the item as often as it may. Download it again with Sign-In-With-X as the paying wallet.",
  invalid_payment_identifier: "The payment-identifier id must be 16 to 128 letters, digits, hyphens or underscores.",
  payment_identifier_conflict:
    "This payment-identifier id was already sent with another payment. Retry that payment, or send this one with a new id.",
  authorization_used_elsewhere: "The payer spent this authorization on another transfer; it paid nothing here.",
  authorization_expired: "The payment authorization expired before it was settled. Nothing was charged.",
  invalid_exact_evm_transaction_simulation_failed: "The payment would fail on-chain.",
  invalid_exact_evm_transaction_failed: "The payment could not be settled on-chain. Nothing was charged.",
  invalid_exact_evm_token_name_mismatch: "The payment was signed for another token domain.",
  invalid_exact_evm_token_version_mismatch: "The payment was signed for another token version.",
  facilitator_unavailable: "Payments cannot be processed right now. Nothing was charged; try again shortly.",
  file_unavailable: "The file is temporarily unavailable. Nothing was charged.",
  stamp_file_too_large: "This item's PDF is larger than the store stamps per buyer, so it cannot be sold stamped. Nothing was charged; tell the creator.",
  store_unavailable: "The store cannot serve this right now; try again shortly.",
  settlement_pending: "The payment is settling. Retry the same request shortly; do not sign again.",
  not_found: "No such item in this store.",
  download_link_invalid: "This download link was not issued by this store for this item. Buy the item, or download it again with Sign-In-With-X.",
  download_link_expired: "This download link has expired. Download the item again with Sign-In-With-X as the paying wallet.",
  siwx_no_purchase: "This wallet has not bought this item yet.",
  discount_code_invalid: "No such discount code for this item (unknown, paused, or for other items). Nothing was charged; retry without the code or with another.",
  discount_code_expired: "This discount code has expired. Nothing was charged.",
  discount_code_exhausted: "This discount code has no uses left. Nothing was charged.",
  amount_below_minimum: "The chosen amount is below this item's minimum price.",
  invalid_amount: "The amount must be a plain USDC amount with up to 6 decimals (e.g. 3.50), within the store's maximum, and only on pay-what-you-want items.",
  free_claim_requires_siwx: "This item is free with this query: sign the Sign-In-With-X challenge and send it back to claim it with your wallet.",
  invalid_siwx_payload: "The Sign-In-With-X header is not a valid proof.",
  invalid_siwx_signature: "The Sign-In-With-X signature does not match the wallet.",
  invalid_siwx_domain_mismatch: "The Sign-In-With-X proof was signed for another site.",
  invalid_siwx_issued_at_too_old: "The Sign-In-With-X proof is too old; sign a fresh one.",
  invalid_siwx_expired: "The Sign-In-With-X proof has expired; sign a fresh one.",
  invalid_siwx_nonce_reused: "This Sign-In-With-X proof was already used; sign a fresh one.",
  invalid_siwx_chain_mismatch: "The Sign-In-With-X proof is for another chain; sign the challenge for this store's network.",
  invalid_siwx_resource_mismatch: "The Sign-In-With-X proof was signed for another resource (another item, or the library).",
  invalid_siwx_nonce_unknown: "The Sign-In-With-X proof's nonce was not issued by this store for this resource; sign a fresh challenge.",
};

/** Every reason this store names, each with its message. */
export const REASON_CODES = Object.keys(MESSAGES);

export function reasonMessage(reason: string): string {
  return MESSAGES[reason] ?? "The payment was refused.";
}

/** Keeps a library's reason code but drops anything after it (some append raw error text). */
export function cleanReason(reason: string | undefined, fallback: string): string {
  const code = reason?.split(":")[0]?.trim();
  return code && /^[a-z0-9_]+$/.test(code) ? code : fallback;
}
