import { z } from "zod";

export const ANALYTICS_PERIODS = [30, 90] as const;
export type AnalyticsPeriod = { days: (typeof ANALYTICS_PERIODS)[number]; since: string; until: string };

const daysSchema = z.coerce
  .number()
  .pipe(z.union(ANALYTICS_PERIODS.map((days) => z.literal(days))))
  .catch(ANALYTICS_PERIODS[0]);

/** The studio's `?days=` as UTC dates: the last 30 (default) or 90 days, today included. */
export function analyticsPeriod(days: unknown, now = new Date()): AnalyticsPeriod {
  const length = daysSchema.parse(days);
  const until = now.toISOString().slice(0, 10);
  const since = new Date(now.getTime() - (length - 1) * 86_400_000).toISOString().slice(0, 10);
  return { days: length, since, until };
}
