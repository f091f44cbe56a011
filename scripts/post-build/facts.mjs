// What config.json means for the build, worked out by the app's own Rust (the same code the
// app runs): src/bin/build-facts.rs gives the API origin, the institute's name, logo and
// colours, the reset link and the app's pages; src/bin/prerender.rs draws the prerendered
// pages with the app's components. Nothing here re-implements either.
import { execFileSync } from 'node:child_process';

/**
 * Runs one of the app's native binaries on config.json and reads the JSON it prints. Both
 * are built with the `ssr` feature, so the hook compiles the app natively once (the first
 * time; after that only when it changes).
 */
function run(bin, { sourceDir, configPath }) {
  const args = ['run', '-q', '-p', 'testpress-profile', '--no-default-features', '--features', 'ssr', '--bin', bin, '--', configPath];
  const out = execFileSync('cargo', args, { cwd: sourceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out);
}

/** `{ api_origin, institute_name, institute_logo, brand_properties, theme_color, password_reset_url, pages }`. */
export function buildFacts({ sourceDir, configPath }) {
  return run('build-facts', { sourceDir, configPath });
}

/** `{ index, login, me, login_title, early_login_words }`: the pages' markup and words. */
export function renderedPages({ sourceDir, configPath }) {
  return run('prerender', { sourceDir, configPath });
}
