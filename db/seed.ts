import { sql } from "drizzle-orm";
import { getAddress } from "viem";
import type { DemoFile } from "@/lib/demo/catalog";
import { DEMO_CATALOG } from "@/lib/demo/catalog";
import { makeCoverSvg } from "@/lib/demo/cover";
import { makePdf } from "@/lib/demo/pdf";
import { makeWav } from "@/lib/demo/wav";
import { type Storage, newStorageKey } from "@/lib/storage";
import type { Database } from "./client";
import { bundleItems, creators, discountCodes, itemFiles, items } from "./schema";

const DEMO_REFUND_POLICY =
  "If the file does not open or is not what the description says, write within 14 days with your receipt and the full price goes back to your wallet in USDC.";

const MIME_TYPES = { pdf: "application/pdf", wav: "audio/wav" } as const;

async function renderDemoFile(file: DemoFile, author: string): Promise<Uint8Array> {
  if (file.type === "pdf") return makePdf({ title: file.title, author, chapters: file.chapters });
  return makeWav({ notes: file.notes, noteSeconds: file.noteSeconds });
}

/**
 * Seeds the demo catalog into an empty store: creators (paid at the given wallets), items,
 * covers and real files in storage. A store that already has creators is left alone.
 */
export async function seedDemoCatalog(options: {
  db: Database;
  storage: Storage;
  creatorWallets: `0x${string}`[];
}): Promise<{ seeded: boolean; items: number }> {
  const { db, storage } = options;
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(creators);
  if (count > 0) return { seeded: false, items: 0 };

  let itemCount = 0;
  for (const [index, demo] of DEMO_CATALOG.entries()) {
    const wallet = getAddress(options.creatorWallets[index]);
    await db.transaction(async (tx) => {
      const [creator] = await tx
        .insert(creators)
        .values({ walletAddress: wallet, payoutAddress: wallet, displayName: demo.displayName, handle: demo.handle, bio: demo.bio })
        .returning();
      const idsBySlug = new Map<string, string>();
      for (const demoItem of demo.items) {
        const coverKey = newStorageKey("covers", "cover.svg");
        await storage.put(coverKey, makeCoverSvg({ title: demoItem.title, kind: demoItem.kind, creator: demo.displayName }));
        const [item] = await tx
          .insert(items)
          .values({
            slug: demoItem.slug,
            creatorId: creator.id,
            kind: demoItem.kind,
            title: demoItem.title,
            description: demoItem.description,
            priceAtomic: demoItem.priceAtomic,
            pwywMinimumAtomic: demoItem.pwywMinimumAtomic ?? null,
            coverKey,
            coverType: "image/svg+xml",
            refundPolicy: DEMO_REFUND_POLICY,
            stamped: demoItem.stamped ?? false,
            published: true,
          })
          .returning();
        idsBySlug.set(demoItem.slug, item.id);
        if (demoItem.bundle) {
          await tx.insert(bundleItems).values(demoItem.bundle.map((slug, position) => ({ bundleId: item.id, memberId: idsBySlug.get(slug)!, position })));
        }
        for (const [position, file] of demoItem.files.entries()) {
          const storageKey = newStorageKey("files", file.fileName);
          const stored = await storage.put(storageKey, await renderDemoFile(file, demo.displayName));
          await tx.insert(itemFiles).values({
            itemId: item.id,
            position,
            fileName: file.fileName,
            mimeType: MIME_TYPES[file.type],
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            storageKey,
            isPreview: file.preview ?? false,
            // A course's outline shows lesson titles: the demo lessons' PDF titles.
            title: demoItem.kind === "course" && file.type === "pdf" ? file.title : null,
          });
        }
        itemCount++;
      }
      for (const code of demo.codes ?? []) {
        await tx.insert(discountCodes).values({ creatorId: creator.id, code: code.code, percentOff: code.percentOff, allItems: true });
      }
    });
  }
  return { seeded: true, items: itemCount };
}
