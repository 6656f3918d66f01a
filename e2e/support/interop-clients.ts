import { wrapFetch as wrapFetchWithDexter } from "@dexterai/x402/client";
import { wrap as wrapFetchWithFaremeter } from "@faremeter/fetch";
import { lookupKnownAsset } from "@faremeter/info/evm";
import { exact as faremeterExact } from "@faremeter/payment-evm";
import { wrapAxiosWithPayment, x402Client as x402AxiosClient } from "@x402/axios";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment, x402Client } from "@x402/fetch";
import axios from "axios";
import { type Hex, createPublicClient, erc20Abi, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { base, baseSepolia, foundry } from "viem/chains";
import type { DevnetFile } from "../../lib/devnet/devnet-file";
import { type Delivery, deliveryOfResponse } from "./interop";

/**
 * Each client library set up as its README says, with only the options it documents, for the
 * chain in `devnet` (the devnet's 31337, or an anvil posing as Base Sepolia): a buyer's key in,
 * a function that GETs a URL and pays what the 402 asks out. None of them is the store's own
 * paying fetch. `fetch` is the transport underneath (the global one unless a test counts requests).
 */
export type PayingGet = (url: string) => Promise<Delivery>;

/** The most any test payment may cost (5 USDC): each client is given its own cap where it has one. */
const CAP_ATOMIC = "5000000";

/** `@x402/fetch` 2.27: `x402Client` + `ExactEvmScheme`, wrapped around fetch. */
export function payWithX402Fetch(devnet: DevnetFile, privateKey: Hex): PayingGet {
  // The client pays only well-known assets (at most $1) unless told: allow the store's USDC, capped.
  const client = x402Client.fromConfig({
    schemes: [{ network: "eip155:*", client: new ExactEvmScheme(privateKeyToAccount(privateKey)) }],
    spendControls: { allowedAssets: [{ network: devnet.network, asset: devnet.usdc, maxAmountPerPayment: CAP_ATOMIC }] },
  });
  const fetchWithPayment = wrapFetchWithPayment(fetch, client);
  return async (url) => deliveryOfResponse(await fetchWithPayment(url));
}

/** `@x402/axios` 2.11 on its own `@x402/core` 2.11 (no spend controls there: it pays any asset on a registered network). */
export function payWithX402Axios(devnet: DevnetFile, privateKey: Hex): PayingGet {
  const client = new x402AxiosClient().register("eip155:*", new ExactEvmScheme(privateKeyToAccount(privateKey)));
  const api = wrapAxiosWithPayment(axios.create({ responseType: "arraybuffer" }), client);
  return async (url) => {
    // The wrapper pays from axios's error path, so a 402 must stay an error (the default validateStatus).
    const response = await api.get<ArrayBuffer>(url).catch((error: unknown) => {
      if (axios.isAxiosError<ArrayBuffer>(error) && error.response) return error.response;
      throw error;
    });
    return { status: response.status, bytes: Buffer.from(response.data), header: (name) => response.headers[name.toLowerCase()] as string | undefined };
  };
}

/**
 * `@faremeter/fetch` 0.22 with `@faremeter/payment-evm` 0.22, as Faremeter's EVM example sets it up.
 * The wallet is what `@faremeter/wallet-evm`'s createLocalWallet builds (chain, address, account).
 * Faremeter finds USDC in its own table (`@faremeter/info/evm`, which has Base Sepolia but not
 * 31337): on a chain it does not know, the handler is given the token through its `asset` option.
 */
export async function payWithFaremeter(devnet: DevnetFile, privateKey: Hex, inner: typeof fetch = fetch): Promise<PayingGet> {
  const account = privateKeyToAccount(privateKey);
  const chain = [foundry, baseSepolia, base].find((known) => known.id === devnet.chainId) ?? { id: devnet.chainId, name: devnet.network };
  const wallet = { chain, address: account.address, account };
  const known = lookupKnownAsset(devnet.network, "USDC");
  const asset =
    known && known.address.toLowerCase() === devnet.usdc.toLowerCase()
      ? undefined
      : { address: devnet.usdc, contractName: await tokenName(devnet) };
  const handler = faremeterExact.createPaymentHandler(wallet, asset ? { asset } : {});
  const fetchWithPayment = wrapFetchWithFaremeter(inner, { handlers: [handler] });
  return async (url) => deliveryOfResponse(await fetchWithPayment(url));
}

/** `@dexterai/x402` 2.0's `wrapFetch` with an EVM key; `rpcUrls` sends its balance check to this chain, not its default RPC. */
export function payWithDexter(devnet: DevnetFile, privateKey: Hex): PayingGet {
  const fetchWithPayment = wrapFetchWithDexter(fetch, {
    evmPrivateKey: privateKey,
    rpcUrls: { [devnet.network]: devnet.rpcUrl },
    maxAmountAtomic: CAP_ATOMIC,
  });
  return async (url) => deliveryOfResponse(await fetchWithPayment(url));
}

/** The token's EIP-712 name, as its contract says (Faremeter's asset entry wants it). */
async function tokenName(devnet: DevnetFile): Promise<string> {
  const client = createPublicClient({ transport: http(devnet.rpcUrl) });
  return client.readContract({ address: devnet.usdc, abi: erc20Abi, functionName: "name" });
}
