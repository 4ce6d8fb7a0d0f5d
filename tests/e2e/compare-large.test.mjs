// The compare view at scale: two revisions of a 50,000-word story (the
// core bench's generated pair: 1% of words replaced, 3 paragraphs moved),
// compared in the real app. The view draws only the rows on screen, and
// everything that leads to a row (next and previous change, a move's link,
// the review panel, find) must still reach rows that were not drawn. How
// fast is the benchmark's business (benches/app_compare.mjs); this test
// asserts that it works and that a key press is answered while it is open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { launchApp, waitFor, cli, KEY } from "./webdriver.mjs";
import { writeStoryPair } from "./stories.mjs";

const KEYS = { SHIFT: "\uE008", ESCAPE: "\uE00C" };

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

async function count(s, css) {
  return s.exec(`return document.querySelectorAll(arguments[0]).length;`, [css]);
}

const current = (s) => s.exec(`const r = document.querySelector(".compare-row.current"); return r && Number(r.dataset.row);`);

test("a 50,000-word comparison: rows drawn on demand, changes, moves, review and find reach every row", async () => {
  const s = app.session;
  await s.el(".story-list");
  const [older, newer] = writeStoryPair(app.dir, 50_000);
  assert.equal(cli(app.db, "import", older, "--author", "Ana Ruiz").story, 1);
  assert.equal(cli(app.db, "save", "1", newer, "--author", "Tom Desk").revision, 2);
  // What the view must show, from the CLI on the same database.
  // (Some megabytes of JSON: more than `cli` reads.)
  const diff = JSON.parse(execFileSync(process.env.COPYDESK_CLI, ["--db", app.db, "diff", "1", "1", "2", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  const changedRows = diff.rows.flatMap((r, i) => (r.kind === "equal" ? [] : [i]));
  assert.ok(diff.rows.length > 1500 && changedRows.length > 300, `a big comparison (${diff.rows.length} rows, ${changedRows.length} changed)`);

  await s.exec("location.reload()");
  await waitFor(async () => {
    await s.click('.story-list tr.story-row[data-story="1"] .headline');
    return (await count(s, ".history li.revision")) === 2;
  }, "the story open with two revisions in history", 60000);
  // The last thing asked for wins: the story opened again and compared at
  // once, its 50,000 words arriving after the click on compare, keeps the
  // comparison open (they used to close it).
  await s.exec(`
    document.querySelector('.story-list tr.story-row[data-story="1"] .headline').click();
    document.querySelector('.history li[data-revision="2"] button.compare-prev').click();`);
  await waitFor(async () => (await count(s, ".compare-view .compare-row")) > 0, "the comparison rows", 60000);
  for (const end = Date.now() + 3000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    assert.equal(await count(s, ".compare-view"), 1, "the comparison stays open when the story arrives");
  }

  // Only what is on screen (and a margin) is drawn; the count covers all.
  const drawn = await count(s, ".compare-view .compare-row");
  assert.ok(drawn < 150, `only the rows on screen are drawn (${drawn})`);
  assert.equal(await s.text(".compare-view .position"), `– / ${changedRows.length}`);

  // A key press is answered at once: "j" makes the first change current.
  const answered = await s.exec(`
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
    return new Promise((done) => {
      const poll = () => (document.querySelector(".compare-row.current") ? done(performance.now() - t0) : setTimeout(poll, 5));
      poll();
    });`);
  assert.ok(answered < 1000, `"j" answered in ${answered.toFixed(0)} ms`);
  assert.equal(await current(s), changedRows[0]);

  // "k" at the first change stays there; the button goes on to the second.
  await s.keys("k");
  await waitFor(async () => (await current(s)) === changedRows[0], "still the first change");
  await s.click(".compare-view button.next-change");
  await waitFor(async () => (await current(s)) === changedRows[1], "the second change");
  assert.equal(await s.text(".compare-view .position"), `2 / ${changedRows.length}`);

  // The review panel shows any change, drawn or not: the last move's new place, then its link back.
  const moves = diff.changes.filter((c) => c.kind === "moved");
  assert.equal(moves.length, 3);
  const move = moves[moves.length - 1];
  const [, from, to] = /^paragraph (\d+) → (\d+)/.exec(move.where).map(Number);
  const toRow = diff.rows.findIndex((r) => r.kind === "moved" && r.right?.index === to - 1);
  const fromRow = diff.rows.findIndex((r) => r.kind === "moved" && r.left?.index === from - 1);
  await s.click(".compare-view button.review-toggle");
  await s.click(`.review-panel li.change[data-change="${move.id}"] button.pick`);
  await waitFor(async () => (await current(s)) === toRow, `the move's row ${toRow} current`);
  assert.match(await s.text(`.compare-row[data-row="${toRow}"] .move-link`), new RegExp(`Moved from ¶${from}`));
  await s.click(`.compare-row[data-row="${toRow}"] .move-link`);
  await waitFor(async () => (await count(s, `.compare-row[data-row="${fromRow}"].flash`)) === 1, `the other end (row ${fromRow}) drawn and flashing`);
  await s.click(".compare-view button.review-toggle");
  // The review may have switched to inline (a narrow window): back to side by side.
  if ((await count(s, ".compare-view .grid.inline")) === 1) await s.click("button.inline-toggle");
  await waitFor(async () => (await count(s, ".compare-view .grid.split")) === 1, "side by side");

  // Find works over every row, not only those drawn: Ctrl+F, a name the
  // generator scatters through the story, Shift+Enter back to the last match.
  await s.chord(KEY.CONTROL, "f");
  const input = await s.el(".compare-view .find-input");
  await input.type("pyongyang");
  await waitFor(async () => /^1 \/ \d+$/.test(await s.text(".compare-view .find-count")), "the first match of many");
  const total = Number((await s.text(".compare-view .find-count")).split(" / ")[1]);
  const inRows = diff.rows.reduce((n, r) => n + (r.left ? (r.left.segments.map((x) => x.text).join("").match(/pyongyang/gi) ?? []).length : 0) + (r.right ? (r.right.segments.map((x) => x.text).join("").match(/pyongyang/gi) ?? []).length : 0), 0);
  assert.equal(total, inRows, "every match in both columns of every row is counted");
  assert.ok(total > 100);
  await s.chord(KEYS.SHIFT, KEY.ENTER);
  await waitFor(async () => (await s.text(".compare-view .find-count")) === `${total} / ${total}`, "the last match");
  await waitFor(async () => (await s.text(".compare-view mark.current")).toLowerCase() === "pyongyang", "the last match drawn and marked");
  const lastRow = diff.rows.findLastIndex((r) => [r.left, r.right].some((x) => x && /pyongyang/i.test(x.segments.map((y) => y.text).join(""))));
  assert.equal(await s.exec(`return Number(document.querySelector(".compare-view mark.current").closest(".compare-row").dataset.row);`), lastRow);
  await s.screenshot("compare-large-find.png");
  // Esc closes the find bar first, then the comparison.
  await s.chord(KEYS.ESCAPE);
  await waitFor(async () => (await count(s, ".compare-view .find-bar")) === 0, "the find bar closed");
  assert.equal(await count(s, ".compare-view"), 1);
  await s.chord(KEYS.ESCAPE);
  await waitFor(async () => (await count(s, ".compare-view")) === 0, "the comparison closed");

  // Back in the editor, the story's thousands of spelling findings (the
  // generator's made-up words) are underlined but listed a page at a time:
  // drawing them all froze the window for seconds each time the editor
  // came back, and the next click waited.
  await waitFor(async () => (await count(s, ".findings-panel .finding")) > 0, "the findings listed");
  const started = Date.now();
  await s.exec("return 1");
  assert.ok(Date.now() - started < 2000, `the page answered in ${Date.now() - started} ms`);
  assert.equal(await count(s, ".findings-panel .finding"), 200);
  const more = await s.el(".findings-panel button.more");
  assert.match(await more.text(), /^Show 200 more of \d+/);
  await more.click();
  await waitFor(async () => (await count(s, ".findings-panel .finding")) === 400, "the next 200 findings");

  // The underlines too: only those near the screen are drawn (all of them
  // took the webview past a gigabyte), and they follow the body's scroll.
  const findings = Number(/of (\d+)/.exec(await s.text(".findings-panel button.more"))[1]) + 400;
  const drawnMarks = () =>
    s.exec(`
      const view = document.querySelector(".textwrap .backdrop").getBoundingClientRect();
      const marks = [...document.querySelectorAll(".textwrap .backdrop mark")].map((m) => m.getBoundingClientRect());
      return {
        count: marks.length,
        onScreen: marks.filter((m) => m.bottom > view.top && m.top < view.bottom).length,
        far: marks.filter((m) => m.bottom < view.top - 2 * view.height || m.top > view.bottom + 2 * view.height).length,
      };`);
  for (const at of ["top", "end"]) {
    if (at === "end") {
      await s.exec(`const t = document.querySelector("textarea[aria-label=Body]"); t.scrollTop = t.scrollHeight;`);
    }
    await waitFor(async () => {
      const m = await drawnMarks();
      return m.onScreen > 0 && m.far === 0;
    }, `the underlines on screen at the ${at}, none far from it`);
    const m = await drawnMarks();
    assert.ok(m.count < findings / 10, `${m.count} of ${findings} underlines drawn at the ${at}`);
  }

  // The layer is cut into paragraphs and pieces, yet lays out as the
  // textarea does (the same height, so each mark under its word); also when
  // the whole story is one paragraph, cut into pieces inside it.
  const heights = () =>
    s.exec(`return [".textwrap .backdrop", "textarea[aria-label=Body]"].map((q) => document.querySelector(q).scrollHeight);`);
  const [layer, body] = await heights();
  assert.equal(layer, body, "the underline layer is as tall as the body");
  await s.exec(`const t = document.querySelector("textarea[aria-label=Body]");
    t.value = t.value.replace(/\\n+/g, " ") + "\\n";
    t.dispatchEvent(new Event("input", { bubbles: true }));
    t.scrollTop = t.scrollHeight / 2;`);
  await waitFor(async () => (await drawnMarks()).onScreen > 0, "underlines in the one long paragraph", 60000);
  const [oneLayer, oneBody] = await heights();
  assert.ok(oneBody < body, "one paragraph is shorter than many");
  assert.equal(oneLayer, oneBody, "the layer of one long paragraph is as tall as the body");
});
