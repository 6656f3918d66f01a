// Every section reports its goals as rows; `npm run bench` prints them together at the end, so one
// run's output answers "is every goal met?" in one table.
import { printTable } from "./table";

export type GoalRow = {
  measure: string;
  /** What the result is compared with, measured in the same run (or a recorded "before"). */
  baseline: string;
  result: string;
  /** result ÷ baseline, where the goal is a ratio. */
  ratio?: number;
  goal: string;
  met: boolean;
};

export function printGoals(rows: GoalRow[]) {
  console.log(`\nGoals (${rows.filter((row) => row.met).length} of ${rows.length} met)\n`);
  printTable([
    ["measure", "baseline", "result", "ratio", "goal", "met"],
    ...rows.map((row) => [row.measure, row.baseline, row.result, row.ratio === undefined ? "—" : `${row.ratio.toFixed(2)}×`, row.goal, row.met ? "yes" : "NO"]),
  ]);
}
