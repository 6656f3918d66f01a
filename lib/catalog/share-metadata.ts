import type { Metadata } from "next";
import type { CatalogItem } from "@/db/queries/catalog";
import type { Creator } from "@/db/schema";
import { KIND_LABELS } from "@/components/store/kind-label";
import { displayUsdc } from "@/lib/money/usdc";
import { avatarPath, coverPath, creatorPath, itemPath } from "./paths";

const SITE_NAME = "x402 Storefront";

/** Link previews cut long text anyway; a clean cut at a word reads better than theirs. */
function summary(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/**
 * Open Graph and Twitter card tags for an item page: its cover, title, price and description, with
 * absolute URLs on `origin` (PUBLIC_URL, or the request's own origin: see requestOrigin).
 */
export function itemShareMetadata(item: CatalogItem, origin: string): Metadata {
  const price = displayUsdc(item.priceAtomic);
  const title = `${item.title} — ${price}`;
  const description = summary(`${KIND_LABELS[item.kind]} by ${item.creator.displayName}. ${item.description}`);
  const images = item.coverKey ? [{ url: `${origin}${coverPath(item.slug)}`, width: 600, height: 600, alt: `Cover of ${item.title}` }] : undefined;
  return {
    title: item.title,
    description: summary(item.description),
    alternates: { canonical: `${origin}${itemPath(item.slug)}` },
    openGraph: { type: "website", siteName: SITE_NAME, url: `${origin}${itemPath(item.slug)}`, title, description, images },
    twitter: { card: images ? "summary_large_image" : "summary", title, description, images },
    other: {
      "product:price:amount": price.replace(/ USDC$/, ""),
      "product:price:currency": "USDC",
      "twitter:label1": "Price",
      "twitter:data1": price,
      "twitter:label2": "Creator",
      "twitter:data2": item.creator.displayName,
    },
  };
}

/** Open Graph and Twitter card tags for a creator's page: name, bio and avatar. */
export function creatorShareMetadata(creator: Creator, origin: string): Metadata {
  const description = summary(creator.bio || `Digital files by ${creator.displayName}, paid per download in USDC.`);
  const images = creator.avatarKey ? [{ url: `${origin}${avatarPath(creator.handle, creator.updatedAt)}`, alt: creator.displayName }] : undefined;
  const url = `${origin}${creatorPath(creator.handle)}`;
  return {
    title: creator.displayName,
    description,
    alternates: { canonical: url },
    openGraph: { type: "profile", siteName: SITE_NAME, url, title: creator.displayName, description, images },
    twitter: { card: "summary", title: creator.displayName, description, images },
  };
}
