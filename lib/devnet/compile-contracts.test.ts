import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileContracts } from "./compile-contracts";
import { loadArtifact } from "./deploy";

describe("committed contract artifacts", () => {
  it("match what the Solidity sources compile to (run `npm run contracts:build` after editing a contract)", () => {
    for (const compiled of compileContracts()) {
      const committed = loadArtifact(compiled.contractName as "TestUSDC" | "Multicall3");
      assert.equal(committed.bytecode, compiled.bytecode, `${compiled.contractName} bytecode`);
      assert.equal(committed.deployedBytecode, compiled.deployedBytecode, `${compiled.contractName} runtime code`);
      assert.deepEqual(committed.abi, compiled.abi, `${compiled.contractName} ABI`);
    }
  });
});
