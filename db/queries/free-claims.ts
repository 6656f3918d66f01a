import "server-only";
import { randomUUID } from "node:crypto";
import type { AppliedDiscount } from "@/lib/pricing/quote";
import { getDb } from "../database";
import { payments } from "../schema";
import { reserveCodeUse } from "./discount-codes";

/** Thrown inside the claim's transaction to undo it: the code had no use left. */
class CodeUnavailable extends Error {}

export type FreeClaim = { itemId: string; buyer: string; payTo: string; network: string; asset: string; discount: AppliedDiscount | null };

/**
 * Records a free claim (a 100 %-off code, or 0 chosen where the minimum is 0) as a settled
 * 0-amount payment: the buyer's receipt and library entry, with no chain transaction. Its nonce
 * is the store's own (`free:` and a random id), never an EIP-3009 one. A code's use is taken in
 * the same transaction, under the same constraint as a paid claim; false when none was left.
 */
export async function recordFreeClaim(claim: FreeClaim): Promise<boolean> {
  try {
    await getDb().transaction(async (tx) => {
      await tx.insert(payments).values({
        itemId: claim.itemId,
        payer: claim.buyer,
        payTo: claim.payTo,
        amountAtomic: 0n,
        asset: claim.asset,
        network: claim.network,
        nonce: `free:${randomUUID()}`,
        status: "settled",
        settledAt: new Date(),
        discountCodeId: claim.discount?.codeId ?? null,
        discountCode: claim.discount?.code ?? null,
        discountAtomic: claim.discount?.discountAtomic ?? null,
      });
      if (claim.discount && !(await reserveCodeUse(tx, { codeId: claim.discount.codeId, itemId: claim.itemId }))) throw new CodeUnavailable();
    });
    return true;
  } catch (error) {
    if (error instanceof CodeUnavailable) return false;
    throw error;
  }
}
