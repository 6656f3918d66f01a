import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { getPublishedItemsWithFiles } from "@/db/queries/catalog";
import { ITEM_KINDS } from "@/db/schema";
import { toCatalogEntry } from "@/lib/catalog/catalog-entry";
import { getChainConfig } from "@/lib/chain/config";
import { parseUsdc } from "@/lib/money/usdc";
import { toolError, toolSuccess } from "./tool-results";

export const searchCatalogInput = {
  query: z.string().trim().min(1).max(200).optional().describe("Words to find in the title, description or creator name (case-insensitive)."),
  kind: z.enum(ITEM_KINDS).optional().describe("Only items of this kind."),
  maxPriceUsdc: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,6})?$/, "a USDC amount like 1.50 (at most 6 decimals)")
    .optional()
    .describe('Only items costing at most this many USDC, as a decimal string, e.g. "1.50".'),
};

type SearchArgs = { query?: string; kind?: (typeof ITEM_KINDS)[number]; maxPriceUsdc?: string };

/** The published catalog, filtered, as `/api/catalog` describes each item (price, files with sha256, payTo). */
export async function searchCatalog(args: SearchArgs, origin: string): Promise<CallToolResult> {
  try {
    // The schema's pattern is parseUsdc's grammar: a given maximum always parses.
    const max = args.maxPriceUsdc === undefined ? null : parseUsdc(args.maxPriceUsdc);
    const maxAtomic = max?.ok ? max.atomic : null;
    const words = args.query?.toLowerCase().split(/\s+/) ?? [];
    const chain = getChainConfig();
    const items = (await getPublishedItemsWithFiles()).filter((item) => {
      if (args.kind && item.kind !== args.kind) return false;
      if (maxAtomic !== null && item.priceAtomic > maxAtomic) return false;
      const text = `${item.title} ${item.description} ${item.creator.displayName}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
    return toolSuccess({ network: chain.network, asset: chain.usdc, items: items.map((item) => toCatalogEntry(item, origin, chain)) });
  } catch {
    return toolError("store_unavailable", { retryAfterSeconds: 5 });
  }
}
