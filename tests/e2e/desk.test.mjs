// The desk, end to end in the real app: search, workflow, named versions,
// restore, archive and trash, and recovering unsaved text after a crash.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, waitFor, cli, KEY, EDITOR } from "./webdriver.mjs";

const STORIES = {
  harbor: "Harbor bridge reopens after repairs\n\nThe harbor bridge reopened on Monday after 14 months of repairs.\n\nTraffic was light.\n",
  council: "Council passes budget\n\nThe city council voted 5-4 on Tuesday to pass a $3.5 million budget.\n\nThe mayor said she would sign it.\n",
  storm: "Storm warning for the coast\n\nForecasters warned of winds up to 60 mph near the harbor.\n",
};

let app;
before(async () => {
  app = await launchApp();
  for (const [name, text] of Object.entries(STORIES)) {
    const file = join(app.dir, `${name}.txt`);
    writeFileSync(file, text);
    cli(app.db, "import", file, "--author", "Wire Desk");
  }
});
after(async () => {
  await app?.stop();
});

const rows = (s) => s.findAll(".story-list tr.story-row");
const rowFor = async (s, headline) => {
  for (const r of await rows(s)) if ((await r.text()).includes(headline)) return (await r.findAll(".headline"))[0];
  return null;
};

/** Picks an option of a <select> the way the change handler sees it. */
async function choose(s, css, value) {
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event("change", { bubbles: true }));`,
    [css, value],
  );
}

async function clearAndType(s, css, text) {
  // Emptied the way typing would, so the app's bindings see it.
  await s.el(css);
  await s.exec(
    `const el = document.querySelector(arguments[0]); el.value = "";
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    [css],
  );
  if (text) await (await s.el(css)).type(text);
}

test("search ranks and marks matches; columns sort", async () => {
  const s = app.session;
  await waitFor(async () => (await rows(s)).length === 3, "three stories in the list");
  await clearAndType(s, "input.search", "harb");
  // A prefix finds the word; the headline match ranks above the body match.
  await waitFor(async () => (await rows(s)).length === 2, "two stories matching harb");
  const found = await rows(s);
  assert.match(await found[0].text(), /Harbor bridge reopens/);
  assert.match(await found[1].text(), /Storm warning/);
  const marks = await s.findAll(".story-list mark");
  assert.ok(marks.length >= 2);
  assert.equal((await marks[0].text()).toLowerCase(), "harbor");
  await s.screenshot("desk-search.png");

  // Every shortcut is listed in the help overlay (F1).
  await s.chord("\uE031");
  const help = await s.text(".help-overlay");
  assert.match(help, /Save as a named version/);
  assert.match(help, /Search the story list/);
  await s.chord("\uE00C");
  await waitFor(async () => (await s.findAll(".help-overlay")).length === 0, "the help overlay to close");

  await clearAndType(s, "input.search", "");
  await waitFor(async () => (await rows(s)).length === 3, "the whole list again");
  await s.click(".story-list th.col-headline button.sort");
  await waitFor(async () => /Council passes budget/.test(await (await rows(s))[0].text()), "sorted by headline A→Z");
  await s.click(".story-list th.col-headline button.sort");
  await waitFor(async () => /Storm warning/.test(await (await rows(s))[0].text()), "sorted by headline Z→A");
});

test("the story list is a grid: one tab stop, arrows move between cells, Enter opens", async () => {
  const s = app.session;
  const [DOWN, UP, RIGHT] = ["\uE015", "\uE013", "\uE014"];
  await waitFor(async () => (await rows(s)).length === 3, "three stories in the list");
  assert.equal(await s.exec('return document.querySelector(".story-list table").getAttribute("role")'), "grid");
  assert.equal(await s.exec('return document.querySelectorAll(".story-list [tabindex=\'0\']").length'), 1);
  const ids = await s.exec('return [...document.querySelectorAll(".story-list tr.story-row")].map((r) => Number(r.dataset.story))');
  const at = () => s.exec('const c = document.activeElement; return [c.closest("tr").dataset.story ? Number(c.closest("tr").dataset.story) : "head", c.dataset.col]');
  await s.exec('document.querySelector(".story-list tr.story-row td.col-headline").focus()');
  await s.chord(DOWN);
  assert.deepEqual(await at(), [ids[1], "headline"]);
  await s.chord(RIGHT);
  assert.deepEqual(await at(), [ids[1], "section"]);
  await s.chord(UP);
  await s.chord(UP);
  assert.deepEqual(await at(), ["head", "section"]);
  await s.chord(DOWN);
  assert.deepEqual(await at(), [ids[0], "section"]);
  // The cell moved to is the one tab stop.
  assert.equal(await s.exec('return document.activeElement.tabIndex'), 0);
  await s.chord(KEY.ENTER);
  await waitFor(
    async () => (await s.exec('const r = document.querySelector(".story-list tr.story-row.selected"); return r && [Number(r.dataset.story), r.getAttribute("aria-selected")]'))?.[0] === ids[0],
    "Enter to open the story",
  );
  assert.equal(await s.exec('return document.querySelector(".story-list tr.story-row.selected").getAttribute("aria-selected")'), "true");
  await s.el(".history li.revision");
  // Back to the desk, as the next test expects.
  await s.click(".storybar button.close-story");
  await waitFor(async () => (await s.findAll(".history")).length === 0, "the desk again");
});

test("status moves, a named version and a restore are all in the history", async () => {
  const s = app.session;
  await (await rowFor(s, "Council passes budget")).click();
  await s.el(".history li.revision");
  const id = Number(await s.exec('return document.querySelector(".story-list tr.story-row.selected").dataset.story'));

  // Workflow: draft → editing, saved at once as a status revision.
  await choose(s, "select.status-picker", "editing");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 2, "the status revision");
  assert.match(await s.text(".history li.revision"), /→ Editing/);
  let h = cli(app.db, "history", String(id));
  assert.equal(h[0].kind, "status");
  assert.equal(h[0].status, "editing");
  assert.equal(h[0].author, EDITOR);
  // The workflow offers only the next steps: no jump to published.
  const options = await s.exec('return [...document.querySelectorAll("select.status-picker option")].map(o => o.value)');
  assert.ok(!options.includes("published"), options.join());

  // Edit and save as a named version.
  await (await s.el("textarea")).type("\n\nThe vote followed a three-hour debate.");
  await s.click("button.save-named");
  await (await s.el(".ask-input")).type("Sent to desk");
  await s.click(".modal button.confirm");
  await waitFor(async () => (await s.text(".history .pinned")).includes("Sent to desk"), "the pinned name");
  h = cli(app.db, "history", String(id));
  assert.equal(h.length, 3);
  assert.match(cli(app.db, "show", String(id)).body.join(" "), /three-hour debate/);
  await s.screenshot("desk-named-version.png");

  // Restore revision 1: confirmed in a dialog, appended as revision 4,
  // keeping the status the story has now.
  await s.click('.history li.revision[data-revision="1"] button.restore');
  assert.match(await s.text(".modal"), /Nothing is lost/);
  await s.click(".modal button.confirm");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 4, "the restore revision");
  h = cli(app.db, "history", String(id));
  assert.deepEqual([h[0].kind, h[0].restored_from, h[0].status], ["restore", 1, "editing"]);
  assert.doesNotMatch(await (await s.find("textarea")).prop("value"), /three-hour/);
  assert.equal(cli(app.db, "show", String(id)).body.join("\n"), cli(app.db, "show", String(id), "--revision", "1").body.join("\n"));
  await s.screenshot("desk-history.png");
});

test("archived stories leave the desk; the trash empties only on purpose", async () => {
  const s = app.session;
  // Leaving a story with unsaved edits asks first; cancelling keeps them.
  await (await s.el("textarea")).type(" Unsaved words.");
  await s.click(".storybar button.close-story");
  assert.match(await s.text(".modal"), /Discard unsaved changes/);
  await s.click(".modal button.cancel");
  assert.match(await (await s.find("textarea")).prop("value"), /Unsaved words\.$/);
  await s.click(".storybar button.close-story");
  await s.click(".modal button.confirm");
  await waitFor(async () => (await rows(s)).length === 3, "the desk");
  await (await rowFor(s, "Storm warning")).click();
  await s.click(".storybar button.archive");
  await waitFor(async () => (await rows(s)).length === 2, "the story off the desk");
  assert.equal(await rowFor(s, "Storm warning"), null);

  await s.click(".story-list button.view-archived");
  await waitFor(async () => (await rows(s)).length === 1, "the archive");
  await (await rowFor(s, "Storm warning")).click();
  await s.click(".storybar button.trash");
  await waitFor(async () => cli(app.db, "list", "--view", "trash").total === 1, "the story in the trash");
  await waitFor(async () => (await rows(s)).length === 0, "the story gone from the archive");
  await s.click(".story-list button.view-trash");
  await waitFor(async () => (await rows(s)).length === 1, "the trash");
  await s.screenshot("desk-trash.png");

  // Cancelling the confirmation deletes nothing.
  await s.click(".story-list button.empty-trash");
  assert.match(await s.text(".modal"), /cannot be undone/);
  await s.click(".modal button.cancel");
  assert.equal(cli(app.db, "list", "--view", "trash").total, 1);
  await s.click(".story-list button.empty-trash");
  await s.click(".modal button.confirm");
  await waitFor(async () => (await rows(s)).length === 0, "an empty trash");
  assert.equal(cli(app.db, "list", "--view", "trash").total, 0);
  assert.equal(cli(app.db, "list").total, 2, "the other stories are untouched");
});

test("editing a published story asks for a correction note", async () => {
  const s = app.session;
  const id = cli(app.db, "list", "--search", "harbor bridge").stories[0].id;
  for (const step of ["editing", "copyedit", "ready", "published"]) cli(app.db, "status", String(id), step);
  await s.click(".story-list button.view-active");
  await (await waitFor(() => rowFor(s, "Harbor bridge reopens"), "the harbor story")).click();
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 5, "its five revisions");
  await (await s.el("textarea")).type(" It had been closed since 2025.");
  await s.chord(KEY.CONTROL, "s");
  assert.match(await s.text(".modal"), /This story is published/);
  await (await s.el(".ask-input")).type("Adds when the bridge closed");
  await s.click(".modal button.confirm");
  await waitFor(async () => cli(app.db, "history", String(id)).length === 6, "the correction");
  const h = cli(app.db, "history", String(id));
  assert.deepEqual([h[0].kind, h[0].status, h[0].note], ["correction", "published", "Adds when the bridge closed"]);
});

test("after a crash, unsaved text is offered back", async () => {
  // A fresh app that asks the editor's name on first start.
  const first = await launchApp({ firstRun: true });
  let s = first.session;
  try {
    await clearAndType(s, "input.settings-author", "Ana Ruiz");
    await s.click("button.save-settings");
    await waitFor(async () => (await s.text("header .who")).includes("Ana Ruiz"), "the name in the header");

    // Only the recovery draft may keep the text below: no autosave in this test.
    await s.exec('localStorage.setItem("copydesk.autosave-ms", "600000"); location.reload();');
    await s.el(".story-list .first-run");
    await s.click("header button.new-story");
    await (await s.el("input.headline")).type("Ferry service resumes");
    await (await s.el("textarea")).type("Ferries ran again on Monday.");
    await s.click("button.save");
    await waitFor(async () => (await s.findAll(".history li.revision")).length === 1, "revision 1");
    assert.equal(cli(first.db, "history", "1")[0].author, "Ana Ruiz");

    await (await s.el("textarea")).type("\n\nService had been suspended for a week.");
    // Give the recovery copy (written a second after typing) time to land,
    // then kill the app as a crash would: no save, no clean exit.
    await new Promise((r) => setTimeout(r, 2500));
  } finally {
    await first.kill();
  }
  assert.equal(cli(first.db, "history", "1").length, 1, "nothing was saved as a revision");

  const again = await launchApp({ dir: first.dir });
  s = again.session;
  try {
    const offer = await s.el(".recovered");
    assert.match(await offer.text(), /Ferry service resumes/);
    await s.screenshot("desk-recovery.png");
    await s.click(".recovered button.recover");
    await waitFor(
      async () => /suspended for a week/.test(await (await s.find("textarea")).prop("value")),
      "the recovered text in the editor",
    );
    assert.match(await s.text(".savebar .state"), /Unsaved changes/);
    await s.chord(KEY.CONTROL, "s");
    await waitFor(async () => cli(again.db, "history", "1").length === 2, "the recovered text saved");
    assert.match(cli(again.db, "show", "1").body.join(" "), /suspended for a week/);
  } finally {
    await again.stop();
  }
});
