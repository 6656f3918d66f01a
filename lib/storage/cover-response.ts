import { Readable } from "node:stream";
import type { Item } from "@/db/schema";
import { getStorage } from "./index";

/** An item's cover image as a response, or null when it has none. */
export function coverResponse(item: Pick<Item, "coverKey" | "coverType">, cacheControl: string): Promise<Response | null> {
  return imageResponse({ key: item.coverKey, type: item.coverType }, cacheControl);
}

/** A stored image (a cover, an avatar) as a response with its sniffed type, or null when there is none. */
export async function imageResponse(image: { key: string | null; type: string | null }, cacheControl: string): Promise<Response | null> {
  if (!image.key || !image.type) return null;
  const stream = await getStorage().read(image.key);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": image.type,
      "cache-control": cacheControl,
      "x-content-type-options": "nosniff",
      // An SVG opened directly must not run script or load anything.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
