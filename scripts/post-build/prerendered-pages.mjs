// Pages that paint before any script runs: the header, the page's own layout and the
// footer, written into the HTML at build time, with the same stylesheet and the same boxes
// as the app draws them, so the app's first render replaces them without anything moving.
//
//   index.html  every other path (the SPA fallback): the header and the profile skeleton
//   login.html  /login: the sign-in form itself, so the largest paint is already final
//   me.html     /me: the header of a signed-in student and the profile skeleton
//
// The markup copies the components it stands in for (named beside each part); the
// end-to-end test prerender.test.mjs fails when the two drift apart. The app removes
// `#prerendered` when it mounts (src/prerender.rs), carrying over anything typed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHashed } from './scripts.mjs';

const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** components/header.rs, language_picker.rs and account_menu.rs (its button, while the profile loads). */
function header({ name, logo }, signedIn, current) {
  const site = escape(name ?? 'Testpress Profile');
  const brand = logo
    ? `<img class=brand-logo src="${escape(logo)}" alt="${site}" height=32><span class=brand-name aria-hidden=true>${site}</span>`
    : `<span class=brand-name>${site}</span>`;
  const right = signedIn
    ? '<div class=account><button class=account-button type=button aria-label="Account menu" aria-expanded=false><span class="avatar-initials avatar-header skeleton"></span></button></div>'
    // The sign-in page has no "Sign in" link of its own (components/header.rs).
    : current === '/login' ? '' : '<a href=/login class=header-link>Sign in</a>';
  const language = '<div class=language><label for=language class=visually-hidden>Language</label><select id=language autocomplete=off>'
    + '<option value=en lang=en selected>English</option><option value=hi lang=hi>हिन्दी</option><option value=ta lang=ta>தமிழ்</option></select></div>';
  return `<header class=site-header><div class=bar><a href=/ class=brand>${brand}</a>${language}${right}</div></header>`;
}

/** components/skeleton.rs */
const skeleton = '<div class=profile-layout aria-busy=true><span class=visually-hidden role=status>Loading profile…</span>'
  + '<div class="card profile-card" aria-hidden=true><div class=profile-head><span class="avatar-initials avatar-profile skeleton"></span>'
  + '<div class=profile-names><div class="skeleton skeleton-line skeleton-name"></div><div class="skeleton skeleton-line short"></div></div></div></div>'
  + '<div class=profile-main aria-hidden=true><div class=card><div class="skeleton skeleton-line"></div><div class="skeleton skeleton-line medium"></div>'
  + '<div class="skeleton skeleton-line"></div><div class="skeleton skeleton-line short"></div></div></div></div>';

/**
 * pages/login.rs, before the app runs. Its button is type=button, so nothing is ever sent
 * before the loader runs; the loader makes it (`data-submit`) a submit button whose press is
 * only remembered, and the app carries it out with what was typed (src/prerender.rs).
 */
const login = '<section class="card card-narrow"><h1>Sign in</h1><form class=form novalidate>'
  + '<div class=field><label for=username>Username</label><input id=username name=username type=text autocomplete=username autocapitalize=none spellcheck=false required aria-invalid=false aria-describedby=username-error><p class=field-error id=username-error></p></div>'
  + '<div class=field><label for=password>Password</label><div class=input-with-button><input id=password name=password type=password autocomplete=current-password required aria-invalid=false aria-describedby=password-error>'
  + '<button class="button button-secondary" type=button aria-controls=password aria-label="Show password">Show</button></div><p class=field-error id=password-error></p></div>'
  + '<div class=actions><button class=button type=button data-submit>Sign in</button>__RESET__</div></form></section>';

/**
 * early-login.js with the words it needs in every language (English as the app has it,
 * the others from locales/*.json), written as a hashed file; returns its name.
 */
function earlyLoginScript(dir) {
  const keys = ['SigningIn', 'Show', 'Hide', 'ShowPassword', 'HidePassword'];
  const words = { en: { SigningIn: 'Signing in…', Show: 'Show', Hide: 'Hide', ShowPassword: 'Show password', HidePassword: 'Hide password' } };
  const locales = join(import.meta.dirname, '..', '..', 'locales');
  for (const file of readdirSync(locales).filter((f) => f.endsWith('.json'))) {
    const catalogue = JSON.parse(readFileSync(join(locales, file), 'utf8'));
    words[file.slice(0, -'.json'.length)] = Object.fromEntries(keys.map((k) => [k, catalogue[k] || words.en[k]]));
  }
  const code = readFileSync(join(import.meta.dirname, 'early-login.js'), 'utf8').replace('__WORDS__', JSON.stringify(words));
  return writeHashed(dir, 'early-login', code);
}

function page(html, { brand, signedIn, current, main, title, script }) {
  // A plain script at the end of the body runs as soon as the page is parsed, before the
  // deferred loader (which waits for the JS glue).
  const body = `<div id=prerendered><a class=skip-link href=#main>Skip to content</a>${header(brand, signedIn, current)}`
    + `<main id=main tabindex=-1>${main}</main></div>${script ? `<script src=/${script}></script>` : ''}`;
  let out = html.replace(/<noscript>[\s\S]*?<\/noscript>/, (noscript) => `${noscript}${body}`);
  if (!out.includes('id=prerendered')) throw new Error('no <noscript> in <body> to put the prerendered page after');
  if (title) out = out.replace(/<title>[\s\S]*?<\/title>/, `<title>${escape(title)}</title>`);
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

/** Writes login.html and me.html, and returns index.html with its own prerendered shell. */
export function prerender(html, { dir, facts }) {
  const brand = {
    name: facts.institute_name,
    logo: facts.institute_logo,
    properties: facts.brand_properties,
    themeColor: facts.theme_color,
    resetUrl: facts.password_reset_url,
  };
  const styled = brandStyles(html, { dir, brand });
  const site = brand.name ?? 'Testpress Profile';
  // Without a configured page the app offers its own (/forgot-password) unless the institute's
  // settings say otherwise, which only the running app can know.
  const reset = brand.resetUrl
    ? `<a href="${escape(brand.resetUrl)}" rel=external class=forgot-password>Forgot password?</a>`
    : '<a href="/forgot-password" class=forgot-password>Forgot password?</a>';
  // The sign-in page is complete without the app; what is typed before the app takes over
  // is kept (src/prerender.rs).
  const early = earlyLoginScript(dir);
  const loginHtml = page(styled.html, { brand, signedIn: false, current: '/login', main: login.replace('__RESET__', reset), title: `Sign in · ${site}`, script: early });
  // The empty freshness line (pages/me.rs) holds its place above the skeleton, as in the app.
  const meHtml = page(styled.html, { brand, signedIn: true, current: '/me', main: '<p class=freshness role=status></p>' + skeleton, title: null });
  writeFileSync(join(dir, 'login.html'), loginHtml);
  writeFileSync(join(dir, 'me.html'), meHtml);
  return {
    html: page(styled.html, { brand, signedIn: true, current: null, main: skeleton, title: null }),
    files: [...styled.files, early, 'login.html', 'me.html'],
  };
}
