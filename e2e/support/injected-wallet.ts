import type { Page } from "@playwright/test";
import { type Hex, createWalletClient, http, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

type TypedDataJson = {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: Record<string, unknown>;
};

/** JSON typed data carries uint256 values as strings; viem signs bigints. */
function withBigInts(typedData: TypedDataJson): TypedDataJson {
  const fields = typedData.types[typedData.primaryType] ?? [];
  const message = { ...typedData.message };
  for (const field of fields) {
    if (/^u?int\d*$/.test(field.type) && message[field.name] !== undefined) message[field.name] = BigInt(message[field.name] as string);
  }
  const types = { ...typedData.types };
  delete types.EIP712Domain;
  const domain = { ...typedData.domain };
  if (domain.chainId !== undefined) domain.chainId = Number(domain.chainId);
  return { ...typedData, types, domain, message };
}

export type TestWallet = {
  address: Hex;
  /** Calls the page's dapp made, by method name. */
  calls: string[];
  /** When (Date.now()) each method was first asked of the wallet. */
  firstCalledAt: Map<string, number>;
  setChainId(chainId: number): Promise<void>;
  /** Answer signature requests and `eth_sendTransaction` with a 4001 rejection, as a person pressing Cancel. */
  rejectSignatures(reject: boolean): void;
  /** Answer `wallet_switchEthereumChain` with a 4001 rejection, as a person pressing Cancel. */
  declineChainSwitch(decline: boolean): void;
  /** Hold `eth_requestAccounts` until the returned function is called: a person slow to say yes. */
  holdAccountRequests(): () => void;
};

/**
 * A browser wallet for tests: an EIP-1193 provider at `window.ethereum`, announced over EIP-6963
 * as "Test Wallet". Accounts and signatures are answered in Node by a viem account; every other
 * JSON-RPC call goes to the devnet's anvil. Install before the page loads.
 */
export async function installTestWallet(page: Page, options: { privateKey: Hex; rpcUrl: string; chainId: number }): Promise<TestWallet> {
  const account = privateKeyToAccount(options.privateKey);
  let chainId = options.chainId;
  let reject = false;
  let declineSwitch = false;
  let authorized = false;
  let accountsGate: Promise<void> = Promise.resolve();
  const calls: string[] = [];
  const firstCalledAt = new Map<string, number>();
  const rejection = { error: { code: 4001, message: "User rejected the request." } };

  await page.exposeFunction("__testWalletRequest", async (method: string, params: unknown[] = []) => {
    calls.push(method);
    if (!firstCalledAt.has(method)) firstCalledAt.set(method, Date.now());
    switch (method) {
      case "eth_requestAccounts":
        await accountsGate;
        authorized = true;
        return { result: [account.address] };
      case "eth_accounts":
        // Like a real wallet: no accounts for the site until it asked once.
        return { result: authorized ? [account.address] : [] };
      case "eth_chainId":
        return { result: toHex(chainId) };
      case "net_version":
        return { result: String(chainId) };
      case "wallet_switchEthereumChain": {
        if (declineSwitch) return rejection;
        chainId = Number((params[0] as { chainId: string }).chainId);
        await page.evaluate((id) => (window as unknown as { __testWalletEmit: (e: string, v: unknown) => void }).__testWalletEmit("chainChanged", id), toHex(chainId));
        return { result: null };
      }
      case "wallet_addEthereumChain":
      case "wallet_requestPermissions":
      case "wallet_getPermissions":
        return { result: [] };
      case "personal_sign":
        if (reject) return rejection;
        return { result: await account.signMessage({ message: { raw: params[0] as Hex } }) };
      case "eth_sendTransaction": {
        if (reject) return rejection;
        // Signed with the account's key and sent to anvil, as a wallet would after Confirm.
        const request = params[0] as { to: Hex; data?: Hex; value?: Hex; gas?: Hex };
        const wallet = createWalletClient({ account, transport: http(options.rpcUrl) });
        const hash = await wallet.sendTransaction({
          chain: null,
          to: request.to,
          data: request.data,
          value: request.value ? BigInt(request.value) : undefined,
          gas: request.gas ? BigInt(request.gas) : undefined,
        });
        return { result: hash };
      }
      case "eth_signTypedData_v4": {
        if (reject) return rejection;
        const typedData = withBigInts(JSON.parse(params[1] as string) as TypedDataJson);
        return { result: await account.signTypedData(typedData as Parameters<typeof account.signTypedData>[0]) };
      }
      default: {
        const response = await fetch(options.rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        });
        return (await response.json()) as { result?: unknown; error?: unknown };
      }
    }
  });

  await page.addInitScript(() => {
    type Answer = { result?: unknown; error?: { code: number; message: string } };
    const bridge = (window as unknown as { __testWalletRequest: (m: string, p?: unknown[]) => Promise<Answer> }).__testWalletRequest;
    const listeners = new Map<string, Set<(value: unknown) => void>>();
    const provider = {
      isMetaMask: false,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const answer = await bridge(method, params);
        if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        return answer.result;
      },
      on(event: string, listener: (value: unknown) => void) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return provider;
      },
      removeListener(event: string, listener: (value: unknown) => void) {
        listeners.get(event)?.delete(listener);
        return provider;
      },
    };
    (window as unknown as { __testWalletEmit: (event: string, value: unknown) => void }).__testWalletEmit = (event, value) => {
      for (const listener of listeners.get(event) ?? []) listener(value);
    };
    (window as unknown as { ethereum: typeof provider }).ethereum = provider;
    const info = {
      uuid: "6f0d7c5e-9d1a-4c59-9a0e-5b1d2f3c4e5f",
      name: "Test Wallet",
      icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='32' height='32'%3E%3Crect width='32' height='32' fill='%234f46e5'/%3E%3C/svg%3E",
      rdns: "dev.storefront.testwallet",
    };
    const announce = () =>
      window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  });

  return {
    address: account.address,
    calls,
    firstCalledAt,
    async setChainId(id) {
      chainId = id;
      await page.evaluate((hex) => (window as unknown as { __testWalletEmit: (e: string, v: unknown) => void }).__testWalletEmit("chainChanged", hex), toHex(id));
    },
    rejectSignatures(value) {
      reject = value;
    },
    declineChainSwitch(value) {
      declineSwitch = value;
    },
    holdAccountRequests() {
      let release = () => {};
      accountsGate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}
