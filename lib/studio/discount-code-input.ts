import { z } from "zod";
import { MAX_PRICE_ATOMIC } from "@/lib/money/price";
import { parseUsdc } from "@/lib/money/usdc";
import { normalizeCode } from "@/lib/pricing/code-format";
import { UUID } from "@/lib/validation/uuid";

/**
 * A new discount code as the studio form (or API) sends it: strings as typed. Every problem is a
 * field error a person can act on; the code itself, its items being the creator's own and the
 * code being unused by the creator are checked against the database afterwards.
 */
export const discountCodeSchema = z
  .strictObject({
    code: z.string(),
    kind: z.enum(["percent", "amount"], { message: "Choose percent off or an amount off." }),
    value: z.string(),
    allItems: z.boolean().default(true),
    itemIds: z.array(z.string().regex(UUID, "Choose items from your studio.")).max(200).default([]),
    maxUses: z.string().default(""),
    expiresAt: z.string().default(""),
  })
  .transform((input, context) => {
    const issue = (path: string, message: string) => {
      context.addIssue({ code: "custom", path: [path], message });
      return null;
    };
    // Every field is judged here, in one pass, so that one refusal names all the bad fields at once.
    const code = normalizeCode(input.code) ?? issue("code", "Use 3 to 32 letters, digits or dashes, e.g. LAUNCH20.") ?? "";
    let percentOff: number | null = null;
    let amountOffAtomic: bigint | null = null;
    if (input.kind === "percent") {
      percentOff = /^\d{1,3}$/.test(input.value.trim()) ? Number(input.value.trim()) : NaN;
      if (!(percentOff >= 1 && percentOff <= 100)) issue("value", "Enter a whole percentage from 1 to 100.");
    } else {
      const parsed = parseUsdc(input.value, "amount");
      if (!parsed.ok) issue("value", parsed.error);
      else if (parsed.atomic <= 0n || parsed.atomic > MAX_PRICE_ATOMIC) issue("value", "The amount off must be more than 0 and at most 1,000,000 USDC.");
      else amountOffAtomic = parsed.atomic;
    }
    if (!input.allItems && input.itemIds.length === 0) issue("itemIds", "Choose at least one item, or apply the code to all your items.");
    let maxUses: number | null = null;
    if (input.maxUses.trim() !== "") {
      maxUses = /^\d{1,9}$/.test(input.maxUses.trim()) ? Number(input.maxUses.trim()) : 0;
      if (maxUses < 1) issue("maxUses", "Enter a whole number of uses, 1 or more, or leave it empty for no limit.");
    }
    let expiresAt: Date | null = null;
    if (input.expiresAt.trim() !== "") {
      expiresAt = new Date(input.expiresAt.trim());
      if (Number.isNaN(expiresAt.getTime())) issue("expiresAt", "Enter a date and time, or leave it empty for no expiry.");
      else if (expiresAt.getTime() <= Date.now()) issue("expiresAt", "The expiry must be in the future.");
    }
    return {
      code,
      percentOff: input.kind === "percent" ? percentOff : null,
      amountOffAtomic,
      allItems: input.allItems,
      itemIds: input.allItems ? [] : input.itemIds,
      maxUses,
      expiresAt,
    };
  });

/** Pausing or resuming a code. */
export const discountCodeChangesSchema = z.strictObject({ paused: z.boolean() });
