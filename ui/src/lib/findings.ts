import type { Finding } from "../bindings/Finding";

/** A body finding where it is in the body text (JS string offsets), for
 * the underlines and the popover at the word. */
export interface BodyMark {
  start: number;
  end: number;
  kind: string;
  /** Stable for the same finding across checks. */
  key: string;
  finding: Finding;
}

/** The mark the caret is in (touching either end counts), if any. */
export function markAt(marks: readonly BodyMark[], caret: number): BodyMark | null {
  return marks.find((m) => m.start <= caret && caret <= m.end) ?? null;
}

/** What can be done with a finding: the panel's handlers, which the
 * popover at the word calls too. */
export interface FindingHandlers {
  apply(f: Finding): void;
  ignore(f: Finding): void;
  addWord(f: Finding): void;
}
