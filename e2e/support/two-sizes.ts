import type { Page, TestInfo } from "@playwright/test";

/** A full-page screenshot at a phone's size (390×844) and a laptop's (1280×800), kept as test artifacts. */
export async function screenshotBothSizes(page: Page, testInfo: TestInfo, name: string) {
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
}
