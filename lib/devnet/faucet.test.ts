import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Address, erc20Abi } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { type ChainConfig, chainConfigFrom } from "@/lib/chain/networks";
import { parseEnv } from "@/lib/env";
import { freePort } from "@/lib/testing/free-port";
import { type RunningAnvil, startAnvil } from "./anvil";
import { devnetClients, prepareDevnet } from "./deploy";
import { FAUCET_AMOUNT, FAUCET_CEILING, mintTestUsdc } from "./faucet";

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;

describe("the devnet faucet (real anvil)", () => {
  let anvil: RunningAnvil;
  let devnet: ChainConfig;
  const balanceOf = (owner: Address) =>
    devnetClients(anvil.rpcUrl).publicClient.readContract({ address: devnet.usdc, abi: erc20Abi, functionName: "balanceOf", args: [owner] });

  before(async () => {
    anvil = await startAnvil({ port: await freePort() });
    const { usdc } = await prepareDevnet(anvil.rpcUrl);
    devnet = chainConfigFrom(parseEnv({ NODE_ENV: "test", NETWORK: "devnet", RPC_URL: anvil.rpcUrl, USDC_ADDRESS: usdc }));
  });
  after(() => anvil.stop());

  it("mints exactly FAUCET_AMOUNT from the token's owner, also to several wallets at once", async () => {
    const wallets = [freshWallet(), freshWallet(), freshWallet()];
    const results = await Promise.all(wallets.map((to) => mintTestUsdc({ chain: devnet, to })));
    for (const [index, result] of results.entries()) {
      assert.deepEqual(result, { ok: true, minted: FAUCET_AMOUNT, balance: FAUCET_AMOUNT });
      assert.equal(await balanceOf(wallets[index]), FAUCET_AMOUNT);
    }
  });

  it("refuses a wallet at the ceiling (enough_test_usdc) and mints nothing", async () => {
    const to = freshWallet();
    while ((await balanceOf(to)) < FAUCET_CEILING) assert.equal((await mintTestUsdc({ chain: devnet, to })).ok, true);
    const before = await balanceOf(to);
    assert.deepEqual(await mintTestUsdc({ chain: devnet, to }), { ok: false, reason: "enough_test_usdc", balance: before });
    assert.equal(await balanceOf(to), before);
  });

  it("refuses every other network (not_devnet), even where the devnet's deployer key owns the token (the rehearsal chain)", async () => {
    for (const NETWORK of ["base-sepolia", "base"]) {
      // The devnet's own RPC and token, under another network's name: nothing may be minted.
      const chain = { ...devnet, name: NETWORK as ChainConfig["name"] };
      const to = freshWallet();
      assert.deepEqual(await mintTestUsdc({ chain, to }), { ok: false, reason: "not_devnet" });
      assert.equal(await balanceOf(to), 0n);
    }
  });
});
