import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Address } from "viem";
import { BUYERS, CREATORS, type DevnetAccount, FACILITATOR, UNFUNDED_BUYER } from "./accounts";
import { DEVNET_CHAIN_ID } from "./anvil";

/** `.data/devnet.json`: everything a test, an agent or a person importing a key needs. */
export type DevnetFile = {
  chainId: number;
  rpcUrl: string;
  network: `eip155:${number}`;
  usdc: Address;
  multicall3: Address;
  facilitator: { address: Address };
  buyers: DevnetAccount[];
  unfundedBuyer: DevnetAccount;
  creators: DevnetAccount[];
  storeUrl: string;
};

export function devnetFilePath(dataDir: string) {
  return path.join(dataDir, "devnet.json");
}

export function writeDevnetFile(
  dataDir: string,
  details: { rpcUrl: string; usdc: Address; multicall3: Address; storeUrl: string },
): DevnetFile {
  const file: DevnetFile = {
    chainId: DEVNET_CHAIN_ID,
    rpcUrl: details.rpcUrl,
    network: `eip155:${DEVNET_CHAIN_ID}`,
    usdc: details.usdc,
    multicall3: details.multicall3,
    facilitator: { address: FACILITATOR.address },
    buyers: BUYERS,
    unfundedBuyer: UNFUNDED_BUYER,
    creators: CREATORS,
    storeUrl: details.storeUrl,
  };
  writeFileSync(devnetFilePath(dataDir), `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

export function readDevnetFile(dataDir: string): DevnetFile {
  return JSON.parse(readFileSync(devnetFilePath(dataDir), "utf8")) as DevnetFile;
}
