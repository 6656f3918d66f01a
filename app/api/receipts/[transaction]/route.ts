// GET /api/receipts/[transaction] — the store's receipt for a settled payment, by transaction hash
import { z } from "zod";
import { getReceiptByTransaction } from "@/db/queries/payments";
import { requestOrigin } from "@/lib/http/request-origin";
import { formatUsdc } from "@/lib/money/usdc";
import { deliveryReceipt } from "@/lib/receipts/delivery-receipt";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const transactionSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

export async function GET(request: Request, { params }: { params: Promise<{ transaction: string }> }) {
  const parsed = transactionSchema.safeParse((await params).transaction);
  if (!parsed.success) {
    return Response.json({ error: "invalid_transaction", message: "A transaction hash is 0x and 64 hex digits." }, { status: 400 });
  }
  const receipt = await getReceiptByTransaction({ transactionHash: parsed.data });
  if (!receipt) return Response.json({ error: "not_found", message: "No settled payment with this transaction." }, { status: 404 });
  return Response.json({
    item: { slug: receipt.itemSlug, title: receipt.itemTitle },
    payer: receipt.payer,
    payTo: receipt.payTo,
    amount: { atomic: receipt.amountAtomic.toString(), display: `${formatUsdc(receipt.amountAtomic)} USDC` },
    // The discount code the price was quoted with, and what it took off (null without one).
    discount: receipt.discountCode ? { code: receipt.discountCode, atomic: (receipt.discountAtomic ?? 0n).toString() } : null,
    asset: receipt.asset,
    network: receipt.network,
    nonce: receipt.nonce,
    status: receipt.status,
    transaction: receipt.transactionHash,
    settledAt: receipt.settledAt?.toISOString() ?? null,
    // A stamped copy's own digest (it differs from the catalog's); null when the catalog's files are what was sent.
    deliveredSha256: receipt.deliveredSha256,
    // The x402 offer-receipt the download carried in PAYMENT-RESPONSE, identical (null without a signing key).
    signedReceipt: await deliveryReceipt({ transactionHash: parsed.data, origin: requestOrigin(request.headers) }),
  });
}
