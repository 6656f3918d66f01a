import { test as base, expect } from "@playwright/test";
import type { DevnetFile } from "../lib/devnet/devnet-file";

export type Store = { url: string; devnet: DevnetFile };

/** Gives each test the running store and its devnet (accounts, USDC address, RPC URL). */
export const test = base.extend<{ store: Store }>({
  store: async ({}, provide) => {
    await provide({ url: process.env.E2E_STORE_URL!, devnet: JSON.parse(process.env.E2E_DEVNET!) as DevnetFile });
  },
  baseURL: async ({}, provide) => {
    await provide(process.env.E2E_STORE_URL);
  },
});

export { expect };
