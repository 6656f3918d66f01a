import { Readable } from "node:stream";
import type { Item } from "@/db/schema";
import { getStorage } from "./index";

/** An item's cover image as a response, or null when it has none. */
export async function coverResponse(item: Pick<Item, "coverKey" | "coverType">, cacheControl: string): Promise<Response | null> {
  if (!item.coverKey || !item.coverType) return null;
  const stream = await getStorage().read(item.coverKey);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": item.coverType,
      "cache-control": cacheControl,
      "x-content-type-options": "nosniff",
      // An SVG opened directly must not run script or load anything.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
