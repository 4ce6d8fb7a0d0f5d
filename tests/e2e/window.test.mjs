// The main window opens inside the screen even when the size it was closed
// at (saved by the window-state plugin) came from a bigger screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchApp, waitFor } from "./webdriver.mjs";

test("a window saved on a bigger screen opens inside this one", async () => {
  const dir = mkdtempSync(join(tmpdir(), "copydesk-e2e-"));
  const state = join(dir, "config", "org.copydesk.desktop");
  mkdirSync(state, { recursive: true });
  const saved = { width: 2400, height: 1500, x: 300, y: 200, prev_x: 300, prev_y: 200 };
  writeFileSync(
    join(state, ".window-state.json"),
    JSON.stringify({ main: { ...saved, maximized: false, visible: true, decorated: true, fullscreen: false } }),
  );
  const app = await launchApp({ dir });
  const s = app.session;
  try {
    await s.el(".story-list");
    const screen = await s.exec("return { width: window.screen.width, height: window.screen.height };");
    assert.ok(screen.width < saved.width && screen.height < saved.height, `a screen smaller than the saved window: ${JSON.stringify(screen)}`);
    let rect;
    await waitFor(async () => {
      rect = await s.cmd("GET", "/window/rect");
      return rect.width <= screen.width && rect.height <= screen.height;
    }, "the window to fit the screen").catch((e) => assert.fail(`${e.message}: ${JSON.stringify(rect)} on ${JSON.stringify(screen)}`));
    assert.ok(rect.x >= 0 && rect.y >= 0, JSON.stringify(rect));
    assert.ok(rect.x + rect.width <= screen.width && rect.y + rect.height <= screen.height, JSON.stringify(rect));
    await s.screenshot("window-fitted.png");
  } finally {
    await app.stop();
  }
});
