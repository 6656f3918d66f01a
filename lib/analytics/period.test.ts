import assert from "node:assert/strict";
import { test } from "node:test";
import { analyticsPeriod } from "./period";

const noon = new Date("2026-03-31T12:00:00Z");

test("the default period is the last 30 UTC days, today included", () => {
  assert.deepEqual(analyticsPeriod(undefined, noon), { days: 30, since: "2026-03-02", until: "2026-03-31" });
});

test("90 days is the other period; anything else falls back to 30", () => {
  assert.equal(analyticsPeriod("90", noon).since, "2026-01-01");
  for (const input of ["7", "abc", "", ["90", "30"], "30.5"]) assert.equal(analyticsPeriod(input, noon).days, 30);
});
