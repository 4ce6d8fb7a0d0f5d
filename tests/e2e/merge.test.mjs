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

test("an autosave that overlaps waits in a banner, resolved with an edit", async () => {
  const s = app.session;
  // Shorten the autosave delay (a per-machine preference) so the test is quick.
  await s.exec('localStorage.setItem("copydesk.autosave-ms", "1500"); location.reload();');
  await s.click(".story-list tr.story-row .headline");
  await waitFor(async () => /great day/.test(await body(s)), "the story open again");
  const before = cli(app.db, "history", id).length;

  await editorEdits(s, "a great day for the city", "a fine day for the city");
  colleagueEdits("a great day for the city", "a grand day for the city");
  // The autosave finds the overlap: no dialog, a banner; nothing stored.
  const banner = await s.el(".merge-banner.overlap", 10000);
  assert.match(await banner.text(), new RegExp(`Your edits overlap r${before + 1} by Ana Ruiz`));
  assert.equal((await s.findAll(".merge-view")).length, 0);
  assert.match(await body(s), /a fine day/);
  assert.equal(cli(app.db, "history", id).length, before + 1, "only the colleague's revision");
  await s.screenshot("merge-overlap-banner.png");

  await s.click(".merge-banner.overlap .resolve");
  await s.el(".merge-view");
  await s.click(".merge-view .conflict .take-edit");
  const edit = await s.el(".merge-view .edit textarea");
  assert.match(await edit.prop("value"), /a fine day for the city/, "the edit starts from mine");
  await s.exec(
    `const t = document.querySelector(".merge-view .edit textarea");
     t.value = "The mayor called it a splendid day for the city.";
     t.dispatchEvent(new Event("input", { bubbles: true }));`,
  );
  await s.screenshot("merge-view-edit.png");
  await s.click(".save-merge");
  await waitFor(async () => (await s.findAll(".merge-view")).length === 0, "the merge saved");
  await waitFor(async () => /splendid day/.test(await body(s)), "the resolved text in the editor");
  assert.match(latestOf(), /a splendid day for the city/);
  const h = cli(app.db, "history", id);
  assert.equal(h.length, before + 2);
  assert.equal(h[0].author, "Test Editor");
  await s.exec('localStorage.removeItem("copydesk.autosave-ms");');
});

test("edits recovered after a crash keep their base and merge on save", async () => {
  const first = await launchApp();
  let s = first.session;
  const file = join(first.dir, "ferry.txt");
  writeFileSync(file, "Ferry service resumes\n\nFerries ran again on Monday.\n\nThe service had been suspended for 7 days.\n");
  const story = String(cli(first.db, "import", file, "--author", "Wire Desk").story);
  try {
    // Only the recovery draft may keep the edit: no autosave in this test.
    await s.el(".story-list");
    await s.exec('localStorage.setItem("copydesk.autosave-ms", "600000"); location.reload();');
    await s.click(".story-list tr.story-row .headline");
    await waitFor(async () => /Ferries ran/.test(await body(s)), "the story open");
    await editorEdits(s, "Ferries ran again on Monday.", "Ferries ran again on Monday morning.");
    // The recovery copy lands a second after typing; then a crash.
    await new Promise((r) => setTimeout(r, 2500));
  } finally {
    await first.kill();
  }
  // Meanwhile a colleague saves r2.
  const text = cli(first.db, "export", story, "--format", "text").text;
  const edited = join(first.dir, "ferry-2.txt");
  writeFileSync(edited, text.replace("for 7 days", "for a week"));
  cli(first.db, "save", story, edited, "--author", "Ana Ruiz");

  const again = await launchApp({ dir: first.dir });
  s = again.session;
  try {
    await s.click(".recovered button.recover");
    await waitFor(async () => /Monday morning/.test(await body(s)), "the recovered text in the editor");
    const banner = await s.el(".merge-banner.stale-base");
    assert.match(await banner.text(), /These edits were made on r1; the story is now at r2 — saving will merge them\./);
    await new Promise((r) => setTimeout(r, 300)); // let the webview paint
    await s.screenshot("merge-recovered.png");
    await s.click("button.save");
    await waitFor(async () => /Merged with r2 by Ana Ruiz/.test(await notice(s)), "the merge");
    const out = cli(again.db, "export", story, "--format", "text").text;
    assert.match(out, /Ferries ran again on Monday morning\./);
    assert.match(out, /suspended for a week/);
    const h = cli(again.db, "history", story);
    assert.equal(h[0].kind, "merge");
    assert.equal(h[0].merge_base, 1);
    await s.exec('localStorage.removeItem("copydesk.autosave-ms");');
  } finally {
    await again.stop();
  }
});
