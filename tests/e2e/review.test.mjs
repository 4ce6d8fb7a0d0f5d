// Review end to end in the real app: a story with two revisions (a new
// headline, a distance changed, a paragraph deleted, one inserted) is made
// with the CLI; in the comparison r1 → r2 the editor rejects the distance
// change with the `r` key, keeps the rest, sees the result and applies it;
// the CLI then finds a revision of kind review on r2 with the old distance.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, waitFor, cli, EDITOR } from "./webdriver.mjs";

const HEADER = `---
Section: Metro
Dateline: PORTLAND, Maine
Credit: Ana Ruiz | author | | Portland Press
---
`;

const P = {
  runners: "More than 4,000 runners took to the streets of Portland on Sunday for the annual Harbor Run, raising money for the city's food bank.",
  course6: "The course stretched 6 miles along the waterfront, starting at the Old Port and finishing at the Eastern Promenade.",
  course8: "The course stretched 8 miles along the waterfront, starting at the Old Port and finishing at the Eastern Promenade.",
  money: "Organizers said the race raised $250,000, a record for the event.",
  police: "Police closed Commercial Street for most of the morning, and traffic was diverted through downtown.",
  winner: "The winner, Tom Becker of Bangor, finished in 31 minutes.",
  weather: "Forecasters had warned of sleet, but the skies cleared by nine o'clock and stayed dry until noon.",
  next: "Next year's race is scheduled for the first Sunday in October.",
};

const OLD_HEAD = "Thousands run in Portland charity race";
const NEW_HEAD = "Record crowd runs Portland's Harbor Run";
const REV1 = [HEADER, OLD_HEAD, P.runners, P.course6, P.money, P.police, P.winner, P.next].join("\n\n");
// Revision 2: a new headline, "6 miles" → "8 miles", the police paragraph
// deleted, a weather paragraph inserted after the winner.
const REV2 = [HEADER, NEW_HEAD, P.runners, P.course8, P.money, P.winner, P.weather, P.next].join("\n\n");

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

async function texts(s, css) {
  return s.exec(`return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.replace(/\\s+/g, " ").trim());`, [css]);
}

async function count(s, css) {
  return s.exec(`return document.querySelectorAll(arguments[0]).length;`, [css]);
}

/** Each change in the review panel: [id, kind class, where, state]. */
async function panel(s) {
  return s.exec(`return [...document.querySelectorAll(".review-panel li.change")].map((li) => [
    Number(li.dataset.change),
    [...li.classList].find((c) => c.startsWith("k-")).slice(2),
    li.querySelector(".where").textContent.trim(),
    li.dataset.state,
  ]);`);
}

const currentChange = (s) => s.exec(`const li = document.querySelector(".review-panel li.change.current"); return li ? Number(li.dataset.change) : null;`);

test("review a comparison: reject one change by key, see the result, apply it", async () => {
  const s = app.session;
  await s.el(".story-list");

  const r1 = join(app.dir, "harbor-run-1.txt");
  const r2 = join(app.dir, "harbor-run-2.txt");
  writeFileSync(r1, REV1);
  writeFileSync(r2, REV2);
  assert.equal(cli(app.db, "import", r1, "--author", "Ana Ruiz").story, 1);
  assert.equal(cli(app.db, "save", "1", r2, "--author", "Tom Desk", "--note", "New head, distance, weather").revision, 2);
  await s.exec("location.reload()");
  await waitFor(async () => {
    await s.click('.story-list tr.story-row[data-story="1"] .headline');
    return (await count(s, ".history li.revision")) === 2;
  }, "the story open with two revisions in history");

  await (await s.el('.history li[data-revision="2"] button.compare-prev')).click();
  await s.el(".compare-view");
  await waitFor(async () => (await count(s, ".compare-view .compare-row")) > 0, "the comparison rows");

  // Review mode: the panel lists every change, all accepted to begin with.
  await s.click(".compare-view button.review-toggle");
  await s.el(".review-panel");
  await waitFor(async () => (await count(s, ".review-panel li.change")) > 0, "the changes listed");
  const changes = await panel(s);
  const kinds = changes.map((c) => c[1]);
  assert.ok(kinds.includes("field"), `a field change in ${JSON.stringify(changes)}`);
  assert.ok(kinds.includes("words"), `a words change in ${JSON.stringify(changes)}`);
  assert.ok(kinds.includes("deleted"), `a deleted paragraph in ${JSON.stringify(changes)}`);
  assert.ok(kinds.includes("inserted"), `an inserted paragraph in ${JSON.stringify(changes)}`);
  assert.ok(changes.every((c) => c[3] === "accepted"), "every change starts accepted");
  assert.deepEqual(changes.map((c) => c[0]), changes.map((_, i) => i + 1), "numbered from 1 in order");
  const headline = changes.find((c) => c[1] === "field" && c[2] === "headline");
  assert.ok(headline, "the headline change");
  const number = changes.find((c) => c[1] === "words");
  const numberTexts = await texts(s, `.review-panel li.change[data-change="${number[0]}"] .texts`);
  assert.match(numberTexts[0], /6 → 8/);
  assert.match(await s.text(".review-panel .counts"), new RegExp(`${changes.length} accepted, 0 rejected`));

  // The first change is current; j moves on to the number change, and its row
  // in the body becomes the current row.
  assert.equal(await currentChange(s), 1);
  for (let i = 1; i < number[0]; i++) await s.keys("j");
  await waitFor(async () => (await currentChange(s)) === number[0], "the number change to be current");
  await waitFor(async () => (await count(s, '.compare-row.current[data-kind="changed"]')) === 1, "its row to be current");

  // `r` rejects it and moves on to the next change; `a` there accepts.
  await s.keys("r");
  await waitFor(async () => (await currentChange(s)) === number[0] + 1, "the next change to be current");
  await s.keys("a");
  const decided = await panel(s);
  assert.deepEqual(
    decided.map((c) => c[3]),
    decided.map((c) => (c[0] === number[0] ? "rejected" : "accepted")),
  );
  assert.match(await s.text(".review-panel .counts"), new RegExp(`${changes.length - 1} accepted, 1 rejected`));

  // A button decides too: reject all, accept all back, then the one rejection again.
  await s.click(".review-panel button.reject-all");
  assert.match(await s.text(".review-panel .counts"), new RegExp(`0 accepted, ${changes.length} rejected`));
  await s.click(".review-panel button.accept-all");
  await s.click(`.review-panel li.change[data-change="${number[0]}"] button.reject`);
  assert.match(await s.text(".review-panel .counts"), new RegExp(`${changes.length - 1} accepted, 1 rejected`));
  await s.screenshot("review-panel.png");

  // The result: r2 with the old distance, everything else of r2's kept.
  await s.click(".review-panel button.result-toggle");
  await waitFor(async () => (await count(s, ".review-result .r-para")) > 0, "the result");
  await waitFor(async () => !(await s.exec(`return !!document.querySelector(".review-result .updating");`)), "the result to update");
  const result = await texts(s, ".review-result .r-para");
  assert.equal(await s.text(".review-result .r-headline"), NEW_HEAD);
  assert.ok(result.some((p) => p.includes("stretched 6 miles")), `the old distance in ${JSON.stringify(result)}`);
  assert.ok(!result.some((p) => p.includes("8 miles")));
  assert.ok(result.some((p) => p.includes("sleet")), "the inserted paragraph kept");
  assert.ok(!result.some((p) => p.includes("Commercial Street")), "the deleted paragraph stays deleted");
  await s.screenshot("review-result.png");

  // Live: accepting the number change again shows the new distance.
  await s.click(`.review-panel li.change[data-change="${number[0]}"] button.accept`);
  await waitFor(async () => (await texts(s, ".review-result .r-para")).some((p) => p.includes("stretched 8 miles")), "the result to follow the decision");
  await s.click(`.review-panel li.change[data-change="${number[0]}"] button.reject`);
  await waitFor(async () => (await texts(s, ".review-result .r-para")).some((p) => p.includes("stretched 6 miles")), "the old distance again");

  // Apply: saved as revision 3, kind review, on r2.
  await s.click(".review-panel button.apply-review");
  await waitFor(async () => (await count(s, ".review-panel .outcome")) === 1, "the review's outcome");
  assert.equal(
    await s.text(".review-panel .outcome"),
    `Saved revision 3 (review): accepted ${changes.length - 1}, rejected 1`,
  );
  await waitFor(async () => (await count(s, ".history li.revision")) === 3, "the review in the history panel");
  await s.screenshot("review-applied.png");

  const history = cli(app.db, "history", "1");
  assert.equal(history[0].revision, 3);
  assert.equal(history[0].kind, "review");
  assert.equal(history[0].parent, 2);
  assert.equal(history[0].author, EDITOR);
  assert.match(history[0].note ?? "", /accepted|rejected/i);
  const { text } = cli(app.db, "export", "1", "--format", "text");
  assert.match(text, /stretched 6 miles/);
  assert.doesNotMatch(text, /8 miles/);
  assert.match(text, new RegExp(NEW_HEAD.replace(/[.*+?^${}()|[\]\\']/g, "\\$&")));
  assert.match(text, /sleet/);
  assert.doesNotMatch(text, /Commercial Street/);

  // The editor took the new revision: its text has the old distance.
  await s.chord("\uE00C");
  await waitFor(async () => (await count(s, ".compare-view")) === 0, "the compare view to close");
  const body = await s.exec(`return document.querySelector(".editor textarea")?.value ?? "";`);
  assert.match(body, /stretched 6 miles/);
});
