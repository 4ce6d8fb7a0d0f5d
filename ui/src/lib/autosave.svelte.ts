// Unsaved edits kept safe: every 30 seconds while there are any, an
// autosave revision (folded in the history); a second after each edit, a
// recovery draft (not a revision), offered back if the app dies unsaved.
import { api, errorMessage } from "./api";
import { config } from "./config.svelte";
import { feedback } from "./feedback.svelte";
import { landed } from "./saving.svelte";
import { session } from "./session.svelte";

/** The autosave period is a per-machine preference (localStorage), which the tests shorten. */
const AUTOSAVE_EVERY_MS = Number(localStorage.getItem("copydesk.autosave-ms")) || 30_000;
/** How long after an edit the recovery draft is written. */
const RECOVERY_DELAY_MS = 1000;

let timer: ReturnType<typeof setTimeout> | null = null;

function arm() {
  if (session.dirty && session.story !== null && !timer) timer = setTimeout(autosave, AUTOSAVE_EVERY_MS);
}

async function autosave() {
  timer = null;
  try {
    await autosaveNow();
  } finally {
    // Edits typed during the save (or while a manual save was busy) get
    // the next round: `dirty` may not change, so the effect would not.
    arm();
  }
}

async function autosaveNow() {
  // A story whose edits need a correction note (a published one) changes
  // only with that note; its edits stay in the recovery draft until the
  // editor saves them.
  if (!session.dirty || session.story === null || feedback.busy || session.needsNote || session.readonly) return;
  if (session.merging) return; // the merge view is open: the editor is deciding
  const id = session.story;
  const from = session.base ?? session.latest?.info.revision ?? 1;
  const sent = session.sent();
  try {
    const outcome = await session.inFlight(() => api.saveRevision(id, from, sent.content, sent.body, config.author, null, true));
    if (session.story !== id || outcome.outcome === "unchanged") return;
    // Overlaps wait in a banner: no dialog pops up under the caret.
    await landed(id, outcome, sent, false);
  } catch (e) {
    feedback.error = `Autosave failed: ${errorMessage(e)}`;
  }
}

/** Starts autosaving and keeping recovery drafts. Call while a component initialises. */
export function keepEditsSafe() {
  $effect(() => {
    arm();
    if (!session.dirty && timer) {
      clearTimeout(timer);
      timer = null;
    }
  });

  $effect(() => {
    const sent = session.sent();
    if (!session.dirty) return;
    const id = session.story;
    const from = session.base;
    const t = setTimeout(
      () => api.saveDraft(id, from, sent.content, sent.body).catch((e) => (feedback.error = `Could not keep a recovery copy: ${errorMessage(e)}`)),
      RECOVERY_DELAY_MS,
    );
    return () => clearTimeout(t);
  });
}
