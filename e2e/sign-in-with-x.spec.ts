import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import {
  type CompleteSIWxInfo,
  SOLANA_DEVNET,
  type SIWxExtension,
  createSIWxPayload,
  encodeBase58,
  encodeSIWxHeader,
  wrapFetchWithSIWx,
} from "@x402/extensions/sign-in-with-x";
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { issueSiwxNonce } from "../lib/auth/siwx-nonce";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers } from "./support/chain";
import { libraryChallenge, siwxHeader } from "./support/library";

type CatalogItem = { slug: string; downloadUrl: string; price: { atomic: string }; files: { sha256: string }[] };

/** The Sign-In-With-X challenge of a fresh 402 for `url`, complete with its chain, ready to sign. */
async function downloadChallenge(url: string): Promise<CompleteSIWxInfo> {
  const required = decodePaymentRequiredHeader((await fetch(url)).headers.get("payment-required")!);
  const extension = required.extensions?.["sign-in-with-x"] as SIWxExtension;
  return { ...extension.info, chainId: extension.supportedChains[0].chainId, type: extension.supportedChains[0].type };
}

/** Signs the Sign-In-With-X challenge of a fresh 402 by hand, to replay or inspect the header. */
async function siwxHeaderFor(url: string, account: PrivateKeyAccount) {
  return encodeSIWxHeader(await createSIWxPayload(await downloadChallenge(url), account, url));
}

/** A Solana wallet (ed25519, Node's own crypto) as the extension's Solana signer. */
function solanaSigner() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  return { publicKey: encodeBase58(raw), signMessage: async (message: Uint8Array) => new Uint8Array(sign(null, message, privateKey)) };
}

/** A valid Solana proof of `info` (the store sells on an EVM chain). */
async function solanaHeader(info: CompleteSIWxInfo) {
  return encodeSIWxHeader(await createSIWxPayload({ ...info, chainId: SOLANA_DEVNET, type: "ed25519" }, solanaSigner(), info.uri));
}

/** A nonce signed with the store's secret for `info`'s resource and chain, that expired a minute ago. */
function expiredNonce(info: CompleteSIWxInfo) {
  return issueSiwxNonce({ secret: process.env.E2E_SESSION_SECRET!, resourceUri: info.uri, chainId: info.chainId, expiresAt: new Date(Date.now() - 60_000) });
}

const madeUpNonce = () => createHash("sha256").update(String(Math.random())).digest("hex").slice(0, 32);

test.describe("downloading again with Sign-In-With-X (agents)", () => {
  let item: CatalogItem;
  let buyer: PrivateKeyAccount;
  let stranger: PrivateKeyAccount;

  test.beforeAll(async ({ request }) => {
    const devnet = JSON.parse(process.env.E2E_DEVNET!);
    [buyer, stranger] = await fundFreshBuyers(devnet, 2, 5_000_000n);
    const catalog = (await (await request.get(`${process.env.E2E_STORE_URL}/api/catalog`)).json()) as { items: CatalogItem[] };
    item = catalog.items.find((entry) => entry.slug === "midnight-blocks")!;
    const paid = await createPayingFetch({ signer: buyer, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 5_000_000n })(item.downloadUrl);
    expect(paid.status).toBe(200);
  });

  test("the 402 offers a Sign-In-With-X challenge bound to this store", async ({ store }) => {
    const required = decodePaymentRequiredHeader((await fetch(item.downloadUrl)).headers.get("payment-required")!);
    const extension = required.extensions?.["sign-in-with-x"] as SIWxExtension;
    expect(extension.info.domain).toBe(new URL(store.url).host);
    expect(extension.info.nonce).toMatch(/\w{16,}/);
    expect(extension.supportedChains).toEqual([expect.objectContaining({ chainId: store.devnet.network, type: "eip191" })]);
  });

  test("a past buyer gets the file again with the official client's wrapFetchWithSIWx, and pays nothing", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const before = await chain.balanceOf(buyer.address);
    const response = await wrapFetchWithSIWx(fetch, buyer)(item.downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("payment-response")).toBeNull();
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(item.files[0].sha256);
    expect(await chain.balanceOf(buyer.address)).toBe(before);
  });

  test("a proof works once: replaying it is refused", async () => {
    const header = await siwxHeaderFor(item.downloadUrl, buyer);
    expect((await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": header } })).status).toBe(200);
    const replay = await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": header } });
    expect(replay.status).toBe(402);
    expect(((await replay.json()) as { error: string }).error).toBe("invalid_siwx_nonce_reused");
  });

  test("a wallet that never bought the item gets the 402 with the reason", async () => {
    const response = await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": await siwxHeaderFor(item.downloadUrl, stranger) } });
    expect(response.status).toBe(402);
    expect(((await response.json()) as { error: string }).error).toBe("siwx_no_purchase");
  });

  test("a proof must be for this store's chain, with a nonce this store issued for this download, unexpired", async ({ request }) => {
    const otherItem = () => downloadChallenge(item.downloadUrl.replace(item.slug, "the-gasless-economy"));
    const thisItem = () => downloadChallenge(item.downloadUrl);
    const library = () => libraryChallenge(request);
    const here = { uri: item.downloadUrl, resources: [item.downloadUrl] };
    // Each case signs a fresh challenge: on a store that ignores the binding, each would download.
    const cases: [string, () => Promise<string>, string][] = [
      ["chain eip155:1", async () => siwxHeader({ ...(await thisItem()), chainId: "eip155:1" }, buyer), "invalid_siwx_chain_mismatch"],
      ["a nonce the client made up", async () => siwxHeader({ ...(await thisItem()), nonce: madeUpNonce() }, buyer), "invalid_siwx_nonce_unknown"],
      ["another item's challenge", async () => siwxHeader(await otherItem(), buyer), "invalid_siwx_resource_mismatch"],
      ["another item's nonce in this item's message", async () => siwxHeader({ ...(await otherItem()), ...here }, buyer), "invalid_siwx_nonce_unknown"],
      ["the library's challenge", async () => siwxHeader(await library(), buyer), "invalid_siwx_resource_mismatch"],
      ["the library's nonce in this item's message", async () => siwxHeader({ ...(await library()), ...here }, buyer), "invalid_siwx_nonce_unknown"],
      [
        "an expired challenge",
        async () => {
          const fresh = await thisItem();
          return siwxHeader({ ...fresh, nonce: expiredNonce(fresh) }, buyer);
        },
        "invalid_siwx_expired",
      ],
      ["a valid Solana proof", async () => solanaHeader(await thisItem()), "invalid_siwx_chain_mismatch"],
    ];
    for (const [label, header, reason] of cases) {
      const response = await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": await header() } });
      const body = (await response.json().catch(() => ({ error: `not JSON: a ${response.status} with ${response.headers.get("content-type")}` }))) as { error: string; message: string };
      expect.soft([response.status, body.error], label).toEqual([402, reason]);
      expect.soft(body.message, label).not.toBe("The payment was refused.");
      expect.soft(response.headers.get("payment-required"), label).toBeTruthy();
    }
    // The buyer's own fresh proof still works.
    expect((await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": await siwxHeaderFor(item.downloadUrl, buyer) } })).status).toBe(200);
  });

  test("each 402 carries a nonce of its own, for its download URL and this store's chain only", async ({ store }) => {
    const [first, second] = [await downloadChallenge(item.downloadUrl), await downloadChallenge(item.downloadUrl)];
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.nonce).toMatch(/^[a-zA-Z0-9]{8,}$/);
    expect([first.uri, first.resources]).toEqual([item.downloadUrl, [item.downloadUrl]]);
    expect(first.chainId).toBe(store.devnet.network);
  });

  test("a garbled proof gets the 402 with the reason", async () => {
    const response = await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": "not-a-proof" } });
    expect(response.status).toBe(402);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_siwx_payload");
  });
});

test.describe("signing in to the library with Sign-In-With-X", () => {
  const ANY_FILE = "/api/library/files/00000000-0000-4000-8000-000000000000";

  test("a proof must be for the library, on this store's chain, with a nonce the store issued, unexpired, once", async ({ request, store }) => {
    const account = privateKeyToAccount(generatePrivateKey());
    const download = `${store.url}/api/download/midnight-blocks`;
    const signIn = (header: string) => request.post("/api/library/session", { headers: { "SIGN-IN-WITH-X": header } });
    const library = () => libraryChallenge(request);
    const cases: [string, () => Promise<string>, string][] = [
      ["chain eip155:1", async () => siwxHeader({ ...(await library()), chainId: "eip155:1" }, account), "invalid_siwx_chain_mismatch"],
      ["a nonce the client made up", async () => siwxHeader({ ...(await library()), nonce: madeUpNonce() }, account), "invalid_siwx_nonce_unknown"],
      ["a download's challenge", async () => siwxHeader(await downloadChallenge(download), account), "invalid_siwx_resource_mismatch"],
      [
        "a download's nonce in a library message",
        async () => siwxHeader({ ...(await library()), nonce: (await downloadChallenge(download)).nonce }, account),
        "invalid_siwx_nonce_unknown",
      ],
      [
        "an expired challenge",
        async () => {
          const fresh = await library();
          return siwxHeader({ ...fresh, nonce: expiredNonce(fresh) }, account);
        },
        "invalid_siwx_expired",
      ],
      ["a valid Solana proof", async () => solanaHeader(await library()), "invalid_siwx_chain_mismatch"],
    ];
    for (const [label, header, reason] of cases) {
      const response = await signIn(await header());
      const body = (await response.json().catch(() => ({ error: `not JSON: a ${response.status()}` }))) as { error: string; message: string };
      expect.soft([response.status(), body.error], label).toEqual([401, reason]);
      expect.soft(body.message, label).not.toBe("The payment was refused.");
      expect.soft(response.headers()["set-cookie"], label).toBeUndefined();
    }
    expect((await request.get(ANY_FILE)).status()).toBe(401);

    const proof = await siwxHeader(await libraryChallenge(request), account);
    expect((await signIn(proof)).status()).toBe(200);
    expect((await request.get(ANY_FILE)).status()).toBe(404);
    const replay = await signIn(proof);
    expect([replay.status(), (await replay.json()).error]).toEqual([401, "invalid_siwx_nonce_reused"]);
  });

  test.describe("on a store of its own with a small sign-in allowance", () => {
    let small: StartedStore;
    test.beforeAll(async () => {
      small = await startStore({ DATABASE_URL: "", RATE_LIMIT_SIGN_IN_PER_MINUTE: "3" });
    });
    test.afterAll(() => stopStore(small));

    test("library sign-in is rate-limited like the studio's", async () => {
      const attempt = () => fetch(`${small.url}/api/library/session`, { method: "POST", headers: { "SIGN-IN-WITH-X": "not-a-proof" } });
      for (let index = 0; index < 3; index++) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: string }).error).toBe("rate_limited");
    });
  });
});
