// Words for the compare and blame views.
import type { AlertKind } from "../../bindings/AlertKind";
import type { CreditChangeKind } from "../../bindings/CreditChangeKind";
import type { Field } from "../../bindings/Field";
import type { PhotoChangeKind } from "../../bindings/PhotoChangeKind";
import type { RevisionInfo } from "../../bindings/RevisionInfo";
import { when } from "../api";

export const FIELD_LABEL: Record<Field, string> = {
  headline: "Headline",
  dek: "Dek",
  section: "Section",
  dateline: "Dateline",
  status: "Status",
  copyright: "Copyright",
};

export const ALERT_LABEL: Record<AlertKind, string> = {
  quote: "Quote",
  number: "Number",
  name: "Name",
};

export const CREDIT_LABEL: Record<CreditChangeKind, string> = {
  added: "added",
  removed: "removed",
  role: "role",
  location: "location",
  organization: "organization",
  reordered: "place in credits",
};

export const PHOTO_LABEL: Record<PhotoChangeKind, string> = {
  added: "added",
  removed: "removed",
  caption: "caption",
  credit: "credit",
};

/** "r3 · Ana Ruiz · 5 min ago" */
export function revisionLabel(r: RevisionInfo | undefined, n: number): string {
  return r ? `r${n} · ${r.author} · ${when(r.created_at)}` : `r${n}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A hue per revision for the blame view, from a palette that stays clear of
 * the green and red that mean inserted and deleted elsewhere.
 */
const HUES = [212, 38, 184, 272, 330, 56, 238, 16, 196, 300];
export function revisionHue(revision: number): number {
  return HUES[(revision - 1 + HUES.length) % HUES.length];
}
