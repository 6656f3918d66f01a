import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { getBrowserChain } from "@/lib/chain/browser-chain";
import { downloadPath } from "@/lib/catalog/paths";
import { agentGuide } from "@/lib/discovery/agent-guide";
import { cachedPublishedCatalog } from "@/lib/discovery/catalog-cache";
import { requestOrigin } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "For agents",
  description: "How an AI agent or a script buys files here: HTTP 402, one USDC signature, no account.",
};

const LINK = "text-brand-dark underline underline-offset-2 hover:text-brand";

/** The machine-readable documents, each with what it is for. */
const DOCUMENTS: { href: string; what: string }[] = [
  { href: "/api/catalog", what: "the catalog as JSON: every item, its price, files, sha256 and download URL" },
  { href: "/openapi.json", what: "OpenAPI 3.1, with the payment terms of each download" },
  { href: "/.well-known/x402", what: "the x402 discovery document that indexes such as x402scan read" },
  { href: "/llms.txt", what: "this page for language models, with every item listed" },
];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AgentsPage() {
  const origin = requestOrigin(await headers());
  // An example URL from the live catalog; the page still explains itself when the database is away.
  const first = await cachedPublishedCatalog().then((items) => items[0], () => undefined);
  const guide = agentGuide(getBrowserChain(), `${origin}${downloadPath(first?.slug ?? "<slug>")}`);

  return (
    <div className="flex max-w-3xl flex-col gap-8" data-testid="agents-page">
      <header className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">For agents</h1>
        <p className="text-stone-700">
          Every file in this store can be bought by a program as easily as by a person: an AI agent, a script or a
          server. There is no account to open and no API key. The agent needs a wallet holding USDC, and pays each
          download with one signature.
        </p>
      </header>

      <Section id="how" title="How an agent buys">
        <ol className="flex list-decimal flex-col gap-2 pl-6 text-stone-800">
          <li>
            It asks for the file&apos;s download URL. The store answers <strong>402 Payment Required</strong>, with the
            price, the token and who gets paid.
          </li>
          <li>
            It signs a USDC transfer of exactly that price with its wallet. Signing is free: the store pays the gas
            fee.
          </li>
          <li>
            It asks again with the signature attached. The store settles the payment on-chain, then sends the file
            and the transaction&apos;s id as a receipt.
          </li>
        </ol>
        <p className="text-stone-700">
          This is the open <a className={LINK} href="https://x402.org">x402 protocol</a>. A wallet that bought an item
          downloads it again for free by signing in with the same wallet (Sign-In-With-X).
        </p>
      </Section>

      <Section id="terms" title="What it pays with">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-stone-800 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Network</dt>
          <dd data-testid="agents-network">
            {guide.networkName} (<code>{guide.network}</code>)
          </dd>
          <dt className="font-semibold">Token</dt>
          <dd className="break-all" data-testid="agents-asset">
            USDC, 6 decimals, at{" "}
            {guide.usdcUrl ? (
              <a className={LINK} href={guide.usdcUrl}>
                <code>{guide.usdc}</code>
              </a>
            ) : (
              <code>{guide.usdc}</code>
            )}
          </dd>
          <dt className="font-semibold">Gas</dt>
          <dd>None for the buyer: the signature is an EIP-3009 authorization the store submits.</dd>
        </dl>
      </Section>

      <Section id="code" title="In code">
        <p className="text-stone-700">
          The official client, <code>@x402/fetch</code> with <code>@x402/evm</code> and <code>viem</code>, does the
          three steps in one call:
        </p>
        {/* Focusable, so that a keyboard can scroll the long lines sideways. */}
        <pre
          tabIndex={0}
          aria-label="Example: paying for a download with @x402/fetch"
          className="overflow-x-auto rounded-lg bg-stone-900 p-4 text-sm text-stone-100"
          data-testid="agents-sample"
        >
          <code>{guide.sample}</code>
        </pre>
        <p className="text-stone-700" data-testid="agents-v1">
          Older x402 v1 clients such as <code>x402-fetch</code> 1.x work on Base and Base Sepolia only.{" "}
          {guide.v1Network
            ? `This store sells on ${guide.networkName}, so they work here too (network "${guide.v1Network}").`
            : `This store sells on ${guide.networkName}, which v1 cannot name: use the v2 client above.`}
        </p>
        <p className="text-stone-700">
          From a copy of this store&apos;s code, <code>npm run agent -- &lt;slug&gt;</code> buys an item the same way
          and prints the transaction and the file&apos;s sha256.
        </p>
      </Section>

      <Section id="discovery" title="Machine-readable catalog">
        <ul className="flex flex-col gap-2 text-stone-800">
          {DOCUMENTS.map(({ href, what }) => (
            <li key={href}>
              <a className={LINK} href={href}>
                <code>{href}</code>
              </a>
              : {what}
            </li>
          ))}
          <li>
            <code>POST /mcp</code>: an MCP server (streamable HTTP) with <code>search_catalog</code> and{" "}
            <code>buy_item</code> tools, for agents that call tools
          </li>
        </ul>
        <p className="text-stone-700">
          People buy on the same URLs from the{" "}
          <Link className={LINK} href="/">
            catalog
          </Link>
          .
        </p>
      </Section>
    </div>
  );
}
