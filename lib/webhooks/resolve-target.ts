import { lookup } from "node:dns/promises";
import { isAllowedWebhookAddress } from "./address-policy";

export type WebhookTarget = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: "host_unresolvable" | "private_address" };

/**
 * Resolves a webhook URL's host and judges every address it resolves to: one private answer among
 * public ones refuses it, since the connection could use either. Run when the endpoint is saved and
 * again before every attempt, whose connection then goes to the address judged here (a name that
 * resolved publicly at registration and privately later — DNS rebinding — is refused then).
 */
export async function resolveWebhookTarget(url: URL, { allowLoopback }: { allowLoopback: boolean }): Promise<WebhookTarget> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(host, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: "host_unresolvable" };
  }
  if (answers.length === 0) return { ok: false, reason: "host_unresolvable" };
  if (!answers.every((answer) => isAllowedWebhookAddress(answer.address, { allowLoopback }))) return { ok: false, reason: "private_address" };
  return { ok: true, address: answers[0].address, family: answers[0].family === 6 ? 6 : 4 };
}
