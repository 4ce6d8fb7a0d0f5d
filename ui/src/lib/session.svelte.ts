// The story being edited: the revision it shows, the editor's text, the
// revision that text started from, and what a merge with revisions saved
// elsewhere left to do.
import type { MergeReport } from "../bindings/MergeReport";
import type { Revision } from "../bindings/Revision";
import type { RevisionInfo } from "../bindings/RevisionInfo";
import type { SaveOutcome } from "../bindings/SaveOutcome";
import type { StoryContent } from "../bindings/StoryContent";
import type { StoryView } from "../bindings/StoryView";
import { emptyContent } from "./api";
import { bodyText } from "./body";
import { config } from "./config.svelte";

export type Conflicts = Extract<SaveOutcome, { outcome: "conflicts" }>;

/** What a save sent: the editor's fields and body text. */
export type Sent = { content: StoryContent; body: string };

/** The editor's text as one comparable string (the body trimmed, as the core keeps it). */
function snapshot(c: StoryContent, body: string): string {
  return JSON.stringify({ ...c, body: body.trim() });
}

class Session {
  /** Null: a new, unsaved story (or none, when not `editing`). */
  story = $state<number | null>(null);
  /** Where the open story sits. */
  shelf = $state<StoryView>("active");
  latest = $state<Revision | null>(null);
  /** An older revision shown read-only. */
  viewing = $state<Revision | null>(null);
  draft = $state<StoryContent>(emptyContent());
  bodyText = $state("");
  note = $state("");
  /** The workspace holds the editor (a story or a new one), not the desk. */
  editing = $state(false);
  /** The revision the editor's text started from: a save is an edit of it,
   * merged by the core with any revision saved since. */
  base = $state<number | null>(null);
  /** The newest revision the editor knows of (its own saves, arrivals it
   * was told about): a newer one seen by the poll came from elsewhere. */
  known = 0;

  merging = $state<{ outcome: Conflicts; notice: string | null } | null>(null);
  mergeSaving = $state(false);
  /** An autosave's conflicts, waiting. */
  overlap = $state<Conflicts | null>(null);
  /** A revision saved elsewhere under unsaved edits. */
  arrived = $state<RevisionInfo | null>(null);
  /** Recovered edits made on an older revision. */
  staleBase = $state<string | null>(null);
  /** The last merge's alerts, until dismissed. */
  mergeReport = $state<MergeReport | null>(null);

  /** Saves in flight, and a count of saves begun: the poll skips while one
   * runs and drops an answer that raced one, so a save is never "arriving". */
  saving = $state(0);
  saveGen = 0;

  readonly = $derived(this.viewing !== null || this.shelf === "trash");
  #baseline = $derived(this.latest ? snapshot(this.latest.content, bodyText(this.latest.content.body)) : snapshot(emptyContent(), ""));
  dirty = $derived(this.editing && this.viewing === null && snapshot(this.draft, this.bodyText) !== this.#baseline);
  /** Saving the edits needs a correction note (the core's rule for the story's status). */
  needsNote = $derived(this.latest !== null && config.needsCorrectionNote(this.latest.content.status));
  /** Something can be saved: the editor's own text, with a headline. */
  canSave = $derived(this.draft.headline.trim() !== "");

  /** The editor's text is exactly what a save sent. */
  holds(sent: Sent): boolean {
    return snapshot(this.draft, this.bodyText) === snapshot(sent.content, sent.body);
  }

  /** What a save sends now. */
  sent(): Sent {
    return { content: $state.snapshot(this.draft), body: this.bodyText };
  }

  /** Puts a revision's text (or a blank page) in the editor. */
  load(content: StoryContent | null) {
    this.draft = structuredClone($state.snapshot(content ?? emptyContent()));
    this.bodyText = content ? bodyText(content.body) : "";
  }

  clearMerge() {
    this.merging = null;
    this.overlap = null;
    this.arrived = null;
    this.staleBase = null;
    this.mergeReport = null;
  }

  /** Empties the workspace: the editor on a new story (`editing`), or the desk. */
  reset(editing: boolean) {
    this.story = null;
    this.base = null;
    this.known = 0;
    this.clearMerge();
    this.shelf = "active";
    this.latest = null;
    this.viewing = null;
    this.note = "";
    this.editing = editing;
  }

  /** The revision `n` was saved here: it is not news when the poll sees it. */
  knowOf(n: number) {
    this.known = Math.max(this.known, n);
  }

  /** Runs a call that may store a revision: the poll waits meanwhile, and
   * drops an answer that raced it. */
  async inFlight<T>(f: () => Promise<T>): Promise<T> {
    this.saving++;
    this.saveGen++;
    try {
      return await f();
    } finally {
      this.saving--;
    }
  }
}

export const session = new Session();
