// The open story's history: a page of revisions at a time, filtered by
// author and kind.
import { untrack } from "svelte";
import type { HistoryPage } from "../bindings/HistoryPage";
import type { RevisionKind } from "../bindings/RevisionKind";
import { api, errorMessage } from "./api";
import { feedback } from "./feedback.svelte";
import { session } from "./session.svelte";

const PAGE_SIZE = 100;

class History {
  page = $state<HistoryPage | null>(null);
  author = $state<string | null>(null);
  kind = $state<RevisionKind | null>(null);
  loading = $state(false);

  /** Loads the first page again, or with `more` the next (older) one. */
  async refresh(more = false) {
    if (session.story === null) return;
    const id = session.story;
    this.loading = true;
    try {
      const page = this.page;
      const before = more && page ? page.revisions[page.revisions.length - 1]?.revision : null;
      const next = await api.historyPage(id, { author: this.author, kind: this.kind, before, limit: PAGE_SIZE });
      if (session.story !== id) return;
      this.page = more && page ? { ...next, revisions: [...page.revisions, ...next.revisions] } : next;
    } catch (e) {
      feedback.error = errorMessage(e);
    } finally {
      this.loading = false;
    }
  }

  clearFilters() {
    this.author = null;
    this.kind = null;
  }

  /** The filters apply at once (opening a story loads its history itself,
   * so only the filters are tracked). Call while a component initialises. */
  watch() {
    $effect(() => {
      void this.author;
      void this.kind;
      untrack(() => session.story !== null && this.refresh());
    });
  }
}

export const storyHistory = new History();
