import Link from "next/link";
import { ITEM_KINDS, type ItemKind } from "@/db/schema";
import { KIND_LABELS } from "./kind-label";

export function KindFilter({ active }: { active?: ItemKind }) {
  const options: { label: string; href: string; kind?: ItemKind }[] = [
    { label: "All", href: "/" },
    ...ITEM_KINDS.map((kind) => ({ label: KIND_LABELS[kind], href: `/?kind=${kind}`, kind })),
  ];
  return (
    <nav aria-label="Filter by kind" className="flex flex-wrap gap-2">
      {options.map((option) => {
        const current = option.kind === active;
        return (
          <Link
            key={option.label}
            href={option.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${
              current ? "border-brand bg-brand text-white" : "border-stone-300 bg-white hover:border-stone-500"
            }`}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
