// POST /api/library/session — sign in with a Sign-In-With-X proof; DELETE — sign out
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { endSession, startSession } from "@/lib/auth/session-cookie";
import { SIGN_IN_WITH_X, librarySiwxResource, verifySiwxProof } from "@/lib/auth/siwx";
import { reasonMessage } from "@/lib/x402/reasons";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const allowance = await checkRateLimit("sign-in", request);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds);
  const header = request.headers.get(SIGN_IN_WITH_X);
  if (!header) {
    return Response.json({ error: "invalid_siwx_payload", message: "Send the signed proof in the SIGN-IN-WITH-X header." }, { status: 400 });
  }
  const proof = await verifySiwxProof(header, { resourceUrl: librarySiwxResource() });
  if (!proof.ok) return Response.json({ error: proof.reason, message: reasonMessage(proof.reason) }, { status: 401 });
  await startSession("library", proof.address);
  return Response.json({ address: proof.address });
}

export async function DELETE() {
  await endSession("library");
  return new Response(null, { status: 204 });
}
