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
