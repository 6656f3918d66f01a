import { createHash } from "node:crypto";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import {
  type CompleteSIWxInfo,
  type SIWxExtension,
  createSIWxPayload,
  encodeSIWxHeader,
  wrapFetchWithSIWx,
} from "@x402/extensions/sign-in-with-x";
import type { PrivateKeyAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers } from "./support/chain";

type CatalogItem = { slug: string; downloadUrl: string; price: { atomic: string }; files: { sha256: string }[] };

/** Signs the Sign-In-With-X challenge of a fresh 402 by hand, to replay or inspect the header. */
async function siwxHeaderFor(url: string, account: PrivateKeyAccount) {
  const required = decodePaymentRequiredHeader((await fetch(url)).headers.get("payment-required")!);
  const extension = required.extensions?.["sign-in-with-x"] as SIWxExtension;
  const info: CompleteSIWxInfo = { ...extension.info, chainId: extension.supportedChains[0].chainId, type: extension.supportedChains[0].type };
  return encodeSIWxHeader(await createSIWxPayload(info, account, url));
}

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

  test("a garbled proof gets the 402 with the reason", async () => {
    const response = await fetch(item.downloadUrl, { headers: { "SIGN-IN-WITH-X": "not-a-proof" } });
    expect(response.status).toBe(402);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_siwx_payload");
  });
});
