// POST /api/studio/sign-in — an EIP-4361 message for the wallet to sign
import { z } from "zod";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { createStudioSignInMessage } from "@/lib/auth/siwe";
import { readJsonInput } from "@/lib/http/json-input";
import { addressSchema } from "@/lib/validation/address";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.strictObject({ address: addressSchema });

export async function POST(request: Request) {
  const allowance = await checkRateLimit("sign-in", request);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds);
  const input = await readJsonInput(request, schema);
  if (!input.ok) return input.response;
  const message = await createStudioSignInMessage(input.data.address);
  return Response.json({ message }, { headers: { "cache-control": "no-store" } });
}
