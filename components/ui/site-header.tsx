import Link from "next/link";
import { MenuLink } from "./menu-link";

const MENU = [
  { href: "/library", label: "My library" },
  { href: "/studio", label: "Studio" },
  { href: "/agents", label: "For agents" },
];

// min-h-11: every entry is a 44 px tap target; the whole bar stays on one line down to a 390 px phone.
const ENTRY = "flex min-h-11 items-center whitespace-nowrap rounded-md";

/** The store's top bar: the name (home) and the menu, on one line at every width. */
export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white print:hidden" data-testid="site-header">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between gap-1 px-2 py-1 sm:px-4">
        <Link href="/" className={`${ENTRY} text-base font-semibold tracking-tight sm:text-lg`}>
          x402&nbsp;<span className="text-brand">Storefront</span>
        </Link>
        <ul className="flex items-center text-sm sm:gap-2">
          {MENU.map(({ href, label }) => (
            <li key={href}>
              <MenuLink href={href} className={`${ENTRY} px-1.5 text-stone-700 hover:bg-stone-100 hover:text-stone-900 sm:px-2`}>
                {label}
              </MenuLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
