// Two people on one story: a revision saved elsewhere (here by the CLI, on
// the same database) reaches the open editor within seconds; unsaved edits
// are merged with it on save, and overlapping edits are resolved in the
// merge view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, waitFor, cli, KEY } from "./webdriver.mjs";

const STORY =
  "Harbor bridge reopens\n\n" +
  "The harbor bridge reopened on Monday after 14 months of repairs.\n\n" +
  "Traffic was light in the morning.\n\n" +
  "The mayor called it a good day for the city.\n";

let app;
let id;
before(async () => {
  app = await launchApp();
  const file = join(app.dir, "harbor.txt");
  writeFileSync(file, STORY);
  id = String(cli(app.db, "import", file, "--author", "Wire Desk").story);
  // The list was read before the import.
  await app.session.el(".story-list");
  await app.session.exec("location.reload();");
});
after(async () => {
  await app?.stop();
});

/** The CLI saves the latest revision with `from` replaced by `to`, as Ana Ruiz. */
function colleagueEdits(from, to) {
  const text = cli(app.db, "export", id, "--format", "text").text;
  assert.ok(text.includes(from), `the export holds “${from}”`);
  const file = join(app.dir, `edit-${Date.now()}.txt`);
  writeFileSync(file, text.replace(from, to));
  return cli(app.db, "save", id, file, "--author", "Ana Ruiz");
}

/** Edits the body in the editor as typing would (the input event Svelte listens to). */
async function editorEdits(s, from, to) {
  const ok = await s.exec(
    `const t = document.querySelector(".editor textarea");
     if (!t.value.includes(arguments[0])) return false;
     t.value = t.value.replace(arguments[0], arguments[1]);
     t.dispatchEvent(new Event("input", { bubbles: true }));
     return true;`,
    [from, to],
  );
  assert.ok(ok, `the editor holds “${from}”`);
  await waitFor(async () => /Unsaved changes/.test(await s.text(".savebar .state")), "the edit to register");
}

const body = async (s) => (await s.find(".editor textarea")).prop("value");
const notice = async (s) => {
  const n = await s.findAll(".banner.notice");
  return n.length ? n[0].text() : "";
};
const latestOf = () => cli(app.db, "export", id, "--format", "text").text;

test("a revision saved elsewhere arrives in the open editor", async () => {
  const s = app.session;
  await waitFor(async () => {
    for (const r of await s.findAll(".story-list tr.story-row")) {
      if ((await r.text()).includes("Harbor bridge reopens")) {
        await (await r.findAll(".headline"))[0].click();
        return true;
      }
    }
  }, "the story in the list");
  await waitFor(async () => (await (await s.find("input.headline")).prop("value")) === "Harbor bridge reopens", "the story open");

  colleagueEdits("Traffic was light in the morning.", "Traffic was heavy in the morning.");
  const t0 = Date.now();
  await waitFor(async () => /r2 by Ana Ruiz just arrived/.test(await notice(s)), "the arrival", 2000);
  assert.ok(Date.now() - t0 <= 2000, "announced within 2 s");
  // No unsaved edits: the editor now holds r2.
  assert.match(await body(s), /Traffic was heavy in the morning\./);
  assert.match(await s.text(".savebar .state"), /All changes saved/);
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 2, "r2 in the history");
  await s.screenshot("merge-arrived.png");
});

test("unsaved edits are merged with a revision saved meanwhile", async () => {
  const s = app.session;
  await editorEdits(s, "after 14 months of repairs", "after fourteen months of repairs");
  colleagueEdits("a good day for the city", "a great day for the city");
  // The editor's words stay; a banner says they will be merged.
  const banner = await s.el(".merge-banner.arrived", 2500);
  assert.match(await banner.text(), /r3 by Ana Ruiz just arrived — your unsaved edits will be merged when you save/);
  assert.match(await body(s), /fourteen months/);
  assert.doesNotMatch(await body(s), /great day/);

  await (await s.el("button.save")).click();
  await waitFor(async () => /Merged with r3 by Ana Ruiz: 1 paragraph/.test(await notice(s)), "the merge flash");
  // The editor holds the merged revision: both edits.
  await waitFor(async () => /great day/.test(await body(s)), "the merged text in the editor");
  assert.match(await body(s), /fourteen months/);
  assert.match(await s.text(".savebar .state"), /All changes saved/);
  // The number the editor changed is pointed out.
  assert.match(await s.text(".merge-report"), /14/);

  const text = latestOf();
  assert.match(text, /after fourteen months of repairs/);
  assert.match(text, /a great day for the city/);
  const h = cli(app.db, "history", id);
  assert.equal(h[0].kind, "merge");
  assert.equal(h[0].revision, 4);
  assert.equal(h[0].merge_base, 2);
  assert.equal(h[0].parent, 3);
  await waitFor(async () => /merge of r2 and r3/.test(await s.text(".history li.revision[data-revision='4']")), "the merge in the history");
  await s.screenshot("merge-merged.png");
  await (await s.el(".merge-report .dismiss")).click();
});

test("overlapping edits are resolved in the merge view", async () => {
  const s = app.session;
  // The same word, changed differently on each side.
  await editorEdits(s, "Traffic was heavy in the morning.", "Traffic was gridlocked in the morning.");
  colleagueEdits("Traffic was heavy in the morning.", "Traffic was slow in the morning.");
  await s.el(".merge-banner.arrived", 2500);

  // Ctrl+S: the edits overlap, so nothing is saved and the merge view opens.
  await (await s.find(".editor textarea")).click();
  await s.chord(KEY.CONTROL, "s");
  const view = await s.el(".merge-view");
  assert.match(await view.text(), /Your edits \(on r4\) and r5 by Ana Ruiz overlap in 1 place/);
  assert.equal(cli(app.db, "history", id).length, 5, "nothing saved yet");
  assert.equal(await (await s.find(".save-merge")).prop("disabled"), true);
  const conflict = await s.text(".merge-view .conflict");
  assert.match(conflict, /paragraph 2/i);
  assert.match(conflict, /gridlocked/);
  assert.match(conflict, /slow/);
  await s.screenshot("merge-view.png");

  // Escape closes it, leaving the editor's text exactly as it was, unsaved.
  await s.keys("\uE00C");
  await waitFor(async () => (await s.findAll(".merge-view")).length === 0, "the merge view to close");
  assert.match(await body(s), /Traffic was gridlocked in the morning\./);
  assert.match(await s.text(".savebar .state"), /Unsaved changes/);

  // Again, with the Save button, and keep mine.
  await (await s.el("button.save")).click();
  await s.el(".merge-view");
  await s.click(".merge-view .conflict .take-mine");
  await waitFor(async () => /Keeping mine/.test(await s.text(".merge-view .conflict")), "the choice shown");
  assert.equal(await (await s.find(".save-merge")).prop("disabled"), false);
  await s.screenshot("merge-view-resolved.png");
  await s.click(".save-merge");
  await waitFor(async () => (await s.findAll(".merge-view")).length === 0, "the merge view to close after saving");
  await waitFor(async () => /Merged with r5 by Ana Ruiz|Saved revision 6/.test(await notice(s)), "the merge saved");
  assert.match(await s.text(".savebar .state"), /All changes saved/);

  const text = latestOf();
  assert.match(text, /Traffic was gridlocked in the morning\./);
  assert.doesNotMatch(text, /slow/);
  const h = cli(app.db, "history", id);
  assert.equal(h.length, 6);
  assert.equal(h[0].author, "Test Editor");
  assert.equal(h[1].revision, 5);
  assert.equal(h[1].author, "Ana Ruiz");
  await s.screenshot("merge-resolved.png");
});
