// Walking skeleton, end to end in the real app: create a story, edit it,
// save twice, and see three revisions in the history panel.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchApp, waitFor, cli, KEY } from "./webdriver.mjs";

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

test("create, edit and save twice: three revisions in history", async () => {
  const s = app.session;
  await s.el(".story-list");
  assert.match(await s.text(".story-list .first-run"), /Your desk is empty/);

  await (await s.el("header button.primary")).click();
  const headline = await s.el("input.headline");
  // Markup in story text is text: it must show literally and never run.
  await headline.type('Council approves budget <img src=x onerror="window.__pwned=1">');
  const body = await s.el("textarea");
  await body.type("The city council voted 5-4 on Tuesday.\n\nThe budget is $3.5 million.");
  await (await s.el("button.save")).click();

  await waitFor(async () => (await s.findAll(".history li.revision")).length === 1, "revision 1 in history");
  await waitFor(async () => (await s.text(".story-list .headline")).includes("<img src=x"), "the headline in the story list");
  assert.equal(await s.exec("return window.__pwned === undefined"), true, "markup in a headline ran");

  // Second revision: edit and click Save with a note.
  await (await s.el("textarea")).type("\n\nMayor Ana Ruiz said she would sign it.");
  await (await s.el("input.note")).type("add mayor");
  await (await s.el("button.save")).click();
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 2, "revision 2 in history");

  // Third revision with Ctrl+S, the way editors save.
  const body2 = await s.el("textarea");
  await body2.type(" She called it fair.");
  await s.chord(KEY.CONTROL, "s");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 3, "revision 3 in history");

  const items = await s.findAll(".history li.revision");
  const first = await items[0].text();
  assert.match(first, /r3/);
  const second = await items[1].text();
  assert.match(second, /add mayor/);

  // Viewing an older revision is read-only.
  await (await (await s.el('.history li[data-revision="1"] button.open'))).click();
  await waitFor(async () => (await s.text(".readonly-banner")).includes("revision 1"), "read-only banner");
  assert.equal(await (await s.find("textarea")).prop("readOnly"), true);
  const old = await (await s.find("textarea")).prop("value");
  assert.doesNotMatch(old, /Mayor/);
  assert.match(old, /Tuesday\.\n\nThe budget/, "paragraphs were not kept apart");
  await s.screenshot("skeleton-history.png");

  // The CLI reads the same database and sees the same history.
  const history = cli(app.db, "history", "1");
  assert.equal(history.length, 3);
  assert.equal(history[1].note, "add mayor");
  assert.ok(history[0].created_at.endsWith("Z"));
  const shown = cli(app.db, "show", "1");
  assert.equal(shown.body.length, 3, JSON.stringify(shown.body));
});
