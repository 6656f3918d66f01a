"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A menu entry that tells screen readers (aria-current) and eyes (dark, underlined) which section this page is in. */
export function MenuLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? "page" : undefined} className={`${className} aria-[current=page]:text-stone-900 aria-[current=page]:underline aria-[current=page]:underline-offset-4`}>
      {children}
    </Link>
  );
}
