import AxeBuilder from "@axe-core/playwright";
import { type Page, type TestInfo, expect } from "@playwright/test";

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules: what the store promises every page meets. */
export const WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe-core over the page as it is now and expects no WCAG A/AA violation. The full result is
 * attached to the test when given (`axe-<name>.json`), and the failure message names each rule with the
 * elements that break it, so a red run says what to fix without opening the report.
 */
export async function expectNoAxeViolations(page: Page, name = "page", testInfo?: TestInfo) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  await testInfo?.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: "application/json" });
  const found = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`).join("\n")}`,
  );
  expect.soft(found, `${name}: axe found WCAG A/AA violations on ${page.url()}`).toEqual([]);
}
