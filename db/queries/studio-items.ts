import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, lt, max, ne, notExists, or, sql } from "drizzle-orm";
import type { ItemChanges, NewItemInput } from "@/lib/studio/item-input";
import type { ItemRefusal } from "@/lib/studio/item-refusals";
import type { Transaction } from "../client";
import { getDb } from "../database";
import { type BundleMember, checkBundleMembers, getBundleMembers, countBundleMembers, isBundleMember, writeBundleMembers } from "./bundles";
import { countCreatorItems } from "./quotas";
import { type Item, type ItemFile, type ItemKind, type NewItemFile, bundleItems, itemFiles, items, payments } from "../schema";

/** An item as the studio edits it; a bundle with its members. */
export type StudioItem = Item & { files: ItemFile[]; bundle?: BundleMember[] };

/** A creator's items, drafts included, newest first. */
export async function getItemsOfCreator({ creatorId }: { creatorId: string }): Promise<Item[]> {
  return getDb().query.items.findMany({ where: eq(items.creatorId, creatorId), orderBy: [desc(items.createdAt), asc(items.slug)] });
}

/** One of the creator's items with its files, or null when it does not exist or is someone else's. */
export async function getCreatorItem({ creatorId, itemId }: { creatorId: string; itemId: string }): Promise<StudioItem | null> {
  const item = await getDb().query.items.findFirst({ where: and(eq(items.id, itemId), eq(items.creatorId, creatorId)) });
  if (!item) return null;
  const files = await getDb().query.itemFiles.findMany({ where: eq(itemFiles.itemId, itemId), orderBy: asc(itemFiles.position) });
  if (item.kind !== "bundle") return { ...item, files };
  return { ...item, files, bundle: (await getBundleMembers({ bundleIds: [itemId] })).get(itemId) };
}

function slugFromTitle(title: string): string {
  const base = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "item";
}

export type CreateItemResult = { ok: true; item: Item } | { ok: false; error: "item_quota_exceeded" } | { ok: false; error: "refused"; refusal: ItemRefusal };

/**
 * A new draft with a URL slug from its title; the slug never changes, so links and agents keep
 * working. Refused when the creator already has `maxItems`, counted under the creator's lock so
 * that concurrent requests (in any process) cannot pass it together.
 */
export async function createItem({ creatorId, input, maxItems }: { creatorId: string; input: NewItemInput; maxItems: number }): Promise<CreateItemResult> {
  const base = slugFromTitle(input.title);
  return getDb().transaction(async (tx) => {
    if ((await countCreatorItems({ creatorId, tx })) >= maxItems) return { ok: false, error: "item_quota_exceeded" } as const;
    if (input.stamped && input.kind === "bundle") return { ok: false, error: "refused", refusal: { reason: "stamp_bundle", field: "stamped" } } as const;
    const members = input.bundleItems ?? [];
    if (input.kind !== "bundle" && members.length > 0) return { ok: false, error: "refused", refusal: { reason: "not_a_bundle", field: "bundleItems" } } as const;
    // A new bundle may start without members (they are chosen on its page); any it names are checked.
    const checked = input.kind === "bundle" && members.length > 0 ? await checkBundleMembers(tx, { creatorId, slugs: members }) : { ok: true as const, memberIds: [] };
    if (!checked.ok) return { ok: false, error: "refused", refusal: { reason: checked.reason, field: "bundleItems" } } as const;
    for (const slug of [base, `${base}-${randomBytes(3).toString("hex")}`, `${base}-${randomBytes(6).toString("hex")}`]) {
      const [item] = await tx
        .insert(items)
        .values({
          creatorId,
          slug,
          title: input.title,
          description: input.description,
          kind: input.kind,
          priceAtomic: input.price,
          pwywMinimumAtomic: input.pwywMinimum,
          payoutAddress: input.payoutAddress,
          refundPolicy: input.refundPolicy,
          stamped: input.stamped ?? false,
          published: false,
        })
        .onConflictDoNothing({ target: items.slug })
        .returning();
      if (item) {
        await writeBundleMembers(tx, { bundleId: item.id, memberIds: checked.memberIds });
        return { ok: true, item } as const;
      }
    }
    throw new Error(`no free slug for "${input.title}"`);
  });
}

export type UpdateItemResult = { ok: true; item: Item } | { ok: false; error: "not_found" | "no_files" } | { ok: false; error: "refused"; refusal: ItemRefusal };

/**
 * Changes an item's fields, a bundle's members and stamping; publishing needs a paid file (a
 * bundle: its members). All checked under the item's lock, and a refusal changes nothing.
 */
export async function updateItem({
  creatorId,
  itemId,
  changes,
  stampMaxBytes,
}: {
  creatorId: string;
  itemId: string;
  changes: ItemChanges;
  stampMaxBytes: number;
}): Promise<UpdateItemResult> {
  const { price, pwywMinimum, bundleItems: members, ...rest } = changes;
  return getDb().transaction(async (tx) => {
    const [locked] = await tx.select({ id: items.id, kind: items.kind }).from(items).where(and(eq(items.id, itemId), eq(items.creatorId, creatorId))).for("update");
    if (!locked) return { ok: false, error: "not_found" } as const;
    const refusal = await refusalOf(tx, { creatorId, itemId, kind: locked.kind, changes, stampMaxBytes });
    if (refusal) return { ok: false, error: "refused", refusal } as const;
    if (members !== undefined) {
      const checked = await checkBundleMembers(tx, { creatorId, bundleId: itemId, slugs: members });
      if (!checked.ok) return { ok: false, error: "refused", refusal: { reason: checked.reason, field: "bundleItems" } } as const;
      await writeBundleMembers(tx, { bundleId: itemId, memberIds: checked.memberIds });
    }
    if (changes.published) {
      const ready =
        locked.kind === "bundle"
          ? (await countBundleMembers(tx, itemId)) >= 2
          : Boolean((await tx.select({ id: itemFiles.id }).from(itemFiles).where(and(eq(itemFiles.itemId, itemId), eq(itemFiles.isPreview, false))).limit(1))[0]);
      if (!ready && locked.kind === "bundle") return { ok: false, error: "refused", refusal: { reason: "bundle_too_small", field: "bundleItems" } } as const;
      if (!ready) return { ok: false, error: "no_files" } as const;
    }
    const [item] = await tx
      .update(items)
      .set({ ...rest, ...(price === undefined ? {} : { priceAtomic: price }), ...(pwywMinimum === undefined ? {} : { pwywMinimumAtomic: pwywMinimum }) })
      .where(eq(items.id, itemId))
      .returning();
    return { ok: true, item } as const;
  });
}

/** What in `changes` breaks a rule of kinds, bundles or stamping, checked before anything is written. */
async function refusalOf(
  tx: Transaction,
  { itemId, kind, changes, stampMaxBytes }: { creatorId: string; itemId: string; kind: ItemKind; changes: ItemChanges; stampMaxBytes: number },
): Promise<ItemRefusal | null> {
  // A bundle's buyers own its members, and a member's buyers its files: neither may turn into the other.
  if (changes.kind !== undefined && (changes.kind === "bundle") !== (kind === "bundle")) return { reason: "bundle_kind_fixed", field: "kind" };
  if (changes.bundleItems !== undefined && kind !== "bundle") return { reason: "not_a_bundle", field: "bundleItems" };
  if (changes.stamped && kind === "bundle") return { reason: "stamp_bundle", field: "stamped" };
  if (changes.stamped) {
    const [large] = await tx
      .select({ id: itemFiles.id })
      .from(itemFiles)
      .where(and(eq(itemFiles.itemId, itemId), eq(itemFiles.mimeType, "application/pdf"), sql`${itemFiles.sizeBytes} > ${stampMaxBytes}`))
      .limit(1);
    if (large) return { reason: "stamp_file_too_large", field: "stamped" };
  }
  return null;
}

/**
 * Decides, inside the transaction that records an upload, whether the creator's stored bytes may
 * grow by it (see lib/studio/creator-quota.ts); it locks the creator's row.
 */
export type AdmitUpload = (tx: Transaction) => Promise<boolean>;

/** Why a stored upload could not be recorded: the creator's quota, or the item (or file) is gone. */
export type RecordUploadResult<T> = { ok: true; value: T } | { ok: false; error: "quota_exceeded" | "not_found" };

/** Points the item at a new cover; returns the previous cover's key to delete. */
export async function setItemCover({ itemId, coverKey, coverType, admit }: { itemId: string; coverKey: string; coverType: string; admit: AdmitUpload }): Promise<RecordUploadResult<string | null>> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select({ coverKey: items.coverKey }).from(items).where(eq(items.id, itemId)).for("update");
    if (!before) return { ok: false, error: "not_found" } as const;
    if (!(await admit(tx))) return { ok: false, error: "quota_exceeded" } as const;
    await tx.update(items).set({ coverKey, coverType }).where(eq(items.id, itemId));
    return { ok: true, value: before.coverKey } as const;
  });
}

export type DeleteItemResult = { deleted: true; storageKeys: string[] } | { deleted: false; reason: "item_has_payments" | "item_in_bundle" };

/** Deletes a draft that nobody paid for, returning the storage keys it held. An item with payments stays: its buyers keep access. */
export async function deleteItem({ itemId }: { itemId: string }): Promise<DeleteItemResult> {
  return getDb().transaction(async (tx) => {
    await tx.select({ id: items.id }).from(items).where(eq(items.id, itemId)).for("update");
    const [paid] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.itemId, itemId)).limit(1);
    if (paid) return { deleted: false, reason: "item_has_payments" } as const;
    // A bundle delivers its members: one in a bundle stays (unpublishing it is enough to hide it).
    if (await isBundleMember(tx, itemId)) return { deleted: false, reason: "item_in_bundle" } as const;
    const files = await tx.delete(itemFiles).where(eq(itemFiles.itemId, itemId)).returning({ key: itemFiles.storageKey });
    const [item] = await tx.delete(items).where(eq(items.id, itemId)).returning({ coverKey: items.coverKey });
    const keys = files.map((file) => file.key);
    return { deleted: true, storageKeys: item?.coverKey ? [...keys, item.coverKey] : keys } as const;
  });
}

/** Appends a file after the item's last one; a new preview takes over from the previous one. */
export async function addItemFile(file: Omit<NewItemFile, "position">, admit: AdmitUpload): Promise<RecordUploadResult<ItemFile>> {
  return getDb().transaction(async (tx) => {
    const [item] = await tx.select({ id: items.id }).from(items).where(eq(items.id, file.itemId)).for("update");
    if (!item) return { ok: false, error: "not_found" } as const;
    if (!(await admit(tx))) return { ok: false, error: "quota_exceeded" } as const;
    const [{ last }] = await tx.select({ last: max(itemFiles.position) }).from(itemFiles).where(eq(itemFiles.itemId, file.itemId));
    if (file.isPreview) await tx.update(itemFiles).set({ isPreview: false }).where(eq(itemFiles.itemId, file.itemId));
    const [row] = await tx
      .insert(itemFiles)
      .values({ ...file, position: (last ?? -1) + 1 })
      .returning();
    return { ok: true, value: row } as const;
  });
}

/** Points a file at new content (a corrected edition); returns the key it had, read under a lock so two replacements cannot both claim it. */
export async function replaceItemFileContent({
  fileId,
  content,
  admit,
}: {
  fileId: string;
  content: Pick<ItemFile, "fileName" | "mimeType" | "sizeBytes" | "sha256" | "storageKey">;
  admit: AdmitUpload;
}): Promise<RecordUploadResult<string>> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select({ key: itemFiles.storageKey }).from(itemFiles).where(eq(itemFiles.id, fileId)).for("update");
    if (!before) return { ok: false, error: "not_found" } as const;
    if (!(await admit(tx))) return { ok: false, error: "quota_exceeded" } as const;
    await tx.update(itemFiles).set(content).where(eq(itemFiles.id, fileId));
    return { ok: true, value: before.key } as const;
  });
}

export type FileChangeResult = { ok: true } | { ok: false; error: "last_paid_file" };

/**
 * Runs a change that takes a file out of what buyers pay for (deleting it, or making it the free
 * preview), unless the item is published and this is its last paid file. Checked under the item's
 * lock, so two such changes at once cannot both pass.
 */
async function unlessLastPaidFile(file: ItemFile, change: (tx: Transaction) => Promise<void>): Promise<FileChangeResult> {
  return getDb().transaction(async (tx) => {
    const [item] = await tx.select({ published: items.published }).from(items).where(eq(items.id, file.itemId)).for("update");
    const paid = await tx.select({ id: itemFiles.id }).from(itemFiles).where(and(eq(itemFiles.itemId, file.itemId), eq(itemFiles.isPreview, false)));
    const isLastPaid = paid.length === 1 && paid[0].id === file.id;
    if (item?.published && isLastPaid) return { ok: false, error: "last_paid_file" } as const;
    await change(tx);
    return { ok: true } as const;
  });
}

/** Marks one file as the item's free preview (clearing any other), or makes it paid again. */
export async function setFilePreview({ file, isPreview }: { file: ItemFile; isPreview: boolean }): Promise<FileChangeResult> {
  return unlessLastPaidFile(file, async (tx) => {
    if (isPreview) await tx.update(itemFiles).set({ isPreview: false }).where(and(eq(itemFiles.itemId, file.itemId), ne(itemFiles.id, file.id)));
    await tx.update(itemFiles).set({ isPreview }).where(eq(itemFiles.id, file.id));
  });
}

export async function deleteItemFile({ file }: { file: ItemFile }): Promise<FileChangeResult> {
  return unlessLastPaidFile(file, async (tx) => {
    await tx.delete(itemFiles).where(eq(itemFiles.id, file.id));
  });
}

/** Sets or clears (null) a file's lesson title; it changes no content, so a published item may change it any time. */
export async function setFileTitle({ fileId, title }: { fileId: string; title: string | null }) {
  await getDb().update(itemFiles).set({ title }).where(eq(itemFiles.id, fileId));
}

/** Swaps a file with its neighbour, to order a course's lessons. */
export async function moveItemFile({ item, fileId, direction }: { item: StudioItem; fileId: string; direction: "up" | "down" }) {
  const index = item.files.findIndex((file) => file.id === fileId);
  const neighbour = item.files[direction === "up" ? index - 1 : index + 1];
  if (index < 0 || !neighbour) return;
  const file = item.files[index];
  await getDb().transaction(async (tx) => {
    // Positions are unique per item: park one file outside the range while the two trade places.
    await tx.update(itemFiles).set({ position: sql`-1` }).where(eq(itemFiles.id, file.id));
    await tx.update(itemFiles).set({ position: file.position }).where(eq(itemFiles.id, neighbour.id));
    await tx.update(itemFiles).set({ position: neighbour.position }).where(eq(itemFiles.id, file.id));
  });
}

/**
 * Deletes drafts that never got a file (a cover alone does not count) and nobody paid for, created
 * before `createdBefore`; returns the cover keys they held. Candidates are locked first, skipping
 * any an upload is recording into right now, and the conditions are checked again under the lock.
 */
export async function deleteEmptyDrafts({ createdBefore }: { createdBefore: Date }): Promise<{ deleted: number; coverKeys: string[] }> {
  const empty = and(
    eq(items.published, false),
    lt(items.createdAt, createdBefore),
    notExists(getDb().select({ id: itemFiles.id }).from(itemFiles).where(eq(itemFiles.itemId, items.id))),
    notExists(getDb().select({ id: payments.id }).from(payments).where(eq(payments.itemId, items.id))),
    // A draft bundle has members rather than files; an item in a bundle is delivered by it.
    notExists(getDb().select({ id: bundleItems.bundleId }).from(bundleItems).where(or(eq(bundleItems.bundleId, items.id), eq(bundleItems.memberId, items.id)))),
  );
  return getDb().transaction(async (tx) => {
    const candidates = await tx.select({ id: items.id }).from(items).where(empty).for("update", { skipLocked: true });
    if (candidates.length === 0) return { deleted: 0, coverKeys: [] };
    const deleted = await tx
      .delete(items)
      .where(and(inArray(items.id, candidates.map((candidate) => candidate.id)), empty))
      .returning({ coverKey: items.coverKey });
    return { deleted: deleted.length, coverKeys: deleted.flatMap((item) => (item.coverKey ? [item.coverKey] : [])) };
  });
}
