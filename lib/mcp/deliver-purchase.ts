import { buffer } from "node:stream/consumers";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { getReceiptByTransaction, recordDeliveredSha256 } from "@/db/queries/payments";
import { sessionSecret } from "@/lib/auth/secret";
import { stampPlanFor } from "@/lib/downloads/buyer-stamp";
import { paidFilesOf } from "@/lib/downloads/deliver-item";
import { prepareFiles, preparedSha256 } from "@/lib/downloads/stamped-files";
import { displayUsdc } from "@/lib/money/usdc";
import { deliveryReceipt } from "@/lib/receipts/delivery-receipt";
import { getStorage } from "@/lib/storage";
import { downloadResource } from "@/lib/x402/download-resource";
import { receiptExtensions } from "@/lib/x402/offer-receipt";
import { DOWNLOAD_LINK_TTL_SECONDS, downloadLinkPath, issueDownloadToken } from "./download-link";
import { toolError, toolSuccess } from "./tool-results";

/**
 * Files up to this size travel inside the tool result (base64, a third larger); anything bigger,
 * and every multi-file item, as a short-lived link. A bound keeps MCP messages, which clients
 * hold in memory and often hand to a model, small.
 */
export const EMBED_MAX_BYTES = 256 * 1024;

/**
 * What `buy_item` answers once a payment is settled (or redelivered): the receipt as recorded,
 * the settlement in `_meta["x402/payment-response"]`, and the file embedded or a link to it.
 */
export async function deliverPurchase(item: CatalogItemWithFiles, transactionHash: string, origin: string): Promise<CallToolResult> {
  const recorded = await getReceiptByTransaction({ transactionHash });
  if (!recorded) return toolError("settlement_pending", { retryAfterSeconds: 5 });
  const files = paidFilesOf(item);
  // A stamped item goes out by link only (its route stamps it): the digest of that copy is recorded now, for the receipt.
  const stamp = recorded.settledAt ? stampPlanFor(item, { buyer: recorded.payer, transactionHash, settledAt: recorded.settledAt }) : undefined;
  if (stamp && !recorded.deliveredSha256) {
    const prepared = await prepareFiles(getStorage(), files, stamp);
    if (!prepared.ok) return toolError(prepared.reason);
    recorded.deliveredSha256 = await preparedSha256(getStorage(), prepared.files);
    await recordDeliveredSha256({ transactionHash, sha256: recorded.deliveredSha256 });
  }
  const receipt = {
    transaction: transactionHash,
    network: recorded.network,
    payer: recorded.payer,
    payTo: recorded.payTo,
    asset: recorded.asset,
    amount: { atomic: recorded.amountAtomic.toString(), display: displayUsdc(recorded.amountAtomic) },
    item: { slug: item.slug, title: item.title },
    files: files.map((file) => ({ name: file.fileName, size: file.sizeBytes, mimeType: file.mimeType, sha256: file.sha256 })),
    receiptUrl: `${origin}/api/receipts/${transactionHash}`,
  };
  // The same signed receipt a download carries in PAYMENT-RESPONSE; a purchase is delivered without one if signing fails.
  const signed = await deliveryReceipt({ transactionHash, origin, files: item.files, payment: recorded }).catch(() => null);
  const settlement = {
    success: true,
    transaction: transactionHash,
    network: recorded.network as `${string}:${string}`,
    payer: recorded.payer,
    extensions: receiptExtensions(signed),
  };

  const embedded = !stamp && files.length === 1 && files[0].sizeBytes <= EMBED_MAX_BYTES ? await readSmallFile(files[0].storageKey, files[0].sizeBytes) : null;
  if (embedded) {
    const [file] = files;
    return toolSuccess(
      { receipt, download: { kind: "embedded", name: file.fileName } },
      [{ type: "resource", resource: { uri: downloadResource(item, origin).url, mimeType: file.mimeType, blob: embedded.toString("base64") } }],
      settlement,
    );
  }
  // A file that could not be read now is still the buyer's: the link's route checks it again.
  const expiresAt = new Date(Date.now() + DOWNLOAD_LINK_TTL_SECONDS * 1000);
  const token = issueDownloadToken({ secret: sessionSecret(), transactionHash, slug: item.slug, expiresAt });
  const url = `${origin}${downloadLinkPath(item.slug, token)}`;
  const name = files.length === 1 ? files[0].fileName : `${item.slug}.zip`;
  const mimeType = files.length === 1 ? files[0].mimeType : "application/zip";
  return toolSuccess(
    { receipt, download: { kind: "link", url, name, mimeType, expiresAt: expiresAt.toISOString() } },
    [{ type: "resource_link", uri: url, name, mimeType, description: `Download link, valid until ${expiresAt.toISOString()}` }],
    settlement,
  );
}

async function readSmallFile(storageKey: string, size: number): Promise<Buffer | null> {
  try {
    const bytes = await buffer(await getStorage().read(storageKey));
    return bytes.length === size ? bytes : null;
  } catch {
    return null;
  }
}
