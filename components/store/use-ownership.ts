"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";

const ownershipKey = (slug: string, wallet: string | undefined) => ["ownership", slug, wallet] as const;

/**
 * Whether the connected wallet already bought this item (`GET /api/ownership/<slug>`): `undefined`
 * while unknown. `markOwned` records a purchase this page just made, without asking again.
 */
export function useOwnership(slug: string, wallet: `0x${string}` | undefined) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ownershipKey(slug, wallet),
    enabled: Boolean(wallet),
    queryFn: async () => {
      const response = await fetch(`/api/ownership/${encodeURIComponent(slug)}?wallet=${wallet}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`ownership ${response.status}`);
      return ((await response.json()) as { owned: boolean }).owned;
    },
  });
  return {
    owned: wallet ? query.data : undefined,
    /** True until the first answer for this wallet; an error counts as an answer (Buy checks again at the click). */
    checking: Boolean(wallet) && query.isPending,
    /** Asks the store again; resolves to the answer, or undefined if it could not be had. */
    recheck: async () => (await query.refetch()).data,
    markOwned: () => queryClient.setQueryData(ownershipKey(slug, wallet), true),
  };
}
