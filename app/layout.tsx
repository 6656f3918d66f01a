import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { WalletSettingsProvider } from "@/components/wallet/wallet-settings";
import { getBrowserChain } from "@/lib/chain/browser-chain";
import { getEnv } from "@/lib/env";
import "./globals.css";

// The wallet needs the chain the server is configured for, known only at run time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "x402 Storefront", template: "%s · x402 Storefront" },
  description: "Digital files from independent creators, paid per download in USDC over HTTP 402.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <WalletSettingsProvider
          settings={{ chain: getBrowserChain(getEnv().PUBLIC_RPC_URL), walletConnectProjectId: getEnv().NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID }}
        >
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
            Skip to content
          </a>
          <header className="border-b border-stone-200 bg-white print:hidden">
            <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                x402 <span className="text-brand">Storefront</span>
              </Link>
              <div className="flex gap-4 text-sm">
                <Link href="/library" className="text-stone-600 hover:text-stone-900">
                  My library
                </Link>
                <Link href="/studio" className="text-stone-600 hover:text-stone-900">
                  Studio
                </Link>
                <a href="/api/catalog" className="text-stone-600 hover:text-stone-900">
                  Catalog API
                </a>
              </div>
            </nav>
          </header>
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
          <footer className="mx-auto max-w-6xl px-4 py-8 text-sm text-stone-500 print:hidden">
            Paid per download with USDC over the open x402 protocol.
          </footer>
        </WalletSettingsProvider>
      </body>
    </html>
  );
}
