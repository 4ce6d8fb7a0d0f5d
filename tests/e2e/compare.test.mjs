// Compare and blame end to end in the real app: a story with two revisions
// (a distance corrected, a quote moved, a credit's location fixed) is made
// with the CLI, then compared in the app from the history panel.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, waitFor, cli } from "./webdriver.mjs";

const KEYS = { ALT: "\uE00A", ESCAPE: "\uE00C", UP: "\uE013", DOWN: "\uE015" };

const HEADER = (location) => `---
Section: Metro
Dateline: PORTLAND, Maine
Credit: Ana Ruiz | author | | Portland Press
Credit: Jim Heintz | contributor | ${location} | Associated Press
---
`;

const P = {
  runners: "More than 4,000 runners took to the streets of Portland on Sunday for the annual Harbor Run, raising money for the city's food bank.",
  course6: "The course stretched 6 miles along the waterfront, starting at the Old Port and finishing at Eastern Promenade.",
  course8: "The course stretched 8 miles along the waterfront, starting at the Old Port and finishing at the Eastern Promenade.",
  quote: '"It was freezing, but nobody quit," said organizer Maria Lopez, who has run the event for a decade.',
  money: "Organizers said the race raised $250,000, a record for the event.",
  police: "Police closed Commercial Street for most of the morning, and traffic was diverted through downtown.",
  winner: "The winner, Tom Becker of Bangor, finished in 31 minutes.",
  next: "Next year's race is scheduled for the first Sunday in October.",
};

const REV1 = [HEADER("Tallinn, Estonia"), "Thousands run in Portland charity race", P.runners, P.course6, P.quote, P.money, P.police, P.winner, P.next].join("\n\n");
// Revision 2: "6 miles" → "8 miles" (and "at the Eastern"), the quote moved
// two paragraphs down, Jim Heintz now in Riga.
const REV2 = [HEADER("Riga, Latvia"), "Thousands run in Portland charity race", P.runners, P.course8, P.money, P.police, P.quote, P.winner, P.next].join("\n\n");

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

/** The whitespace-normalised text of every element matching `css`. */
async function texts(s, css) {
  return s.exec(`return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.replace(/\\s+/g, " ").trim());`, [css]);
}

async function count(s, css) {
  return s.exec(`return document.querySelectorAll(arguments[0]).length;`, [css]);
}

test("compare two revisions: changed words, a move, alerts, navigation, inline, blame", async () => {
  const s = app.session;
  await s.el(".story-list");

  // Make the story with the CLI on the app's database, then reload the list.
  const r1 = join(app.dir, "harbor-run-1.txt");
  const r2 = join(app.dir, "harbor-run-2.txt");
  writeFileSync(r1, REV1);
  writeFileSync(r2, REV2);
  const imported = cli(app.db, "import", r1, "--author", "Ana Ruiz");
  assert.equal(imported.story, 1);
  assert.equal(imported.body.length, 7);
  const saved = cli(app.db, "save", "1", r2, "--author", "Tom Desk", "--note", "Fix distance, move quote");
  assert.equal(saved.revision, 2);
  await s.exec("location.reload()");
  // The list may re-render right after loading: retry the click until the story opens.
  await waitFor(async () => {
    await s.click('.story-list tr.story-row[data-story="1"] .headline');
    return (await count(s, ".history li.revision")) === 2;
  }, "the story open with two revisions in history");

  // Only the newer revision can be compared with a previous one.
  assert.equal(await count(s, '.history li[data-revision="1"] button.compare-prev'), 0);
  await (await s.el('.history li[data-revision="2"] button.compare-prev')).click();
  await s.el(".compare-view");
  await waitFor(async () => (await count(s, ".compare-view .compare-row")) > 0, "the comparison rows");

  // The edited paragraph: "6" deleted on the left, "8" and " the" inserted on the right.
  const changed = '.compare-row[data-kind="changed"]';
  assert.equal(await count(s, changed), 1);
  assert.deepEqual(await texts(s, `${changed} del`), ["6"]);
  assert.deepEqual(await texts(s, `${changed} ins`), ["8", "the"]);
  const [left, right] = await texts(s, `${changed} .cell p`);
  assert.equal(left, P.course6);
  assert.equal(right, P.course8);

  // The move: two rows with links to each other's paragraph.
  assert.equal(await count(s, '.compare-row[data-kind="moved"]'), 2);
  assert.deepEqual(await texts(s, ".compare-row .move-link"), ["Moved to ¶5", "Moved from ¶3"]);
  // Rows stay aligned: 7 + 1 paragraphs, one row each (the move has two ends).
  assert.equal(await count(s, ".compare-row"), 8);
  assert.equal(await count(s, '.compare-row[data-kind="equal"]'), 5);

  // Alerts, credits and stats.
  const alerts = await texts(s, ".alerts li");
  assert.equal(alerts.length, 1);
  assert.match(alerts[0], /6 miles → 8 miles/);
  assert.match(alerts[0], /¶ 2/);
  assert.deepEqual(await texts(s, ".credit-changes li"), ["Jim Heintz — location: Tallinn, Estonia → Riga, Latvia"]);
  const stats = await s.text(".compare-view .stats");
  assert.match(stats, /\+2/);
  assert.match(stats, /1 changed/);
  assert.match(stats, /1 moved/);
  assert.match(await s.text(".compare-view .sides"), /Ana Ruiz[\s\S]*Tom Desk/);

  // Story text is text: segments concatenate to exactly the paragraphs.
  assert.deepEqual(await texts(s, '.compare-row[data-kind="equal"] .cell.right p'), [P.runners, P.money, P.police, P.winner, P.next]);

  // Next/previous change, by button and by key.
  const current = () => s.exec(`const r = document.querySelector(".compare-row.current"); return r && [r.dataset.kind, r.dataset.row];`);
  await s.click("button.next-change");
  await waitFor(async () => (await current())?.[0] === "changed", "the changed row to be current");
  await s.keys("j");
  await waitFor(async () => (await current())?.join() === "moved,2", "the first end of the move to be current");
  await s.chord(KEYS.ALT, KEYS.DOWN);
  await waitFor(async () => (await current())?.join() === "moved,5", "the second end of the move to be current");
  await s.keys("k");
  await s.chord(KEYS.ALT, KEYS.UP);
  await waitFor(async () => (await current())?.[0] === "changed", "back at the changed row");

  // An alert's paragraph link and a move link flash their target row.
  await s.click(".alerts li button");
  await waitFor(async () => (await count(s, `${changed}.flash`)) === 1, "the alert's row to flash");
  await s.click('.compare-row[data-row="2"] .move-link');
  await waitFor(async () => (await count(s, '.compare-row[data-row="5"].flash')) === 1, "the other end of the move to flash");

  // Re-fetching with options keeps the view; the edit is not boring.
  await s.click("input.ignore-boring");
  await s.click("input.char-level");
  await waitFor(async () => !(await s.exec(`return !!document.querySelector(".compare-view .status-note")`)), "the re-compare");
  assert.deepEqual(await texts(s, `${changed} del`), ["6"]);
  await s.click("input.char-level");
  await s.click("input.ignore-boring");

  // Inline: one column, deleted and inserted words interleaved, equal text once.
  await s.click("button.inline-toggle");
  await waitFor(async () => (await count(s, ".compare-view .grid.inline")) === 1, "the inline layout");
  const [inlineText] = await texts(s, `${changed} .cell p`);
  assert.equal(inlineText, "The course stretched 68 miles along the waterfront, starting at the Old Port and finishing at the Eastern Promenade.");
  assert.deepEqual(await texts(s, `${changed} del`), ["6"]);
  assert.deepEqual(await texts(s, `${changed} ins`), ["8", "the"]);
  await s.screenshot("compare-inline.png");
  await s.click("button.inline-toggle");
  await waitFor(async () => (await count(s, ".compare-view .grid.split")) === 1, "side by side again");
  await s.click("button.next-change");
  await s.screenshot("compare.png");

  // Escape closes the comparison.
  await s.chord(KEYS.ESCAPE);
  await waitFor(async () => (await count(s, ".compare-view")) === 0, "the compare view to close");

  // Pick any two revisions in the history panel.
  assert.equal(await (await s.el("button.compare-picked")).prop("disabled"), true);
  await s.click('.history li[data-revision="2"] input.pick');
  await s.click('.history li[data-revision="1"] input.pick');
  assert.equal(await (await s.find("button.compare-picked")).prop("disabled"), false);
  await s.click("button.compare-picked");
  await waitFor(async () => (await count(s, '.compare-view .compare-row[data-kind="changed"]')) === 1, "the picked comparison");
  assert.equal(await (await s.find(".compare-view input.pick-a")).prop("value"), "1");
  const pickB = await s.find(".compare-view input.pick-b");
  assert.equal(await pickB.prop("value"), "2");
  assert.equal(await s.text(".compare-view .pick .of"), "of 2");
  // A revision the story does not have is put back, not asked for.
  await pickB.clear();
  await pickB.type("9\n");
  await waitFor(async () => (await pickB.prop("value")) === "2", "the missing revision's number put back");
  assert.equal(await count(s, ".compare-view .error"), 0);
  assert.equal(await count(s, '.compare-view .compare-row[data-kind="changed"]'), 1);
  await s.click(".compare-view button.close");
  await waitFor(async () => (await count(s, ".compare-view")) === 0, "the compare view to close");

  // Who changed what: the corrected paragraph is r2's, the rest (moved or not) r1's.
  await (await s.el("button.blame")).click();
  await waitFor(async () => (await count(s, ".blame-view .blame-row")) === 7, "seven attributed paragraphs");
  const owners = await s.exec(`return [...document.querySelectorAll(".blame-view .blame-row")].map((r) => r.dataset.revision);`);
  assert.deepEqual(owners, ["1", "2", "1", "1", "1", "1", "1"]);
  assert.match(await s.text(".blame-view"), /Tom Desk/);
  await s.screenshot("blame.png");
});
