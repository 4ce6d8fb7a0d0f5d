// What the app tells the editor across the top: the call it waits on
// ("Working…"), the last error, and a passing notice.
import { Activity } from "./activity.svelte";

const NOTICE_MS = 4000;

class Feedback extends Activity<"busy"> {
  notice = $state<string | null>(null);

  get busy(): boolean {
    return this.current !== null;
  }

  /** Shows a notice for a few seconds (unless another replaced it). */
  flash = (msg: string) => {
    this.notice = msg;
    setTimeout(() => (this.notice === msg ? (this.notice = null) : null), NOTICE_MS);
  };

  /** Runs a call the editor waits on: "Working…" meanwhile, its error shown. */
  guard = <T>(f: () => Promise<T>): Promise<T | undefined> => this.run("busy", f);
}

export const feedback = new Feedback();
