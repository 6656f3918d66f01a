import { claimDueDeliveries, recordDeliveryAttempt } from "@/db/queries/webhooks";
import { getEnv } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";
import { nextAttemptAt } from "./backoff";
import { sendEvent } from "./send-event";

const POLL_MS = 1_000;
/** Deliveries attempted at once: one slow receiver holds one slot, not the whole round. */
const BATCH = 16;
const RUNNING = Symbol.for("storefront.webhook-deliverer");

/**
 * One round: claims the due deliveries and attempts them in parallel, each bounded by
 * WEBHOOK_TIMEOUT_MS. Returns how many were attempted.
 */
export async function deliverDueWebhooks(): Promise<number> {
  const env = getEnv();
  // The lease outlasts the attempt (DNS lookup included), so no other round takes it meanwhile.
  const due = await claimDueDeliveries({ limit: BATCH, leaseUntil: new Date(Date.now() + env.WEBHOOK_TIMEOUT_MS * 2 + 5_000) });
  await Promise.all(
    due.map(async (delivery) => {
      const sent = await sendEvent({ ...delivery, timeoutMs: env.WEBHOOK_TIMEOUT_MS, allowLoopback: env.NETWORK === "devnet" });
      const now = new Date();
      await recordDeliveryAttempt(
        delivery,
        sent.delivered
          ? sent
          : { ...sent, nextAttemptAt: nextAttemptAt({ attempts: delivery.attempts + 1, baseMs: env.WEBHOOK_RETRY_BASE_MS, now, retryUntil: delivery.retryUntil }) },
      );
    }),
  );
  return due.length;
}

/**
 * Delivers webhooks in the background, never on a request: a sale or refund only writes its event
 * to the outbox, and this loop (one per store: the background-jobs process) polls it every second.
 */
export function startWebhookDeliverer() {
  const slot = globalThis as { [RUNNING]?: NodeJS.Timeout };
  if (slot[RUNNING]) return;
  let busy = false;
  const round = async () => {
    if (busy) return;
    busy = true;
    try {
      // A full batch means more may be waiting: go on at once rather than a second later.
      while ((await deliverDueWebhooks()) === BATCH);
    } catch (error) {
      console.error(`webhook delivery round failed; retrying in ${POLL_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  slot[RUNNING] = setInterval(() => void round(), POLL_MS).unref();
  onShutdown(async () => clearInterval(slot[RUNNING]));
}
