// Set by the cluster primary for each worker (lib/startup/cluster.ts): one runs the background jobs.
export const BACKGROUND_JOBS_VARIABLE = "STORE_BACKGROUND_JOBS";

/**
 * Whether this server process runs the background jobs (payment reconciler, draft sweep): the only
 * process, or the cluster's first worker. In every worker the reconciler's start-up round, which
 * takes every pending payment as abandoned, could decide a payment another worker is settling.
 */
export function runsBackgroundJobs(): boolean {
  return process.env[BACKGROUND_JOBS_VARIABLE] !== "false";
}
