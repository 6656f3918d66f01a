import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "x402 Storefront", template: "%s · x402 Storefront" },
  description: "Digital files from independent creators, paid per download in USDC over HTTP 402.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              x402 <span className="text-brand">Storefront</span>
            </Link>
            <a href="/api/catalog" className="text-sm text-stone-600 hover:text-stone-900">
              Catalog API
            </a>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 py-8 text-sm text-stone-500">
          Paid per download with USDC over the open x402 protocol.
        </footer>
      </body>
    </html>
  );
}
