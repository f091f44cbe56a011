// The institute's accent and the text colours worked out from it: the same rules as
// src/brand.rs (which applies them at run time, from config.json as it is then), so the
// prerendered first paint already wears them. prerender.test.mjs checks the two agree.
const AA = 4.5;
const LIGHT_SURFACE = [0xff, 0xff, 0xff];
const DARK_SURFACE = [0x1f, 0x29, 0x37];
const WHITE = [0xff, 0xff, 0xff];
const NEAR_BLACK = [0x11, 0x18, 0x27];
const BLACK = [0, 0, 0];

const parse = (hex) => {
  const h = hex.trim().slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
};
const toHex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
const luminance = (rgb) => {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a, b) => {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};
// Rust's f64::round rounds halves away from zero; so does this for the positive values here.
const mix = (a, b, amount) => a.map((c, i) => Math.round(c + (b[i] - c) * amount));
const readableOn = (accent, surface, towards) => {
  for (let step = 0; step <= 20; step++) {
    const c = mix(accent, towards, step / 20);
    if (contrast(c, surface) >= AA) return c;
  }
  return towards;
};

/** `{ accent, onAccent, textLight, textDark }` as #rrggbb, from `#rgb` or `#rrggbb`. */
export function palette(hex) {
  const accent = parse(hex);
  const onAccent = [WHITE, NEAR_BLACK].find((c) => contrast(c, accent) >= AA) ?? BLACK;
  return {
    accent: toHex(accent),
    onAccent: toHex(onAccent),
    textLight: toHex(readableOn(accent, LIGHT_SURFACE, NEAR_BLACK)),
    textDark: toHex(readableOn(accent, DARK_SURFACE, WHITE)),
  };
}
