import type { x402ResourceServer } from "@x402/core/server";
import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";

export type MatchResult = { ok: true; requirements: PaymentRequirements } | { ok: false; reason: string };

const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * Finds the requirement the payment accepted. When none matches, the official server only says
 * "No matching payment requirements"; this names the field that differs.
 */
export function matchRequirements(
  server: x402ResourceServer,
  available: PaymentRequirements[],
  payload: PaymentPayload,
): MatchResult {
  const matched = server.findMatchingRequirements(available, payload);
  if (matched) return { ok: true, requirements: matched };
  const [expected] = available;
  const accepted = payload.accepted;
  if (!same(accepted.scheme, expected.scheme)) return { ok: false, reason: "unsupported_scheme" };
  if (accepted.network !== expected.network) return { ok: false, reason: "invalid_network" };
  if (!same(accepted.asset, expected.asset)) return { ok: false, reason: "invalid_exact_evm_asset_mismatch" };
  if (!same(accepted.payTo, expected.payTo)) return { ok: false, reason: "invalid_exact_evm_recipient_mismatch" };
  if (accepted.amount !== expected.amount) return { ok: false, reason: "invalid_exact_evm_authorization_value" };
  // A client that signed for another token domain would only learn "invalid signature" later.
  const [acceptedToken, expectedToken] = [accepted.extra ?? {}, expected.extra ?? {}] as { name?: string; version?: string }[];
  if (acceptedToken.name !== expectedToken.name) return { ok: false, reason: "invalid_exact_evm_token_name_mismatch" };
  if (acceptedToken.version !== expectedToken.version) return { ok: false, reason: "invalid_exact_evm_token_version_mismatch" };
  return { ok: false, reason: "invalid_payload" };
}
