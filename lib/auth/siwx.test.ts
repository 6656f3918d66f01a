import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { type CompleteSIWxInfo, SOLANA_DEVNET, createSIWxPayload, encodeBase58, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import { sql } from "drizzle-orm";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { siwxNonces } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { createSiwxChallenge, librarySiwxResource, siwxDeclarationFor, siwxResourceUrl, verifySiwxProof } from "./siwx";
import { issueSiwxNonce } from "./siwx-nonce";

process.env.SESSION_SECRET ??= "a-test-session-secret-of-at-least-32-characters";
process.env.USDC_ADDRESS ??= "0x5FbDB2315678afecb367f032d93F642f64180aa3";

const account = privateKeyToAccount(generatePrivateKey());
const header = async (info: CompleteSIWxInfo) => encodeSIWxHeader(await createSIWxPayload(info, account, info.uri));

describe("Sign-In-With-X proofs", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  const download = () => siwxResourceUrl("/api/download/book");
  const challenge = (resourceUrl = download()) => createSiwxChallenge({ resourceUrl, statement: "Sign in." });

  before(async () => {
    test = await openTestDatabase();
  });
  after(() => test.close());

  it("a 402's challenge is complete, on this store's chain, and writes nothing", async () => {
    const before = await test.db.$count(siwxNonces);
    const declaration = siwxDeclarationFor(download(), "Sign in.")["sign-in-with-x"];
    assert.deepEqual(declaration.supportedChains, [{ chainId: "eip155:31337", type: "eip191" }]);
    assert.equal(declaration.info.uri, "http://127.0.0.1:3000/api/download/book");
    assert.deepEqual(declaration.info.resources, [declaration.info.uri]);
    assert.equal(declaration.info.domain, "127.0.0.1:3000");
    assert.equal(await test.db.$count(siwxNonces), before);
  });

  it("proves the wallet once, for the resource it names", async () => {
    const proof = await header(challenge());
    assert.deepEqual(await verifySiwxProof(proof, { resourceUrl: download() }), { ok: true, address: account.address });
    assert.deepEqual(await verifySiwxProof(proof, { resourceUrl: download() }), { ok: false, reason: "invalid_siwx_nonce_reused" });
  });

  it("refuses another chain, another resource, a made-up or expired nonce, and Solana, before spending anything", async () => {
    const before = await test.db.$count(siwxNonces);
    const fresh = challenge();
    const other = challenge(siwxResourceUrl("/api/download/other"));
    const library = challenge(librarySiwxResource());
    const solana = generateKeyPairSync("ed25519");
    const solanaSigner = {
      publicKey: encodeBase58(Buffer.from(solana.publicKey.export({ format: "jwk" }).x!, "base64url")),
      signMessage: async (message: Uint8Array) => new Uint8Array(sign(null, message, solana.privateKey)),
    };
    const expired = issueSiwxNonce({ secret: process.env.SESSION_SECRET!, resourceUri: download(), chainId: "eip155:31337", expiresAt: new Date(Date.now() - 1000) });
    const cases: [string, string, string][] = [
      ["chain eip155:1", await header({ ...fresh, chainId: "eip155:1" }), "invalid_siwx_chain_mismatch"],
      ["made-up nonce", await header({ ...fresh, nonce: "0123456789abcdef0123456789abcdef" }), "invalid_siwx_nonce_unknown"],
      ["another item's challenge", await header(other), "invalid_siwx_resource_mismatch"],
      ["another item's nonce", await header({ ...other, uri: download(), resources: [download()] }), "invalid_siwx_nonce_unknown"],
      ["the library's challenge", await header(library), "invalid_siwx_resource_mismatch"],
      ["the library's nonce", await header({ ...library, uri: download(), resources: [download()] }), "invalid_siwx_nonce_unknown"],
      ["expired nonce", await header({ ...fresh, nonce: expired }), "invalid_siwx_expired"],
      ["an old challenge", await header(createSiwxChallenge({ resourceUrl: download(), statement: "x", now: new Date(Date.now() - 400_000) })), "invalid_siwx_issued_at_too_old"],
      ["another site", encodeSIWxHeader({ ...(await createSIWxPayload(fresh, account, fresh.uri)), domain: "evil.example" }), "invalid_siwx_domain_mismatch"],
      ["Solana", encodeSIWxHeader(await createSIWxPayload({ ...fresh, chainId: SOLANA_DEVNET, type: "ed25519" }, solanaSigner, fresh.uri)), "invalid_siwx_chain_mismatch"],
      ["a forged signature", encodeSIWxHeader({ ...(await createSIWxPayload(fresh, account, fresh.uri)), address: privateKeyToAccount(generatePrivateKey()).address }), "invalid_siwx_signature"],
      ["garbage", "not-a-proof", "invalid_siwx_payload"],
    ];
    for (const [label, proof, reason] of cases) {
      assert.deepEqual(await verifySiwxProof(proof, { resourceUrl: download() }), { ok: false, reason }, label);
    }
    assert.equal(await test.db.$count(siwxNonces), before);
  });

  it("forgets spent nonces once no proof carrying them could pass", async () => {
    await test.db.insert(siwxNonces).values({ nonce: "old", address: account.address, createdAt: sql`now() - interval '11 minutes'` });
    await test.db.insert(siwxNonces).values({ nonce: "recent", address: account.address, createdAt: sql`now() - interval '4 minutes'` });
    assert.equal((await verifySiwxProof(await header(challenge()), { resourceUrl: download() })).ok, true);
    const left = (await test.db.select({ nonce: siwxNonces.nonce }).from(siwxNonces)).map((row) => row.nonce);
    assert.ok(!left.includes("old"));
    assert.ok(left.includes("recent"));
  });
});
