import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { getReceiptByTransaction } from "@/db/queries/payments";
import { clientSubject } from "@/lib/abuse/client-key";
import { countRateLimit, peekRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { sessionSecret } from "@/lib/auth/secret";
import { redownload } from "@/lib/x402/paid-download";
import { reasonMessage } from "@/lib/x402/reasons";
import { PAYWALL_CORS_HEADERS, errorResponse } from "@/lib/x402/responses";
import { checkDownloadToken, tokenTransaction } from "./download-link";

/**
 * A download link from `buy_item`: the purchase's files again, while the link is fresh, within
 * the purchase's re-download allowance (as with Sign-In-With-X). Like the paid download URL,
 * every request that ends without the file counts against its client's allowance, so guessing
 * links costs the guesser.
 */
export async function handleLinkDownload(request: Request, slug: string): Promise<Response> {
  try {
    const client = clientSubject(request);
    const allowance = await peekRateLimit("unpaid", client);
    if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, PAYWALL_CORS_HEADERS);
    const response = await answer(request, slug);
    if (response.status !== 200) await countRateLimit("unpaid", client);
    return response;
  } catch {
    return errorResponse(503, "store_unavailable", { "retry-after": "5" });
  }
}

function linkRefusal(reason: "download_link_invalid" | "download_link_expired"): Response {
  return Response.json(
    { error: reason, message: reasonMessage(reason) },
    { status: reason === "download_link_expired" ? 410 : 403, headers: { ...PAYWALL_CORS_HEADERS, "cache-control": "no-store" } },
  );
}

async function answer(request: Request, slug: string): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const transactionHash = tokenTransaction(token);
  if (!transactionHash) return linkRefusal("download_link_invalid");
  const item = await getPublishedItemBySlug({ slug });
  if (!item) return errorResponse(404, "not_found");
  const receipt = await getReceiptByTransaction({ transactionHash });
  // A link names one purchase of one item: under another item's URL its tag does not match.
  if (!receipt || receipt.itemId !== item.id) return linkRefusal("download_link_invalid");
  const check = checkDownloadToken({ secret: sessionSecret(), token, transactionHash, slug: item.slug });
  if (!check.ok) return linkRefusal(check.reason);
  return redownload(item, receipt.payer);
}
