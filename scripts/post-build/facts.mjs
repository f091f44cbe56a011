// What config.json means for the build, worked out by the app's own Rust
// (src/bin/build-facts.rs, the same code the app runs): the API origin, the institute's
// name, logo and colours, the reset link, and the app's pages. Nothing here re-implements it.
import { execFileSync } from 'node:child_process';

/** `{ api_origin, institute_name, institute_logo, brand_properties, theme_color, password_reset_url, pages }`. */
export function buildFacts({ sourceDir, configPath }) {
  // A native build of the app's library, compiled once and then only when it changes.
  const out = execFileSync('cargo', ['run', '-q', '-p', 'testpress-profile', '--bin', 'build-facts', '--', configPath], {
    cwd: sourceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out);
}
