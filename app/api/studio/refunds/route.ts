// POST /api/studio/refunds — record a USDC refund the creator sent back to a buyer, against the sale's transaction
import { z } from "zod";
import { getSaleByTransaction, recordRefund } from "@/db/queries/sales";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { parseUsdc } from "@/lib/money/usdc";
import { requireCreator } from "@/lib/studio/current-creator";
import { verifyRefundTransfer } from "@/lib/studio/verify-refund";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const transactionHash = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte transaction hash")
  .transform((value) => value.toLowerCase() as `0x${string}`);

const schema = z.strictObject({
  saleTransaction: transactionHash,
  refundTransaction: transactionHash,
  amount: z.string().transform((value, context) => {
    const parsed = parseUsdc(value);
    if (!parsed.ok || parsed.atomic <= 0n) {
      context.addIssue({ code: "custom", message: parsed.ok ? "The refund must be more than 0 USDC." : parsed.error });
      return z.NEVER;
    }
    return parsed.atomic;
  }),
  note: z.string().trim().max(500).default(""),
});

export async function POST(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, schema);
  if (!input.ok) return input.response;
  const { saleTransaction, refundTransaction, amount, note } = input.data;
  const sale = await getSaleByTransaction({ creatorId: access.creator.id, transactionHash: saleTransaction });
  if (!sale) return apiError(404, { error: "sale_not_found", message: "None of your sales was settled in that transaction." });
  // The sale's payTo and the signed-in wallet, never today's payout address: see verifyRefundTransfer.
  const onChain = await verifyRefundTransfer({ refundTransaction, sale, amountAtomic: amount, creatorWallet: access.creator.walletAddress });
  if (!onChain.ok) return apiError(422, { error: onChain.error, message: onChain.message });
  const recorded = await recordRefund({ paymentId: sale.id, amountAtomic: amount, transactionHash: refundTransaction, note });
  if (!recorded.ok) {
    const message =
      recorded.error === "exceeds_payment"
        ? "Refunds of a sale cannot add up to more than the buyer paid."
        : "That refund transaction is already recorded.";
    return apiError(409, { error: recorded.error, message });
  }
  return Response.json({ id: recorded.refund.id, amountAtomic: recorded.refund.amountAtomic.toString() }, { status: 201 });
}
