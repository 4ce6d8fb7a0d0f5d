// What the editor does to the open story besides saving its text: open,
// close, start a new one, look at an older revision, move it through the
// workflow, restore, duplicate, file it on a shelf, compare, import.
import type { RecoveryDraft } from "../bindings/RecoveryDraft";
import type { ShelfAction } from "../bindings/ShelfAction";
import type { Status } from "../bindings/Status";
import { api, errorMessage } from "./api";
import { config } from "./config.svelte";
import { dialogs } from "./dialogs.svelte";
import { feedback } from "./feedback.svelte";
import { storyHistory } from "./history.svelte";
import { session } from "./session.svelte";
import { stories } from "./stories.svelte";

const { flash, guard } = feedback;

/** Asks before unsaved edits are thrown away; true when there are none or the editor agrees. */
export async function confirmDiscard(): Promise<boolean> {
  if (!session.dirty) return true;
  const ok = await dialogs.ask({
    title: "Discard unsaved changes?",
    message: "The edits you have not saved will be lost. Save them first with Ctrl+S to keep them as a revision.",
    confirm: "Discard changes",
    danger: true,
  });
  if (ok === null) return false;
  api.discardDraft(session.story).catch(() => {});
  return true;
}

// The last thing the editor asked for wins. Loading a long story takes a
// moment; a comparison, an attribution or an older revision opened meanwhile
// must not be closed when the story arrives, nor the story opened after it be
// replaced by the earlier one.
let opens = 0;
let views = 0;

/** Opens a story at its latest revision; `force` skips asking about unsaved edits. */
export async function openStory(id: number, force = false) {
  if (!force && !(await confirmDiscard())) return;
  const mine = ++opens;
  const viewsBefore = views;
  const rev = await guard(() => api.getRevision(id, null));
  if (!rev || mine !== opens) return;
  const viewOpened = views !== viewsBefore;
  // A view of another story's revisions is open: that story stays.
  if (viewOpened && session.story !== id) return;
  if (session.story !== id) {
    storyHistory.clearFilters();
    session.shelf = stories.shelfOf(id);
  }
  session.latest = rev;
  session.story = id;
  session.base = rev.info.revision;
  session.known = rev.info.revision;
  session.clearMerge();
  session.editing = true;
  session.note = "";
  if (viewOpened) {
    // Reloaded under a view (a save finished): the view stays, the editor
    // gets the latest text unless it shows an older revision.
    if (session.viewing === null) session.load(rev.content);
  } else {
    dialogs.closeViews();
    session.viewing = null;
    session.load(rev.content);
  }
  await storyHistory.refresh();
}

/** Empties the workspace: the editor on a new story (`editing`), or the desk. */
export function resetWorkspace(editing: boolean) {
  opens++;
  session.reset(editing);
  storyHistory.page = null;
  dialogs.closeViews();
}

export async function closeStory() {
  if (await confirmDiscard()) resetWorkspace(false);
}

export async function newStory() {
  if (!(await confirmDiscard())) return;
  resetWorkspace(true);
  session.load(null);
  queueMicrotask(() => document.querySelector<HTMLInputElement>("input.headline")?.focus());
}

export async function viewRevision(n: number) {
  const id = session.story;
  if (id === null) return;
  views++;
  dialogs.closeViews();
  if (session.latest && n === session.latest.info.revision) {
    backToLatest();
    return;
  }
  if (!(await confirmDiscard())) return;
  const rev = await guard(() => api.getRevision(id, n));
  if (!rev) return;
  session.viewing = rev;
  session.load(rev.content);
}

export function backToLatest() {
  session.viewing = null;
  session.load(session.latest?.content ?? null);
}

/** Moves the story to another status at once (a revision of its own). */
export async function moveStatus(to: Status) {
  const id = session.story;
  if (id === null || !session.latest || to === session.latest.content.status) return;
  const outcome = await session.inFlight(() => guard(() => api.setStatus(id, to, config.author, null)));
  if (!outcome) return;
  session.knowOf(outcome.info.revision);
  flash(`Moved to ${config.label(to)} (revision ${outcome.info.revision})`);
  // Edits made on an older revision than the one moved keep their base.
  const { base, arrived, latest } = session;
  const keep = session.dirty ? { ...session.sent(), base: base !== latest?.info.revision ? base : null, arrived } : null;
  await openStory(id, true);
  if (keep) {
    // The editor's unsaved words survive the move; only the status changed.
    session.draft = { ...keep.content, status: to };
    session.bodyText = keep.body;
    if (keep.base !== null) {
      session.base = keep.base;
      session.arrived = keep.arrived;
    }
  }
  await stories.refresh();
}

export async function restore(n: number) {
  const id = session.story;
  if (id === null) return;
  const ok = await dialogs.ask({
    title: `Restore revision ${n}?`,
    message: `The story's text goes back to revision ${n}, saved as a new revision with your name. Nothing is lost: every revision stays in the history. The workflow status does not change.`,
    confirm: "Restore",
  });
  if (ok === null || !(await confirmDiscard())) return;
  const outcome = await session.inFlight(() => guard(() => api.restoreRevision(id, n, config.author)));
  if (!outcome) return;
  session.knowOf(outcome.info.revision);
  flash(outcome.outcome === "saved" ? `Restored revision ${n} as revision ${outcome.info.revision}` : "The story already has that content.");
  await openStory(id, true);
  await stories.refresh();
}

export async function duplicate() {
  const id = session.story;
  if (id === null || !(await confirmDiscard())) return;
  const copy = await guard(() => api.duplicate(id, config.author));
  if (!copy) return;
  flash(`Copied to story ${copy.story}`);
  await stories.showDesk();
  await openStory(copy.story, true);
}

const SHELVED: Record<ShelfAction, string> = {
  archive: "archived",
  unarchive: "back on the desk",
  trash: "moved to the trash",
  untrash: "taken out of the trash",
};

/** Files the open story on another shelf; leaving the desk closes it. */
export async function shelve(action: ShelfAction) {
  const id = session.story;
  if (id === null) return;
  const leaves = action === "archive" || action === "trash";
  if (leaves && !(await confirmDiscard())) return;
  const done = await guard(async () => (await api.shelve(id, action, config.author), true));
  if (!done) return;
  flash(`Story ${id} ${SHELVED[action]}`);
  if (leaves) {
    resetWorkspace(false);
  } else {
    session.shelf = "active";
  }
  await stories.refresh();
}

export async function emptyTrash() {
  const n = stories.count;
  const ok = await dialogs.ask({
    title: "Empty the trash?",
    message: `This deletes ${n} stor${n === 1 ? "y" : "ies"} and all ${n === 1 ? "its" : "their"} revisions for good. It cannot be undone.`,
    confirm: "Delete for good",
    danger: true,
  });
  if (ok === null) return;
  const deleted = await guard(() => api.emptyTrash());
  if (deleted !== undefined) flash(`Deleted ${deleted} stor${deleted === 1 ? "y" : "ies"} for good`);
  await stories.refresh();
}

export async function unname(revision: number, name: string) {
  const id = session.story;
  if (id === null) return;
  await guard(() => api.unnameVersion(id, revision, name));
  await storyHistory.refresh();
}

export function compare(a: number, b: number) {
  if (session.story === null) return;
  views++;
  dialogs.blaming = null;
  dialogs.comparing = { a: Math.min(a, b), b: Math.max(a, b) };
}

export function showBlame(revision: number) {
  views++;
  dialogs.comparing = null;
  dialogs.blaming = { revision };
}

/** A review saved a revision: the editor takes it unless it holds unsaved
 * edits (then the poll tells of it), and history and list show it. The
 * comparison stays open with the review's outcome. */
export async function reviewed(id: number) {
  if (session.story !== id) return;
  if (!session.dirty && session.viewing === null) {
    const rev = await guard(() => api.getRevision(id, null));
    if (!rev || session.story !== id) return;
    session.latest = rev;
    session.base = session.known = rev.info.revision;
    session.load(rev.content);
  }
  await storyHistory.refresh();
  await stories.refresh();
}

export async function startImport() {
  if (await confirmDiscard()) dialogs.importing = true;
}

/** A story was added (imported, the sample): show it. */
export async function imported(id: number, message = `Imported story ${id}`) {
  dialogs.importing = false;
  flash(message);
  await stories.showDesk();
  await openStory(id, true);
}

export function openSample() {
  api.createSampleStory().then(
    (r) => imported(r.story, `Opened the sample story (story ${r.story}): compare its three revisions in the history`),
    (e) => (feedback.error = errorMessage(e)),
  );
}

/** Takes back the edits a crash left unsaved, on the story they were made on. */
export async function recover(d: RecoveryDraft) {
  dialogs.recovered = dialogs.recovered.filter((x) => x !== d);
  if (d.story === null) {
    await newStory();
  } else {
    await openStory(d.story, true);
    if (session.story !== d.story) return;
  }
  session.load(d.content);
  flash("Recovered your unsaved changes: review them, then save.");
  if (d.story !== null && session.latest) {
    const now = session.latest.info.revision;
    const base = d.base ?? now;
    session.base = base;
    if (base < now) session.staleBase = `These edits were made on r${base}; the story is now at r${now} — saving will merge them.`;
  }
}

export async function discardRecovered(d: RecoveryDraft) {
  dialogs.recovered = dialogs.recovered.filter((x) => x !== d);
  await guard(() => api.discardDraft(d.story));
}
