// Dialogs over the app and the views that take the workspace's place
// (compare, attribution): which is open.
import type { RecoveryDraft } from "../bindings/RecoveryDraft";
import type { AskRequest } from "./Ask.svelte";

class Dialogs {
  exporting = $state(false);
  importing = $state(false);
  settingsOpen = $state(false);
  /** No editor name yet: the settings open as a welcome. */
  firstRun = $state(false);
  helpOpen = $state(false);
  /** Unsaved edits a crash left behind, offered back. */
  recovered = $state<RecoveryDraft[]>([]);
  asking = $state<{ request: AskRequest; answer: (v: string | null) => void } | null>(null);

  comparing = $state<{ a: number; b: number } | null>(null);
  blaming = $state<{ revision: number | null } | null>(null);

  /** A modal dialog is open: the app's own shortcuts wait. */
  anyOpen = $derived(
    this.exporting || this.importing || this.settingsOpen || this.firstRun || this.helpOpen || this.asking !== null || this.recovered.length > 0,
  );

  /** Asks the editor in our own dialog; resolves to the answer, null if cancelled. */
  ask(request: AskRequest): Promise<string | null> {
    return new Promise((resolve) => {
      this.asking = {
        request,
        answer: (v) => {
          this.asking = null;
          resolve(v);
        },
      };
    });
  }

  /** Back to the editor from compare or attribution. */
  closeViews() {
    this.comparing = null;
    this.blaming = null;
  }
}

export const dialogs = new Dialogs();
