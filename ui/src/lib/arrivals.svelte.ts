// Revisions saved elsewhere (another window, the CLI, a colleague): the
// open story's latest revision is polled every second. Unedited text takes
// the new revision; unsaved edits stay, to be merged with it on save.
import type { Revision } from "../bindings/Revision";
import { api } from "./api";
import { feedback } from "./feedback.svelte";
import { storyHistory } from "./history.svelte";
import { session } from "./session.svelte";
import { stories } from "./stories.svelte";

const POLL_MS = 1000;
let polling = false;

async function poll(id: number) {
  if (polling || session.saving > 0 || feedback.busy || session.story !== id) return;
  polling = true;
  const gen = session.saveGen;
  const raced = () => session.story !== id || gen !== session.saveGen || session.saving > 0;
  try {
    const info = await api.latestRevision(id);
    if (raced() || info.revision <= session.known) return;
    const rev = await api.getRevision(id, info.revision);
    if (raced() || rev.info.revision <= session.known) return;
    session.known = rev.info.revision;
    arrival(rev);
  } catch {
    // Tried again in a second.
  } finally {
    polling = false;
  }
}

function arrival(rev: Revision) {
  const who = `r${rev.info.revision} by ${rev.info.author}`;
  // Decided before `latest` moves: `dirty` compares with it.
  const untouched = !session.dirty && !session.merging;
  session.latest = rev;
  if (untouched) {
    session.base = rev.info.revision;
    session.arrived = null;
    session.overlap = null;
    session.staleBase = null;
    if (session.viewing === null) session.load(rev.content);
    feedback.flash(`${who} just arrived`);
  } else {
    // The editor's words stay; the next save merges them with this.
    session.arrived = rev.info;
  }
  storyHistory.refresh();
  stories.refresh(false);
}

/** Polls while a saved story is open. Call while a component initialises. */
export function watchArrivals() {
  $effect(() => {
    const id = session.story;
    if (id === null || !session.editing) return;
    const timer = setInterval(() => poll(id), POLL_MS);
    return () => clearInterval(timer);
  });
}
