import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser; flags keep it off the network this machine lacks.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

// The PostgreSQL pass (DATABASE_URL set) repeats what the database decides: claims, races, outages,
// sessions, limits, quotas, queries, several processes. These specs test clients, pages, storage,
// in-memory limits and the chain, which behave the same on either database, so they run in the
// PGlite pass only.
const SAME_ON_EVERY_DATABASE = [
  "abuse-limits",
  "accessibility",
  "browser-buy",
  "catalog",
  "checkout",
  "compression",
  "cross-site",
  "devnet-clock",
  "discovery",
  "forwarded-headers",
  "interop-v1",
  "interop-v2",
  "large-download",
  "library-players",
  "missing-files",
  "payment-rpc-budget",
  "phone-layout",
  "previews",
  "s3-storage",
  "pricing-agents",
  "pricing-pages",
  "signed-receipts",
  "studio-item-form",
  "studio-item-preview",
  "studio-preview",
  "studio-browser",
  "studio-uploads",
  "upload-content",
  "wallet-connectors",
  "wallet-messages",
].map((spec) => `**/${spec}.spec.ts`);

export default defineConfig({
  testDir: ".",
  testIgnore: process.env.DATABASE_URL ? SAME_ON_EVERY_DATABASE : [],
  // Playwright empties its output folder at the start: the PostgreSQL pass keeps its own, so the
  // screenshots of the PGlite pass (test-results/screens) survive `npm test`.
  outputDir: process.env.DATABASE_URL ? "../test-results/postgresql" : "../test-results",
  globalSetup: "./support/global-setup.ts",
  globalTeardown: "./support/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "../playwright-report" }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
