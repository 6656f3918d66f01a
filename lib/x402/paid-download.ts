import type { PaymentRequirements } from "@x402/core/types";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { type CatalogItemWithFiles, getPublishedItemBySlug } from "@/db/queries/catalog";
import { settleOrResume } from "@/lib/payments/settle-payment";
import { hasPurchased } from "@/db/queries/purchases";
import { SIGN_IN_WITH_X, siwxDeclarationFor, siwxResourceUrl, verifySiwxProof } from "@/lib/auth/siwx";
import { payToOf } from "@/lib/catalog/pay-to";
import { downloadPath, itemPath } from "@/lib/catalog/paths";
import { deliverItem, filesAvailable, paidFilesOf } from "@/lib/downloads/deliver-item";
import { requestOrigin } from "@/lib/http/request-origin";
import { getStorage } from "@/lib/storage";
import { readEip3009Authorization } from "./authorization";
import { matchRequirements } from "./match-requirements";
import { readPaymentHeader } from "./payment-header";
import { type Paywall, getPaywall } from "./resource-server";
import { PAYWALL_CORS_HEADERS, errorResponse, paymentRequiredResponse, paymentResponseHeader } from "./responses";

/** How long a signed authorization may take to settle. */
const MAX_TIMEOUT_SECONDS = 300;
const RETRY_AFTER = { "retry-after": "5" };
const SIWX_STATEMENT = "Sign in to download again what this wallet already bought.";

function wantsHtml(request: Request) {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

async function requirementsFor(paywall: Paywall, item: CatalogItemWithFiles): Promise<PaymentRequirements[]> {
  // Price and payTo come from the database on every request: a price change needs no restart.
  return paywall.server.buildPaymentRequirements({
    scheme: "exact",
    network: paywall.chain.network,
    payTo: payToOf(item),
    price: {
      amount: item.priceAtomic.toString(),
      asset: paywall.chain.usdc,
      extra: { name: paywall.tokenDomain.name, version: paywall.tokenDomain.version },
    },
    maxTimeoutSeconds: MAX_TIMEOUT_SECONDS,
  });
}

/**
 * The paid download: 402 until paid; with a payment, settle it (lib/payments/settle-payment.ts)
 * and stream the file; with a Sign-In-With-X proof of a past purchase, stream it again. Not one
 * byte leaves before the settlement succeeded on-chain.
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
  const item = await getPublishedItemBySlug({ slug });
  if (!item) return errorResponse(404, "not_found");
  const origin = requestOrigin(request.headers);
  const payment = readPaymentHeader(request.headers);
  const siwxHeader = request.headers.get(SIGN_IN_WITH_X);
  if (payment.kind === "none" && !siwxHeader && wantsHtml(request)) {
    return new Response(null, { status: 303, headers: { ...PAYWALL_CORS_HEADERS, location: `${origin}${itemPath(slug)}` } });
  }

  // Requests without a payment cost us database reads, a signed challenge or a proof check each:
  // they are rationed per client (Sign-In-With-X re-downloads included).
  if (payment.kind === "none") {
    const allowance = await checkRateLimit("unpaid", request);
    if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, PAYWALL_CORS_HEADERS);
  }

  // A past buyer proves the wallet with Sign-In-With-X and downloads again without paying. This
  // needs no facilitator, so it keeps working while payments are unavailable. The proof names
  // this download URL, as the 402's challenge does.
  const siwxResource = siwxResourceUrl(downloadPath(slug));
  let siwxReason: string | undefined;
  if (payment.kind === "none" && siwxHeader && request.method === "GET") {
    const proof = await verifySiwxProof(siwxHeader, { resourceUrl: siwxResource });
    if (proof.ok && (await hasPurchased({ payer: proof.address, itemId: item.id }))) {
      const storage = getStorage();
      if (!(await filesAvailable(storage, item))) return errorResponse(503, "file_unavailable", RETRY_AFTER);
      return deliverItem({ storage, item, headers: new Headers(PAYWALL_CORS_HEADERS) });
    }
    siwxReason = proof.ok ? "siwx_no_purchase" : proof.reason;
  }

  let paywall: Paywall;
  let requirements: PaymentRequirements[];
  try {
    paywall = await getPaywall();
    requirements = await requirementsFor(paywall, item);
  } catch {
    return errorResponse(503, "facilitator_unavailable", RETRY_AFTER);
  }
  const files = paidFilesOf(item);
  const resource = {
    url: `${origin}${downloadPath(slug)}`,
    description: item.title,
    mimeType: files.length === 1 ? files[0].mimeType : "application/zip",
  };
  const refuse = async (reason?: string) =>
    paymentRequiredResponse(
      await paywall.server.createPaymentRequiredResponse(requirements, resource, reason, siwxDeclarationFor(siwxResource, SIWX_STATEMENT)),
      request.method,
    );

  // HEAD never settles: a payment must buy a body.
  if (payment.kind === "none" || request.method === "HEAD") return refuse(siwxReason);
  if (payment.kind === "invalid") return refuse(payment.reason);
  const match = matchRequirements(paywall.server, requirements, payment.payload);
  if (!match.ok) return refuse(match.reason);
  const authorization = readEip3009Authorization(payment.payload);
  if (!authorization) return refuse("invalid_payload");

  const storage = getStorage();
  if (!(await filesAvailable(storage, item))) return errorResponse(503, "file_unavailable", RETRY_AFTER);

  const outcome = await settleOrResume({ paywall, payload: payment.payload, requirements: match.requirements, authorization, itemId: item.id });
  if (outcome.kind === "refused") return refuse(outcome.reason);
  if (outcome.kind === "unavailable") return errorResponse(503, outcome.reason, RETRY_AFTER);
  const headers = new Headers(PAYWALL_CORS_HEADERS);
  const receipt = { success: true, transaction: outcome.transactionHash, network: match.requirements.network, payer: authorization.payer };
  headers.set("payment-response", paymentResponseHeader(receipt));
  return deliverItem({ storage, item, headers });
}
