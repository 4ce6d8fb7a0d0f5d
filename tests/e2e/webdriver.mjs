// A small W3C WebDriver client over fetch, plus the plumbing to start
// tauri-driver and the real Copydesk app on a scratch database. Enough for
// our end-to-end tests without pulling a browser-automation framework in.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const KEY = { CONTROL: "\uE009", ENTER: "\uE007", BACKSPACE: "\uE003", TAB: "\uE004" };

function freePort() {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
    srv.on("error", rej);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until it returns a truthy value, or fails with `what`. */
export async function waitFor(f, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  async cmd(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok || (json.value && json.value.error)) {
      throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    }
    return json.value;
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this, v[ELEMENT]);
  }

  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits for an element to exist and returns it. */
  async el(css, timeout) {
    return waitFor(() => this.find(css), `element ${css}`, timeout);
  }

  /**
   * Clicks an element, retrying while it is not yet interactable (mid-scroll
   * or mid-render), as a person would wait for it.
   */
  async click(css, timeout) {
    return waitFor(
      async () => {
        const el = await this.find(css);
        // Bring it to the middle of its scroller first, as a person would:
        // at an edge a sticky header can cover it.
        await this.exec('arguments[0].scrollIntoView({ block: "center" });', [{ [ELEMENT]: el.id }]);
        await el.click();
        return true;
      },
      `a clickable ${css}`,
      timeout,
    );
  }

  async exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async keys(text) {
    const actions = [];
    for (const ch of text) actions.push({ type: "keyDown", value: ch });
    return this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kb", actions }] });
  }

  /** Presses a chord, e.g. chord(KEY.CONTROL, "s"). */
  async chord(...keysDown) {
    const actions = [
      ...keysDown.map((value) => ({ type: "keyDown", value })),
      ...keysDown.reverse().map((value) => ({ type: "keyUp", value })),
    ];
    return this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kb", actions }] });
  }

  async screenshot(name) {
    const png = await this.cmd("GET", "/screenshot");
    const dir = join(ROOT, "target", "e2e-screenshots");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(png, "base64"));
    return file;
  }

  async text(css) {
    return (await this.find(css)).text();
  }
}

export class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  click() {
    return this.s.cmd("POST", `/element/${this.id}/click`, {});
  }
  type(text) {
    // WebKitWebDriver drops a bare "\n"; the Enter key is what a person types.
    return this.s.cmd("POST", `/element/${this.id}/value`, { text: text.replaceAll("\n", KEY.ENTER) });
  }
  clear() {
    return this.s.cmd("POST", `/element/${this.id}/clear`, {});
  }
  text() {
    return this.s.cmd("GET", `/element/${this.id}/text`);
  }
  prop(name) {
    return this.s.cmd("GET", `/element/${this.id}/property/${name}`);
  }
  async findAll(css) {
    const v = await this.s.cmd("POST", `/element/${this.id}/elements`, { using: "css selector", value: css });
    return v.map((e) => new Element(this.s, e[ELEMENT]));
  }
}

/** The editor name the scratch settings sign revisions with. */
export const EDITOR = "Test Editor";

/**
 * Starts tauri-driver and the app on a fresh scratch database (or on the one
 * in `dir`, to start the app again). The settings file is scratch too,
 * already holding an editor name unless `firstRun` is set. Returns the
 * session, the database path and a stop function.
 */
export async function launchApp({ dir = null, firstRun = false } = {}) {
  const app = process.env.COPYDESK_APP;
  if (!app) throw new Error("COPYDESK_APP must name the built app binary (scripts/test sets it)");
  dir ??= mkdtempSync(join(tmpdir(), "copydesk-e2e-"));
  const db = join(dir, "e2e.db");
  const settings = join(dir, "settings.json");
  if (!firstRun && !existsSync(settings)) writeFileSync(settings, JSON.stringify({ author: EDITOR }));
  const port = await freePort();
  const nativePort = await freePort();
  // The app inherits this environment through tauri-driver and WebKitWebDriver.
  // Its own config, data and cache directories (the saved window state, the
  // webview's local storage) live in the scratch directory too, so no test
  // sees what another left behind, and a restart in `dir` sees its own.
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      COPYDESK_SETTINGS: settings,
      XDG_CONFIG_HOME: join(dir, "config"),
      XDG_DATA_HOME: join(dir, "data"),
      XDG_CACHE_HOME: join(dir, "cache"),
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/status`)).ok, "tauri-driver to listen", 20000);
  const res = await fetch(`${base}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      capabilities: { alwaysMatch: { "tauri:options": { application: app, args: ["--db", db] } } },
    }),
  });
  const json = await res.json();
  if (!res.ok || !json.value.sessionId) {
    driver.kill();
    throw new Error(`could not start the app: ${JSON.stringify(json)}`);
  }
  const session = new Session(base, json.value.sessionId);
  // The app processes started on this test's database.
  const appPids = () =>
    readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((pid) => {
        try {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
          return cmd.includes(db) && cmd.some((a) => a.endsWith("copydesk-app"));
        } catch {
          return false;
        }
      })
      .map(Number);
  const stop = async () => {
    try {
      await fetch(`${base}/session/${session.id}`, { method: "DELETE" });
    } catch {}
    driver.kill();
    // Ending the session normally closes the app; one that outlives its
    // driver would hold the test runner's output pipe open, and the run
    // would never end.
    try {
      await waitFor(() => appPids().length === 0, "the app to exit", 5000);
    } catch {
      for (const pid of appPids()) process.kill(pid, "SIGKILL");
    }
  };
  // Kills the app process outright (SIGKILL, as a crash would), then the
  // driver: nothing in the app gets a chance to save.
  const kill = async () => {
    for (const pid of appPids()) process.kill(pid, "SIGKILL");
    await stop();
  };
  return { session, db, dir, stop, kill };
}

/** Runs the copydesk CLI on `db` and parses its JSON output. */
export function cli(db, ...args) {
  const bin = process.env.COPYDESK_CLI;
  if (!bin) throw new Error("COPYDESK_CLI must name the built copydesk binary");
  const env = { ...process.env, COPYDESK_SETTINGS: join(dirname(db), "settings.json") };
  return JSON.parse(execFileSync(bin, ["--db", db, ...args, "--json"], { encoding: "utf8", env }));
}
