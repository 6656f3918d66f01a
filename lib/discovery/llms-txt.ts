import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { downloadPath } from "@/lib/catalog/paths";
import { downloadOutputOf } from "./download-contract";
import { STORE_NAME, type StoreFacts, paymentTermsOf, priceInUsd } from "./store-facts";

/** Creator text on one line: a title or description cannot open a section of its own here. */
function oneLine(text: string, max: number): string {
  const line = text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function itemLines(item: CatalogItemWithFiles, origin: string): string[] {
  const output = downloadOutputOf(item);
  const what = output.files.length === 1 ? `one file, ${output.mediaType}` : `${output.files.length} files as one ZIP`;
  const lines = [`- [${oneLine(item.title, 120)}](${origin}${downloadPath(item.slug)}): ${item.kind}, ${priceInUsd(item)} USDC, by ${oneLine(item.creator.displayName, 60)}; ${what}`];
  if (item.description) lines.push(`  ${oneLine(item.description, 240)}`);
  for (const file of output.files) lines.push(`  - ${oneLine(file.name, 120)}: ${file.mediaType}, ${file.size} bytes, sha256 ${file.sha256}`);
  return lines;
}

/** `/llms.txt`: what the store sells and how an agent buys, downloads again and verifies a file, from the live catalog. */
export function llmsTxt({ items, origin, chain }: StoreFacts): string {
  const example = items[0];
  const exampleUrl = example ? `${origin}${downloadPath(example.slug)}` : `${origin}/api/download/<slug>`;
  const maxAmount = example ? (example.priceAtomic > 5_000_000n ? example.priceAtomic : 5_000_000n).toString() : "5000000";
  const terms = example ? paymentTermsOf(example, chain) : null;
  return `# ${STORE_NAME}

> Digital files (e-books, music, courses) from independent creators, sold per download over HTTP 402
> with the x402 protocol, in USDC (6 decimals) on ${chain.network}, token ${chain.usdc}. No account and
> no API key: a wallet holding USDC pays each download with one signature and no gas.

## What is for sale

${items.length ? items.flatMap((item) => itemLines(item, origin)).join("\n") : "Nothing is published right now."}

## How to buy

1. GET the download URL. The answer is 402 with the terms in the PAYMENT-REQUIRED header (x402 v2,
   base64 JSON; the same JSON is the body): scheme "exact", network ${chain.network}, asset ${chain.usdc},
   the amount in atomic units, payTo${terms ? ` (for the first item above: amount ${terms.amount}, payTo ${terms.payTo})` : ""}.
2. Sign an EIP-3009 transferWithAuthorization of exactly that amount to payTo and send the same GET
   with the payment in the PAYMENT-SIGNATURE header.
3. The store settles the payment on-chain before it sends a byte, then answers 200 with the file and a
   PAYMENT-RESPONSE header naming the transaction. Several files arrive as one ZIP.

The official client (@x402/fetch with @x402/evm and viem) does all three:

\`\`\`ts
import { x402Client } from "@x402/core/client";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { privateKeyToAccount } from "viem/accounts";

const account = privateKeyToAccount(process.env.PRIVATE_KEY as \`0x\${string}\`);
const client = new x402Client();
registerExactEvmScheme(client, { signer: account, networks: ["${chain.network}"] });
// By default the client pays only well-known assets, at most $1: allow this store's USDC and set a cap.
client.setSpendControls({
  allowedAssets: [{ network: "${chain.network}", asset: "${chain.usdc}", maxAmountPerPayment: "${maxAmount}" }],
});
const payingFetch = wrapFetchWithPayment(fetch, client);
const response = await payingFetch("${exampleUrl}");
const file = Buffer.from(await response.arrayBuffer());
\`\`\`

Prices in the query: \`?code=<CODE>\` applies a creator's discount code, and on a pay-what-you-want
item (${origin}/api/catalog: \`pricing.mode\` "pwyw", with \`minimum\` and \`suggested\`) \`?amount=3.50\`
chooses the amount (the suggested price without it). The 402 then asks exactly that amount, and its
resource.url keeps the query: pay that URL. A code or amount the store cannot honour is a 400 with
the reason in "error" (discount_code_invalid, discount_code_expired, discount_code_exhausted,
amount_below_minimum, invalid_amount) and no payment terms. A payment is accepted only for the amount
its own query quotes. An item that comes to 0 (a 100 % code, or 0 where the minimum is 0) is claimed
with Sign-In-With-X: the 402 has no payment terms, only the sign-in-with-x challenge; sign it and send
the same GET with the SIGN-IN-WITH-X header.

Bundles and stamped files: an item with \`bundle: { items: [slug…] }\` delivers one ZIP with a folder
per included item, and buying it lets the buyer download each included item again from its own URL
(Sign-In-With-X). With \`stamped: true\` each PDF is stamped for its buyer while served, so the bytes
differ from \`files[].sha256\`; the receipt (${origin}/api/receipts/<transaction>) gives
\`deliveredSha256\`, the digest of what was delivered.

If the answer is 503 with "settlement_pending", send the very same request again after Retry-After:
do not sign a new payment. Every refusal names its reason in the JSON body's "error".

## Downloading again (Sign-In-With-X)

A wallet that bought an item downloads it again without paying. Every 402 carries a "sign-in-with-x"
challenge in its extensions; sign it with the buying wallet and send the proof in the SIGN-IN-WITH-X
header of the same GET. A proof is for one download URL, on ${chain.network}, once, within 5 minutes.
With @x402/extensions:

\`\`\`ts
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
const again = await wrapFetchWithSIWx(fetch, account)("${exampleUrl}");
\`\`\`

## Verifying a file

${origin}/api/catalog lists every item's files with their sha256 (for a single file, the 402's
"bazaar" extension states it too). Hash the bytes you received and compare: for a ZIP, hash each entry.
The catalog comes in pages of up to 100 items (\`?limit=\` up to 500): while its \`next\` is not null,
ask for \`${origin}/api/catalog?cursor=<next>\` for the following page.

\`\`\`ts
import { createHash } from "node:crypto";
const sha256 = createHash("sha256").update(file).digest("hex");
\`\`\`

The receipt of a payment: ${origin}/api/receipts/<transaction> (the transaction from PAYMENT-RESPONSE).
When the store signs receipts, PAYMENT-RESPONSE carries one in extensions["offer-receipt"].info.receipt:
a JWS (ES256K) by the store's key, published at ${origin}/.well-known/did.json, naming the payer, the
item, the amount, the transaction and the sha256 of the exact bytes sent (for a course, the ZIP). The
receipts API returns the same one as "signedReceipt". Verify it with verifyReceiptSignatureJWS from
@x402/extensions/offer-receipt and that key.

## Machine-readable

- [OpenAPI](${origin}/openapi.json): every download as a paid operation (x-payment-info)
- [x402 manifest](${origin}/.well-known/x402)
- [Catalog](${origin}/api/catalog): paged, follow \`next\` (\`?cursor=\`) until it is null
`;
}
