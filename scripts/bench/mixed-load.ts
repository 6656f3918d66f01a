// A mix of what a store serves all day, for watching the server's memory: pages, the catalog,
// unpaid 402s, previews, covers, and a few real paid downloads on the devnet.
import { privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { createPayingFetch } from "@/lib/x402/paying-fetch";

type Entry = { slug: string; preview: unknown; coverUrl: string | null; files: { size: number }[] };

const CONNECTIONS = 16;

/** The GET paths of one round of the mix, spread over the published items. */
async function mixPaths(url: string): Promise<{ paths: string[]; cheapest: string }> {
  const { items } = (await (await fetch(`${url}/api/catalog`)).json()) as { items: Entry[] };
  const paths = ["/"];
  for (const item of items) {
    paths.push(`/items/${item.slug}`, "/api/catalog", `/api/download/${item.slug}`);
    if (item.preview) paths.push(`/api/preview/${item.slug}`);
    if (item.coverUrl) paths.push(`/api/covers/${item.slug}`);
  }
  const smallest = [...items].sort((a, b) => a.files.reduce((sum, file) => sum + file.size, 0) - b.files.reduce((sum, file) => sum + file.size, 0))[0];
  return { paths, cheapest: smallest.slug };
}

/** Sends `total` requests over CONNECTIONS at once, `paid` of them paid downloads; every answer is read to its end. */
export async function mixedLoad(options: { url: string; devnet: DevnetFile; total: number; paid: number }): Promise<{ statuses: Map<number, number> }> {
  const { url, devnet, total, paid } = options;
  const { paths, cheapest } = await mixPaths(url);
  const payingFetch = createPayingFetch({ signer: privateKeyToAccount(devnet.buyers[2].privateKey), network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 100_000_000n });
  const paidEvery = paid > 0 ? Math.floor(total / paid) : Infinity;
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      const response =
        index % paidEvery === paidEvery - 1
          ? await payingFetch(`${url}/api/download/${cheapest}`)
          : await fetch(`${url}${paths[index % paths.length]}`, { headers: { accept: "application/json, */*" } });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { statuses };
}
