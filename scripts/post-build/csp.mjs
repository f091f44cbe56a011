// The Content-Security-Policy the app runs under, as a <meta> in every page (the same policy
// belongs in the CDN's header, with frame-ancestors: README).
//
// Development (`trunk serve`) runs under the same policy as release builds: trunk's live
// reload needs only its script, which is a file of our origin by then (scripts.mjs), and
// its websocket to the same host and port, which 'self' covers.

/** `apiOrigin`: config.json's API origin when cross-origin, '' for same-origin (facts.mjs). */
export function policy({ apiOrigin = '' } = {}) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    // The app's own files, photos on the API's (https) image hosts, and the crop preview.
    "img-src 'self' https: data: blob:",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Adds the policy right after <meta charset>. */
export function addPolicyMeta(html, text) {
  // frame-ancestors only works as a header (browsers ignore it, noisily, in a <meta>).
  const meta = `<meta http-equiv=Content-Security-Policy content="${text}">`;
  const charset = html.match(/<meta charset=("?)utf-8\1>/i);
  if (!charset) throw new Error('no <meta charset> to put the policy after');
  return html.replace(charset[0], `${charset[0]}${meta}`);
}

/** Fails the build if anything the policy would refuse is left in the page. */
export function assertNothingInline(html) {
  if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html) || /\sstyle=/i.test(html) || /\son[a-z]+=/i.test(html)) {
    throw new Error('the page still has inline script, style or event-handler attributes');
  }
}
