// The Hindi and Tamil catalogues (locales/*.json): checked, minified and copied beside the
// app under content-hashed names (cached for a year like the other hashed files), and
// named in a <meta> for each, where the app finds them. English is compiled into the app.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHashed } from './scripts.mjs';

export function copyLocales(html, { sourceDir, dir }) {
  const files = [];
  const metas = [];
  for (const file of readdirSync(join(sourceDir, 'locales')).filter((f) => f.endsWith('.json')).sort()) {
    const lang = file.slice(0, -'.json'.length);
    if (!/^[a-z]{2,3}$/.test(lang)) throw new Error(`locales/${file}: the name must be a language code`);
    const catalogue = JSON.parse(readFileSync(join(sourceDir, 'locales', file), 'utf8'));
    if (typeof catalogue !== 'object' || Array.isArray(catalogue) || Object.values(catalogue).some((v) => typeof v !== 'string')) {
      throw new Error(`locales/${file}: must be an object of strings`);
    }
    const text = JSON.stringify(catalogue);
    const name = writeHashed(dir, `locale-${lang}`, text, 'json');
    files.push(name);
    metas.push(`<meta name=testpress-locale-${lang} content=/${name}>`);
  }
  return { html: html.replace('</head>', `${metas.join('')}</head>`), files };
}
