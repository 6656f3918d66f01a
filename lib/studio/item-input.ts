import { z } from "zod";
import { ITEM_KINDS } from "@/db/schema";
import { minimumProblem, minimumSchema, priceSchema } from "@/lib/money/price";
import { addressSchema } from "@/lib/validation/address";

/** Empty means "pay the creator's payout address". */
const itemPayout = z.string().transform((value, context) => {
  if (value.trim() === "") return null;
  const parsed = addressSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  context.addIssue({ code: "custom", message: parsed.error.issues[0].message });
  return z.NEVER;
});

const itemFields = {
  title: z.string().trim().min(1, "Give the item a title.").max(120, "Keep the title under 120 characters."),
  description: z.string().trim().max(5000, "Keep the description under 5,000 characters."),
  kind: z.enum(ITEM_KINDS, { message: `The kind must be one of: ${ITEM_KINDS.join(", ")}.` }),
  /** The fixed price, or the suggested price of a pay-what-you-want item. */
  price: priceSchema,
  /** Pay-what-you-want minimum ("" or left out: a fixed price). */
  pwywMinimum: minimumSchema,
  payoutAddress: itemPayout,
  refundPolicy: z.string().trim().max(2000, "Keep the refund policy under 2,000 characters."),
  /** A bundle's members, by slug, in the order its page and ZIP show them (db/queries/bundles.ts checks them). */
  bundleItems: z.array(z.string().max(200), { message: "List the included items by slug." }).max(50, "A bundle includes at most 50 items."),
  stamped: z.boolean({ message: "Stamping is on (true) or off (false)." }),
};

/** A new draft item, as the studio form posts it; the price is a decimal USDC string ("4.99"). */
export const newItemSchema = z
  .strictObject({
    ...itemFields,
    description: itemFields.description.default(""),
    pwywMinimum: itemFields.pwywMinimum.prefault(""),
    payoutAddress: itemFields.payoutAddress.prefault(""),
    refundPolicy: itemFields.refundPolicy.default(""),
    bundleItems: itemFields.bundleItems.optional(),
    stamped: itemFields.stamped.default(false),
  })
  .superRefine((item, context) => {
    const problem = minimumProblem(item.price, item.pwywMinimum);
    if (problem) context.addIssue({ code: "custom", path: ["pwywMinimum"], message: problem });
  });

/** Any subset of an item's fields, plus publishing. */
export const itemChangesSchema = z.strictObject({
  title: itemFields.title.optional(),
  description: itemFields.description.optional(),
  kind: itemFields.kind.optional(),
  price: itemFields.price.optional(),
  pwywMinimum: itemFields.pwywMinimum.optional(),
  payoutAddress: itemFields.payoutAddress.optional(),
  refundPolicy: itemFields.refundPolicy.optional(),
  bundleItems: itemFields.bundleItems.optional(),
  stamped: itemFields.stamped.optional(),
  published: z.boolean().optional(),
});

export const profileSchema = z.strictObject({
  displayName: z.string().trim().min(1, "Enter a display name.").max(60, "Keep the display name under 60 characters."),
  payoutAddress: addressSchema,
  bio: z.string().trim().max(1000, "Keep the bio under 1,000 characters.").default(""),
  /** Left out, the choice stays as it was. */
  showSalesCount: z.boolean().optional(),
});

/** `stamped` defaults to off for callers that do not name it. */
export type NewItemInput = Omit<z.output<typeof newItemSchema>, "stamped"> & { stamped?: boolean };
export type ItemChanges = z.output<typeof itemChangesSchema>;
export type ProfileInput = z.output<typeof profileSchema>;
