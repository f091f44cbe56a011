// Draws the app's PNG icons (public/icons/) and public/favicon.ico (for browsers that ask
// for /favicon.ico whatever the page links, as Firefox does) from the same figure as
// favicon.svg, in headless Chromium. Run by hand when the icon changes; the PNGs are committed.
//
//   node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const out = resolve(import.meta.dirname, '..', 'public', 'icons');
const BLUE = '#1d4ed8';
// The person, in a 32-unit box, as in favicon.svg.
const figure = '<circle cx="16" cy="12" r="5" fill="#fff"/><path d="M6 27c1-6 5-9 10-9s9 3 10 9z" fill="#fff"/>';
// "any": a rounded tile. "maskable": full-bleed colour, the figure inside the central 80 %
// circle that every launcher mask keeps.
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${BLUE}"/>${figure}</svg>`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${BLUE}"/><g transform="translate(6.4 6.4) scale(0.6)">${figure}</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, svg, size] of [['icon-192.png', any, 192], ['icon-512.png', any, 512], ['maskable-512.png', maskable, 512]]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  writeFileSync(join(out, name), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
}
// favicon.ico: one 32 px PNG in an ICO container (every browser since 2007 reads PNG in ICO).
await page.setViewportSize({ width: 32, height: 32 });
await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:32px;height:32px}</style>${any}`);
const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 32, height: 32 } });
const header = Buffer.alloc(22);
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(32, 6); // width
header.writeUInt8(32, 7); // height
header.writeUInt16LE(1, 10); // colour planes
header.writeUInt16LE(32, 12); // bits per pixel
header.writeUInt32LE(png.length, 14);
header.writeUInt32LE(22, 18); // the PNG follows the header
writeFileSync(join(out, '..', 'favicon.ico'), Buffer.concat([header, png]));
await browser.close();
console.log(`icons written to ${out}`);
