import { createHash } from "node:crypto";
import { expect } from "@playwright/test";
import type { Address, Hex } from "viem";
import type { DevnetFile } from "../../lib/devnet/devnet-file";
import { chainReader, fundedBuyerKey } from "./chain";
import { readZip } from "./zip";

export type CatalogItem = {
  slug: string;
  price: { atomic: string };
  payTo: Address;
  downloadUrl: string;
  files: { name: string; sha256: string; size: number }[];
};

/** What any client library hands back of a paid download, whatever its own response type. */
export type Delivery = { status: number; bytes: Buffer; header: (name: string) => string | null | undefined };

/** One published item as the public catalog describes it (price, payTo, files and their sha256). */
export async function catalogItem(storeUrl: string, slug: string): Promise<CatalogItem> {
  const { items } = (await (await fetch(`${storeUrl}/api/catalog`)).json()) as { items: CatalogItem[] };
  const item = items.find((entry) => entry.slug === slug);
  if (!item) throw new Error(`${slug} is not in the catalog`);
  return item;
}

/** A wallet no other test has used, holding 10 test USDC and no ETH, so each client's balance change is its own. */
export async function freshBuyer(devnet: DevnetFile): Promise<{ privateKey: Hex; address: Address }> {
  const { privateKey, account } = await fundedBuyerKey(devnet, 10_000_000n);
  return { privateKey, address: account.address };
}

/** A fetch `Response` read whole, as a `Delivery`. */
export async function deliveryOfResponse(response: Response): Promise<Delivery> {
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, header: (name) => response.headers.get(name) };
}

/**
 * Buys `item` with `pay` (one GET through a client library, unmodified) and checks what the buyer
 * got and what moved: status 200, the bytes the catalog describes (one file by its sha256, several
 * as a ZIP whose entries match name, size and sha256 each), and exactly the price from the buyer to
 * the item's payTo, once. Returns the settlement transaction from PAYMENT-RESPONSE.
 */
export async function expectPaidDelivery(options: {
  devnet: DevnetFile;
  item: CatalogItem;
  buyer: Address;
  pay: (url: string) => Promise<Delivery>;
}): Promise<Hex> {
  const { devnet, item, buyer } = options;
  const chain = chainReader(devnet);
  const price = BigInt(item.price.atomic);
  const [buyerBefore, payToBefore] = [await chain.balanceOf(buyer), await chain.balanceOf(item.payTo)];

  const delivery = await options.pay(item.downloadUrl);
  expect(delivery.status, `${item.slug}: ${delivery.status === 200 ? "" : delivery.bytes.toString("utf8").slice(0, 500)}`).toBe(200);
  if (item.files.length === 1) {
    expect(delivery.bytes.length).toBe(item.files[0].size);
    expect(createHash("sha256").update(delivery.bytes).digest("hex")).toBe(item.files[0].sha256);
  } else {
    expect(delivery.header("content-type")).toBe("application/zip");
    const entries = readZip(delivery.bytes).map((entry) => ({ name: entry.name, size: entry.bytes.length, sha256: entry.sha256 }));
    expect(entries).toEqual(item.files.map(({ name, size, sha256 }) => ({ name, size, sha256 })));
  }

  expect(await chain.balanceOf(buyer)).toBe(buyerBefore - price);
  expect(await chain.balanceOf(item.payTo)).toBe(payToBefore + price);
  const settlement = JSON.parse(Buffer.from(delivery.header("payment-response") ?? "", "base64").toString("utf8")) as {
    success: boolean;
    payer: string;
    transaction: Hex;
  };
  expect(settlement).toMatchObject({ success: true, payer: buyer });
  expect((await chain.receipt(settlement.transaction)).status).toBe("success");
  return settlement.transaction;
}
