import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Address, type Hex, createWalletClient, http, parseSignature, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { freePort } from "@/lib/testing/free-port";
import { BUYERS, CREATORS, FACILITATOR } from "./accounts";
import { signDevnetAuthorization } from "./sign-authorization";
import { type RunningAnvil, startAnvil } from "./anvil";
import { BUYER_USDC_BALANCE, MULTICALL3_ADDRESS, devnetClients, loadArtifact, prepareDevnet } from "./deploy";

const { abi } = loadArtifact("TestUSDC");

describe("the devnet's test USDC (EIP-3009 on a real anvil)", () => {
  let anvil: RunningAnvil;
  let usdc: Address;
  let clients: ReturnType<typeof devnetClients>;
  const buyer = privateKeyToAccount(BUYERS[0].privateKey);
  const payee = CREATORS[0].address;

  before(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ usdc } = await prepareDevnet(anvil.rpcUrl));
    clients = devnetClients(anvil.rpcUrl);
  });
  after(() => anvil.stop());

  const facilitator = () =>
    createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl), account: privateKeyToAccount(FACILITATOR.privateKey) });
  const read = (functionName: string, args: unknown[] = []) =>
    clients.publicClient.readContract({ address: usdc, abi, functionName, args });

  async function authorize(overrides: Partial<{ value: bigint; validAfter: bigint; validBefore: bigint; nonce: Hex }> = {}) {
    const now = BigInt(Math.floor(Date.now() / 1000));
    const message = {
      from: buyer.address,
      to: payee,
      value: 1_500_000n,
      validAfter: now - 60n,
      validBefore: now + 600n,
      nonce: toHex(crypto.getRandomValues(new Uint8Array(32))),
      ...overrides,
    };
    return signDevnetAuthorization(buyer, usdc, message);
  }

  const args = (message: Awaited<ReturnType<typeof authorize>>["message"]) =>
    [message.from, message.to, message.value, message.validAfter, message.validBefore, message.nonce] as const;

  it("has USDC's EIP-712 domain, decimals, and Multicall3 installed", async () => {
    assert.equal(await read("name"), "USD Coin");
    assert.equal(await read("version"), "2");
    assert.equal(await read("decimals"), 6);
    assert.equal(await read("balanceOf", [buyer.address]), BUYER_USDC_BALANCE);
    const code = await clients.publicClient.getCode({ address: MULTICALL3_ADDRESS });
    assert.ok(code && code.length > 2);
  });

  it("settles a signed transferWithAuthorization (bytes signature) and refuses its replay", async () => {
    const { message, signature } = await authorize();
    const before = (await read("balanceOf", [payee])) as bigint;
    const hash = await facilitator().writeContract({ address: usdc, abi, functionName: "transferWithAuthorization", args: [...args(message), signature] });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal(await read("balanceOf", [payee]), before + message.value);
    assert.equal(await read("authorizationState", [buyer.address, message.nonce]), true);
    await assert.rejects(
      clients.publicClient.simulateContract({ address: usdc, abi, functionName: "transferWithAuthorization", args: [...args(message), signature], account: FACILITATOR.address }),
      /authorization is used or canceled/,
    );
  });

  it("accepts the v, r, s overload", async () => {
    const { message, signature } = await authorize();
    const { v, r, s } = parseSignature(signature);
    const hash = await facilitator().writeContract({ address: usdc, abi, functionName: "transferWithAuthorization", args: [...args(message), Number(v), r, s] });
    assert.equal((await clients.publicClient.waitForTransactionReceipt({ hash })).status, "success");
  });

  it("refuses a signature by another key, an expired and a not-yet-valid authorization", async () => {
    const simulate = (message: Awaited<ReturnType<typeof authorize>>["message"], signature: Hex) =>
      clients.publicClient.simulateContract({ address: usdc, abi, functionName: "transferWithAuthorization", args: [...args(message), signature], account: FACILITATOR.address });
    const valid = await authorize();
    await assert.rejects(simulate({ ...valid.message, value: valid.message.value + 1n }, valid.signature), /invalid signature/);
    const now = BigInt(Math.floor(Date.now() / 1000));
    const expired = await authorize({ validBefore: now - 1n, validAfter: 0n });
    await assert.rejects(simulate(expired.message, expired.signature), /authorization is expired/);
    const future = await authorize({ validAfter: now + 3600n, validBefore: now + 7200n });
    await assert.rejects(simulate(future.message, future.signature), /not yet valid/);
  });

  it("refuses transfers of a blacklisted account, like USDC; only the owner blacklists", async () => {
    const valid = await authorize();
    await assert.rejects(
      facilitator().writeContract({ address: usdc, abi, functionName: "blacklist", args: [buyer.address] }),
      /caller is not the owner/,
    );
    const owner = clients.deployer;
    await clients.publicClient.waitForTransactionReceipt({ hash: await owner.writeContract({ address: usdc, abi, functionName: "blacklist", args: [buyer.address] }) });
    await assert.rejects(
      clients.publicClient.simulateContract({ address: usdc, abi, functionName: "transferWithAuthorization", args: [...args(valid.message), valid.signature], account: FACILITATOR.address }),
      /account is blacklisted/,
    );
    await clients.publicClient.waitForTransactionReceipt({ hash: await owner.writeContract({ address: usdc, abi, functionName: "unBlacklist", args: [buyer.address] }) });
    const hash = await facilitator().writeContract({ address: usdc, abi, functionName: "transferWithAuthorization", args: [...args(valid.message), valid.signature] });
    assert.equal((await clients.publicClient.waitForTransactionReceipt({ hash })).status, "success");
  });

  it("is ready again after a second prepare (idempotent start)", async () => {
    const again = await prepareDevnet(anvil.rpcUrl);
    assert.equal(again.usdc, usdc);
  });
});
