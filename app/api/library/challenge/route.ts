// GET /api/library/challenge — a Sign-In-With-X message to sign for the library
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { createSiwxChallenge, librarySiwxResource } from "@/lib/auth/siwx";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const allowance = await checkRateLimit("sign-in", request);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds);
  const challenge = createSiwxChallenge({
    resourceUrl: librarySiwxResource(),
    statement: "Sign in to x402 Storefront to see and download your purchases. This costs nothing.",
  });
  return Response.json(challenge, { headers: { "cache-control": "no-store" } });
}
