import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/ui/site-header";
import { EARLY_CONNECT_SCRIPT } from "@/components/wallet/early-connect-script";
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
        {/* First in the body: a tap on Connect works before the framework's JavaScript has arrived. */}
        <script dangerouslySetInnerHTML={{ __html: EARLY_CONNECT_SCRIPT }} />
        <WalletSettingsProvider
          settings={{ chain: getBrowserChain(getEnv().PUBLIC_RPC_URL), walletConnectProjectId: getEnv().NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID }}
        >
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
            Skip to content
          </a>
          <SiteHeader />
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
