// config.json's entries the build uses (the institute and the reset link), checked by the
// same rules as the app's src/config.rs: a bad entry is left out, never a broken build.
const LINK = /^(\/(?!\/)|https:\/\/[^/@\s"<>\\]+)[^\s"<>\\]*$/i;

/** `{ name, logo, color, resetUrl }`, each `null` when absent or not acceptable. */
export function readConfig(configText) {
  let config;
  try {
    config = JSON.parse(configText);
  } catch {
    config = {};
  }
  const institute = config?.institute;
  const text = (value) => (typeof value === 'string' ? value.trim() : null);
  const name = text(institute?.name);
  const logo = text(institute?.logo);
  const color = text(institute?.color);
  const resetUrl = text(config?.password_reset_url);
  return {
    name: name && [...name].length <= 80 ? name : null,
    logo: logo && LINK.test(logo) && logo.length <= 2048 ? logo : null,
    color: color && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : null,
    resetUrl: resetUrl && LINK.test(resetUrl) && resetUrl.length <= 2048 ? resetUrl : null,
  };
}
