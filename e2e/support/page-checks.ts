import path from "node:path";
import { type Locator, type Page, type TestInfo, expect } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
/** WCAG 2.5.5's comfortable tap target, and what Apple and Google ask for on phones. */
export const TAP_TARGET_PX = 44;

/** Where the screenshots of the main pages are kept: test-results/screens/<page>-<width>.png. */
export const screenPath = (testInfo: TestInfo, name: string, width: number) => path.join(testInfo.project.outputDir, "screens", `${name}-${width}.png`);

/** What makes the page wider than the viewport: the scroll width and the elements reaching past the right edge. */
function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const clippedAbove = (element: Element | null) => {
      for (let box = element; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible") return true;
      }
      return false;
    };
    const wide = Array.from(document.body.querySelectorAll("*"))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && (box.right > viewport + 0.5 || box.left < -0.5) && !clippedAbove(element.parentElement);
      })
      .map((element) => `<${element.tagName.toLowerCase()}> "${(element.textContent ?? "").trim().slice(0, 40)}"`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  });
}

/** At a phone's 390 px (the viewport is set to it) nothing makes the page scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, name = "page") {
  await page.setViewportSize(PHONE);
  const overflow = await sidewaysOverflow(page);
  expect.soft(overflow.scrollWidth, `${name}: scrolls sideways at 390 px (${overflow.wide.join("; ")})`).toBeLessThanOrEqual(PHONE.width);
}

/** Every visible link and button inside `scope` is at least 44 px tall at the current viewport. */
export async function expectTapTargets(scope: Locator, name: string) {
  const heights = await scope.locator("a, button").evaluateAll((elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden")
      .map((element) => ({ label: (element.textContent ?? "").trim().slice(0, 40), height: Math.round(element.getBoundingClientRect().height) })),
  );
  expect.soft(heights.length, `${name}: no links or buttons found`).toBeGreaterThan(0);
  const small = heights.filter(({ height }) => height < TAP_TARGET_PX - 0.5);
  expect.soft(small, `${name}: tap targets under ${TAP_TARGET_PX} px`).toEqual([]);
}

/**
 * The page as it is now: zero axe WCAG A/AA violations at 390 px, no sideways scroll and a header on
 * one line with 44 px tap targets. With `screenshot` (the main pages), axe at 1280 px too and
 * full-page screenshots at both sizes, kept under test-results/screens.
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string, options: { screenshot?: boolean } = {}) {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => document.fonts.ready);
  await expectNoAxeViolations(page, `${name}-${PHONE.width}`, testInfo);
  await expectNoSidewaysScroll(page, name);
  const header = page.getByRole("banner");
  if (await header.count()) {
    await expectTapTargets(header, `${name}: header`);
    const rows = await header.locator("a").evaluateAll((links) => new Set(links.map((link) => Math.round(link.getBoundingClientRect().top))).size);
    expect.soft(rows, `${name}: the header wraps onto ${rows} lines at 390 px`).toBe(1);
  }
  if (!options.screenshot) return;
  await page.screenshot({ path: screenPath(testInfo, name, PHONE.width), fullPage: true });
  // Layouts differ on a laptop, colours do not: the main pages are checked there too.
  await page.setViewportSize(DESKTOP);
  await expectNoAxeViolations(page, `${name}-${DESKTOP.width}`, testInfo);
  await page.screenshot({ path: screenPath(testInfo, name, DESKTOP.width), fullPage: true });
  await page.setViewportSize(PHONE);
}
