// The text check in the editor: type a misspelling and see it underlined and
// listed (in the findings panel beside the body, with counts in the story bar),
// move the caret into it and apply the suggestion from the popover at the
// word, add a name to the desk dictionary and see it go, ignore a style
// finding, fix a headline misspelling from the panel; then the compare view
// says what a revision introduced and fixed.
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

const finding = (rule, text) => `.findings-panel li.finding[data-rule="${rule}"][data-text="${text}"]`;
const exists = async (s, css) => (await s.findAll(css)).length > 0;
const ALT = "\uE00A";
const HOME = "\uE011";
const RIGHT = "\uE014";
const ESC = "\uE00C";
/** Presses and releases each key in turn. */
const press = (s, ...keys) =>
  s.cmd("POST", "/actions", { actions: [{ type: "key", id: "kb", actions: keys.flatMap((value) => [{ type: "keyDown", value }, { type: "keyUp", value }]) }] });
const focused = (s) => s.exec(`const a = document.activeElement; return [a.tagName.toLowerCase(), ...[...a.classList].filter((c) => !c.startsWith("svelte-"))].join(".");`);

test("findings beside the body: apply, add to the desk dictionary, ignore; counts in the story bar", async () => {
  const s = app.session;
  await s.el(".story-list");
  await (await s.el("header button.primary")).click();
  await (await s.el("input.headline")).type("Council backs flood wall");
  const body = await s.el("textarea");
  await body.type("The councel voted on Tuesday. Mayor Okonkwo said the US plan works.");

  await s.el(finding("spelling", "councel"));
  await s.el(finding("name", "Okonkwo"));
  await s.el(finding("us", "US"));
  await waitFor(async () => /1 spelling, 1 style, 1 name to check/.test(await s.text(".storybar .check-counts")), "the counts in the story bar");
  // Underlined in the body, one colour a kind.
  const underlined = () => s.exec(`return [...document.querySelectorAll(".textwrap .backdrop mark")].map((m) => [m.className.split(" ").find((c) => c.startsWith("u-")), m.textContent]);`);
  await waitFor(async () => (await underlined()).length === 3, "three underlines");
  assert.deepEqual(await underlined(), [["u-spelling", "councel"], ["u-name", "Okonkwo"], ["u-style", "US"]]);
  await s.screenshot("check-findings.png");

  // Keyboard: Tab from the body reaches the findings.
  await body.click();
  await s.keys(KEY.TAB);
  assert.ok(await s.exec(`return !!document.activeElement.closest(".findings-panel");`), "Tab from the body lands in the findings");

  // The caret in the misspelling: the popover at the word, its suggestion
  // the panel's; Alt+Enter moves focus into it, Esc closes it.
  const suggested = await s.text(`${finding("spelling", "councel")} .suggested`);
  assert.ok(suggested.length > 0);
  await body.click();
  await s.chord(KEY.CONTROL, HOME);
  await press(s, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT);
  await waitFor(async () => (await exists(s, ".finding-popover")) && (await s.text(".finding-popover .pop-text")) === "councel", "the popover at the word");
  assert.equal(await s.text(".finding-popover .pop-suggestion"), suggested);
  // Anchored under the word: its left edge at the underline's.
  const [popLeft, markLeft, popTop, markBottom] = await s.exec(`const p = document.querySelector(".finding-popover").getBoundingClientRect(); const m = document.querySelector(".backdrop mark.u-spelling").getBoundingClientRect(); return [p.left, m.left, p.top, m.bottom];`);
  assert.ok(Math.abs(popLeft - markLeft) < 2 && popTop >= markBottom && popTop - markBottom < 12, `popover at ${popLeft},${popTop}, word at ${markLeft},${markBottom}`);
  await press(s, ESC);
  await waitFor(async () => !(await exists(s, ".finding-popover")), "Esc to close the popover");
  assert.equal(await focused(s), "textarea");
  await s.chord(ALT, KEY.ENTER);
  await waitFor(async () => (await focused(s)) === "button.small.apply", "Alt+Enter to focus the popover's Apply");
  await new Promise((r) => setTimeout(r, 300));
  await s.screenshot("check-popover.png");
  await s.click(".finding-popover button.apply");
  await waitFor(async () => (await body.prop("value")).startsWith(`The ${suggested} voted`), "the suggestion in the body");
  await waitFor(async () => !(await exists(s, ".finding-popover")), "the popover to close");
  assert.equal(await focused(s), "textarea", "focus back in the body");
  await waitFor(async () => !(await exists(s, finding("spelling", "councel"))), "the misspelling to go");
  await waitFor(async () => (await underlined()).every(([k]) => k !== "u-spelling"), "the misspelling's underline to go");

  // The name, once in the desk dictionary, is known: for everyone on this database.
  await s.click(`${finding("name", "Okonkwo")} button.add-word`);
  await waitFor(async () => !(await exists(s, finding("name", "Okonkwo"))), "the name to go");
  await waitFor(async () => (await underlined()).every(([k]) => k !== "u-name"), "the name's underline to go");
  assert.deepEqual(cli(app.db, "dictionary", "list").words, ["Okonkwo"]);

  // Ignore here: gone from the list, the text unchanged.
  await s.click(`${finding("us", "US")} button.ignore`);
  await waitFor(async () => !(await exists(s, finding("us", "US"))), "the ignored finding to go");
  assert.match(await body.prop("value"), /the US plan/);
  await waitFor(async () => /0 spelling, 0 style/.test(await s.text(".storybar .check-counts")), "counts of zero");

  // The headline is checked too: listed in the panel, applied there.
  const headline = await s.el("input.headline");
  await headline.type(" after flod");
  await s.el(`${finding("spelling", "flod")}[data-field="headline"]`);
  assert.match(await s.text(`${finding("spelling", "flod")} .where`), /^Headline/);
  await s.click(`${finding("spelling", "flod")} button.apply`);
  await waitFor(async () => /^Council backs flood wall after \w+$/.test(await headline.prop("value")) && !(await headline.prop("value")).includes("flod"), "the headline fixed");
  await waitFor(async () => /0 spelling, 0 style/.test(await s.text(".storybar .check-counts")), "counts of zero again");

  // Save r1, then an edit that fixes one style issue and introduces two.
  await s.click("button.save");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 1, "revision 1");
  await body.clear();
  await body.type("The council voted on Tuesday at 10 AM. Mayor Okonkwo said the U.S. plan works, the the mayor said.");
  await s.click("button.save");
  await waitFor(async () => (await s.findAll(".history li.revision")).length === 2, "revision 2");

  await s.click('.history li[data-revision="2"] input.pick');
  await s.click('.history li[data-revision="1"] input.pick');
  await s.click("button.compare-picked");
  await s.el(".compare-view");
  await waitFor(
    async () => (await s.text(".compare-view .check-summary")) === "r2 introduced 2 style issues, fixed 1",
    "the introduced/fixed line",
  );
  await s.click(".compare-view button.toggle-check-changes");
  const items = await s.exec(`return [...document.querySelectorAll(".check-change-list li")].map((e) => e.textContent);`);
  assert.equal(items.filter((t) => t.startsWith("Introduced")).length, 2, items.join(" | "));
  assert.ok(items.some((t) => t.startsWith("Fixed") && t.includes("US")), items.join(" | "));
  await s.screenshot("check-compare.png");
});
