import { reasonMessage } from "@/lib/x402/reasons";

/** What went wrong with a purchase, in words for the buyer; never raw wallet or RPC text. */
export function describeBuyError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/rejected|denied|4001/i.test(message)) return "You rejected the signature in your wallet. Nothing was charged.";
  if (/chain|network mismatch/i.test(message) && /switch|mismatch/i.test(message)) {
    return "Your wallet is on another network. Switch networks and try again.";
  }
  if (error instanceof TypeError) return "The store could not be reached. Check your connection and try again; nothing was charged.";
  return "The payment could not be prepared. Nothing was charged; try again.";
}

/** The store's refusal (a 402 or 503 body) in words. */
export async function describeRefusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (response.status === 402 && body.error) return `Payment refused: ${reasonMessage(body.error)}`;
  if (response.status === 503) return body.message ?? "Payments are unavailable right now. Nothing was charged; try again shortly.";
  return body.message ?? `The store answered ${response.status}. Nothing was charged.`;
}
