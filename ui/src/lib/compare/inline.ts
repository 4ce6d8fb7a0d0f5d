// Presentation helpers for the compare view. Nothing here compares text: the
// backend's Comparison already says what changed; these only arrange its
// segments and rows for display.
import type { Row } from "../../bindings/Row";
import type { Segment } from "../../bindings/Segment";

/** Letters and digits: the characters that `ignore_boring` never ignores. */
const SIGNIFICANT = /[\p{L}\p{N}]/u;

function significant(s: string): number {
  let n = 0;
  for (const ch of s) if (SIGNIFICANT.test(ch)) n++;
  return n;
}

/**
 * The prefix of `s` holding `count` significant characters, followed by up to
 * `tail` non-significant ones (so "a " on one side matches "a " on the other).
 * Returns its length in UTF-16 units.
 */
function prefixLength(s: string, count: number, tail: number): number {
  let i = 0;
  let seen = 0;
  const chars = Array.from(s);
  let k = 0;
  while (k < chars.length && seen < count) {
    if (SIGNIFICANT.test(chars[k])) seen++;
    i += chars[k].length;
    k++;
  }
  while (k < chars.length && tail > 0 && !SIGNIFICANT.test(chars[k])) {
    i += chars[k].length;
    k++;
    tail--;
  }
  return i;
}

function trailingInsignificant(s: string): number {
  const chars = Array.from(s);
  let n = 0;
  for (let k = chars.length - 1; k >= 0 && !SIGNIFICANT.test(chars[k]); k--) n++;
  return n;
}

function push(out: Segment[], kind: Segment["kind"], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

/**
 * One reading-order stream from a changed row's two sides (left: equal +
 * deleted, right: equal + inserted): each change's deleted text, then its
 * inserted text, with the unchanged text between changes appearing once, as
 * in the newer revision.
 *
 * The two sides' equal runs hold the same words but may be cut differently
 * (the backend merges adjacent runs), and with "ignore boring changes" they
 * may differ in spacing, punctuation or quote style; so equal runs are lined
 * up by their letters and digits, which such changes never touch.
 */
export function mergeInline(left: Segment[], right: Segment[]): Segment[] {
  const out: Segment[] = [];
  let li = 0;
  let ri = 0;
  let lrest = left[0]?.text ?? ""; // unread part of left[li]
  let rrest = right[0]?.text ?? "";
  const nextLeft = () => {
    li++;
    lrest = left[li]?.text ?? "";
  };
  const nextRight = () => {
    ri++;
    rrest = right[ri]?.text ?? "";
  };
  while (li < left.length || ri < right.length) {
    let progressed = false;
    while (li < left.length && left[li].kind !== "equal") {
      push(out, "deleted", lrest);
      nextLeft();
      progressed = true;
    }
    while (ri < right.length && right[ri].kind !== "equal") {
      push(out, "inserted", rrest);
      nextRight();
      progressed = true;
    }
    if (li < left.length && ri < right.length) {
      // Both sides at equal text: consume the common part once.
      const ln = significant(lrest);
      const rn = significant(rrest);
      if (ln === rn) {
        push(out, "equal", rrest);
        nextLeft();
        nextRight();
      } else if (ln < rn) {
        const cut = prefixLength(rrest, ln, trailingInsignificant(lrest));
        push(out, "equal", rrest.slice(0, cut));
        rrest = rrest.slice(cut);
        nextLeft();
        if (!rrest) nextRight();
      } else {
        const cut = prefixLength(lrest, rn, trailingInsignificant(rrest));
        push(out, "equal", rrest);
        lrest = lrest.slice(cut);
        nextRight();
        if (!lrest) nextLeft();
      }
      progressed = true;
    } else if (ri < right.length) {
      push(out, "equal", rrest);
      nextRight();
      progressed = true;
    } else if (li < left.length) {
      push(out, "equal", lrest);
      nextLeft();
      progressed = true;
    }
    if (!progressed) break;
  }
  return out;
}

/** One thing to draw in the body: a row, or a run of unchanged rows folded away. */
export type BodyItem =
  | { type: "row"; index: number; row: Row }
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
export function bodyItems(rows: Row[], expanded: Set<number>, all: boolean): BodyItem[] {
  const items: BodyItem[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i].kind !== "equal") {
      items.push({ type: "row", index: i, row: rows[i] });
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
      for (let k = i; k < j; k++) items.push({ type: "row", index: k, row: rows[k] });
    } else {
      for (let k = i; k < i + head; k++) items.push({ type: "row", index: k, row: rows[k] });
      items.push({ type: "fold", id: i + head, start: i + head, end: j - tail });
      for (let k = j - tail; k < j; k++) items.push({ type: "row", index: k, row: rows[k] });
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
