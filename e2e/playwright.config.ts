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

const RUN = process.env.E2E_RUN;
const OUTPUT_DIR = RUN ? `../test-results/${RUN}` : process.env.DATABASE_URL ? "../test-results/postgresql" : "../test-results";
const REPORT_DIR = RUN ? `../playwright-report/${RUN}` : "../playwright-report";

export default defineConfig({
  testDir: ".",
  testIgnore: process.env.DATABASE_URL ? SAME_ON_EVERY_DATABASE : [],
  // Playwright empties its output folder at the start: each run of `npm test` (E2E_RUN: the PGlite
  // pass and the PostgreSQL pass, side by side) keeps its own, so neither deletes the other's files.
  outputDir: OUTPUT_DIR,
  globalSetup: "./support/global-setup.ts",
  globalTeardown: "./support/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: REPORT_DIR }]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
