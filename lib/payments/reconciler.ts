import { onShutdown } from "@/lib/shutdown";
import { reconcilePendingPayments } from "./reconcile";

const INTERVAL_MS = 30_000;
const RUNNING = Symbol.for("storefront.reconciler");

/**
 * Reconciles pending payments at start and then every 30 s, once per process (Next loads modules more
 * than once, hence the global slot). Failures are logged and retried on the next round.
 */
export function startReconciler() {
  const slot = globalThis as { [RUNNING]?: NodeJS.Timeout };
  if (slot[RUNNING]) return;
  let busy = false;
  const round = async (graceMs?: number) => {
    if (busy) return;
    busy = true;
    try {
      const counts = await reconcilePendingPayments({ graceMs });
      if (counts.settled || counts.failed || counts.errors) {
        console.log(`reconciled pending payments: ${counts.settled} settled, ${counts.failed} failed, ${counts.open} still open, ${counts.errors} not reachable`);
      }
    } catch (error) {
      console.error(`payment reconciliation failed; retrying in ${INTERVAL_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  slot[RUNNING] = setInterval(() => void round(), INTERVAL_MS).unref();
  onShutdown(async () => clearInterval(slot[RUNNING]));
  // At start nothing of this process is settling yet: everything pending is looked at.
  void round(0);
}
