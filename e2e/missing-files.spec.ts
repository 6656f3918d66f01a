import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, fundedBuyerKey, paymentRequiredFrom, signPayment } from "./support/chain";
import { publishedItem, signInCreator } from "./support/studio";

/** Removes the stored object holding these bytes from the suite store's storage folder. */
function removeStoredObject(sha256: string) {
  const root = path.join(process.env.E2E_DATA_DIR!, "files");
  for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    const file = path.join(root, entry);
    if (statSync(file).isFile() && createHash("sha256").update(readFileSync(file)).digest("hex") === sha256) return rmSync(file);
  }
  throw new Error(`no stored object with sha256 ${sha256}`);
}

test("a file missing from storage: nobody is charged for it and a past buyer is told to come back, never a 402", async ({ store }) => {
  const chain = chainReader(store.devnet);
  const creator = await signInCreator(store.url);
  const { item } = await publishedItem(creator.api, { price: "0.5" });
  const url = `${store.url}/api/download/${item.slug}`;
  const [pastBuyer] = await fundFreshBuyers(store.devnet, 1, 1_000_000n);
  const bought = await createPayingFetch({ signer: pastBuyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 500_000n })(url);
  expect(bought.status).toBe(200);
  await bought.arrayBuffer();

  removeStoredObject(item.files[0].sha256);
  try {
    const again = await wrapFetchWithSIWx(fetch, pastBuyer)(url);
    expect(again.status).toBe(503);
    expect(again.headers.get("retry-after")).toBeTruthy();
    expect(((await again.json()) as { error: string }).error).toBe("file_unavailable");

    const { privateKey, account } = await fundedBuyerKey(store.devnet, 1_000_000n);
    const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const { header, nonce } = await signPayment({ paymentRequired: offer, payerKey: privateKey });
    const refused = await fetch(url, { headers: { "payment-signature": header } });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toBe("file_unavailable");
    expect(await chain.authorizationUsed(account.address, nonce)).toBe(false);
    expect(await chain.balanceOf(account.address)).toBe(1_000_000n);
  } finally {
    // The rest of the suite walks the catalog: a broken item must not stay in it.
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: false } })).status()).toBe(200);
  }
});
