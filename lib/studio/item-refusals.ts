import type { BundleRefusal } from "@/db/queries/bundles";
import { formatBytes } from "@/lib/format/bytes";
import { apiError } from "@/lib/http/json-input";

/** An item change the studio refused, with the form field it concerns; nothing was changed. */
export type ItemRefusal =
  | { reason: BundleRefusal; field: "bundleItems" }
  | { reason: "bundle_kind_fixed"; field: "kind" }
  | { reason: "stamp_bundle" | "stamp_file_too_large"; field: "stamped" };

const BUNDLE_MESSAGES: Record<BundleRefusal, string> = {
  bundle_empty: "Choose the items this bundle includes.",
  bundle_too_small: "A bundle includes at least two items.",
  bundle_duplicate_item: "Choose each item once.",
  bundle_includes_itself: "A bundle cannot include itself.",
  bundle_foreign_item: "A bundle includes only your own published items.",
  bundle_nested: "A bundle cannot include another bundle.",
  bundle_sold: "People bought this bundle: what it includes cannot change any more. Create a new bundle instead.",
  not_a_bundle: "Only an item of kind Bundle includes other items.",
};

function messageOf(refusal: ItemRefusal, stampMaxBytes: number): string {
  switch (refusal.reason) {
    case "bundle_kind_fixed":
      return "A bundle stays a bundle, and another item cannot become one: create a new item instead.";
    case "stamp_bundle":
      return "A bundle is not stamped itself: stamp the e-books it includes.";
    case "stamp_file_too_large":
      return `Stamping works on PDFs up to ${formatBytes(stampMaxBytes)}; this item has a larger one.`;
    default:
      return BUNDLE_MESSAGES[refusal.reason];
  }
}

/** The refusal as the studio API's 400: `error` is the machine reason, `fields` the form's message. */
export function itemRefusalResponse(refusal: ItemRefusal, stampMaxBytes: number): Response {
  const message = messageOf(refusal, stampMaxBytes);
  return apiError(400, { error: refusal.reason, message, fields: { [refusal.field]: message } });
}
