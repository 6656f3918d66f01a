import { encodeSIWxHeader, wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers, paymentRequiredFrom, signPayment } from "./support/chain";
import { knownSecrets, leaksIn, storeLog } from "./support/log-scan";
import { signInCreator } from "./support/studio";

test("paying, failing to pay, signing in and re-downloading print no key, signature or session secret", async ({ store }) => {
  const sent: string[] = [];
  // Records every header value a client sends that carries a signature.
  const recordingFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const name of ["payment-signature", "sign-in-with-x"]) {
      const value = headers.get(name);
      if (value) sent.push(value, ...JSON.stringify(JSON.parse(Buffer.from(value, "base64").toString())).match(/0x[0-9a-fA-F]{130}/g)!);
    }
    return fetch(input, init);
  };
  const [buyer] = await fundFreshBuyers(store.devnet, 1, 5_000_000n);
  const url = `${store.url}/api/download/field-notes-on-stablecoins`;

  const paying = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 5_000_000n });
  expect((await paying(url)).status).toBe(200);
  const again = await wrapFetchWithSIWx(recordingFetch, buyer)(url);
  expect(again.status).toBe(200);
  await again.arrayBuffer();

  const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
  const strangerKey = generatePrivateKey();
  const forged = await signPayment({ paymentRequired: offer, payerKey: strangerKey, tamper: { signer: privateKeyToAccount(generatePrivateKey()) } });
  const refused = await recordingFetch(url, { headers: { "payment-signature": forged.header } });
  expect(refused.status).toBe(402);
  const broke = await signPayment({ paymentRequired: offer, payerKey: strangerKey });
  expect((await recordingFetch(url, { headers: { "payment-signature": broke.header } })).status).toBe(402);
  expect((await recordingFetch(url, { headers: { "sign-in-with-x": encodeSIWxHeader({ signature: `0x${"ab".repeat(65)}` } as never) } })).status).toBe(402);

  const creatorKey = generatePrivateKey();
  const creator = await signInCreator(store.url, creatorKey);
  expect((await creator.api.patch("/api/studio/profile", { data: { displayName: "Log scan", payoutAddress: "0xnot-an-address" } })).status()).toBe(400);

  await new Promise((resolve) => setTimeout(resolve, 500));
  const log = storeLog(process.env.E2E_DATA_DIR!);
  expect(log).toContain("x402 Storefront ready");
  expect(sent.length).toBeGreaterThan(4);
  expect(leaksIn(log, [...knownSecrets(), ...sent, strangerKey, creatorKey])).toEqual([]);
});
