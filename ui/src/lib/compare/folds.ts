// How the compare view folds its body: long runs of unchanged paragraphs
// become one "… N unchanged paragraphs" line. Nothing here compares text: the
// core's ComparisonView already says what changed.
import type { RowKind } from "../../bindings/RowKind";

/** One thing to draw in the body: a row, or a run of unchanged rows folded away. */
export type BodyItem =
  | { type: "row"; index: number }
  | { type: "fold"; id: number; start: number; end: number };

/** Runs of more than this many unchanged rows are folded. */
export const FOLD_OVER = 3;
/** Unchanged rows kept visible next to a change, for context. */
export const CONTEXT = 1;

/**
 * The body as drawn: every row, except that long runs of equal rows are
 * folded (keeping CONTEXT rows beside each change) unless `expanded` holds
 * the fold's id (its first row index) or `all` is set.
 */
export function bodyItems(rows: readonly { kind: RowKind }[], expanded: Set<number>, all: boolean): BodyItem[] {
  const items: BodyItem[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i].kind !== "equal") {
      items.push({ type: "row", index: i });
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j].kind === "equal") j++;
    // Equal rows i..j (exclusive).
    const head = i === 0 ? 0 : CONTEXT;
    const tail = j === rows.length ? 0 : CONTEXT;
    const hidden = j - i - head - tail;
    if (all || j - i <= FOLD_OVER || hidden < 2 || expanded.has(i + head)) {
      for (let k = i; k < j; k++) items.push({ type: "row", index: k });
    } else {
      for (let k = i; k < i + head; k++) items.push({ type: "row", index: k });
      items.push({ type: "fold", id: i + head, start: i + head, end: j - tail });
      for (let k = j - tail; k < j; k++) items.push({ type: "row", index: k });
    }
    i = j;
  }
  return items;
}

/** The fold id hiding row `index`, if any. */
export function foldHiding(items: BodyItem[], index: number): number | null {
  for (const it of items) if (it.type === "fold" && index >= it.start && index < it.end) return it.id;
  return null;
}
