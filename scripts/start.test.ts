import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { freePort } from "@/lib/testing/free-port";

const dataDir = mkdtempSync(path.join(tmpdir(), "storefront-start-"));

/** Runs the start command with a bad setting; it must exit 1 with one clear line and no stack. */
async function startWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), ANVIL_PORT: String(await freePort()), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // A bound for a start that hangs, not a speed requirement: a busy machine may take a while to give up.
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, stderr: stderr.trim() };
}

function assertOneLine(result: { code: number | null; stderr: string }, pattern: RegExp) {
  assert.equal(result.code, 1);
  assert.equal(result.stderr.split("\n").length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(result.stderr, /^x402 Storefront cannot start: /);
  assert.match(result.stderr, pattern);
}

describe("bad configuration at startup", () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("names an unreachable RPC_URL", async () => {
    assertOneLine(await startWith({ RPC_URL: `http://127.0.0.1:${await freePort()}` }), /RPC_URL .* is unreachable/);
  });

  it("names a bad DATABASE_URL", async () => {
    assertOneLine(await startWith({ DATABASE_URL: "mysql://nope" }), /DATABASE_URL/);
  });

  it("names an unreachable PostgreSQL server", async () => {
    assertOneLine(
      await startWith({ DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/none` }),
      /DATABASE_URL: cannot use the PostgreSQL database/,
    );
  });

  it("names a port in use", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      assertOneLine(await startWith({ PORT: String(port) }), new RegExp(`port ${port} .* already in use`));
    } finally {
      blocker.close();
    }
  });

  it("names a missing storage folder", async () => {
    assertOneLine(await startWith({ STORAGE_DIR: path.join(dataDir, "missing") }), /STORAGE_DIR .* does not exist/);
  });

  it("asks for a facilitator off the devnet", async () => {
    assertOneLine(await startWith({ NETWORK: "base", FACILITATOR_PRIVATE_KEY: "", FACILITATOR_URL: "" }), /FACILITATOR_PRIVATE_KEY .* or FACILITATOR_URL/);
  });

  it("refuses a facilitator that does not settle on our network", async () => {
    // A facilitator for Base mainnet only, as a wrong FACILITATOR_URL would be.
    const facilitator = http.createServer((request, response) => {
      const kinds = [{ x402Version: 2, scheme: "exact", network: "eip155:8453" }];
      response.writeHead(request.url?.endsWith("/supported") ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify({ kinds, extensions: [], signers: {} }));
    });
    facilitator.listen(0, "127.0.0.1");
    await new Promise((resolve) => facilitator.once("listening", resolve));
    const { port } = facilitator.address() as net.AddressInfo;
    try {
      assertOneLine(
        await startWith({ FACILITATOR_URL: `http://127.0.0.1:${port}/facilitator/` }),
        new RegExp(`FACILITATOR_URL http://127.0.0.1:${port}/facilitator does not settle exact payments on eip155:31337 \\(devnet\\): it lists exact on eip155:8453 \\(v2\\)`),
      );
    } finally {
      facilitator.close();
    }
  });

  it("wants both CDP API key parts", async () => {
    assertOneLine(await startWith({ CDP_API_KEY_ID: "key-id", CDP_API_KEY_SECRET: "" }), /set both CDP_API_KEY_ID and CDP_API_KEY_SECRET/);
  });

  it("refuses a public anvil key as the receipt signing key off the devnet", async () => {
    const anvilKey = "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897";
    const result = await startWith({ NETWORK: "base-sepolia", FACILITATOR_URL: "http://127.0.0.1:1", RECEIPT_SIGNING_KEY: anvilKey });
    assertOneLine(result, /RECEIPT_SIGNING_KEY is a public anvil development key/);
    assert.doesNotMatch(result.stderr, /f214f2b2/);
  });

  it("names an invalid setting", async () => {
    assertOneLine(await startWith({ NETWORK: "mainnet" }), /NETWORK/);
  });
});
