// The item page's weight and speed as a buyer on a slow phone meets them, measured in Debian's Chromium
// against a running store: JavaScript bytes transferred, and how long until the Connect button works.
import { type Browser, type BrowserContext, type Page, chromium } from "@playwright/test";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { installTestWallet } from "../../e2e/support/injected-wallet";

// The same flags as e2e/playwright.config.ts: Debian's Chromium kept off the network this machine lacks.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

/** A mid-range phone on a poor mobile connection (Lighthouse's "slow 4G" with a 4× slower CPU). */
export const SLOW_PHONE = { downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 750_000, latencyMs: 150, cpuSlowdown: 4 };

export type ScriptBytes = { raw: number; compressed: number; files: number };

async function withBrowser<T>(run: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}

/**
 * Every script the page transfers from navigation until the network is quiet, with no interaction:
 * whatever the page loads by itself (eagerly or on idle) counts. `compressed` is the body as sent
 * (what the wire carries), `raw` the decoded body.
 */
export async function itemPageScripts(pageUrl: string): Promise<ScriptBytes> {
  return withBrowser(async (browser) => {
    const page = await browser.newPage();
    const scripts = countScripts(page);
    await page.goto(pageUrl, { waitUntil: "networkidle" });
    return scripts();
  });
}

/** Counts the scripts a page transfers from now on; the returned function totals them so far. */
function countScripts(page: Page): () => Promise<ScriptBytes> {
  const pending: Promise<{ raw: number; compressed: number } | null>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const response = await request.response();
        const sizes = await request.sizes();
        return { raw: response ? (await response.body()).length : 0, compressed: sizes.responseBodySize };
      })().catch(() => null), // finished after the count was taken, as the browser closed
    );
  });
  return async () => {
    const scripts = (await Promise.all([...pending])).filter((script) => script !== null);
    return {
      raw: scripts.reduce((sum, script) => sum + script.raw, 0),
      compressed: scripts.reduce((sum, script) => sum + script.compressed, 0),
      files: scripts.length,
    };
  };
}

async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: SLOW_PHONE.latencyMs,
    downloadThroughput: SLOW_PHONE.downloadBitsPerSecond / 8,
    uploadThroughput: SLOW_PHONE.uploadBitsPerSecond / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOW_PHONE.cpuSlowdown });
}

/**
 * On the slow phone with a cold cache, from the start of navigation: when a tap on Connect first
 * asks the wallet for its accounts (`askedMs`: the wallet's prompt would open), and when the page
 * shows the connected address (`ms`); and the scripts transferred by then (a browser with a wallet
 * loads the wallet stack). The buyer taps the first Connect button as soon as one is on screen and
 * enabled, and taps again every 250 ms while nothing happens (a tap before the page can act on it is
 * lost), until the page shows the connected wallet. So the numbers are when Connect first *works*,
 * not when it first appears.
 */
export async function connectWorksAfter(pageUrl: string, devnet: DevnetFile): Promise<{ ms: number; askedMs: number; scripts: ScriptBytes }> {
  return withBrowser(async (browser) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const wallet = await installTestWallet(page, { privateKey: devnet.buyers[0].privateKey, rpcUrl: devnet.rpcUrl, chainId: devnet.chainId });
    await throttle(context, page);
    const connected = page.getByTestId("wallet-connected");
    const connect = page.getByRole("button", { name: /^Connect/ }).first();
    const scripts = countScripts(page);
    const started = Date.now();
    await page.goto(pageUrl, { waitUntil: "commit" });
    while (!(await connected.isVisible())) {
      if (Date.now() - started > 60_000) throw new Error("the wallet did not connect within 60 s on the slow phone");
      // A tap, not a scripted event: Playwright waits until the button is visible, stable and enabled.
      if (!wallet.firstCalledAt.has("eth_requestAccounts")) await connect.click({ timeout: 250, noWaitAfter: true }).catch(() => undefined);
      await connected.waitFor({ state: "visible", timeout: 150 }).catch(() => undefined);
    }
    const ms = Date.now() - started;
    const askedAt = wallet.firstCalledAt.get("eth_requestAccounts");
    return { ms, askedMs: askedAt === undefined ? ms : askedAt - started, scripts: await scripts() };
  });
}
