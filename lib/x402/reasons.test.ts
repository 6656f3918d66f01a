import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { REASON_CODES, cleanReason, reasonMessage } from "./reasons";

/** The text of every test file: unit tests beside the code, and the end-to-end specs. */
function testSources(): string {
  const roots = ["lib", "db", "scripts", "e2e"];
  const files = roots.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(test|spec)\.ts$/.test(file) && !file.includes("node_modules"))
      .map((file) => path.join(root, file)),
  );
  return files.filter((file) => !file.endsWith(path.join("x402", "reasons.test.ts"))).map((file) => readFileSync(file, "utf8")).join("\n");
}

describe("refusal reasons", () => {
  it("each reason this store can give is asserted by at least one test", () => {
    const sources = testSources();
    const untested = REASON_CODES.filter((code) => !sources.includes(`"${code}"`));
    assert.deepEqual(untested, [], `reasons no test produces: ${untested.join(", ")}`);
  });

  it("keeps a library's code but never the raw text after it", () => {
    assert.equal(cleanReason("invalid_exact_evm_transaction_failed: execution reverted at 0xabc, URL http://rpc", "x"), "invalid_exact_evm_transaction_failed");
    assert.equal(cleanReason("Execution reverted", "fallback_reason"), "fallback_reason");
    assert.equal(cleanReason(undefined, "fallback_reason"), "fallback_reason");
    assert.match(reasonMessage("no_such_reason"), /refused/);
  });
});
