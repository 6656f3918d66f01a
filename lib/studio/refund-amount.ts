import { formatUsdc, parseUsdc } from "@/lib/money/usdc";

export type RefundAmount = { ok: true; atomic: bigint } | { ok: false; message: string };

/**
 * The amount a creator typed for a refund, checked before the wallet is asked: more than zero and
 * no more than what is left of the payment. The store checks the same again when recording.
 */
export function checkRefundAmount(input: string, { paidAtomic, refundedAtomic }: { paidAtomic: bigint; refundedAtomic: bigint }): RefundAmount {
  const parsed = parseUsdc(input, "amount");
  if (!parsed.ok) return { ok: false, message: parsed.error };
  if (parsed.atomic <= 0n) return { ok: false, message: "The refund must be more than 0 USDC." };
  const left = paidAtomic - refundedAtomic;
  if (parsed.atomic > left) {
    const already = refundedAtomic > 0n ? ` and ${formatUsdc(refundedAtomic)} is already refunded` : "";
    return { ok: false, message: `You can refund at most ${formatUsdc(left)} USDC: the buyer paid ${formatUsdc(paidAtomic)}${already}.` };
  }
  return { ok: true, atomic: parsed.atomic };
}
