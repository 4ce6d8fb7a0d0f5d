// Find in the comparison: every match of the typed text in the columns the
// view shows, over all rows, drawn or not (the view draws only the rows on
// screen, so the browser's own find would miss the rest).
import type { ViewRow } from "../../bindings/ViewRow";
import { runsOf, type Column, type Hit } from "./runs";

export type Match = { row: number; column: Column; start: number; end: number };

/** The columns a row shows in the layout. */
function columns(inline: boolean): Column[] {
  return inline ? ["inline"] : ["left", "right"];
}

/** Matches of `query` (case-insensitive, as typed) in reading order: row by row, left column before right. */
export function findAll(rows: readonly ViewRow[], query: string, inline: boolean): Match[] {
  if (!query) return [];
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
  const out: Match[] = [];
  rows.forEach((row, i) => {
    for (const column of columns(inline)) {
      const text = runsOf(row, column)?.text;
      if (!text) continue;
      for (const m of text.matchAll(re)) out.push({ row: i, column, start: m.index, end: m.index + m[0].length });
    }
  });
  return out;
}

/** The hits of each drawn column, by row then column, the current match marked. */
export function hitsByRow(matches: readonly Match[], current: number): Map<number, Partial<Record<Column, Hit[]>>> {
  const out = new Map<number, Partial<Record<Column, Hit[]>>>();
  matches.forEach((m, i) => {
    let row = out.get(m.row);
    if (!row) out.set(m.row, (row = {}));
    (row[m.column] ??= []).push({ start: m.start, end: m.end, current: i === current });
  });
  return out;
}
