// Finding elements as a student (or a screen reader) would: by role and accessible name, or
// a form field by its label. WebDriver BiDi and classic WebDriver have no common query for
// that, so one function, run inside the page, serves both engines. It covers the roles the
// smoke flows use, with the accessible-name rules those elements need.

/**
 * Runs in the page. `query` is `{ role, name?, namePrefix?, text?, level?, within? }` or
 * `{ label }` (`within` is another query whose element must contain this one). Returns the
 * visible matches.
 */
export function locateInPage(query) {
  const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  // The text shown and heard: without what is hidden (a button's spare label kept for its
  // size with visibility: hidden, an aria-hidden mark), as accessible names are computed.
  const shownText = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
    const style = getComputedStyle(node);
    if (style.visibility === 'hidden' || style.display === 'none') return '';
    return [...node.childNodes].map(shownText).join('');
  };
  const textOf = (el) => squash(shownText(el));
  const byIds = (ids) => squash(ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  const visible = (el) => {
    if (el.closest('[hidden], [aria-hidden="true"]')) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  const SELECTORS = {
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    button: 'button, input[type=button], input[type=submit], [role=button]',
    link: 'a[href], [role=link]',
    img: 'img:not([alt=""]), [role=img]',
    status: '[role=status], output',
    alert: '[role=alert]',
    banner: 'body > header, [role=banner]',
    main: 'main, [role=main]',
    combobox: 'select, [role=combobox]',
    group: 'fieldset, [role=group]',
    progressbar: 'progress, [role=progressbar]',
    region: 'section[aria-label], section[aria-labelledby], [role=region]',
  };
  const nameOf = (el) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return byIds(labelledBy);
    const label = el.getAttribute('aria-label');
    if (label) return squash(label);
    if (el.labels?.length) return squash([...el.labels].map((l) => l.textContent).join(' '));
    if (el.tagName === 'IMG') return squash(el.alt);
    if (el.tagName === 'FIELDSET') return textOf(el.querySelector('legend') ?? document.createElement('i'));
    if (el.tagName === 'INPUT') return squash(el.value);
    return textOf(el);
  };
  const matches = (el) => {
    if (query.level && el.tagName !== `H${query.level}`) return false;
    if (query.name !== undefined && nameOf(el) !== query.name) return false;
    if (query.namePrefix !== undefined && !nameOf(el).startsWith(query.namePrefix)) return false;
    if (query.text !== undefined && !textOf(el).includes(query.text)) return false;
    return true;
  };
  let scope = [document];
  if (query.within) scope = locateInPage(query.within);
  const found = new Set();
  for (const root of scope) {
    let candidates;
    if (query.label !== undefined) {
      candidates = [...root.querySelectorAll('input, select, textarea')].filter((el) => nameOf(el) === query.label);
    } else {
      const selector = SELECTORS[query.role];
      if (!selector) throw new Error(`locate: no selector for role ${query.role}`);
      candidates = [...root.querySelectorAll(selector)].filter(matches);
    }
    // A file field is often drawn as its label; it still counts as shown when its label is.
    for (const el of candidates) if (visible(el) || (el.type === 'file' && [...el.labels].some(visible))) found.add(el);
  }
  return [...found];
}

/** A short description of a query, for error messages. */
export function describe(query) {
  if (query.label !== undefined) return `the field labelled "${query.label}"`;
  const parts = [query.role];
  if (query.level) parts.push(`level ${query.level}`);
  if (query.name !== undefined) parts.push(`named "${query.name}"`);
  if (query.namePrefix !== undefined) parts.push(`named "${query.namePrefix}…"`);
  if (query.text !== undefined) parts.push(`with text "${query.text}"`);
  if (query.within) parts.push(`in ${describe(query.within)}`);
  return parts.join(' ');
}
