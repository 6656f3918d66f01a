import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BrowserChain } from "@/lib/chain/browser-chain";
import { agentGuide } from "./agent-guide";

const DEVNET: BrowserChain = {
  id: 31337,
  name: "x402 Storefront devnet",
  network: "eip155:31337",
  rpcUrl: "http://127.0.0.1:8545",
  usdc: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  explorerUrl: null,
  testnet: true,
};
const BASE_SEPOLIA: BrowserChain = {
  id: 84532,
  name: "Base Sepolia",
  network: "eip155:84532",
  rpcUrl: "https://sepolia.base.org",
  usdc: "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
  explorerUrl: "https://sepolia.basescan.org",
  testnet: true,
};

describe("the For agents page's facts", () => {
  it("come from the configured chain: its name, CAIP-2 id and USDC, in the code sample too", () => {
    const guide = agentGuide(BASE_SEPOLIA, "https://shop.example/api/download/a-book");
    assert.equal(guide.networkName, "Base Sepolia");
    assert.equal(guide.network, "eip155:84532");
    assert.equal(guide.usdcUrl, "https://sepolia.basescan.org/token/0x036CbD53842c5426634e7929541eC2318f3dCF7e");
    assert.match(guide.sample, /networks: \["eip155:84532"\]/);
    assert.match(guide.sample, /asset: "0x036CbD53842c5426634e7929541eC2318f3dCF7e"/);
    assert.match(guide.sample, /payingFetch\("https:\/\/shop\.example\/api\/download\/a-book"\)/);
  });

  it("say x402 v1 clients work on Base and Base Sepolia only, by their v1 network name", () => {
    assert.equal(agentGuide(BASE_SEPOLIA, "u").v1Network, "base-sepolia");
    assert.equal(agentGuide({ ...BASE_SEPOLIA, id: 8453, network: "eip155:8453", name: "Base" }, "u").v1Network, "base");
    assert.equal(agentGuide(DEVNET, "u").v1Network, null);
    assert.equal(agentGuide(DEVNET, "u").usdcUrl, null);
  });
});
