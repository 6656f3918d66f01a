import { getItemsOfCreator } from "@/db/queries/studio-items";

/** The items a creator's bundle may include: their published items that are not bundles (nor `bundleId` itself). */
export async function bundleCandidatesOf(creatorId: string, bundleId?: string): Promise<{ slug: string; title: string }[]> {
  const items = await getItemsOfCreator({ creatorId });
  return items.filter((item) => item.published && item.kind !== "bundle" && item.id !== bundleId).map(({ slug, title }) => ({ slug, title }));
}
