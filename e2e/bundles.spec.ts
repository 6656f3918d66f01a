import { createHash } from "node:crypto";
import { decodePaymentRequiredHeader } from "@x402/core/http";
import { type CompleteSIWxInfo, type SIWxExtension, createSIWxPayload, encodeSIWxHeader } from "@x402/extensions/sign-in-with-x";
import type { APIRequestContext } from "@playwright/test";
import type { PrivateKeyAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundFreshBuyers } from "./support/chain";
import { signInBuyer } from "./support/library";
import { PHONE, checkPage } from "./support/page-checks";
import { createItem, publishedItem, signInCreator } from "./support/studio";
import { readZip } from "./support/zip";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type CatalogItem = { slug: string; kind: string; downloadUrl: string; bundle: { items: string[] } | null; stamped: boolean; files: { name: string; sha256: string }[] };
type StudioJson = { id: string; slug: string; kind: string; published: boolean; bundleItems: string[] | null };

/** Signs the Sign-In-With-X challenge of a fresh 402 for `url`, as a past buyer's agent does. */
async function siwxHeaderFor(url: string, account: PrivateKeyAccount) {
  const required = decodePaymentRequiredHeader((await fetch(url)).headers.get("payment-required")!);
  const extension = required.extensions?.["sign-in-with-x"] as SIWxExtension;
  const info: CompleteSIWxInfo = { ...extension.info, chainId: extension.supportedChains[0].chainId, type: extension.supportedChains[0].type };
  return encodeSIWxHeader(await createSIWxPayload(info, account, url));
}

async function studioItem(api: APIRequestContext, id: string): Promise<StudioJson> {
  return (await api.get(`/api/studio/items/${id}`)).json();
}

async function refusal(response: Awaited<ReturnType<APIRequestContext["patch"]>>) {
  const body = (await response.json()) as { error: string; fields?: Record<string, string> };
  return [response.status(), body.error, Object.keys(body.fields ?? {})];
}

test("the seeded bundle: /api/catalog lists its members and their files in one folder each; its page shows them and the saving", async ({ page, store }, testInfo) => {
  const catalog = (await (await page.request.get("/api/catalog")).json()) as { items: CatalogItem[] };
  const bundle = catalog.items.find((item) => item.slug === "ada-quill-bookshelf")!;
  expect(bundle.kind).toBe("bundle");
  expect(bundle.bundle).toEqual({ items: ["the-gasless-economy", "field-notes-on-stablecoins"] });
  expect(bundle.stamped).toBe(false);
  const members = bundle.bundle!.items.map((slug) => catalog.items.find((item) => item.slug === slug)!);
  expect(bundle.files).toEqual(members.flatMap((member) => member.files.map((file) => ({ ...file, name: `${member.slug}/${file.name}` }))));
  expect(members.map((member) => member.bundle)).toEqual([null, null]);

  await page.goto(`${store.url}/items/ada-quill-bookshelf`);
  await expect(page.getByTestId("bundle-member")).toHaveText([/The Gasless Economy.*2\.50 USDC/, /Field Notes on Stablecoins.*0\.75 USDC/]);
  await expect(page.getByTestId("bundle-saving")).toHaveText("Bought one by one: 3.25 USDC. You save 0.50 USDC.");
  await checkPage(page, testInfo, "bundle-item-page", { screenshot: true });
});

test("a bundle bought with the official client: one ZIP folder per member byte for byte; each member re-downloads from its own URL by Sign-In-With-X; an unpublished member stays the buyer's", async ({
  store,
}) => {
  const creator = await signInCreator(store.url);
  const first = await publishedItem(creator.api, { title: `Bundle part one ${Date.now()}`, price: "0.40" });
  const second = await publishedItem(creator.api, { title: `Bundle part two ${Date.now()}`, price: "0.30" });
  const bundle = await createItem(creator.api, { title: `Both parts ${Date.now()}`, kind: "bundle", price: "0.50", bundleItems: [first.item.slug, second.item.slug] });
  expect((await creator.api.patch(`/api/studio/items/${bundle.id}`, { data: { published: true } })).status()).toBe(200);

  const [buyer] = await fundFreshBuyers(store.devnet, 1, 500_000n);
  const payingFetch = createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 500_000n });
  const bought = await payingFetch(`${store.url}/api/download/${bundle.slug}`);
  expect(bought.status).toBe(200);
  expect(bought.headers.get("content-type")).toBe("application/zip");
  const expected = [
    [`${first.item.slug}/book.pdf`, sha256(first.pdf)],
    [`${second.item.slug}/book.pdf`, sha256(second.pdf)],
  ];
  expect(readZip(Buffer.from(await bought.arrayBuffer())).map((entry) => [entry.name, entry.sha256])).toEqual(expected);

  // Each member's own URL: a Sign-In-With-X proof of the bundle's buyer is enough, no payment.
  for (const member of [first, second]) {
    const url = `${store.url}/api/download/${member.item.slug}`;
    const again = await fetch(url, { headers: { "SIGN-IN-WITH-X": await siwxHeaderFor(url, buyer) } });
    expect(again.status).toBe(200);
    expect(sha256(new Uint8Array(await again.arrayBuffer()))).toBe(sha256(member.pdf));
  }
  const ownership = await fetch(`${store.url}/api/ownership/${first.item.slug}?wallet=${buyer.address}`);
  expect(await ownership.json()).toMatchObject({ owned: true });

  // Unpublished, the first member leaves the catalog but not the bundle's buyers.
  expect((await creator.api.patch(`/api/studio/items/${first.item.id}`, { data: { published: false } })).status()).toBe(200);
  const library = await signInBuyer(store.url, buyer);
  const file = await library.get(`/api/library/files/${first.item.files[0].id}`);
  expect(file.status()).toBe(200);
  expect(sha256(await file.body())).toBe(sha256(first.pdf));
  const all = await library.get(`/api/library/items/${bundle.id}`);
  expect(all.status()).toBe(200);
  expect(readZip(await all.body()).map((entry) => [entry.name, entry.sha256])).toEqual(expected);
  const bundleUrl = `${store.url}/api/download/${bundle.slug}`;
  const bundleAgain = await fetch(bundleUrl, { headers: { "SIGN-IN-WITH-X": await siwxHeaderFor(bundleUrl, buyer) } });
  expect(bundleAgain.status).toBe(200);
  expect(readZip(Buffer.from(await bundleAgain.arrayBuffer())).map((entry) => [entry.name, entry.sha256])).toEqual(expected);

  // Sold, the bundle's contents are fixed, and a member cannot be deleted out from under it.
  expect(await refusal(await creator.api.patch(`/api/studio/items/${bundle.id}`, { data: { bundleItems: [second.item.slug, first.item.slug] } }))).toEqual([400, "bundle_sold", ["bundleItems"]]);
  const deleted = await creator.api.delete(`/api/studio/items/${first.item.id}`);
  expect([deleted.status(), (await deleted.json()).error]).toEqual([409, "item_in_bundle"]);
  expect((await studioItem(creator.api, bundle.id)).bundleItems).toEqual([first.item.slug, second.item.slug]);

  // Off the catalog again: catalog and payment specs see the seeded items only.
  for (const id of [bundle.id, second.item.id]) expect((await creator.api.patch(`/api/studio/items/${id}`, { data: { published: false } })).status()).toBe(200);
});

test("bundle validation: another creator's item, itself, another bundle, empty or one item, a kind change — each a field error that changes nothing", async ({ store }) => {
  const creator = await signInCreator(store.url);
  const first = await publishedItem(creator.api, { title: `Valid part one ${Date.now()}` });
  const second = await publishedItem(creator.api, { title: `Valid part two ${Date.now()}` });
  const draft = await createItem(creator.api, { title: `Draft part ${Date.now()}` });
  const bundle = await createItem(creator.api, { title: `Checked bundle ${Date.now()}`, kind: "bundle", price: "1", bundleItems: [first.item.slug, second.item.slug] });
  const other = await createItem(creator.api, { title: `Other bundle ${Date.now()}`, kind: "bundle", price: "1", bundleItems: [first.item.slug, second.item.slug] });
  const patch = (id: string, data: Record<string, unknown>) => creator.api.patch(`/api/studio/items/${id}`, { data });
  const members = [first.item.slug, second.item.slug];

  for (const [bundleItems, reason] of [
    [[first.item.slug, "the-gasless-economy"], "bundle_foreign_item"],
    [[first.item.slug, "no-such-item"], "bundle_foreign_item"],
    [[first.item.slug, draft.slug], "bundle_foreign_item"],
    [[first.item.slug, bundle.slug], "bundle_includes_itself"],
    [[first.item.slug, other.slug], "bundle_nested"],
    [[], "bundle_empty"],
    [[first.item.slug], "bundle_too_small"],
    [[first.item.slug, first.item.slug], "bundle_duplicate_item"],
  ] as const) {
    expect(await refusal(await patch(bundle.id, { bundleItems, title: "Renamed by a refused change" })), reason).toEqual([400, reason, ["bundleItems"]]);
    expect((await studioItem(creator.api, bundle.id)).bundleItems).toEqual(members);
  }
  expect((await studioItem(creator.api, bundle.id)) as unknown as { title: string }).toMatchObject({ title: bundle.title });

  // Creating one with bad members creates nothing; a non-bundle lists no members; kinds do not cross.
  const title = `Never created ${Date.now()}`;
  const refusedCreate = await creator.api.post("/api/studio/items", { data: { title, kind: "bundle", price: "1", bundleItems: ["the-gasless-economy", first.item.slug] } });
  expect(await refusal(refusedCreate)).toEqual([400, "bundle_foreign_item", ["bundleItems"]]);
  // Had the refused draft been written, its slug would be taken and this one would get a suffix.
  expect((await createItem(creator.api, { title })).slug).toBe(title.toLowerCase().replace(/ /g, "-"));
  expect(await refusal(await patch(first.item.id, { bundleItems: [second.item.slug, draft.slug] }))).toEqual([400, "not_a_bundle", ["bundleItems"]]);
  expect(await refusal(await patch(first.item.id, { kind: "bundle" }))).toEqual([400, "bundle_kind_fixed", ["kind"]]);
  expect(await refusal(await patch(bundle.id, { kind: "ebook" }))).toEqual([400, "bundle_kind_fixed", ["kind"]]);
  expect(await refusal(await patch(bundle.id, { stamped: true }))).toEqual([400, "stamp_bundle", ["stamped"]]);

  // An empty bundle cannot be published.
  const empty = await createItem(creator.api, { title: `Empty bundle ${Date.now()}`, kind: "bundle", price: "1" });
  expect(await refusal(await patch(empty.id, { published: true }))).toEqual([400, "bundle_too_small", ["bundleItems"]]);
  expect((await studioItem(creator.api, empty.id)).published).toBe(false);

  for (const id of [first.item.id, second.item.id]) expect((await patch(id, { published: false })).status()).toBe(200);
});

test("the studio edits a bundle in the browser: its published items as checkboxes, a field error for one item, saved with two", async ({ browser, store }, testInfo) => {
  const creator = await signInCreator(store.url);
  const first = await publishedItem(creator.api, { title: `Studio part one ${Date.now()}` });
  const second = await publishedItem(creator.api, { title: `Studio part two ${Date.now()}` });
  const bundle = await createItem(creator.api, { title: `Studio bundle ${Date.now()}`, kind: "bundle", price: "1", bundleItems: [first.item.slug, second.item.slug] });
  const context = await browser.newContext({ baseURL: store.url, viewport: PHONE, storageState: await creator.api.storageState() });
  const page = await context.newPage();
  try {
    await page.goto(`/studio/items/${bundle.id}`);
    const members = page.getByTestId("bundle-members-field");
    await expect(members.getByRole("checkbox")).toHaveCount(2);
    await expect(members.getByRole("checkbox", { checked: true })).toHaveCount(2);
    // A bundle has no files of its own: no file manager.
    await expect(page.getByRole("heading", { name: "Files" })).toHaveCount(0);
    await checkPage(page, testInfo, "studio-bundle", { screenshot: true });

    await members.getByRole("checkbox", { name: second.item.title }).uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(members.getByTestId("field-error")).toHaveText("A bundle includes at least two items.");
    await checkPage(page, testInfo, "studio-bundle-error", { screenshot: true });
    expect((await studioItem(creator.api, bundle.id)).bundleItems).toEqual([first.item.slug, second.item.slug]);

    await members.getByRole("checkbox", { name: second.item.title }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Saved");

    await page.goto("/studio/items/new");
    await page.getByLabel("Kind").selectOption("bundle");
    await expect(page.getByTestId("bundle-members-field").getByRole("checkbox")).toHaveCount(2);
    await checkPage(page, testInfo, "studio-new-bundle");
  } finally {
    await context.close();
  }
  for (const id of [first.item.id, second.item.id]) expect((await creator.api.patch(`/api/studio/items/${id}`, { data: { published: false } })).status()).toBe(200);
});
