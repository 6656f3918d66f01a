import Link from "next/link";
import type { ReactNode } from "react";

/** The way back to the studio and the page's title, on every page below /studio. */
export function StudioPageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="flex flex-col gap-3">
      <Link href="/studio" className="text-sm text-brand underline">
        ← Studio
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {children}
    </header>
  );
}
