// The keyboard shortcuts, written once: the help overlay renders this table
// and the handlers test keys with `matches(e, row.keys)`, so what the help
// says and what the keys do cannot drift apart.
//
// `keys` is for people first: "Ctrl+Shift+S", "F1 or ?", "Alt+↓". Each
// alternative is separated by " or "; modifiers are joined with "+".

export type Where = "Anywhere" | "Story list" | "Editor" | "Compare" | "History";

export interface Shortcut {
  keys: string;
  action: string;
  where: Where;
  /** Names the row for the handler that tests its keys (`keysOf(id)`). */
  id?: string;
}

export const WHERE_ORDER: readonly Where[] = ["Anywhere", "Story list", "Editor", "Compare", "History"];

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Ctrl+N", action: "New story", where: "Anywhere" },
  { keys: "Ctrl+I", action: "Import a story", where: "Anywhere" },
  { keys: "Ctrl+F or /", action: "Search the story list", where: "Anywhere" },
  { keys: "Ctrl+E", action: "Export the story", where: "Anywhere" },
  { keys: "Ctrl+,", action: "Settings", where: "Anywhere" },
  { keys: "F1 or ?", action: "Show these shortcuts", where: "Anywhere" },
  { keys: "Esc", action: "Close the dialog or overlay", where: "Anywhere" },

  // Exactly the keys StoryList.svelte handles on a row.
  { keys: "↓ or ↑", action: "Next or previous story", where: "Story list" },
  { keys: "← or →", action: "Previous or next column", where: "Story list" },
  { keys: "Enter", action: "Open the story", where: "Story list" },

  { keys: "Ctrl+S", action: "Save a revision", where: "Editor" },
  { keys: "Ctrl+Shift+S", action: "Save as a named version", where: "Editor" },
  // Exactly the keys Editor.svelte handles in the body.
  { keys: "Alt+Enter or Ctrl+.", action: "Open the finding at the caret (spelling or style) and focus its actions", where: "Editor" },
  { keys: "Esc", action: "Close the finding's popover, back to the text", where: "Editor" },

  // CompareView.svelte tests its keys with `keysOf` on these rows.
  { keys: "j or n", action: "Next change", where: "Compare", id: "compare.next" },
  { keys: "k or p", action: "Previous change", where: "Compare", id: "compare.prev" },
  { keys: "Alt+↓", action: "Next change, even while typing", where: "Compare", id: "compare.next-always" },
  { keys: "Alt+↑", action: "Previous change, even while typing", where: "Compare", id: "compare.prev-always" },
  { keys: "a", action: "Review changes: accept the current change, go to the next", where: "Compare", id: "compare.accept" },
  { keys: "r", action: "Review changes: reject the current change, go to the next", where: "Compare", id: "compare.reject" },
  { keys: "Ctrl+F", action: "Find in both revisions' text (every paragraph, folded or not)", where: "Compare", id: "compare.find" },
  { keys: "Enter or F3", action: "Find: next match", where: "Compare", id: "compare.find-next" },
  { keys: "Shift+Enter or Shift+F3", action: "Find: previous match", where: "Compare", id: "compare.find-prev" },
  { keys: "Esc", action: "Close the find bar, else the comparison", where: "Compare", id: "compare.close" },
];

/** The keys of the row named `id`; throws on an unknown id, so a handler cannot test keys the table does not list. */
export function keysOf(id: string): string {
  const row = SHORTCUTS.find((s) => s.id === id);
  if (!row) throw new Error(`no shortcut ${id}`);
  return row.keys;
}

/** The shortcuts grouped by where they work, in display order, empty groups left out. */
export function grouped(list: readonly Shortcut[] = SHORTCUTS): { where: Where; rows: Shortcut[] }[] {
  return WHERE_ORDER.map((where) => ({ where, rows: list.filter((s) => s.where === where) })).filter(
    (g) => g.rows.length > 0,
  );
}

/** "Ctrl+Shift+S or F1" → [["Ctrl", "Shift", "S"], ["F1"]], for rendering each key in a <kbd>. */
export function keyParts(keys: string): string[][] {
  return keys.split(" or ").map((alt) => splitCombo(alt.trim()));
}

// A trailing "+" is the key itself ("Ctrl++"), not a separator.
function splitCombo(combo: string): string[] {
  const parts = combo.split("+");
  if (combo.endsWith("+")) {
    parts.splice(parts.length - 2, 2, "+");
  }
  return parts.filter((p) => p !== "");
}

// Names people read → KeyboardEvent.key values.
const KEY_NAMES: Record<string, string> = {
  esc: "escape",
  escape: "escape",
  enter: "enter",
  tab: "tab",
  space: " ",
  "↑": "arrowup",
  "↓": "arrowdown",
  "←": "arrowleft",
  "→": "arrowright",
  up: "arrowup",
  down: "arrowdown",
  left: "arrowleft",
  right: "arrowright",
};

/**
 * Whether the event is one of the alternatives in `keys` (same syntax as
 * SHORTCUTS). Ctrl also accepts Cmd, so the table reads the same on a Mac.
 * Shift is ignored for punctuation such as "?" or "/", whose Shift state
 * depends on the keyboard layout rather than on the person.
 */
export function matches(e: KeyboardEvent, keys: string): boolean {
  return keyParts(keys).some((parts) => matchesCombo(e, parts));
}

function matchesCombo(e: KeyboardEvent, parts: string[]): boolean {
  if (parts.length === 0) return false;
  const mods = parts.slice(0, -1).map((m) => m.toLowerCase());
  const name = parts[parts.length - 1];
  const wantCtrl = mods.includes("ctrl") || mods.includes("cmd");
  const wantAlt = mods.includes("alt");
  const wantShift = mods.includes("shift");

  const key = KEY_NAMES[name.toLowerCase()] ?? name.toLowerCase();
  if (e.key.toLowerCase() !== key) return false;

  const punctuation = key.length === 1 && !/[a-z0-9 ]/.test(key);
  if ((e.ctrlKey || e.metaKey) !== wantCtrl) return false;
  if (e.altKey !== wantAlt) return false;
  if (!punctuation && e.shiftKey !== wantShift) return false;
  return true;
}

/** True when the key press lands in a text field, where plain letters and "/" are text, not commands. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = (e.target instanceof HTMLElement ? e.target : null) ?? (document.activeElement as HTMLElement | null);
  if (!t) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"].includes(t.type);
  }
  return false;
}
