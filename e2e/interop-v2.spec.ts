import { wrapFetch as wrapFetchWithDexter } from "@dexterai/x402/client";
import { wrap as wrapFetchWithFaremeter } from "@faremeter/fetch";
import { exact as faremeterExact } from "@faremeter/payment-evm";
import { x402Client as x402AxiosClient, wrapAxiosWithPayment } from "@x402/axios";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment, x402Client } from "@x402/fetch";
import axios from "axios";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { expect, test } from "./fixtures";
import { catalogItem, deliveryOfResponse, expectPaidDelivery, freshBuyer } from "./support/interop";

// Clients other people wrote, as their users install them (exact versions in package.json), set up
// as each README says, with only the options each documents: the store's own paying fetch is not
// used here. Each buys from the devnet store (chain 31337, its test USDC) with a fresh wallet.

test.describe("@x402/fetch 2.27 (x402Client + ExactEvmScheme)", () => {
  const payWith = (privateKey: `0x${string}`, network: `eip155:${number}`, asset: string) => {
    // The client pays only well-known assets (at most $1) unless told: allow the store's USDC, capped.
    const client = x402Client.fromConfig({
      schemes: [{ network: "eip155:*", client: new ExactEvmScheme(privateKeyToAccount(privateKey)) }],
      spendControls: { allowedAssets: [{ network, asset, maxAmountPerPayment: "5000000" }] },
    });
    return wrapFetchWithPayment(fetch, client);
  };

  test("buys a single file", async ({ store }) => {
    const item = await catalogItem(store.url, "the-gasless-economy");
    const buyer = await freshBuyer(store.devnet);
    const fetchWithPayment = payWith(buyer.privateKey, store.devnet.network, store.devnet.usdc);
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, buy: async () => deliveryOfResponse(await fetchWithPayment(item.downloadUrl)) });
  });

  test("buys a multi-file item as one ZIP", async ({ store }) => {
    const item = await catalogItem(store.url, "building-for-agents");
    expect(item.files.length).toBeGreaterThan(1);
    const buyer = await freshBuyer(store.devnet);
    const fetchWithPayment = payWith(buyer.privateKey, store.devnet.network, store.devnet.usdc);
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, buy: async () => deliveryOfResponse(await fetchWithPayment(item.downloadUrl)) });
  });
});

test.describe("@x402/axios 2.11 (its own @x402/core 2.11)", () => {
  test("buys a single file", async ({ store }) => {
    const item = await catalogItem(store.url, "sine-of-the-times");
    const buyer = await freshBuyer(store.devnet);
    // Core 2.11 has no spend controls: every asset on a registered network is paid.
    const client = new x402AxiosClient().register("eip155:*", new ExactEvmScheme(privateKeyToAccount(buyer.privateKey)));
    const api = wrapAxiosWithPayment(axios.create({ responseType: "arraybuffer" }), client);
    await expectPaidDelivery({
      devnet: store.devnet,
      item,
      buyer: buyer.address,
      buy: async () => {
        // The wrapper pays from axios's error path, so a 402 must stay an error (the default validateStatus).
        const response = await api.get<ArrayBuffer>(item.downloadUrl).catch((error: unknown) => {
          if (axios.isAxiosError<ArrayBuffer>(error) && error.response) return error.response;
          throw error;
        });
        return { status: response.status, bytes: Buffer.from(response.data), header: (name) => response.headers[name.toLowerCase()] as string | undefined };
      },
    });
  });
});

test.describe("@faremeter/fetch 0.22 with @faremeter/payment-evm 0.22", () => {
  test("buys a single file and a multi-file ZIP", async ({ store }) => {
    const buyer = await freshBuyer(store.devnet);
    const account = privateKeyToAccount(buyer.privateKey);
    // The wallet @faremeter/wallet-evm's createLocalWallet builds: chain, address, account. Chain
    // 31337 is not in Faremeter's asset table, so the handler is given the token (its `asset` option).
    const wallet = { chain: foundry, address: account.address, account };
    const handler = faremeterExact.createPaymentHandler(wallet, { asset: { address: store.devnet.usdc, contractName: "USD Coin" } });
    const fetchWithPayment = wrapFetchWithFaremeter(fetch, { handlers: [handler] });
    for (const slug of ["field-notes-on-stablecoins", "typed-data-from-scratch"]) {
      const item = await catalogItem(store.url, slug);
      await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, buy: async () => deliveryOfResponse(await fetchWithPayment(item.downloadUrl)) });
    }
  });
});

test.describe("@dexterai/x402 2.0 (wrapFetch, EVM key)", () => {
  test("buys a single file", async ({ store }) => {
    const item = await catalogItem(store.url, "midnight-blocks");
    const buyer = await freshBuyer(store.devnet);
    // rpcUrls points its balance check at the devnet (its default for an unknown chain is Base mainnet's).
    const fetchWithPayment = wrapFetchWithDexter(fetch, {
      evmPrivateKey: buyer.privateKey,
      rpcUrls: { [store.devnet.network]: store.devnet.rpcUrl },
      maxAmountAtomic: "5000000",
    });
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, buy: async () => deliveryOfResponse(await fetchWithPayment(item.downloadUrl)) });
  });
});
