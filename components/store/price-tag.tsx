import { formatUsdc } from "@/lib/money/usdc";

export function PriceTag({ atomic, className = "" }: { atomic: bigint; className?: string }) {
  return (
    <span className={`font-semibold tabular-nums ${className}`} data-testid="price">
      {formatUsdc(atomic)} <span className="text-sm font-medium text-stone-500">USDC</span>
    </span>
  );
}
