// Edits left unsaved are stored as an autosave revision: nothing typed is
// only in the window.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchApp, waitFor, cli } from "./webdriver.mjs";

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

test("an unsaved edit becomes an autosave revision", async () => {
  const s = app.session;
  await s.el(".story-list");
  // Shorten the autosave delay (a per-machine preference) so the test is quick.
  await s.exec('localStorage.setItem("copydesk.autosave-ms", "1500"); location.reload();');
  await s.el(".story-list");

  await (await s.el("header button.primary")).click();
  await (await s.el("input.headline")).type("Ferry service resumes");
  await (await s.el("textarea")).type("Ferries ran again on Monday.");
  // A new story is created only when the editor says so: no autosave yet.
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal((await s.findAll(".history li.revision")).length, 0);
  await (await s.el("button.save")).click();
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 1, "revision 1");

  await (await s.el("textarea")).type(" Service had been suspended for a week.");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 2, "the autosave revision", 15000);
  const items = await s.findAll(".history li.revision");
  assert.match(await items[0].text(), /autosave/);
  assert.match(await s.text(".savebar .state"), /All changes saved/);
  // The text stays as typed, in the editor and in the database.
  assert.match(await (await s.find("textarea")).prop("value"), /suspended for a week\.$/);
  const h = cli(app.db, "history", "1");
  assert.equal(h[0].kind, "autosave");
  assert.match(cli(app.db, "show", "1").body.join(" "), /suspended for a week/);
  // The preference lives in the webview's storage, shared with later tests.
  await s.exec('localStorage.removeItem("copydesk.autosave-ms");');
});
