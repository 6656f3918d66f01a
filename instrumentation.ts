// Next.js runs register() once when a server process starts: the place for background work.
export async function register() {
  // Not while `next build` collects pages: there is no database or chain to reconcile against.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // With WEB_CONCURRENCY > 1 one worker runs them (lib/startup/cluster.ts).
  if (!(await import("@/lib/startup/background-jobs")).runsBackgroundJobs()) return;
  const { startReconciler } = await import("@/lib/payments/reconciler");
  startReconciler();
  (await import("@/lib/studio/draft-sweep")).startDraftSweep();
  (await import("@/lib/webhooks/deliverer")).startWebhookDeliverer();
}
