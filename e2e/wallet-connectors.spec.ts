import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { freePort } from "../lib/testing/free-port";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { installTestWallet } from "./support/injected-wallet";

test("wallets announced over EIP-6963 are listed by name; WalletConnect only with a project id", async ({ page, store }) => {
  await installTestWallet(page, { privateKey: store.devnet.buyers[0].privateKey, rpcUrl: store.devnet.rpcUrl, chainId: store.devnet.chainId });
  await page.goto("/items/midnight-blocks");
  await expect(page.getByRole("button", { name: "Connect Test Wallet" })).toBeVisible();
  await expect(page.getByRole("button", { name: /WalletConnect/ })).toHaveCount(0);
});

test.describe("with NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID", () => {
  let anvil: RunningAnvil;
  let other: StartedStore;

  test.beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    other = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: "", NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: "0123456789abcdef0123456789abcdef" });
  });
  test.afterAll(async () => {
    await stopStore(other);
    await anvil.stop();
  });

  test("the connect list offers WalletConnect", async ({ page }) => {
    await page.goto(`${other.url}/items/midnight-blocks`);
    await expect(page.getByRole("button", { name: "Connect WalletConnect" })).toBeVisible();
  });
});
