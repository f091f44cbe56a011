// Pages that paint before any script runs: the header and the page's own layout, written
// into the HTML at build time, with the same stylesheet and the same boxes as the app
// draws them, so the app's first render replaces them without anything moving.
//
//   index.html  every other path (the SPA fallback): the header and the profile skeleton
//   login.html  /login: the sign-in form itself, so the largest paint is already final
//   me.html     /me: the header of a signed-in student and the profile skeleton
//
// The markup is the app's own components, rendered to HTML at build time in the build's
// institute brand (src/bin/prerender.rs, through facts.mjs's renderedPages); this file only
// puts it into the pages. The app removes `#prerendered` when it mounts (src/prerender.rs),
// carrying over anything typed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHashed } from './scripts.mjs';

const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * early-login.js with the words it needs in every language (English as the app has it,
 * the others from locales/*.json), written as a hashed file; returns its name.
 */
function earlyLoginScript(dir, english) {
  const keys = Object.keys(english);
  const words = { en: english };
  const locales = join(import.meta.dirname, '..', '..', 'locales');
  for (const file of readdirSync(locales).filter((f) => f.endsWith('.json'))) {
    const catalogue = JSON.parse(readFileSync(join(locales, file), 'utf8'));
    words[file.slice(0, -'.json'.length)] = Object.fromEntries(keys.map((k) => [k, catalogue[k] || words.en[k]]));
  }
  const code = readFileSync(join(import.meta.dirname, 'early-login.js'), 'utf8').replace('__WORDS__', JSON.stringify(words));
  return writeHashed(dir, 'early-login', code);
}

/** `html` with `frame` (the skip link, the header and `main`, as the app draws them) in its body. */
function page(html, { frame, title, script }) {
  // A plain script at the end of the body runs as soon as the page is parsed, before the
  // deferred loader (which waits for the JS glue).
  const body = `<div id=prerendered>${frame}</div>${script ? `<script src=/${script}></script>` : ''}`;
  let out = html.replace(/<noscript>[\s\S]*?<\/noscript>/, (noscript) => `${noscript}${body}`);
  if (!out.includes('id=prerendered')) throw new Error('no <noscript> in <body> to put the prerendered page after');
  // A function, so a `$` in the institute's name is not read as a replacement pattern.
  if (title) out = out.replace(/<title>[\s\S]*?<\/title>/, () => `<title>${escape(title)}</title>`);
  return out;
}

/** The institute's colours as a stylesheet, so even the first paint wears them. */
function brandStyles(html, { dir, brand }) {
  if (brand.properties.length === 0) return { html, files: [] };
  const css = `:root{${brand.properties.map(([name, value]) => `${name}:${value}`).join(';')}}\n`;
  const name = writeHashed(dir, 'brand', css, 'css');
  // Attribute order and quoting differ between trunk's plain and minified HTML.
  const stylesheet = /<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/i;
  const themeColor = /<meta\b[^>]*\bname=["']?theme-color\b[^>]*>/i;
  if (!stylesheet.test(html) || !themeColor.test(html)) throw new Error('no stylesheet link or theme-color meta to brand');
  html = html.replace(stylesheet, (link) => `${link}<link href=/${name} rel=stylesheet>`)
    .replace(themeColor, `<meta name=theme-color content="${brand.themeColor}">`);
  return { html, files: [name] };
}

/**
 * Writes login.html and me.html, and returns index.html with its own prerendered page.
 * `pages` is facts.mjs's renderedPages for the same config.json as `facts`.
 */
export function prerender(html, { dir, facts, pages }) {
  const brand = { properties: facts.brand_properties, themeColor: facts.theme_color };
  const styled = brandStyles(html, { dir, brand });
  // The sign-in page is complete without the app; what is typed before the app takes over
  // is kept (src/prerender.rs).
  const early = earlyLoginScript(dir, pages.early_login_words);
  const loginHtml = page(styled.html, { frame: pages.login, title: pages.login_title, script: early });
  const meHtml = page(styled.html, { frame: pages.me, title: null });
  writeFileSync(join(dir, 'login.html'), loginHtml);
  writeFileSync(join(dir, 'me.html'), meHtml);
  return {
    html: page(styled.html, { frame: pages.index, title: null }),
    files: [...styled.files, early, 'login.html', 'me.html'],
  };
}
