// What the core says about itself (the workflow, revision kinds, roles,
// export formats) and the editor's settings.
import type { AppInfo } from "../bindings/AppInfo";
import type { SettingsView } from "../bindings/SettingsView";
import type { Status } from "../bindings/Status";
import { api } from "./api";
import { feedback } from "./feedback.svelte";

class Config {
  info = $state<AppInfo | null>(null);
  settings = $state<SettingsView | null>(null);
  /** Who signs the revisions saved here. */
  author = $derived(this.settings?.settings.author ?? this.info?.default_author ?? "editor");
  workflow = $derived(this.info?.workflow ?? []);

  async loadInfo() {
    this.info = (await feedback.guard(() => api.appInfo())) ?? this.info;
  }

  async loadSettings() {
    this.settings = (await feedback.guard(() => api.getSettings())) ?? null;
  }

  /** The status's name in the app. */
  label(status: Status): string {
    return this.workflow.find((w) => w.status === status)?.label ?? status;
  }

  /** Whether the core wants a correction note with an edit of a story in this status. */
  needsCorrectionNote(status: Status): boolean {
    return this.workflow.find((w) => w.status === status)?.correction_note ?? false;
  }
}

export const config = new Config();
