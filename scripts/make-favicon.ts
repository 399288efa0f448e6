/**
 * Makes src/http/site/favicon.ts from favicon.svg: Chromium draws the SVG at 16, 32 and
 * 48 px, and the PNGs go into one ICO file (PNG entries, read by every browser since 2007).
 * Run by hand after changing the SVG: `node scripts/make-favicon.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/support/browser.ts';

const svg = readFileSync('src/http/site/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const sizes = [16, 32, 48];
const pngs: Buffer[] = [];
for (const size of sizes) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>*{margin:0}</style><img src="data:image/svg+xml,${encodeURIComponent(svg)}" width="${size}" height="${size}">`,
  );
  pngs.push(await page.screenshot({ omitBackground: true, type: 'png' }));
  await page.close();
}
await browser.close();

const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // an icon
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size, at);
  header.writeUInt8(size, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(pngs[i]!.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += pngs[i]!.length;
});
const ico = Buffer.concat([header, ...pngs]);
writeFileSync(
  'src/http/site/favicon.ts',
  `// Made by scripts/make-favicon.ts from favicon.svg; do not edit by hand.\n` +
    `export const FAVICON_SVG =\n  '${svg.trim()}';\n\n` +
    `export const FAVICON_ICO_BASE64 =\n  '${ico.toString('base64')}';\n`,
);
console.log(`favicon.ico: ${ico.length} bytes, ${sizes.join('/')} px`);
