import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../client";
import { getDb } from "../database";
import { type Item, type ItemFile, bundleItems, items, payments } from "../schema";

/** An item a bundle includes, as the bundle's page, catalog entry and ZIP describe it. */
export type BundleMember = Pick<Item, "id" | "slug" | "title" | "kind" | "priceAtomic" | "published" | "stamped">;

/** The members of the given bundles, in the bundle's order, grouped by bundle id. */
export async function getBundleMembers({ bundleIds, db = getDb() }: { bundleIds: string[]; db?: Database | Transaction }): Promise<Map<string, BundleMember[]>> {
  const byBundle = new Map<string, BundleMember[]>(bundleIds.map((id) => [id, []]));
  if (bundleIds.length === 0) return byBundle;
  const rows = await db
    .select({
      bundleId: bundleItems.bundleId,
      member: { id: items.id, slug: items.slug, title: items.title, kind: items.kind, priceAtomic: items.priceAtomic, published: items.published, stamped: items.stamped },
    })
    .from(bundleItems)
    .innerJoin(items, eq(bundleItems.memberId, items.id))
    .where(inArray(bundleItems.bundleId, bundleIds))
    .orderBy(asc(bundleItems.bundleId), asc(bundleItems.position));
  for (const row of rows) byBundle.get(row.bundleId)?.push(row.member);
  return byBundle;
}

/**
 * A bundle's paid files: each member's paid files, in the member's order, named
 * `<member slug>/<file name>` so that the download's ZIP has one folder per member. The rows keep
 * their own ids and item ids: ownership and stamping are decided per member.
 */
export function bundleFiles(members: BundleMember[], filesByItem: Map<string, ItemFile[]>): ItemFile[] {
  return members.flatMap((member) =>
    (filesByItem.get(member.id) ?? []).filter((file) => !file.isPreview).map((file) => ({ ...file, fileName: `${member.slug}/${file.fileName}` })),
  );
}

/** Why a bundle's membership was refused (lib/studio/item-refusals.ts words each for the studio's `bundleItems` field). */
export type BundleRefusal = "bundle_empty" | "bundle_too_small" | "bundle_duplicate_item" | "bundle_includes_itself" | "bundle_foreign_item" | "bundle_nested" | "bundle_sold" | "not_a_bundle";


export type MemberCheck = { ok: true; memberIds: string[] } | { ok: false; reason: BundleRefusal };

/**
 * Checks a bundle's new member list (slugs): at least two distinct published items of the same
 * creator, none of them a bundle or the bundle itself; and once the bundle has a settled sale, no
 * change at all, so that past buyers keep exactly what they bought. Run under the bundle's lock.
 */
export async function checkBundleMembers(
  tx: Transaction,
  { creatorId, bundleId, slugs }: { creatorId: string; bundleId?: string; slugs: string[] },
): Promise<MemberCheck> {
  // The list it has already is no change, even once a member was unpublished (editing a sold bundle's title sends it).
  const current = bundleId ? await currentMembers(tx, bundleId) : [];
  if (current.length > 0 && current.map((member) => member.slug).join() === slugs.join()) return { ok: true, memberIds: current.map((member) => member.id) };
  // Past buyers keep exactly what they bought: a sold bundle's list never changes.
  if (bundleId && (await hasSettledSale(tx, bundleId))) return { ok: false, reason: "bundle_sold" };
  if (slugs.length === 0) return { ok: false, reason: "bundle_empty" };
  if (new Set(slugs).size !== slugs.length) return { ok: false, reason: "bundle_duplicate_item" };
  if (slugs.length < 2) return { ok: false, reason: "bundle_too_small" };
  const rows = await tx.select({ id: items.id, slug: items.slug, kind: items.kind, creatorId: items.creatorId, published: items.published }).from(items).where(inArray(items.slug, slugs));
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const members = slugs.map((slug) => bySlug.get(slug));
  if (bundleId && members.some((member) => member?.id === bundleId)) return { ok: false, reason: "bundle_includes_itself" };
  if (members.some((member) => !member || member.creatorId !== creatorId)) return { ok: false, reason: "bundle_foreign_item" };
  if (members.some((member) => member!.kind === "bundle")) return { ok: false, reason: "bundle_nested" };
  if (members.some((member) => !member!.published)) return { ok: false, reason: "bundle_foreign_item" };
  const memberIds = members.map((member) => member!.id);
  return { ok: true, memberIds };
}

async function currentMembers(tx: Transaction, bundleId: string) {
  return tx
    .select({ id: items.id, slug: items.slug })
    .from(bundleItems)
    .innerJoin(items, eq(bundleItems.memberId, items.id))
    .where(eq(bundleItems.bundleId, bundleId))
    .orderBy(asc(bundleItems.position));
}

async function hasSettledSale(tx: Transaction, itemId: string): Promise<boolean> {
  const [row] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.itemId, itemId), eq(payments.status, "settled"))).limit(1);
  return Boolean(row);
}

/** Replaces a bundle's members with checked ones (checkBundleMembers), in the given order. */
export async function writeBundleMembers(tx: Transaction, { bundleId, memberIds }: { bundleId: string; memberIds: string[] }) {
  await tx.delete(bundleItems).where(eq(bundleItems.bundleId, bundleId));
  if (memberIds.length > 0) await tx.insert(bundleItems).values(memberIds.map((memberId, position) => ({ bundleId, memberId, position })));
}

/** How many items a bundle includes, read under the bundle's lock when publishing it. */
export async function countBundleMembers(tx: Transaction, bundleId: string): Promise<number> {
  return (await tx.select({ memberId: bundleItems.memberId }).from(bundleItems).where(eq(bundleItems.bundleId, bundleId))).length;
}

/** Whether the item is in any bundle: such an item cannot be deleted, since the bundle delivers it. */
export async function isBundleMember(tx: Transaction, itemId: string): Promise<boolean> {
  const [row] = await tx.select({ bundleId: bundleItems.bundleId }).from(bundleItems).where(eq(bundleItems.memberId, itemId)).limit(1);
  return Boolean(row);
}
