// The texts of a ComparisonView row, as the view draws them. The core cut
// them already (ViewRow: text once, `cuts` by kind and UTF-16 length, the
// inline stream for changed rows); these only pick which text a column
// shows and slice it, adding the find bar's matches.
import type { Runs } from "../../bindings/Runs";
import type { SegmentKind } from "../../bindings/SegmentKind";
import type { ViewRow } from "../../bindings/ViewRow";

/** Where in a row a text is drawn: a side-by-side column, or the inline column. */
export type Column = "left" | "right" | "inline";

/** The older side's text: `left`, or `right` where the core sent an unchanged paragraph once. */
export function leftRuns(row: ViewRow): Runs | null {
  return row.left ?? (row.old !== undefined ? (row.right ?? null) : null);
}

export function rightRuns(row: ViewRow): Runs | null {
  return row.right ?? null;
}

/** The inline column: the core's inline stream for a changed row, else the row's one side. */
export function inlineRuns(row: ViewRow): Runs | null {
  return row.inline ?? row.right ?? row.left ?? null;
}

export function runsOf(row: ViewRow, column: Column): Runs | null {
  return column === "left" ? leftRuns(row) : column === "right" ? rightRuns(row) : inlineRuns(row);
}

/** A find match in a column's text: UTF-16 offsets, and whether it is the current one. */
export type Hit = { start: number; end: number; current: boolean };

/** A slice of a text to draw: its kind, and whether a find match covers it (2: the current match). */
export type Piece = { kind: SegmentKind; text: string; hit: 0 | 1 | 2 };

/** The runs cut at their kinds and at `hits` (sorted, not overlapping). */
export function pieces(r: Runs, hits: readonly Hit[] = []): Piece[] {
  const runs: [SegmentKind, number][] = r.cuts?.length ? r.cuts : [["equal", r.text.length]];
  const out: Piece[] = [];
  let at = 0;
  let h = 0;
  for (const [kind, len] of runs) {
    const end = at + len;
    while (at < end) {
      while (h < hits.length && hits[h].end <= at) h++;
      const hit = hits[h];
      if (!hit || hit.start >= end) {
        out.push({ kind, text: r.text.slice(at, end), hit: 0 });
        at = end;
      } else if (hit.start > at) {
        out.push({ kind, text: r.text.slice(at, hit.start), hit: 0 });
        at = hit.start;
      } else {
        const stop = Math.min(end, hit.end);
        out.push({ kind, text: r.text.slice(at, stop), hit: hit.current ? 2 : 1 });
        at = stop;
      }
    }
  }
  return out;
}
