// Import end to end in the real app: paste a wire story (invented, in the
// agency's format) as copied from a web page, check the preview, put back a line the importer set aside, import,
// then correct a credit in the credits panel and save a second revision.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, waitFor, cli, ROOT } from "./webdriver.mjs";

const FIXTURE = join(ROOT, "tests", "fixtures", "wire-raw.txt");

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

/** Sets a text field's value at once and tells Svelte, as a paste would. */
async function paste(s, css, text) {
  await s.el(css);
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.focus();
     el.value = arguments[1];
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    [css, text],
  );
}

/** The texts of all elements matching `css`. */
async function texts(s, css) {
  return s.exec(`return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent);`, [css]);
}

test("paste, preview, put back a set-aside line, import, fix a credit, save", async () => {
  const s = app.session;
  const raw = readFileSync(FIXTURE, "utf8");
  await s.el(".story-list");

  // Open the import dialog and paste the story.
  await (await s.el("button.import")).click();
  await s.el(".import-dialog textarea.paste");
  await paste(s, ".import-dialog textarea.paste", raw);
  assert.equal((await (await s.find("textarea.paste")).prop("value")).length, raw.length);
  await (await s.find("button.parse")).click();

  // The preview: body paragraphs, and the page clutter set aside.
  await waitFor(async () => (await s.findAll(".preview-body li")).length > 10, "the parsed body in the preview");
  const flagged = await texts(s, ".flagged li");
  assert.ok(flagged.some((t) => t.includes("Exit mobile version")), `set aside: ${flagged.join(" | ")}`);
  assert.ok(flagged.some((t) => t.includes("U.S. & World")), `set aside: ${flagged.join(" | ")}`);
  const bodyBefore = await texts(s, ".preview-body li");
  assert.ok(!bodyBefore.some((t) => t.includes("U.S. & World")));
  assert.match(await (await s.find(".import-dialog input.headline")).prop("value"), /Arctic rescue fleet/);

  // Put "U.S. & World" back: it leaves the list and joins the body.
  const items = await s.findAll(".flagged li");
  const index = flagged.findIndex((t) => t.includes("U.S. & World"));
  await (await items[index].findAll("button.put-back"))[0].click();
  await waitFor(
    async () => (await texts(s, ".preview-body li")).some((t) => t.includes("U.S. & World")),
    "the restored line in the preview body",
  );
  assert.equal((await texts(s, ".preview-body li")).length, bodyBefore.length + 1);
  assert.ok(!(await texts(s, ".flagged li")).some((t) => t.includes("U.S. & World")));

  // Import: the dialog closes and the story opens at revision 1.
  await (await s.find("button.do-import")).click();
  await waitFor(async () => (await s.findAll(".import-dialog")).length === 0, "the import dialog to close");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 1, "revision 1 in history");
  assert.match(await (await s.el("input.headline")).prop("value"), /Arctic rescue fleet/);
  assert.match(await (await s.find("textarea")).prop("value"), /U\.S\. & World/);

  // Credits & photos: move Ingrid Dahl to Bodo.
  await (await s.el("button.tab-credits")).click();
  await s.el(".credits-panel .credit-row");
  await waitFor(async () => (await texts(s, ".credit-preview .byline"))[0]?.trim(), "the byline preview");
  const rows = await s.findAll(".credit-row");
  let dahl;
  for (const row of rows) {
    const [name] = await row.findAll("input.credit-name");
    if ((await name.prop("value")) === "Ingrid Dahl") dahl = row;
  }
  assert.ok(dahl, "a credit row for Ingrid Dahl");
  const [location] = await dahl.findAll("input.credit-location");
  assert.equal(await location.prop("value"), "Tromso, Norway");
  await location.clear();
  await location.type("Bodo, Norway");
  assert.equal(await location.prop("value"), "Bodo, Norway");
  await waitFor(
    async () => (await texts(s, ".credit-preview .tagline"))[0]?.includes("Bodo, Norway"),
    "the tag line preview to follow the edit",
  );
  await s.screenshot("import.png");

  await (await s.find("button.save")).click();
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 2, "revision 2 in history");

  // The CLI reads the same database.
  const shown = cli(app.db, "show", "1");
  const shownDahl = shown.credits.find((c) => c.name === "Ingrid Dahl");
  assert.equal(shownDahl?.location, "Bodo, Norway");
  assert.ok(shown.body.includes("U.S. & World"), "the restored line is a body paragraph");
  assert.ok(!shown.flagged.some((f) => f.text === "U.S. & World"));
  assert.ok(shown.flagged.some((f) => f.text === "Exit mobile version"));
  const history = cli(app.db, "history", "1");
  assert.equal(history.length, 2);
  assert.equal(history.at(-1).note, "Imported from paste");
  assert.equal(history.at(-1).kind, "import");

  // The compare view shows the credit change as a change to a person.
  await (await s.el('.history li[data-revision="2"] button.compare-prev')).click();
  await s.el(".compare-view");
  await waitFor(
    async () => (await texts(s, ".credit-changes li")).some((t) => t.includes("Ingrid Dahl") && t.includes("Bodo, Norway")),
    "the credit change in the compare view",
  );
  await s.screenshot("import-compare.png");
});
