// The app killed outright (SIGKILL, as a crash or a power cut would) while
// it autosaves during typing: started again on the same database, every
// revision it acknowledged is there, `copydesk check` passes, and the edits
// typed since the last autosave are offered back as a recovery draft.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { launchApp, waitFor, cli, KEY } from "./webdriver.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The newest revision the window's history shows as saved (runs of
 * autosaves are folded into one line, "r3–r7"). */
const shownLatest = (s) =>
  s.exec(`
    const nums = [...document.querySelectorAll(".history li.revision[data-revision]")].map((li) => +li.dataset.revision);
    for (const f of document.querySelectorAll(".history li.autosave-fold")) {
      const m = f.textContent.match(/r(\\d+)\\D+r(\\d+)/);
      if (m) nums.push(+m[1], +m[2]);
    }
    return Math.max(0, ...nums);`);

/** `copydesk check --json` on `db`; throws (exit status non-zero) on any problem. */
function check(db) {
  const env = { ...process.env, COPYDESK_SETTINGS: join(dirname(db), "settings.json") };
  return JSON.parse(
    execFileSync(process.env.COPYDESK_CLI, ["--db", db, "check", "--json"], { encoding: "utf8", env }),
  );
}

test("a crash while autosaving during typing loses no acknowledged revision", async () => {
  const first = await launchApp();
  let s = first.session;
  let acknowledged;
  const AUTOSAVE_MS = 2500;
  try {
    await s.el(".story-list");
    await s.exec(`localStorage.setItem("copydesk.autosave-ms", "${AUTOSAVE_MS}"); location.reload();`);
    await s.el(".story-list");
    await s.click("header button.new-story");
    await (await s.el("input.headline")).type("Bridge closed for repairs");
    await (await s.el("textarea")).type("The bridge closed on Monday.");
    await s.click("button.save");
    await waitFor(async () => (await shownLatest(s)) === 1, "revision 1");

    // Type in bursts, pausing long enough for the recovery copy (a second
    // after the last keystroke) and letting autosaves land in between.
    for (let i = 1; (await shownLatest(s)) < 4; i++) {
      assert.ok(i < 40, "autosaves should have happened by now");
      await (await s.el("textarea")).type(` Sentence ${i} about the repairs.`);
      await sleep(700);
    }
    // Right after an autosave, type once more and stop: the recovery copy
    // is written, the next autosave is still pending when the app dies.
    await waitFor(async () => /All changes saved/.test(await s.text(".savebar .state")), "an autosave", 15000);
    await (await s.el("textarea")).type(" The last sentence, typed just before the crash.");
    await sleep(1400);
    acknowledged = await shownLatest(s);
    assert.ok(acknowledged >= 4, `${acknowledged} revisions acknowledged`);
  } finally {
    await first.kill();
  }

  // Every revision the window showed as saved is in the database, whole.
  const history = cli(first.db, "history", "1");
  assert.ok(history.length >= acknowledged, `${history.length} stored, ${acknowledged} acknowledged`);
  const numbers = new Set(history.map((r) => r.revision));
  for (let n = 1; n <= acknowledged; n++) assert.ok(numbers.has(n), `revision ${n} is there`);
  const report = check(first.db);
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.equal(report.revisions_checked, history.length);
  const latest = cli(first.db, "show", "1");
  assert.match(latest.body.join(" "), /Sentence 1 about the repairs/);
  assert.doesNotMatch(latest.body.join(" "), /typed just before the crash/, "the last words were not autosaved");

  const again = await launchApp({ dir: first.dir });
  s = again.session;
  try {
    const offer = await s.el(".recovered");
    assert.match(await offer.text(), /Bridge closed for repairs/);
    assert.match(await offer.text(), new RegExp(`edited from revision ${history.length}\\b`));
    await s.click(".recovered button.recover");
    await waitFor(
      async () => /typed just before the crash\.$/.test(await (await s.find("textarea")).prop("value")),
      "the recovered text in the editor",
    );
    // Against the latest revision, the recovered text is an unsaved change.
    assert.match(await s.text(".savebar .state"), /Unsaved changes/);
    await s.chord(KEY.CONTROL, "s");
    await waitFor(async () => cli(again.db, "history", "1").length === history.length + 1, "the recovered text saved");
    assert.match(cli(again.db, "show", "1").body.join(" "), /typed just before the crash/);
    assert.equal(check(again.db).ok, true);
  } finally {
    await s.exec('localStorage.removeItem("copydesk.autosave-ms");').catch(() => {});
    await again.stop();
  }
});
