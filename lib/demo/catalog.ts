import type { ItemKind } from "@/db/schema";
import type { PdfChapter } from "./pdf";

export type DemoFile =
  | { fileName: string; type: "pdf"; title: string; chapters: PdfChapter[]; preview?: boolean }
  | { fileName: string; type: "wav"; notes: number[]; noteSeconds: number; preview?: boolean };

export type DemoItem = {
  slug: string;
  kind: ItemKind;
  title: string;
  description: string;
  /** With a minimum the item is pay-what-you-want, `priceAtomic` being the suggested price. */
  priceAtomic: bigint;
  pwywMinimumAtomic?: bigint;
  files: DemoFile[];
  /** A bundle's members: slugs of the same creator's items listed before it. */
  bundle?: string[];
  /** PDFs stamped per buyer while served. */
  stamped?: boolean;
};

/** A discount code for all of the creator's items. */
export type DemoCode = { code: string; percentOff: number };

export type DemoCreator = { handle: string; displayName: string; bio: string; items: DemoItem[]; codes?: DemoCode[] };

const prose = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${topic}, part ${i + 1}. A payment that settles before delivery is a promise kept twice: once by the buyer who signs, once by the store that serves only what was paid for. This page exists so that the demo e-book is a real document with real pages, fonts and text.`,
  );

const chapters = (topic: string, count: number): PdfChapter[] =>
  Array.from({ length: count }, (_, i) => ({ heading: `Chapter ${i + 1}: ${topic}`, paragraphs: prose(topic, 4) }));

const C = 261.63, D = 293.66, E = 329.63, F = 349.23, G = 392.0, A = 440.0, B = 493.88, C5 = 523.25;

/**
 * The seeded demo catalog: three creators, every kind covered; Ada Quill's bundle of her two e-books
 * and her launch code, Professor Merkle's stamped e-book, and a pay-what-you-want album.
 */
export const DEMO_CATALOG: DemoCreator[] = [
  {
    handle: "ada-quill",
    displayName: "Ada Quill",
    bio: "Writes short, practical books about money on the internet.",
    codes: [{ code: "LAUNCH20", percentOff: 20 }],
    items: [
      {
        slug: "the-gasless-economy",
        kind: "ebook",
        title: "The Gasless Economy",
        description: "How signed authorizations let anyone pay without holding gas: a short field guide to EIP-3009.",
        priceAtomic: 2_500_000n,
        files: [
          { fileName: "the-gasless-economy.pdf", type: "pdf", title: "The Gasless Economy", chapters: chapters("Signatures as money", 8) },
          { fileName: "the-gasless-economy-sample.pdf", type: "pdf", title: "The Gasless Economy (sample)", chapters: chapters("Signatures as money", 2), preview: true },
        ],
      },
      {
        slug: "field-notes-on-stablecoins",
        kind: "ebook",
        title: "Field Notes on Stablecoins",
        description: "Twelve observations on dollars that move like email, collected from builders and buyers.",
        priceAtomic: 750_000n,
        files: [
          { fileName: "field-notes-on-stablecoins.pdf", type: "pdf", title: "Field Notes on Stablecoins", chapters: chapters("Dollars on rails", 6) },
          { fileName: "field-notes-sample.pdf", type: "pdf", title: "Field Notes on Stablecoins (sample)", chapters: chapters("Dollars on rails", 1), preview: true },
        ],
      },
      {
        slug: "ada-quill-bookshelf",
        kind: "bundle",
        title: "The Ada Quill Bookshelf",
        description: "Both of Ada Quill's e-books in one purchase, for less than the two bought apart.",
        priceAtomic: 2_750_000n,
        files: [],
        bundle: ["the-gasless-economy", "field-notes-on-stablecoins"],
      },
    ],
  },
  {
    handle: "lofi-lattice",
    displayName: "Lo-Fi Lattice",
    bio: "Small synthesised tunes for long build logs.",
    items: [
      {
        slug: "midnight-blocks",
        kind: "music",
        title: "Midnight Blocks",
        description: "A slow, warm loop in C major, for late-night deploys. 16-bit WAV.",
        priceAtomic: 990_000n,
        files: [
          { fileName: "midnight-blocks.wav", type: "wav", notes: [C, E, G, C5, G, E, D, F, A, F, D, B, G, E, C, C], noteSeconds: 0.6 },
          { fileName: "midnight-blocks-preview.wav", type: "wav", notes: [C, E, G, C5], noteSeconds: 0.6, preview: true },
        ],
      },
      {
        slug: "sine-of-the-times",
        kind: "music",
        title: "Sine of the Times",
        description: "Pure tones, arranged. An etude for oscillators. 16-bit WAV.",
        priceAtomic: 1_250_000n,
        files: [
          { fileName: "sine-of-the-times.wav", type: "wav", notes: [A, G, F, E, D, E, F, G, A, B, C5, A, G, E, D, C], noteSeconds: 0.5 },
          { fileName: "sine-of-the-times-preview.wav", type: "wav", notes: [A, G, F, E], noteSeconds: 0.5, preview: true },
        ],
      },
      {
        slug: "tip-jar-tapes",
        kind: "music",
        title: "Tip Jar Tapes",
        description: "Four bars of a happy arpeggio. Pay what you want: from 0.50 USDC, 2.00 suggested. 16-bit WAV.",
        priceAtomic: 2_000_000n,
        pwywMinimumAtomic: 500_000n,
        files: [
          { fileName: "tip-jar-tapes.wav", type: "wav", notes: [C, E, G, C5, E, G, C5, G, F, A, C5, A, G, B, D, G], noteSeconds: 0.4 },
          { fileName: "tip-jar-tapes-preview.wav", type: "wav", notes: [C, E, G, C5], noteSeconds: 0.4, preview: true },
        ],
      },
    ],
  },
  {
    handle: "professor-merkle",
    displayName: "Professor Merkle",
    bio: "Teaches cryptography to people who ship.",
    items: [
      {
        slug: "typed-data-from-scratch",
        kind: "course",
        title: "Signing Typed Data, From Scratch",
        description: "A three-lesson course on EIP-712: domains, types, and the signatures wallets show to people.",
        priceAtomic: 4_000_000n,
        files: [
          { fileName: "lesson-1-domains.pdf", type: "pdf", title: "Lesson 1: Domains", chapters: chapters("Domains", 2) },
          { fileName: "lesson-2-types.pdf", type: "pdf", title: "Lesson 2: Types", chapters: chapters("Types", 2) },
          { fileName: "lesson-3-signatures.pdf", type: "pdf", title: "Lesson 3: Signatures", chapters: chapters("Signatures", 2) },
          { fileName: "syllabus.pdf", type: "pdf", title: "Syllabus", chapters: chapters("What you will learn", 1), preview: true },
        ],
      },
      {
        slug: "building-for-agents",
        kind: "course",
        title: "Building for Agents",
        description: "Three short lessons on selling to software: discovery, 402 responses, and receipts.",
        priceAtomic: 500_000n,
        files: [
          { fileName: "lesson-1-discovery.pdf", type: "pdf", title: "Lesson 1: Discovery", chapters: chapters("Discovery", 2) },
          { fileName: "lesson-2-the-402.pdf", type: "pdf", title: "Lesson 2: The 402", chapters: chapters("Payment Required", 2) },
          { fileName: "lesson-3-receipts.wav", type: "wav", notes: [E, G, C5, G], noteSeconds: 0.5 },
          { fileName: "course-trailer.wav", type: "wav", notes: [E, G, C5], noteSeconds: 0.4, preview: true },
        ],
      },
      {
        slug: "eip-712-pocket-guide",
        kind: "ebook",
        title: "The EIP-712 Pocket Guide",
        description: "Every field of a typed-data signature on one page each. Each copy is stamped with its buyer's wallet and receipt.",
        priceAtomic: 1_800_000n,
        stamped: true,
        files: [
          { fileName: "eip-712-pocket-guide.pdf", type: "pdf", title: "The EIP-712 Pocket Guide", chapters: chapters("Typed data", 3) },
          { fileName: "eip-712-pocket-guide-sample.pdf", type: "pdf", title: "The EIP-712 Pocket Guide (sample)", chapters: chapters("Typed data", 1), preview: true },
        ],
      },
    ],
  },
];
