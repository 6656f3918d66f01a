import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

/** axe-core over the whole page as it is now: zero violations, listed by rule and element when not. */
export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(" | ")}`)).toEqual([]);
}

/** At a phone's 390 px nothing makes the page scroll sideways. */
export async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
}
