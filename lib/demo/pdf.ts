import { PDFDocument, StandardFonts, rgb } from "pdf-lib";

export type PdfChapter = { heading: string; paragraphs: string[] };

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A real, multi-page PDF: a title page, then one page per chapter. */
export async function makePdf(options: { title: string; author: string; chapters: PdfChapter[] }) {
  const doc = await PDFDocument.create();
  doc.setTitle(options.title);
  doc.setAuthor(options.author);
  // Fixed dates keep the seeded files (and so their sha256) the same on every machine.
  doc.setCreationDate(new Date("2026-01-01T00:00:00Z"));
  doc.setModificationDate(new Date("2026-01-01T00:00:00Z"));
  const serif = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);

  const cover = doc.addPage([432, 648]);
  cover.drawText(options.title, { x: 48, y: 420, size: 26, font: bold, maxWidth: 336, lineHeight: 32 });
  cover.drawText(`by ${options.author}`, { x: 48, y: 360, size: 14, font: serif, color: rgb(0.3, 0.3, 0.3) });

  options.chapters.forEach((chapter, index) => {
    const page = doc.addPage([432, 648]);
    page.drawText(chapter.heading, { x: 48, y: 590, size: 18, font: bold });
    let y = 556;
    for (const paragraph of chapter.paragraphs) {
      for (const line of wrap(paragraph, 62)) {
        page.drawText(line, { x: 48, y, size: 11, font: serif });
        y -= 15;
      }
      y -= 9;
    }
    page.drawText(String(index + 2), { x: 210, y: 32, size: 9, font: serif });
  });
  return doc.save({ useObjectStreams: false });
}
