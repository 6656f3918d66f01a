import { createHash } from "node:crypto";
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, mintUsdc, paymentRequiredFrom, sendUsdc, signPayment } from "./support/chain";
import { createItem, publishedItem, samplePdf, signInCreator, uploadFile } from "./support/studio";
import { readZip } from "./support/zip";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

test.describe("creator studio over HTTP", () => {
  test("sign-in with Ethereum: a one-time nonce, a profile on first sign-in, a checksummed payout", async ({ request, store }) => {
    const account = privateKeyToAccount(generatePrivateKey());
    const challenge = await request.post("/api/studio/sign-in", { data: { address: account.address } });
    const { message } = (await challenge.json()) as { message: string };
    expect(message).toContain(`${new URL(store.url).host} wants you to sign in with your Ethereum account:\n${account.address}`);
    expect(message).toMatch(/Expiration Time: /);

    const stranger = privateKeyToAccount(generatePrivateKey());
    const forged = await request.post("/api/studio/session", { data: { message, signature: await stranger.signMessage({ message }) } });
    expect([forged.status(), (await forged.json()).error]).toEqual([401, "invalid_signature"]);
    const otherSite = message.replace(new URL(store.url).host, "evil.example");
    const phished = await request.post("/api/studio/session", { data: { message: otherSite, signature: await account.signMessage({ message: otherSite }) } });
    expect([phished.status(), (await phished.json()).error]).toEqual([401, "invalid_message"]);

    const signature = await account.signMessage({ message });
    const signedIn = await request.post("/api/studio/session", { data: { message, signature } });
    expect(signedIn.status()).toBe(200);
    expect((await signedIn.json()).creator.walletAddress).toBe(account.address);
    const cookie = signedIn.headers()["set-cookie"];
    expect(cookie).toMatch(/storefront_studio=.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    const replayed = await request.post("/api/studio/session", { data: { message, signature } });
    expect([replayed.status(), (await replayed.json()).error]).toEqual([401, "nonce_used_or_expired"]);

    const payout = privateKeyToAccount(generatePrivateKey()).address;
    const badPayout = await request.patch("/api/studio/profile", { data: { displayName: "Quill & Co", payoutAddress: "0x1234" } });
    expect(badPayout.status()).toBe(400);
    expect((await badPayout.json()).fields.payoutAddress).toMatch(/address/);
    const letter = [...payout].findIndex((char, index) => index > 1 && /[a-fA-F]/.test(char));
    const flipped = payout[letter] === payout[letter].toLowerCase() ? payout[letter].toUpperCase() : payout[letter].toLowerCase();
    const typo = `${payout.slice(0, letter)}${flipped}${payout.slice(letter + 1)}`;
    expect((await request.patch("/api/studio/profile", { data: { displayName: "Quill & Co", payoutAddress: typo } })).status()).toBe(400);
    const saved = await request.patch("/api/studio/profile", { data: { displayName: "Quill & Co", payoutAddress: payout.toLowerCase() } });
    expect(await saved.json()).toMatchObject({ displayName: "Quill & Co", payoutAddress: payout });

    expect((await request.delete("/api/studio/session")).status()).toBe(204);
    expect((await request.post("/api/studio/items", { data: { title: "After sign-out", kind: "ebook", price: "1" } })).status()).toBe(401);
  });

  test("a price or payout change applies at the next 402; a payment signed for the old terms is refused and moves nothing", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.25" });
    const url = `${store.url}/api/download/${item.slug}`;
    const buyerKey = generatePrivateKey();
    const buyer = privateKeyToAccount(buyerKey);
    await mintUsdc(store.devnet, buyer.address, 10_000_000n);

    const oldTerms = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    expect(oldTerms.accepts[0]).toMatchObject({ amount: "1250000", payTo: creator.account.address });
    const oldPayment = await signPayment({ paymentRequired: oldTerms, payerKey: buyerKey });

    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price: "2.5" } })).status()).toBe(200);
    const stale = await fetch(url, { headers: { "payment-signature": oldPayment.header } });
    expect(stale.status).toBe(402);
    expect(paymentRequiredFrom(Object.fromEntries(stale.headers))).toMatchObject({ error: "invalid_exact_evm_authorization_value", accepts: [{ amount: "2500000" }] });

    const newPayout = privateKeyToAccount(generatePrivateKey()).address;
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { payoutAddress: newPayout.toLowerCase() } })).status()).toBe(200);
    const retargeted = await signPayment({ paymentRequired: { ...oldTerms, accepts: [{ ...oldTerms.accepts[0], amount: "2500000" }] }, payerKey: buyerKey });
    const wrongRecipient = await fetch(url, { headers: { "payment-signature": retargeted.header } });
    expect(paymentRequiredFrom(Object.fromEntries(wrongRecipient.headers))).toMatchObject({ error: "invalid_exact_evm_recipient_mismatch", accepts: [{ payTo: newPayout }] });
    expect(await chain.authorizationUsed(buyer.address, oldPayment.nonce)).toBe(false);
    expect(await chain.authorizationUsed(buyer.address, retargeted.nonce)).toBe(false);

    const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 3_000_000n })(url);
    expect(paid.status).toBe(200);
    expect(await chain.balanceOf(newPayout)).toBe(2_500_000n);
    expect(await chain.balanceOf(creator.account.address)).toBe(0n);
  });

  test("a purchase is of the item: a corrected file and a new lesson reach past buyers without paying again", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api, { kind: "course", price: "0.75" });
    const [lesson1, lesson2, lesson2Fixed, lesson3] = await Promise.all(["Lesson 1", "Lesson 2", "Lesson 2 (fixed)", "Lesson 3"].map(samplePdf));
    expect((await uploadFile(creator.api, item.id, "01 Intro.pdf", lesson1)).status()).toBe(201);
    const second = await (await uploadFile(creator.api, item.id, "02 Types.pdf", lesson2)).json();
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } })).status()).toBe(200);

    const [buyer] = await fundFreshBuyers(store.devnet, 1, 5_000_000n);
    const url = `${store.url}/api/download/${item.slug}`;
    const bought = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 1_000_000n })(url);
    expect([bought.status, bought.headers.get("content-type")]).toEqual([200, "application/zip"]);
    const boughtEntries = readZip(Buffer.from(await bought.arrayBuffer()));
    expect(boughtEntries.map((entry) => [entry.name, entry.sha256])).toEqual([
      ["01 Intro.pdf", sha256(lesson1)],
      ["02 Types.pdf", sha256(lesson2)],
    ]);
    const afterPurchase = await chain.balanceOf(buyer.address);

    const replaced = await uploadFile(creator.api, item.id, "02 Types (corrected).pdf", lesson2Fixed, { method: "put", fileId: second.id });
    expect(replaced.status()).toBe(200);
    expect((await uploadFile(creator.api, item.id, "03 Signing.pdf", lesson3)).status()).toBe(201);
    const files = ((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()) as { files: { name: string; sha256: string }[] }).files;
    expect(files.map((file) => [file.name, file.sha256])).toEqual([
      ["01 Intro.pdf", sha256(lesson1)],
      ["02 Types (corrected).pdf", sha256(lesson2Fixed)],
      ["03 Signing.pdf", sha256(lesson3)],
    ]);

    const again = await wrapFetchWithSIWx(fetch, buyer)(url);
    expect(again.status).toBe(200);
    const entries = readZip(Buffer.from(await again.arrayBuffer()));
    expect(entries.map((entry) => [entry.name, entry.sha256])).toEqual(files.map((file) => [file.name, file.sha256]));
    expect(await chain.balanceOf(buyer.address)).toBe(afterPurchase);
  });

  test("sales and refunds: totals, CSV, a refund checked on-chain, shown on the buyer's receipt", async ({ page, store }) => {
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { title: `=1+1 Refundable, "quoted" ${Date.now()}`, price: "3.000001" });
    const buyers = await fundFreshBuyers(store.devnet, 2, 10_000_000n);
    const hashes: Hex[] = [];
    for (const buyer of buyers) {
      const paid = await createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: 4_000_000n })(
        `${store.url}/api/download/${item.slug}`,
      );
      expect(paid.status).toBe(200);
      hashes.push(JSON.parse(Buffer.from(paid.headers.get("payment-response")!, "base64").toString()).transaction);
    }

    const csv = await (await creator.api.get(`/api/studio/sales?item=${item.id}`)).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("settled_at_utc,item,payer,pay_to,amount_usdc,amount_atomic,refunded_usdc,network,transaction_hash,discount_code,discount_usdc");
    expect(lines).toHaveLength(3);
    for (const [index, buyer] of buyers.entries()) {
      const line = lines.find((row) => row.includes(buyer.address))!;
      expect(line).toContain(`"'=1+1 Refundable, ""quoted"" `);
      expect(line).toContain(`,3.000001,3000001,0.00,${store.devnet.network},${hashes[index].toLowerCase()}`);
    }

    // The creator sends 1.5 USDC back to the first buyer from the payout wallet, then records it.
    const refundHash = await sendUsdc(store.devnet, creator.account, buyers[0].address, 1_500_000n);

    const record = (data: Record<string, string>) => creator.api.post("/api/studio/refunds", { data: { saleTransaction: hashes[0], refundTransaction: refundHash, amount: "1.5", ...data } });
    expect((await (await record({ amount: "1.4" })).json()).error).toBe("refund_transfer_mismatch");
    expect((await (await record({ saleTransaction: hashes[1] })).json()).error).toBe("refund_transfer_mismatch");
    expect((await (await record({ refundTransaction: `0x${"ab".repeat(32)}` })).json()).error).toBe("refund_transaction_not_found");
    expect((await record({ note: "Chapter 3 was missing" })).status()).toBe(201);
    expect((await (await record({})).json()).error).toBe("refund_already_recorded");

    const refundedCsv = await (await creator.api.get("/api/studio/sales")).text();
    expect(refundedCsv.split("\r\n").find((row) => row.includes(buyers[0].address))).toContain(",3.000001,3000001,1.50,");

    await page.goto(`/receipts/${hashes[0]}`);
    await expect(page.getByTestId("receipt-refunds")).toContainText("1.50 USDC");
    await expect(page.getByTestId("receipt-refunds")).toContainText("Chapter 3 was missing");
  });
});
