// The story list: what is asked for (shelf, search, filters, sort) and what
// the core answered. All of the list's loading is here, so a paged answer
// changes this module and nothing else.
import type { StoryFilter } from "../bindings/StoryFilter";
import type { StorySummary } from "../bindings/StorySummary";
import type { StoryView } from "../bindings/StoryView";
import { api, errorKind, errorMessage } from "./api";
import { feedback } from "./feedback.svelte";

/** How long typing in the search box pauses before the list is asked again:
 * short, so a search answers within 150 ms of the last keystroke, this wait
 * included (answers to older requests are dropped when they come in late). */
const SEARCH_DELAY_MS = 50;

class Stories {
  stories = $state<StorySummary[]>([]);
  /** The section filter's choices. */
  sections = $state<string[]>([]);
  search = $state("");
  filter = $state<StoryFilter>({ view: "active", sort: "updated", ascending: false, status: null, section: null, offset: 0, limit: null });
  loading = $state(false);
  /** How many stories match the filter, on every page; `stories` holds the pages loaded. */
  total = $state(0);
  /** The latest request for a first page: answers to older ones are dropped. */
  private request = 0;
  private loadingMore = false;

  /** How many stories the list holds (what "Empty trash" deletes, on the trash shelf). */
  get count(): number {
    return this.total;
  }

  /** Reloads the list; `withSections` also the section filter's choices,
   * which only a save or a shelf move can change (not typing a search). */
  async refresh(withSections = true) {
    this.loading = true;
    const request = ++this.request;
    try {
      const text = this.search.trim() || null;
      const first = await api.listStories({ ...$state.snapshot(this.filter), text, offset: 0 });
      if (request !== this.request) return;
      this.stories = first.stories;
      this.total = first.total;
      if (withSections) this.sections = await api.sections();
    } catch (e) {
      // A list overtaken by a newer one (the next keystroke) was stopped.
      if (request === this.request && errorKind(e) !== "cancelled") feedback.error = errorMessage(e);
    } finally {
      // An overtaken list ends first; the newer one is still loading.
      if (request === this.request) this.loading = false;
    }
  }

  /** Appends the next page (the end of the list came into view). */
  async loadMore() {
    if (this.loadingMore || this.stories.length >= this.total) return;
    const request = this.request;
    this.loadingMore = true;
    try {
      const text = this.search.trim() || null;
      const next = await api.listStories({ ...$state.snapshot(this.filter), text, offset: this.stories.length });
      if (request !== this.request) return;
      this.stories = [...this.stories, ...next.stories];
      this.total = next.total;
    } catch (e) {
      // A list overtaken by a newer one (the next keystroke) was stopped.
      if (request === this.request && errorKind(e) !== "cancelled") feedback.error = errorMessage(e);
    } finally {
      this.loadingMore = false;
    }
  }

  async loadSections() {
    this.sections = (await feedback.guard(() => api.sections())) ?? [];
  }

  /** Shows the desk (after a story was added to it) and reloads. */
  async showDesk() {
    this.filter.view = "active";
    await this.refresh();
  }

  /** The shelf a listed story sits on. */
  shelfOf(id: number): StoryView {
    return this.stories.find((s) => s.id === id)?.trashed_at ? "trash" : this.filter.view;
  }

  /** Re-queries as the editor types or changes a filter, without a request
   * per key. Call while a component initialises (it sets up an effect). */
  watch() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasSearching = false;
    $effect(() => {
      const searching = this.search.trim() !== "";
      // Searching ranks by relevance; clearing the search goes back to newest first.
      if (searching !== wasSearching) {
        wasSearching = searching;
        if (searching && this.filter.sort === "updated") this.filter.sort = "relevance";
        if (!searching && this.filter.sort === "relevance") this.filter.sort = "updated";
      }
      void $state.snapshot(this.filter);
      clearTimeout(timer);
      timer = setTimeout(() => this.refresh(false), SEARCH_DELAY_MS);
    });
  }
}

export const stories = new Stories();
