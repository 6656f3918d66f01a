import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { authorizationTypes } from "@x402/evm";
import { type Address, type Hex, createPublicClient, createTestClient, createWalletClient, decodeFunctionData, http, parseAbi, serializeSignature, toHex } from "viem";
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { devnetClients, loadArtifact } from "../../lib/devnet/deploy";
import type { DevnetFile } from "../../lib/devnet/devnet-file";

const USDC_ABI = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function authorizationState(address, bytes32) view returns (bool)",
  "function transfer(address to, uint256 value) returns (bool)",
]);

/** Reads the devnet the way a test checks money moved: balances and used authorizations. */
export function chainReader(devnet: DevnetFile) {
  const client = createPublicClient({ chain: foundry, transport: http(devnet.rpcUrl), pollingInterval: 50 });
  return {
    balanceOf: (owner: Address) => client.readContract({ address: devnet.usdc, abi: USDC_ABI, functionName: "balanceOf", args: [owner] }),
    authorizationUsed: (owner: Address, nonce: Hex) =>
      client.readContract({ address: devnet.usdc, abi: USDC_ABI, functionName: "authorizationState", args: [owner, nonce] }),
    receipt: (hash: Hex) => client.getTransactionReceipt({ hash }),
  };
}

export function paymentRequiredFrom(headers: Record<string, string>): PaymentRequired {
  return decodePaymentRequiredHeader(headers["payment-required"]);
}

type Tamper = Partial<{
  accepted: Partial<PaymentRequirements>;
  to: Address;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  signer: PrivateKeyAccount;
  x402Version: number;
}>;

/**
 * Signs an exact-scheme EIP-3009 payment for a 402 by hand, so a test can build the bad payments
 * the official client refuses to make. With `paymentId`, the payload carries it in the x402
 * payment-identifier extension, as the official client's hook adds it. Returns the base64
 * PAYMENT-SIGNATURE header and the nonce.
 */
export async function signPayment(options: { paymentRequired: PaymentRequired; payerKey: Hex; tamper?: Tamper; paymentId?: string }) {
  const { paymentRequired, tamper = {} } = options;
  const payer = privateKeyToAccount(options.payerKey);
  const accepted = { ...paymentRequired.accepts[0], ...tamper.accepted } as PaymentRequirements;
  const now = BigInt(Math.floor(Date.now() / 1000));
  const nonce = toHex(crypto.getRandomValues(new Uint8Array(32)));
  const authorization = {
    from: payer.address,
    to: tamper.to ?? (accepted.payTo as Address),
    value: tamper.value ?? BigInt(accepted.amount),
    validAfter: tamper.validAfter ?? now - 600n,
    validBefore: tamper.validBefore ?? now + 300n,
    nonce,
  };
  const extra = accepted.extra as { name: string; version: string };
  const signature = await (tamper.signer ?? payer).signTypedData({
    domain: { name: extra.name, version: extra.version, chainId: Number(accepted.network.split(":")[1]), verifyingContract: accepted.asset as Address },
    types: authorizationTypes,
    primaryType: "TransferWithAuthorization",
    message: authorization,
  });
  const header = encodePaymentSignatureHeader({
    x402Version: tamper.x402Version ?? 2,
    resource: paymentRequired.resource,
    accepted,
    ...(options.paymentId ? { extensions: { "payment-identifier": { info: { required: false, id: options.paymentId } } } } : {}),
    payload: {
      signature,
      authorization: {
        ...authorization,
        value: authorization.value.toString(),
        validAfter: authorization.validAfter.toString(),
        validBefore: authorization.validBefore.toString(),
      },
    },
  } as Parameters<typeof encodePaymentSignatureHeader>[0]);
  return { header, nonce, payer: payer.address };
}

/** Mints test USDC to an address (the token's owner may). */
export async function mintUsdc(devnet: DevnetFile, to: Address, amount: bigint) {
  const { publicClient, deployer } = devnetClients(devnet.rpcUrl);
  const { abi } = loadArtifact("TestUSDC");
  const hash = await deployer.writeContract({ address: devnet.usdc, abi, functionName: "mint", args: [to, amount] });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** Blacklists (or clears) an account in the test USDC, as Circle's blacklister can on USDC. */
export async function setBlacklisted(devnet: DevnetFile, account: Address, blacklisted: boolean) {
  const { publicClient, deployer } = devnetClients(devnet.rpcUrl);
  const { abi } = loadArtifact("TestUSDC");
  const hash = await deployer.writeContract({ address: devnet.usdc, abi, functionName: blacklisted ? "blacklist" : "unBlacklist", args: [account] });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A fresh wallet holding `amount` test USDC, with its key, for tests that sign payments by hand. */
export async function fundedBuyerKey(devnet: DevnetFile, amount: bigint): Promise<{ privateKey: Hex; account: PrivateKeyAccount }> {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  await mintUsdc(devnet, account.address, amount);
  return { privateKey, account };
}

/** Fresh wallets holding `amount` test USDC each (minted by the token's owner) and no ETH: paying is gasless. */
export async function fundFreshBuyers(devnet: DevnetFile, count: number, amount: bigint): Promise<PrivateKeyAccount[]> {
  const accounts = Array.from({ length: count }, () => privateKeyToAccount(generatePrivateKey()));
  const { publicClient, deployer } = devnetClients(devnet.rpcUrl);
  const { abi } = loadArtifact("TestUSDC");
  // Sent one after another (anvil mines each at once, so nonces never collide), awaited together.
  const hashes: Hex[] = [];
  for (const account of accounts) {
    hashes.push(await deployer.writeContract({ address: devnet.usdc, abi, functionName: "mint", args: [account.address, amount] }));
  }
  await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
  return accounts;
}

/** A plain USDC transfer sent by `from` (given gas money first), as a creator sends a refund; returns its hash. */
export async function sendUsdc(devnet: DevnetFile, from: PrivateKeyAccount, to: Address, amount: bigint): Promise<Hex> {
  const { publicClient } = devnetClients(devnet.rpcUrl);
  await createTestClient({ mode: "anvil", chain: foundry, transport: http(devnet.rpcUrl) }).setBalance({ address: from.address, value: 10n ** 18n });
  const wallet = createWalletClient({ account: from, chain: foundry, transport: http(devnet.rpcUrl) });
  const hash = await wallet.writeContract({ address: devnet.usdc, abi: USDC_ABI, functionName: "transfer", args: [to, amount] });
  await publicClient.waitForTransactionReceipt({ hash });
  return hash;
}

/**
 * What anyone can rebuild of a settled payment from public data alone: the authorization and
 * signature from the settlement transaction's calldata, `accepted` and `resource` from the public
 * 402, and the extensions the 402 declares echoed back as a client would (without a payment id,
 * which never leaves the buyer's request). Returns the PAYMENT-SIGNATURE header.
 */
export async function rebuildPaymentFromChain(devnet: DevnetFile, transactionHash: Hex, paymentRequired: PaymentRequired): Promise<string> {
  const client = createPublicClient({ chain: foundry, transport: http(devnet.rpcUrl) });
  const transaction = await client.getTransaction({ hash: transactionHash });
  const { functionName, args } = decodeFunctionData({ abi: loadArtifact("TestUSDC").abi, data: transaction.input });
  if (functionName !== "transferWithAuthorization") throw new Error(`${transactionHash} is not a transferWithAuthorization`);
  const [from, to, value, validAfter, validBefore, nonce, ...signatureParts] = args as unknown as [Address, Address, bigint, bigint, bigint, Hex, ...unknown[]];
  const signature =
    signatureParts.length === 1
      ? (signatureParts[0] as Hex)
      : serializeSignature({ v: BigInt(signatureParts[0] as number), r: signatureParts[1] as Hex, s: signatureParts[2] as Hex });
  const extensions = JSON.parse(JSON.stringify(paymentRequired.extensions ?? {}));
  return encodePaymentSignatureHeader({
    x402Version: 2,
    resource: paymentRequired.resource,
    accepted: paymentRequired.accepts[0],
    extensions,
    payload: {
      signature,
      authorization: { from, to, value: value.toString(), validAfter: validAfter.toString(), validBefore: validBefore.toString(), nonce },
    },
  } as Parameters<typeof encodePaymentSignatureHeader>[0]);
}
