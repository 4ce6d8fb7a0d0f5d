// Saving the editor's text as a revision: by hand (Ctrl+S), with a name,
// with the merge view's answers, or as an autosave; and what the editor
// sees after each outcome (saved, merged, unchanged, conflicts).
import type { MergeReport } from "../bindings/MergeReport";
import type { Resolved } from "../bindings/Resolved";
import type { SaveOutcome } from "../bindings/SaveOutcome";
import { api } from "./api";
import { plural } from "./compare/labels";
import { config } from "./config.svelte";
import { dialogs } from "./dialogs.svelte";
import { feedback } from "./feedback.svelte";
import { storyHistory } from "./history.svelte";
import { session, type Sent } from "./session.svelte";
import { stories } from "./stories.svelte";
import { openStory } from "./workspace.svelte";

const { flash, guard } = feedback;

function mergedMessage(m: MergeReport, revision: number): string {
  const c = m.theirs_changes;
  const parts = [c.paragraphs ? plural(c.paragraphs, "paragraph") : "", c.fields ? plural(c.fields, "field") : ""].filter(Boolean);
  return `Merged with r${m.theirs.revision} by ${m.theirs.author}${parts.length ? `: ${parts.join(", ")}` : ""} — saved as revision ${revision}`;
}

/** What the editor sees after a save of `sent` answered `outcome`;
 * resolves to the revision that holds the text, if any. */
export async function landed(id: number, outcome: SaveOutcome, sent: Sent, manual: boolean): Promise<number | null> {
  const n = outcome.info.revision;
  session.knowOf(n);
  if (outcome.outcome === "conflicts") {
    if (manual) {
      session.overlap = null;
      session.merging = { outcome, notice: null };
    } else if (!session.merging) {
      session.overlap = outcome;
    }
    return null;
  }
  if (outcome.outcome === "unchanged") {
    if (manual) flash("No changes to save.");
    if (manual && session.base !== n) await openStory(id, true);
    return n;
  }
  if (outcome.outcome === "saved" && manual) {
    flash(`Saved revision ${n}${outcome.info.kind === "correction" ? " (correction)" : ""}`);
    await openStory(id, true);
    await stories.refresh();
    return n;
  }
  const rev = await api.getRevision(id, n);
  if (session.story !== id) return n;
  // Text typed while the save ran stays as typed (no reload under the
  // caret). After a plain save the new revision is its base; after a
  // merge the typed text lacks the other side's edits, so it keeps its
  // base and the next save merges again.
  const untouched = session.holds(sent);
  session.latest = rev;
  session.arrived = null;
  session.overlap = null;
  session.staleBase = null;
  if (outcome.outcome === "saved") {
    session.base = n;
    flash(`Autosaved as revision ${n}`);
  } else {
    if (untouched) {
      session.base = n;
      session.load(rev.content);
      if (manual) session.note = "";
    }
    session.mergeReport = outcome.merge.alerts.length ? outcome.merge : null;
    flash(mergedMessage(outcome.merge, n));
  }
  await storyHistory.refresh();
  await stories.refresh();
  return n;
}

/** The note to save with: the editor's own, or, where the core wants a
 * correction note and there is none, one asked for; null if cancelled. */
async function correctionNote(note: string | null): Promise<string | null> {
  if (!session.needsNote || !session.dirty || note) return note;
  // The core refuses such an edit without a note: ask for it here rather than fail.
  return dialogs.ask({
    title: "Correct a published story",
    message: "This story is published. Say what you corrected; the note is kept with the revision.",
    confirm: "Save correction",
    input: { label: "Correction note", placeholder: "Corrects the spelling of the mayor's name" },
  });
}

/** Saves the editor's text; resolves to the revision that holds it, if any. */
export async function save(): Promise<number | null> {
  if (session.readonly || feedback.busy || !session.editing || session.merging) return null;
  let note = session.note.trim() || null;
  if (session.story === null) {
    const draft = $state.snapshot(session.draft);
    const body = session.bodyText;
    const created = await guard(() => api.createStory(draft, body, config.author, note));
    if (!created) return null;
    flash(`Created story ${created.story}, revision 1`);
    await stories.showDesk();
    await openStory(created.story, true);
    return 1;
  }
  if (session.needsNote && session.dirty && !note) {
    note = await correctionNote(note);
    if (!note) return null;
  }
  const id = session.story;
  const from = session.base ?? session.latest?.info.revision ?? 1;
  const sent = session.sent();
  const outcome = await session.inFlight(() => guard(() => api.saveRevision(id, from, sent.content, sent.body, config.author, note)));
  if (!outcome || session.story !== id) return null;
  return landed(id, outcome, sent, true);
}

/** Saves the editor's text with the merge view's answers to its conflicts. */
export async function saveMerge(resolved: Resolved) {
  const merging = session.merging;
  if (session.story === null || !merging || session.mergeSaving) return;
  const id = session.story;
  const from = session.base ?? merging.outcome.base;
  const note = await correctionNote(session.note.trim() || null);
  if (session.needsNote && !note) return;
  const sent = session.sent();
  session.mergeSaving = true;
  const outcome = await session.inFlight(() =>
    guard(() => api.saveRevision(id, from, sent.content, sent.body, config.author, note, false, resolved)),
  );
  session.mergeSaving = false;
  if (!outcome || session.story !== id) return;
  if (outcome.outcome === "conflicts") {
    session.knowOf(outcome.info.revision);
    session.merging = {
      outcome,
      notice: `Another revision arrived meanwhile: r${outcome.info.revision} by ${outcome.info.author}. Here are the overlaps with it; resolve them again.`,
    };
    return;
  }
  session.merging = null;
  await landed(id, outcome, sent, true);
}

/** Saves (unless `revision` is given) and pins a name on the revision. */
export async function nameVersion(revision: number | null = null) {
  if (session.story === null && revision === null) {
    flash("Save the story first, then name the version.");
    return;
  }
  const rev = revision ?? (await save());
  const id = session.story;
  if (rev === null || id === null) return;
  const name = await dialogs.ask({
    title: `Name revision ${rev}`,
    message: "A named version is pinned at the top of the history, for the desk to find.",
    confirm: "Name version",
    input: { label: "Name", placeholder: "Sent to desk, Legal approved…" },
  });
  if (!name) return;
  const named = await guard(() => api.nameVersion(id, rev, name, config.author));
  if (named) {
    flash(`Revision ${rev} named “${named.name}”`);
    await storyHistory.refresh();
  }
}
