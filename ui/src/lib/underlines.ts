// The editor's underline layer: a copy of the body laid out behind the
// textarea, cut into paragraphs and pieces so that only the pieces on
// screen carry their findings' marks. A long story has tens of thousands of findings; drawing
// them all took the webview past a gigabyte and held the window for seconds
// each time the editor came back.
import type { BodyMark } from "./findings";

/** A run of the body: one paragraph with the line breaks after it, or part of a long one. */
export interface Piece {
  start: number;
  end: number;
  text: string;
}

/** A paragraph of the layer (a block of its own, so that drawing marks in
 * it lays out that paragraph only), cut into pieces. */
export interface Block {
  /** Index of its first piece among all the blocks' pieces. */
  first: number;
  pieces: Piece[];
}

/** A piece's text cut at its marks: plain text (`mark` null) or one underline. */
export interface Segment {
  text: string;
  mark: BodyMark | null;
}

/** Longest piece: a story pasted as one paragraph still draws only what is near the screen. */
export const PIECE_CHARS = 2000;

/** The body cut after each run of line breaks into blocks, and long
 * paragraphs after a space into pieces, so that they lay out exactly as the
 * uncut text does (a block ending in a line break adds no empty line). */
export function cutBody(text: string, longest = PIECE_CHARS): Block[] {
  const blocks: Block[] = [];
  let pieces: Piece[] = [];
  let first = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    end = end < 0 ? text.length : end;
    let closes = false;
    if (end - start > longest) {
      const space = text.lastIndexOf(" ", start + longest);
      end = space > start ? space + 1 : start + longest;
      // Not between the halves of a character outside the BMP.
      if (/[\udc00-\udfff]/.test(text[end] ?? "")) end++;
    } else {
      while (end < text.length && text[end] === "\n") end++;
      closes = true;
    }
    pieces.push({ start, end, text: text.slice(start, end) });
    if (closes || end >= text.length) {
      blocks.push({ first, pieces });
      first += pieces.length;
      pieces = [];
    }
    start = end;
  }
  return blocks;
}

/** The marks that can be drawn on `length` characters of text: in order, none overlapping the one before. */
export function drawable(marks: readonly BodyMark[], length: number): BodyMark[] {
  const out: BodyMark[] = [];
  let at = 0;
  for (const m of [...marks].sort((x, y) => x.start - y.start)) {
    if (m.start < at || m.end > length || m.end <= m.start) continue;
    out.push(m);
    at = m.end;
  }
  return out;
}

/** `piece` cut at the drawable marks (from `drawable`) that fall in it; a
 * mark across a piece's end is drawn in both pieces. */
export function segmentsIn(piece: Piece, marks: readonly BodyMark[]): Segment[] {
  // The first mark ending after the piece starts (ends are in order too).
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid].end <= piece.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Segment[] = [];
  let at = piece.start;
  for (let i = lo; i < marks.length && marks[i].start < piece.end; i++) {
    const m = marks[i];
    const from = Math.max(m.start, piece.start);
    const to = Math.min(m.end, piece.end);
    if (from > at) out.push({ text: piece.text.slice(at - piece.start, from - piece.start), mark: null });
    out.push({ text: piece.text.slice(from - piece.start, to - piece.start), mark: m });
    at = to;
  }
  if (at < piece.end) out.push({ text: piece.text.slice(at - piece.start), mark: null });
  return out;
}

/** The pieces' elements from `from` (inclusive) to `to` (exclusive) that
 * overlap the band between `top` and `bottom` (client coordinates). The
 * elements are in reading order, so their boxes are too: two binary searches. */
export function piecesBetween(els: ArrayLike<Element>, top: number, bottom: number): { from: number; to: number } {
  const box = (i: number) => els[i].getBoundingClientRect();
  let lo = 0;
  let hi = els.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (box(mid).bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = els.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (box(mid).top < bottom) lo = mid + 1;
    else hi = mid;
  }
  return { from, to: lo };
}
