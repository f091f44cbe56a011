// Median and range of a series of figures (the benchmark reports these, never a mean: one
// slow run on a shared machine would drag a mean along).

/** `{ median, min, max, n }` of the numbers in `values` (others skipped), or null if none. */
export const stats = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return { median: v[Math.floor(v.length / 2)], min: v[0], max: v.at(-1), n: v.length };
};
