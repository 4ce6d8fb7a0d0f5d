import { errorMessage } from "./api";

/**
 * A call the UI waits on: which one runs (`current`, for "Saving…" and
 * disabled buttons) and what the last one threw, as a readable message.
 */
export class Activity<K> {
  current = $state<K | null>(null);
  error = $state<string | null>(null);

  /** Runs `f` as `what`; resolves to its value, or undefined if it threw
   * (the message is then in `error`). */
  async run<T>(what: K, f: () => Promise<T>): Promise<T | undefined> {
    this.current = what;
    this.error = null;
    try {
      return await f();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.current = null;
    }
  }
}
