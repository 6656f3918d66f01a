import type { ItemKind } from "@/db/schema";

export const KIND_LABELS: Record<ItemKind, string> = { ebook: "E-book", music: "Music", course: "Course", bundle: "Bundle" };
