// POST /api/devnet/faucet — mints test USDC to a wallet; exists on the devnet only
import { z } from "zod";
import { checkRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { getChainConfig } from "@/lib/chain/config";
import { FAUCET_CEILING, mintTestUsdc } from "@/lib/devnet/faucet";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { formatUsdc } from "@/lib/money/usdc";
import { addressSchema } from "@/lib/validation/address";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Body = z.object({ wallet: addressSchema });
const NOT_FOUND = { error: "not_found", message: "There is no faucet on this network." };

export async function POST(request: Request) {
  const chain = getChainConfig();
  // Before anything is counted or read: on a real network this route does not exist.
  if (chain.name !== "devnet") return apiError(404, NOT_FOUND);
  const allowance = await checkRateLimit("faucet", request);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds);
  const input = await readJsonInput(request, Body);
  if (!input.ok) return input.response;
  const result = await mintTestUsdc({ chain, to: input.data.wallet });
  if (!result.ok && result.reason === "not_devnet") return apiError(404, NOT_FOUND);
  if (!result.ok) {
    return apiError(409, {
      error: result.reason,
      message: `This wallet already holds ${formatUsdc(result.balance ?? FAUCET_CEILING)} test USDC; the faucet tops up wallets below ${formatUsdc(FAUCET_CEILING)}.`,
    });
  }
  return Response.json(
    { wallet: input.data.wallet, minted: { atomic: result.minted.toString(), display: `${formatUsdc(result.minted)} USDC` }, balance: { atomic: result.balance.toString() } },
    { headers: { "cache-control": "no-store" } },
  );
}
