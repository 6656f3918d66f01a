import type { PaymentPayload } from "@x402/core/types";
import { type CatalogItemWithFiles, getPublishedItemBySlug } from "@/db/queries/catalog";
import { hasPurchased } from "@/db/queries/purchases";
import { countOfferServed } from "@/lib/analytics/item-counters";
import { clientSubject } from "@/lib/abuse/client-key";
import { countRateLimit, peekRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { SIGN_IN_WITH_X, siwxDeclarationFor, siwxResourceUrl, verifySiwxProof } from "@/lib/auth/siwx";
import { downloadPath, itemPath } from "@/lib/catalog/paths";
import { snapshotItemBySlug } from "@/lib/catalog/snapshot";
import { getEnv } from "@/lib/env";
import { ownerStampPlan, stampPlanFor } from "@/lib/downloads/buyer-stamp";
import { deliverItem, filesAvailable, paidFilesOf } from "@/lib/downloads/deliver-item";
import { prepareFiles, preparedSha256, stampable, stampedItemIds } from "@/lib/downloads/stamped-files";
import { requestOrigin } from "@/lib/http/request-origin";
import { priceRequest } from "@/lib/pricing/price-request";
import { deliveryReceipt } from "@/lib/receipts/delivery-receipt";
import { getReceiptByTransaction, recordDeliveredSha256 } from "@/db/queries/payments";
import { getStorage } from "@/lib/storage";
import { type PaymentAnswer, acceptPayment } from "./accept-payment";
import { readEip3009Authorization } from "./authorization";
import { bazaarExtensionFor } from "./bazaar";
import { offerReceiptDeclaration, receiptExtensions } from "./offer-receipt";
import { downloadResource } from "./download-resource";
import { PAYMENT_IDENTIFIER, PAYMENT_IDENTIFIER_DECLARATION } from "./payment-identifier";
import { type PaymentHeaderResult, readPaymentHeader } from "./payment-header";
import { claimFree, freeClaimRequired } from "./free-claim";
import { currentTermsFor } from "./requirements";
import { PAYWALL_CORS_HEADERS, errorResponse, paymentRequiredResponse, paymentResponseHeader } from "./responses";
import { v1PaymentResponseHeader, withResource } from "./v1/payment";

const RETRY_AFTER = { "retry-after": "5" };
const SIWX_STATEMENT = "Sign in to download again what this wallet already bought.";

function wantsHtml(request: Request) {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/**
 * The paid download: 402 until paid; with a payment, settle it (lib/x402/accept-payment.ts) and
 * stream the file; with a Sign-In-With-X proof of a past purchase, stream it again. Not one byte
 * leaves before the settlement succeeded on-chain.
 */
export async function handlePaidDownload(request: Request, slug: string): Promise<Response> {
  try {
    return await paidDownload(request, slug);
  } catch {
    // The database or storage failed mid-request. With a payment in hand its state is unknown
    // (the reconciler will settle it): never a 402 that would invite a second signature.
    const reason = readPaymentHeader(request.headers).kind === "none" ? "store_unavailable" : "settlement_pending";
    return errorResponse(503, reason, RETRY_AFTER);
  }
}

async function paidDownload(request: Request, slug: string): Promise<Response> {
  const payment = readPaymentHeader(request.headers);
  const siwxHeader = request.headers.get(SIGN_IN_WITH_X);
  // An unpaid request is answered from the catalog snapshot (lib/catalog/snapshot.ts). One that
  // carries a payment or a sign-in proof may charge or deliver: it reads the item's row now, so
  // that price and payTo are today's, and a payment signed for a price (or payTo) the 402 showed
  // before a change is refused with the field that differs (lib/x402/match-requirements.ts).
  const mayChargeOrDeliver = payment.kind !== "none" || siwxHeader !== null;
  const item = mayChargeOrDeliver ? await getPublishedItemBySlug({ slug }) : await snapshotItemBySlug(slug);
  if (!item) return errorResponse(404, "not_found");
  const origin = requestOrigin(request.headers);
  if (payment.kind === "none" && !siwxHeader && wantsHtml(request)) {
    return new Response(null, { status: 303, headers: { ...PAYWALL_CORS_HEADERS, location: `${origin}${itemPath(slug)}` } });
  }

  // Every request that ends without the file costs us reads, a challenge, a proof or a payment
  // check: it counts against its client's allowance, whatever headers it carries, so a forged
  // payment is no way around the limit. Deliveries do not count.
  const client = clientSubject(request);
  const allowance = await peekRateLimit("unpaid", client);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, PAYWALL_CORS_HEADERS);
  const response = await answer({ request, item, origin, payment, siwxHeader, fresh: mayChargeOrDeliver });
  if (response.status !== 200) await countRateLimit("unpaid", client);
  return response;
}

type DownloadRequest = {
  request: Request;
  item: CatalogItemWithFiles;
  origin: string;
  payment: PaymentHeaderResult;
  siwxHeader: string | null;
  /** Whether the request may charge or deliver: its price rules are read from the database. */
  fresh: boolean;
};

async function answer({ request, item, origin, payment, siwxHeader, fresh }: DownloadRequest): Promise<Response> {
  // The price this request asks for (`?code=`, `?amount=`). A code or amount that cannot be
  // honoured is a 400 with its reason and no payment terms, never a silent full-price 402; a
  // paying request is priced by today's rules, so a code paused since its 402 is refused here.
  const priced = await priceRequest({ item, search: new URL(request.url).searchParams, fresh });
  if (!priced.ok) return errorResponse(400, priced.reason);
  const { quote } = priced;

  // A past buyer proves the wallet with Sign-In-With-X and downloads again without paying. This
  // needs no facilitator, so it keeps working while payments are unavailable. The proof names
  // this download URL, as the 402's challenge does. The same proof claims a free item.
  const siwxResource = siwxResourceUrl(downloadPath(item.slug));
  let siwxReason: string | undefined;
  if (payment.kind === "none" && siwxHeader && request.method === "GET") {
    const proof = await verifySiwxProof(siwxHeader, { resourceUrl: siwxResource });
    if (proof.ok && (await hasPurchased({ payer: proof.address, itemId: item.id }))) return redownload(item, proof.address);
    if (proof.ok && quote.amountAtomic === 0n) return claimFree({ item, buyer: proof.address, discount: quote.discount });
    siwxReason = proof.ok ? "siwx_no_purchase" : proof.reason;
  }
  if (quote.amountAtomic === 0n) {
    countOfferServed(item.id);
    return freeClaimRequired({ request, item, origin, query: priced.query, siwxResource, reason: siwxReason });
  }

  // A stamped PDF above the stamping bound cannot be delivered: refused before anyone signs.
  if (!stampable(paidFilesOf(item), stampedItemIds(item), getEnv().STAMP_MAX_BYTES)) return errorResponse(409, "stamp_file_too_large");

  const terms = await currentTermsFor(item, quote.amountAtomic);
  if (!terms) return errorResponse(503, "facilitator_unavailable", RETRY_AFTER);
  const { paywall, requirements } = terms;
  const resource = downloadResource(item, origin, priced.query);
  const refuse = async (reason?: string) => {
    countOfferServed(item.id);
    return paymentRequiredResponse(
      await paywall.server.createPaymentRequiredResponse(requirements, resource, reason, {
        ...siwxDeclarationFor(siwxResource, SIWX_STATEMENT),
        [PAYMENT_IDENTIFIER]: PAYMENT_IDENTIFIER_DECLARATION,
        ...offerReceiptDeclaration(),
        ...bazaarExtensionFor(item),
      }),
      request.method,
    );
  };

  // HEAD never settles: a payment must buy a body.
  if (payment.kind === "none" || request.method === "HEAD") return refuse(siwxReason);
  if (payment.kind === "invalid") return refuse(payment.reason);
  const outcome = await acceptPayment({ paywall, payload: withResource(payment.payload, resource), requirements, item, discount: quote.discount });
  return respond(outcome, { item, origin, refuse, payload: payment.payload, network: paywall.chain.network });
}

/** The answer to a payment's outcome: the file with its settlement, a refusal with its reason, or "try again". */
async function respond(
  outcome: PaymentAnswer,
  context: { item: CatalogItemWithFiles; origin: string; refuse: (reason: string) => Promise<Response>; payload: PaymentPayload; network: `eip155:${number}` },
): Promise<Response> {
  switch (outcome.kind) {
    case "paid": {
      const headers = new Headers(PAYWALL_CORS_HEADERS);
      const payer = readEip3009Authorization(context.payload)?.payer;
      const settled = outcome.settled ?? (await getReceiptByTransaction({ transactionHash: outcome.transactionHash }));
      // A stamped copy names this payment; its digest is recorded so that the receipt names what was sent.
      const plan = settled?.settledAt ? stampPlanFor(context.item, { buyer: settled.payer, transactionHash: outcome.transactionHash, settledAt: settled.settledAt }) : undefined;
      const storage = getStorage();
      const prepared = await prepareFiles(storage, paidFilesOf(context.item), plan);
      if (!prepared.ok) return errorResponse(409, prepared.reason);
      const deliveredSha256 = prepared.stamped ? await preparedSha256(storage, prepared.files) : null;
      if (deliveredSha256) await recordDeliveredSha256({ transactionHash: outcome.transactionHash, sha256: deliveredSha256 });
      // The file goes out even if the receipt cannot be made now: it was paid for, and
      // GET /api/receipts/<tx> signs the same receipt later.
      const payment = settled && { ...settled, deliveredSha256: deliveredSha256 ?? settled.deliveredSha256, itemSlug: context.item.slug, itemTitle: context.item.title, itemKind: context.item.kind };
      const receipt = await deliveryReceipt({ transactionHash: outcome.transactionHash, origin: context.origin, files: context.item.files, payment: payment || undefined }).catch(() => null);
      const extensions = receiptExtensions(receipt);
      headers.set("payment-response", paymentResponseHeader({ success: true, transaction: outcome.transactionHash, network: context.network, payer, extensions }));
      if (context.payload.x402Version === 1) headers.set("x-payment-response", v1PaymentResponseHeader({ transaction: outcome.transactionHash, network: context.network, payer }));
      return deliverItem({ storage, item: { slug: context.item.slug, files: prepared.files }, headers });
    }
    case "refused":
      return context.refuse(outcome.reason);
    case "pricing-refused":
      return errorResponse(400, outcome.reason);
    case "invalid-payment-id":
      return errorResponse(400, "invalid_payment_identifier");
    case "payment-id-conflict":
      return errorResponse(409, "payment_identifier_conflict");
    case "payer-limited":
      return rateLimitedResponse(outcome.retryAfterSeconds, PAYWALL_CORS_HEADERS, `Too many refused payments from this wallet; try again in ${outcome.retryAfterSeconds} s.`);
    case "unavailable":
      return errorResponse(503, outcome.reason, RETRY_AFTER);
  }
}

/** A past buyer's download again, within the purchase's re-download allowance. */
export async function redownload(item: CatalogItemWithFiles, buyer: string): Promise<Response> {
  const allowance = await countRateLimit("redownload", `${buyer}:${item.id}`);
  if (!allowance.ok) {
    return rateLimitedResponse(allowance.retryAfterSeconds, PAYWALL_CORS_HEADERS, `This purchase was downloaded too often; try again in ${allowance.retryAfterSeconds} s.`);
  }
  const storage = getStorage();
  if (!(await filesAvailable(storage, item))) return errorResponse(503, "file_unavailable", RETRY_AFTER);
  const stamp = await ownerStampPlan(item, buyer);
  if (!stamp.ok) return errorResponse(404, "siwx_no_purchase");
  const prepared = await prepareFiles(storage, paidFilesOf(item), stamp.plan);
  if (!prepared.ok) return errorResponse(409, prepared.reason);
  return deliverItem({ storage, item: { slug: item.slug, files: prepared.files }, headers: new Headers(PAYWALL_CORS_HEADERS) });
}
