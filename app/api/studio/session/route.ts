// POST /api/studio/session — sign in to the studio with a signed EIP-4361 message; DELETE — sign out
import { z } from "zod";
import { getOrCreateCreator } from "@/db/queries/creators";
import { endSession, startSession } from "@/lib/auth/session-cookie";
import { verifyStudioSignIn } from "@/lib/auth/siwe";
import { apiError, readJsonInput } from "@/lib/http/json-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.strictObject({
  message: z.string().min(1).max(4000),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "must be a hex signature").transform((value) => value as `0x${string}`),
});

export async function POST(request: Request) {
  const input = await readJsonInput(request, schema);
  if (!input.ok) return input.response;
  const signIn = await verifyStudioSignIn(input.data);
  if (!signIn.ok) return apiError(401, { error: signIn.error, message: signIn.message });
  const creator = await getOrCreateCreator({ wallet: signIn.address });
  await startSession("studio", signIn.address);
  return Response.json({ creator: { id: creator.id, displayName: creator.displayName, walletAddress: creator.walletAddress } });
}

export async function DELETE() {
  await endSession("studio");
  return new Response(null, { status: 204 });
}
