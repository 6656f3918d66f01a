import type { Sale } from "@/db/queries/sales";
import { formatUsdc } from "@/lib/money/usdc";

const HEADER = ["settled_at_utc", "item", "payer", "pay_to", "amount_usdc", "amount_atomic", "refunded_usdc", "network", "transaction_hash", "discount_code", "discount_usdc"];

/** Quotes a CSV cell; a leading = + - @ is defused so a spreadsheet never runs a title as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Sales as CSV (RFC 4180, CRLF), amounts exact in USDC and in atomic units. */
export function salesCsv(sales: Sale[]): string {
  const rows = sales.map((sale) => {
    const refunded = sale.refunds.reduce((sum, refund) => sum + refund.amountAtomic, 0n);
    return [
      sale.settledAt?.toISOString() ?? "",
      sale.itemTitle,
      sale.payer,
      sale.payTo,
      formatUsdc(sale.amountAtomic),
      sale.amountAtomic.toString(),
      formatUsdc(refunded),
      sale.network,
      sale.transactionHash ?? "",
      sale.discountCode ?? "",
      sale.discountAtomic === null ? "" : formatUsdc(sale.discountAtomic),
    ];
  });
  return [HEADER, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
