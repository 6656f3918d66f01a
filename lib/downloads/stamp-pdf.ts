import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { receiptNumber, shortAddress } from "@/lib/receipts/names";

/** Whom a stamped copy is licensed to: the buyer's wallet and the purchase's receipt. */
export type Stamp = { buyer: string; transactionHash: string; settledAt: Date };

/** "Licensed to 0xABCD…1234 — receipt XS-1A2B-3C4D-5E6F — 2026-11-28": the footer of every page. */
export function stampLine(stamp: Stamp): string {
  return `Licensed to ${shortAddress(stamp.buyer)} — receipt ${receiptNumber(stamp.transactionHash)} — ${stamp.settledAt.toISOString().slice(0, 10)}`;
}

const FONT_SIZE = 8;

/**
 * The PDF with the buyer's stamp in each page's footer and in the document's metadata (subject
 * and keywords, with the full wallet address and transaction hash). Deterministic: the same
 * bytes and stamp give the same output, since nothing of the clock enters it (the load keeps the
 * original's dates and producer), so a re-download matches the digest on the receipt. The
 * caller bounds the input's size: pdf-lib holds the whole document in memory.
 */
export async function stampPdf(bytes: Uint8Array, stamp: Stamp): Promise<Uint8Array> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  const line = stampLine(stamp);
  for (const page of document.getPages()) {
    const { width } = page.getSize();
    const textWidth = font.widthOfTextAtSize(line, FONT_SIZE);
    page.drawText(line, { x: Math.max(12, (width - textWidth) / 2), y: 14, size: FONT_SIZE, font, color: rgb(0.35, 0.35, 0.35) });
  }
  document.setSubject(line);
  document.setKeywords([`licensed-to:${stamp.buyer}`, `transaction:${stamp.transactionHash}`, `receipt:${receiptNumber(stamp.transactionHash)}`]);
  return document.save();
}
