import { createHash } from "node:crypto";
import { DEMO_CATALOG, type DemoFile } from "../../lib/demo/catalog";
import { makePdf } from "../../lib/demo/pdf";
import { makeWav } from "../../lib/demo/wav";

export type SeededFile = { name: string; size: number; mimeType: string; sha256: string; bytes: Buffer; pages?: number; preview: boolean };
export type SeededItem = {
  slug: string;
  title: string;
  kind: string;
  priceAtomic: bigint;
  creatorIndex: number;
  handle: string;
  files: SeededFile[];
  /** A bundle's member slugs; its files are theirs, one folder per member. */
  bundle?: string[];
  stamped: boolean;
};

async function render(file: DemoFile, author: string): Promise<SeededFile> {
  const bytes = Buffer.from(file.type === "pdf" ? await makePdf({ title: file.title, author, chapters: file.chapters }) : makeWav(file));
  return {
    name: file.fileName,
    size: bytes.length,
    mimeType: file.type === "pdf" ? "application/pdf" : "audio/wav",
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes,
    // A title page, then one page per chapter.
    pages: file.type === "pdf" ? file.chapters.length + 1 : undefined,
    preview: file.preview ?? false,
  };
}

/**
 * The demo catalog as the seed makes it, rebuilt here from its source (the files are
 * deterministic): what the store's catalog must describe, independently of the store's database.
 * Creators are paid at the devnet's creator wallets in this order.
 */
export async function seededCatalog(): Promise<SeededItem[]> {
  const items: SeededItem[] = await Promise.all(
    DEMO_CATALOG.flatMap((creator, creatorIndex) =>
      creator.items.map(async (item) => ({
        slug: item.slug,
        title: item.title,
        kind: item.kind,
        priceAtomic: item.priceAtomic,
        creatorIndex,
        handle: creator.handle,
        files: await Promise.all(item.files.map((file) => render(file, creator.displayName))),
        bundle: item.bundle,
        stamped: item.stamped ?? false,
      })),
    ),
  );
  for (const item of items.filter((entry) => entry.bundle)) {
    item.files = item.bundle!.flatMap((slug) =>
      items.find((member) => member.slug === slug)!.files.filter((file) => !file.preview).map((file) => ({ ...file, name: `${slug}/${file.name}` })),
    );
  }
  return items;
}
