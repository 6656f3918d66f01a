const PALETTES: Record<string, [string, string]> = {
  ebook: ["#1e3a8a", "#60a5fa"],
  music: ["#831843", "#f472b6"],
  course: ["#14532d", "#4ade80"],
  bundle: ["#7c2d12", "#fb923c"],
};

function escapeXml(text: string) {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A generated SVG cover: gradient, kind label and title, 600×600. */
export function makeCoverSvg(options: { title: string; kind: string; creator: string }): Uint8Array {
  const [from, to] = PALETTES[options.kind] ?? PALETTES.ebook;
  const words = options.title.split(" ");
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last && last.length + word.length < 16) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const titleLines = lines
    .map((line, i) => `<text x="48" y="${260 + i * 62}" font-size="52" font-weight="700">${escapeXml(line)}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="600" height="600" fill="url(#g)"/>
<g fill="#fff" font-family="Georgia, serif">
<text x="48" y="96" font-size="24" letter-spacing="6" opacity="0.85">${escapeXml(options.kind.toUpperCase())}</text>
${titleLines}
<text x="48" y="548" font-size="26" opacity="0.9">${escapeXml(options.creator)}</text>
</g></svg>`;
  return new TextEncoder().encode(svg);
}
