import type { PaymentRequirements } from "@x402/core/types";
import { declareSIWxExtension } from "@x402/extensions/sign-in-with-x";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { type CatalogItemWithFiles, getPublishedItemBySlug } from "@/db/queries/catalog";
import { claimPayment, findPaymentByAuthorization, markPaymentFailed, markPaymentSettled } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { reconcilePayment } from "@/lib/payments/reconcile";
import { resumePayment } from "@/lib/payments/resume-payment";
import { hasPurchased } from "@/db/queries/purchases";
import { SIGN_IN_WITH_X, SIWX_CHALLENGE_SECONDS, verifySiwxProof } from "@/lib/auth/siwx";
import { payToOf } from "@/lib/catalog/pay-to";
import { downloadPath, itemPath } from "@/lib/catalog/paths";
import { chainReachable } from "@/lib/chain/clients";
import { deliverItem, filesAvailable, paidFilesOf } from "@/lib/downloads/deliver-item";
import { requestOrigin } from "@/lib/http/request-origin";
import { getStorage } from "@/lib/storage";
import { readEip3009Authorization } from "./authorization";
import { matchRequirements } from "./match-requirements";
import { readPaymentHeader } from "./payment-header";
import { cleanReason } from "./reasons";
import { type Paywall, getPaywall } from "./resource-server";
import { PAYWALL_CORS_HEADERS, errorResponse, paymentRequiredResponse, paymentResponseHeader } from "./responses";

/** How long a signed authorization may take to settle. */
const MAX_TIMEOUT_SECONDS = 300;
const RETRY_AFTER = { "retry-after": "5" };
const SIWX_DECLARATION = declareSIWxExtension({
  statement: "Sign in to download again what this wallet already bought.",
  expirationSeconds: SIWX_CHALLENGE_SECONDS,
});

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
 * The paid download: 402 until paid; with a payment, verify → claim the nonce in the database →
 * settle on-chain → record the receipt → stream the file. Not one byte leaves before the
 * settlement succeeded, and a nonce reaches the chain at most once.
 */
export async function handlePaidDownload(request: Request, slug: string): Promise<Response> {
  const item = await getPublishedItemBySlug({ slug });
  if (!item) return errorResponse(404, "not_found");
  const origin = requestOrigin(request.headers, request.url);
  const payment = readPaymentHeader(request.headers);
  const siwxHeader = request.headers.get(SIGN_IN_WITH_X);
  if (payment.kind === "none" && !siwxHeader && wantsHtml(request)) {
    return new Response(null, { status: 303, headers: { ...PAYWALL_CORS_HEADERS, location: `${origin}${itemPath(slug)}` } });
  }

  // Unpaid requests cost us a database read and a signed challenge each: they are rationed per client.
  if (payment.kind === "none" && !siwxHeader) {
    const allowance = await checkRateLimit("unpaid", request);
    if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, PAYWALL_CORS_HEADERS);
  }

  // A past buyer proves the wallet with Sign-In-With-X and downloads again without paying. This
  // needs no facilitator, so it keeps working while payments are unavailable.
  let siwxReason: string | undefined;
  if (payment.kind === "none" && siwxHeader && request.method === "GET") {
    const proof = await verifySiwxProof(siwxHeader);
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
      await paywall.server.createPaymentRequiredResponse(requirements, resource, reason, SIWX_DECLARATION),
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
  const deliver = (transactionHash: string) => {
    const headers = new Headers(PAYWALL_CORS_HEADERS);
    headers.set("payment-response", paymentResponseHeader({ success: true, transaction: transactionHash, network: match.requirements.network, payer: authorization.payer }));
    return deliverItem({ storage, item, headers });
  };

  // A nonce we already hold: a retry after a broken download, a crash or a lost answer.
  const key = { network: match.requirements.network, asset: match.requirements.asset, payer: authorization.payer, nonce: authorization.nonce };
  const prior = await findPaymentByAuthorization(key);
  let claimed: Payment | null = null;
  if (prior && prior.status !== "failed") {
    let resumed;
    try {
      resumed = await resumePayment({ prior, itemId: item.id, authorization, requirements: match.requirements });
    } catch {
      return errorResponse(503, "settlement_pending", RETRY_AFTER);
    }
    if (resumed.kind === "deliver") return deliver(resumed.transactionHash);
    if (resumed.kind === "refuse") return refuse(resumed.reason);
    if (resumed.kind === "pending") return errorResponse(503, "settlement_pending", RETRY_AFTER);
    claimed = resumed.payment;
  }

  try {
    const verification = await paywall.server.verifyPayment(payment.payload, match.requirements);
    if (!verification.isValid) {
      // The facilitator reports an unreachable RPC as an invalid payment; the payment may be fine.
      if (!(await chainReachable(paywall.publicClient))) return errorResponse(503, "facilitator_unavailable", RETRY_AFTER);
      return refuse(cleanReason(verification.invalidReason, "invalid_payload"));
    }
  } catch {
    return errorResponse(503, "facilitator_unavailable", RETRY_AFTER);
  }

  // The database, not the chain, stops duplicates: only the request that claims the nonce settles.
  claimed ??= await claimPayment({
    ...key,
    itemId: item.id,
    payTo: match.requirements.payTo,
    amountAtomic: BigInt(match.requirements.amount),
    validBefore: authorization.validBefore,
    claimBlock: await paywall.publicClient.getBlockNumber().catch(() => null),
  });
  // Another request holds this nonce (the same payment sent twice at once): its outcome is this one's.
  if (!claimed) return errorResponse(503, "settlement_pending", RETRY_AFTER);

  let settlement;
  try {
    settlement = await paywall.server.settlePayment(payment.payload, match.requirements);
  } catch {
    // The outcome is unknown (the transaction may be in flight). Never a fresh 402, which would
    // invite a second signature: the row stays pending, the reconciler asks the chain, and the
    // same header (or Sign-In-With-X) fetches the file once it settled.
    return errorResponse(503, "settlement_pending", RETRY_AFTER);
  }
  if (!settlement.success) {
    const reason = cleanReason(settlement.errorReason, "settlement_failed");
    if (reason === "settlement_pending") return errorResponse(503, reason, RETRY_AFTER);
    // A failed send may still have used the nonce (a race with a retried settlement): ask the chain.
    if ((await reconcilePayment(claimed).catch(() => "pending")) === "settled") {
      return deliver((await findPaymentByAuthorization(key))?.transactionHash ?? "");
    }
    await markPaymentFailed({ id: claimed.id, reason });
    return refuse(reason);
  }
  await markPaymentSettled({ id: claimed.id, transactionHash: settlement.transaction });
  return deliver(settlement.transaction);
}
