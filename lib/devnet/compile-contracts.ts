import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type ContractArtifact = {
  contractName: string;
  abi: unknown[];
  bytecode: `0x${string}`;
  deployedBytecode: `0x${string}`;
};

export const CONTRACTS_DIR = path.join(process.cwd(), "contracts");
export const CONTRACT_NAMES = ["TestUSDC", "Multicall3"] as const;

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
};

/** Compiles the devnet contracts with solc-js (pinned in package.json, so the output is reproducible). */
export function compileContracts(): ContractArtifact[] {
  // solc is CommonJS and only needed at build time and in its test; load it on demand.
  const solc = createRequire(import.meta.url)("solc") as { compile(input: string): string };
  const sources = Object.fromEntries(
    CONTRACT_NAMES.map((name) => [
      `${name}.sol`,
      { content: readFileSync(path.join(CONTRACTS_DIR, `${name}.sol`), "utf8") },
    ]),
  );
  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0) {
    throw new Error(`Solidity compilation failed:\n${errors.map((error) => error.formattedMessage).join("\n")}`);
  }
  return CONTRACT_NAMES.map((name) => {
    const compiled = output.contracts[`${name}.sol`][name];
    return {
      contractName: name,
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
      deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
    };
  });
}
