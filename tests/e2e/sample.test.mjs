// First run: an empty desk offers the sample story; opening it gives a story
// with three revisions (a pasted story, a copy edit, an update) whose
// history, credits and comparison a new editor can try at once.
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

const texts = (s, css) => s.exec(`return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent);`, [css]);
const count = async (s, css) => (await s.findAll(css)).length;

test("the empty desk explains import and offers the sample story, which opens with three revisions to compare", async () => {
  const s = app.session;
  const firstRun = await s.text(".story-list .first-run");
  assert.match(firstRun, /Your desk is empty/);
  assert.match(firstRun, /Import/);
  assert.match(firstRun, /New story/);
  await s.screenshot("sample-first-run.png");

  await s.click(".first-run button.open-sample");
  await waitFor(async () => (await count(s, ".history li.revision")) === 3, "three revisions in history");
  assert.match(await (await s.el("input.headline")).prop("value"), /Harbor ferry returns/);
  const history = await texts(s, ".history li.revision");
  assert.match(history[0], /Lena Park/);
  assert.match(history[1], /Sam Okafor/);
  assert.match(history[1], /Copy edit/);
  assert.match(await s.text(".story-list"), /Harbor ferry returns/);

  // The credits the importer found, as they stand in revision 3.
  await s.click("button.tab-credits");
  await waitFor(async () => (await texts(s, ".credit-preview .byline"))[0]?.includes("Lena Park"), "the byline preview");
  const names = await s.exec(`return [...document.querySelectorAll(".credit-row input.credit-name")].map((e) => e.value);`);
  assert.deepEqual(names, ["Lena Park", "Tom Reyes"]);
  await waitFor(async () => (await texts(s, ".credit-preview .tagline"))[0]?.includes("Port Ellen"), "the tag line preview");

  // Compare the pasted story (r1) with the update (r3).
  await s.click('.history li[data-revision="3"] input.pick');
  await s.click('.history li[data-revision="1"] input.pick');
  await s.click("button.compare-picked");
  await s.el(".compare-view");
  await waitFor(async () => (await count(s, '.compare-view .compare-row[data-kind="changed"]')) >= 3, "the changed paragraphs");
  assert.equal(await (await s.find(".compare-view input.pick-a")).prop("value"), "1");
  assert.equal(await (await s.find(".compare-view input.pick-b")).prop("value"), "3");
  assert.ok((await count(s, '.compare-view .compare-row[data-kind="inserted"]')) >= 1, "the added quote");
  const credits = await texts(s, ".credit-changes li");
  assert.ok(credits.some((t) => t.includes("Tom Reyes") && t.includes("Port Ellen")), `credit changes: ${credits.join(" | ")}`);
  await s.screenshot("sample-compare.png");

  // The CLI reads the same story.
  const cliHistory = cli(app.db, "history", "1");
  assert.deepEqual(
    cliHistory.map((r) => [r.revision, r.kind, r.author]),
    [
      [3, "manual", "Lena Park"],
      [2, "manual", "Sam Okafor"],
      [1, "import", "Lena Park"],
    ],
  );
});
