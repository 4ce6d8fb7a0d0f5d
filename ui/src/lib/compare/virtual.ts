// Drawing only the body's items on screen: each item's top from the heights
// measured once drawn (estimated from its text before), and the range of
// items a scroll position shows.

/** Tops of `n` items and their total height: `tops[i]` is item i's top, `tops[n]` the total. */
export function tops(n: number, height: (i: number) => number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) out[i + 1] = out[i] + height(i);
  return out;
}

/** The item at height `y` (the last one whose top is at or above it). */
export function itemAt(t: Float64Array, y: number): number {
  let lo = 0;
  let hi = t.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Items [start, end) that cover heights `from` to `to`. */
export function range(t: Float64Array, from: number, to: number): [number, number] {
  const n = t.length - 1;
  if (n <= 0) return [0, 0];
  return [itemAt(t, Math.max(0, from)), Math.min(n, itemAt(t, Math.max(0, to)) + 1)];
}

/**
 * An unmeasured paragraph's height: its lines at the column's width, from
 * the reading font's average character width (see `.text p` in the view).
 */
export function estimateHeight(chars: number, columnWidth: number, extra = 0): number {
  const perLine = Math.max(20, Math.floor((columnWidth - 48 - 24) / 7.9));
  const lines = Math.max(1, Math.ceil(chars / perLine));
  return lines * 23.2 + 14 + extra;
}
