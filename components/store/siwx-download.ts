export type MessageSigner = { address: `0x${string}`; signMessage: (message: string) => Promise<`0x${string}`> };

/**
 * Downloads a bought item again from its download URL with one Sign-In-With-X signature (free, no
 * transaction): the official client answers the 402's `sign-in-with-x` challenge, which names this
 * URL and this store's chain. `signed` tells a proof the store refused apart from a signature the
 * wallet never gave (the official wrapper returns the 402 in both cases).
 */
export async function downloadWithSiwx(downloadPath: string, wallet: MessageSigner): Promise<{ response: Response; signed: boolean }> {
  let signed = false;
  const signer = {
    address: wallet.address,
    signMessage: async ({ message }: { message: string }) => {
      const signature = await wallet.signMessage(message);
      signed = true;
      return signature;
    },
  };
  // Loaded at the click: the extension brings Solana code along, which no buyer needs to see the page.
  const { wrapFetchWithSIWx } = await import("@x402/extensions/sign-in-with-x");
  const response = await wrapFetchWithSIWx(fetch, signer)(downloadPath);
  return { response, signed };
}

/**
 * Claims a free item (its query came to 0) with one Sign-In-With-X signature. The free 402 has no
 * payment terms, and the official wrapper above picks the challenge's chain from the first payment
 * term, so this answers the challenge itself with the extension's own functions.
 */
export async function claimWithSiwx(downloadPath: string, wallet: MessageSigner): Promise<{ response: Response; signed: boolean }> {
  const first = await fetch(downloadPath, { headers: { accept: "application/json" } });
  const header = first.headers.get("payment-required");
  if (first.status !== 402 || !header) return { response: first, signed: false };
  const [{ decodePaymentRequiredHeader }, { SIGN_IN_WITH_X, createSIWxPayload, encodeSIWxHeader }] = await Promise.all([
    import("@x402/core/http"),
    import("@x402/extensions/sign-in-with-x"),
  ]);
  const extension = decodePaymentRequiredHeader(header).extensions?.[SIGN_IN_WITH_X] as
    | { info: Record<string, unknown>; supportedChains: { chainId: string; type: string }[] }
    | undefined;
  const chain = extension?.supportedChains[0];
  if (!extension || !chain) return { response: first, signed: false };
  const info = { ...extension.info, chainId: chain.chainId, type: chain.type } as Parameters<typeof createSIWxPayload>[0];
  const signer = { address: wallet.address, signMessage: ({ message }: { message: string }) => wallet.signMessage(message) };
  const proof = encodeSIWxHeader(await createSIWxPayload(info, signer, first.url));
  return { response: await fetch(downloadPath, { headers: { [SIGN_IN_WITH_X]: proof } }), signed: true };
}
