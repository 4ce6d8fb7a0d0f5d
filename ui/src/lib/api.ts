// Typed wrappers over the Tauri commands. The types come from Rust (ts-rs,
// src/bindings); nothing here decides anything editorial.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { ErrorKind } from "../bindings/ErrorKind";
import type { ErrorReport } from "../bindings/ErrorReport";
import type { Format } from "../bindings/Format";
import type { Attribution } from "../bindings/Attribution";
import type { BlameProgress } from "../bindings/BlameProgress";
import type { CompareOptions } from "../bindings/CompareOptions";
import type { ComparisonView } from "../bindings/ComparisonView";
import type { CreditPreview } from "../bindings/CreditPreview";
import type { ImportDraft } from "../bindings/ImportDraft";
import type { OpenedStory } from "../bindings/OpenedStory";
import type { Person } from "../bindings/Person";
import type { Revision } from "../bindings/Revision";
import type { Decisions } from "../bindings/Decisions";
import type { ReviewOutcome } from "../bindings/ReviewOutcome";
import type { RevisionInfo } from "../bindings/RevisionInfo";
import type { SaveOutcome } from "../bindings/SaveOutcome";
import type { Status } from "../bindings/Status";
import type { StoryContent } from "../bindings/StoryContent";
import type { StoryPage } from "../bindings/StoryPage";
import type { EditorContent } from "../bindings/EditorContent";
import type { StoryFilter } from "../bindings/StoryFilter";
import type { HistoryPage } from "../bindings/HistoryPage";
import type { HistoryQuery } from "../bindings/HistoryQuery";
import type { NamedVersion } from "../bindings/NamedVersion";
import type { RecoveryDraft } from "../bindings/RecoveryDraft";
import type { Resolved } from "../bindings/Resolved";
import type { Settings } from "../bindings/Settings";
import type { ShelfAction } from "../bindings/ShelfAction";
import type { SettingsView } from "../bindings/SettingsView";
import type { Findings } from "../bindings/Findings";
import type { FindingChanges } from "../bindings/FindingChanges";

/** The message of anything a command threw, ready to show. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as ErrorReport).message);
  return String(e);
}

/** The kind of error a command threw, if it is one of the core's. */
export function errorKind(e: unknown): ErrorKind | null {
  return e && typeof e === "object" && "kind" in e ? (e as ErrorReport).kind : null;
}

/** The editor's story as the commands take it: the core splits `bodyText`
 * into paragraphs (when null, `content.body` stands). */
function editor(content: StoryContent, bodyText: string | null): EditorContent {
  return { content, bodyText };
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  listStories: (filter: StoryFilter) => invoke<StoryPage>("list_stories", { filter }),
  sections: () => invoke<string[]>("sections"),
  historyPage: (story: number, query: HistoryQuery) => invoke<HistoryPage>("history_page", { story, query }),
  setStatus: (story: number, status: Status, author: string, note: string | null) =>
    invoke<SaveOutcome>("set_status", { story, status, author, note }),
  shelve: (story: number, action: ShelfAction, author: string) =>
    invoke<null>("shelve_story", { story, action, author }),
  emptyTrash: () => invoke<number>("empty_trash"),
  duplicate: (story: number, author: string) => invoke<RevisionInfo>("duplicate_story", { story, author }),
  nameVersion: (story: number, revision: number, name: string, author: string) =>
    invoke<NamedVersion>("name_version", { story, revision, name, author }),
  unnameVersion: (story: number, revision: number, name: string) =>
    invoke<null>("unname_version", { story, revision, name }),
  saveDraft: (story: number | null, base: number | null, content: StoryContent, bodyText: string) =>
    invoke<null>("save_draft", { story, base, editor: editor(content, bodyText) }),
  recoveryDrafts: () => invoke<RecoveryDraft[]>("recovery_drafts"),
  discardDraft: (story: number | null) => invoke<null>("discard_draft", { story }),
  getSettings: () => invoke<SettingsView>("get_settings"),
  saveSettings: (settings: Settings) => invoke<SettingsView>("save_settings", { settings }),
  getRevision: (story: number, revision: number | null) =>
    invoke<Revision>("get_revision", { story, revision }),
  createStory: (content: StoryContent, bodyText: string, author: string, note: string | null) =>
    invoke<RevisionInfo>("create_story", { editor: editor(content, bodyText), author, note }),
  /** Saves the editor's text as an edit of revision `base` (the one its
   * text started from): the core merges it with any revision saved since,
   * or answers with the conflicts, which `resolved` then answers. */
  saveRevision: (
    story: number,
    base: number,
    content: StoryContent,
    bodyText: string,
    author: string,
    note: string | null,
    autosave = false,
    resolved: Resolved | null = null,
  ) => invoke<SaveOutcome>("save_revision", {
      story,
      base,
      editor: editor(content, bodyText),
      author,
      note,
      autosave,
      resolved,
    }),
  /** Who saved the latest revision and when: cheap enough to poll. */
  latestRevision: (story: number) => invoke<RevisionInfo>("latest_revision", { story }),
  restoreRevision: (story: number, revision: number, author: string) =>
    invoke<SaveOutcome>("restore_revision", { story, revision, author }),
  exportRevision: (story: number, revision: number | null, format: Format) =>
    invoke<string>("export_revision", { story, revision, format }),
  /** Opens the native save dialog; resolves to the path written, or null if cancelled. */
  saveExport: (story: number, revision: number | null, format: Format) =>
    invoke<string | null>("save_export", { story, revision, format }),
  parseImport: (text: string) => invoke<ImportDraft>("parse_import", { text }),
  /** Opens the native file dialog; resolves to null if cancelled. */
  openStoryFile: () => invoke<OpenedStory | null>("open_story_file"),
  importStory: (content: StoryContent, author: string, note: string | null) =>
    invoke<RevisionInfo>("import_story", { content, author, note }),
  /** Adds the sample story (three revisions); resolves to its latest revision. */
  createSampleStory: () => invoke<RevisionInfo>("create_sample_story"),
  /** `bodyText`, when given, replaces content.body (the core splits it into paragraphs). */
  restoreFlagged: (content: StoryContent, index: number, bodyText: string | null = null) =>
    invoke<StoryContent>("restore_flagged", { editor: editor(content, bodyText), index }),
  creditPreview: (content: StoryContent) => invoke<CreditPreview>("credit_preview", { content }),
  suggestPeople: (prefix: string) => invoke<Person[]>("suggest_people", { prefix }),
  compareRevisions: (story: number, a: number, b: number, options: CompareOptions) =>
    invoke<ComparisonView>("compare_revisions", { story, a, b, options }),
  /** What reviewing rA → rB with these decisions would save; nothing is stored.
   * `options` must be the ones the comparison was made with, so the ids match. */
  reviewPreview: (story: number, a: number, b: number, decisions: Decisions, options: CompareOptions) =>
    invoke<StoryContent>("review_preview", { story, a, b, decisions, options }),
  /** Saves rB with the rejected changes reverted, as a revision of kind
   * review based on rB (merged with anything saved since). */
  reviewRevisions: (story: number, a: number, b: number, decisions: Decisions, options: CompareOptions, author: string) =>
    invoke<ReviewOutcome>("review_revisions", { story, a, b, decisions, options, author }),
  blame: (story: number, revision: number | null, onprogress: (p: BlameProgress) => void) =>
    invoke<Attribution[]>("blame", { story, revision, progress: new Channel(onprogress) }),
  /** Spelling, names and AP style of the editor's text (checked off the UI thread). */
  checkText: (story: number | null, content: StoryContent, bodyText: string) =>
    invoke<Findings>("check_text", { story, editor: editor(content, bodyText) }),
  addDeskWord: (word: string, author: string) => invoke<boolean>("add_desk_word", { word, author }),
  checkCompare: (story: number, a: number, b: number) => invoke<FindingChanges>("check_compare", { story, a, b }),
};

/** "3 min ago", "Nov 27, 14:05": times as an editor reads them. */
export function when(iso: string): string {
  const t = new Date(iso);
  const s = (Date.now() - t.getTime()) / 1000;
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400 && new Date().getDate() === t.getDate()) {
    return `today ${t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`;
  }
  return t.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

export function emptyContent(): StoryContent {
  return {
    headline: "",
    slug: "",
    dek: "",
    section: "",
    dateline: "",
    status: "draft",
    credits: [],
    photos: [],
    body: [],
    copyright: "",
    flagged: [],
  };
}
