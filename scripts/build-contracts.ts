// Rebuilds contracts/artifacts/*.json from contracts/*.sol. Run after editing a contract:
// `npm run contracts:build`. The artifacts are committed so that starting the store needs no compiler.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CONTRACTS_DIR, compileContracts } from "../lib/devnet/compile-contracts";

const artifactsDir = path.join(CONTRACTS_DIR, "artifacts");
mkdirSync(artifactsDir, { recursive: true });
for (const artifact of compileContracts()) {
  const file = path.join(artifactsDir, `${artifact.contractName}.json`);
  writeFileSync(file, `${JSON.stringify(artifact, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${(artifact.deployedBytecode.length - 2) / 2} bytes of runtime code)`);
}
