// Structured wire input end to end in the real app: paste a ninjs JSON
// document and an NITF XML document into the Import dialog, check the
// preview's headline, byline and credits, import each.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, waitFor, cli, ROOT } from "./webdriver.mjs";

const WIRE = join(ROOT, "tests", "fixtures", "wire");

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

/** Pastes `text` into the Import dialog and waits for the preview. */
async function preview(s, text, headline) {
  await (await s.el("button.import")).click();
  await paste(s, ".import-dialog textarea.paste", text);
  await (await s.find("button.parse")).click();
  await waitFor(
    async () => headline.test(await (await s.find(".import-dialog input.headline")).prop("value")),
    "the parsed headline in the preview",
  );
}

/** Imports the previewed story and waits for it to open. */
async function doImport(s) {
  await (await s.find("button.do-import")).click();
  await waitFor(async () => (await s.findAll(".import-dialog")).length === 0, "the import dialog to close");
}

test("paste ninjs JSON: preview shows headline and credits, import", async () => {
  const s = app.session;
  await s.el(".story-list");
  await preview(s, readFileSync(join(WIRE, "agency-2.2.json"), "utf8"), /Arctic rescue fleet/);
  assert.match((await texts(s, ".import-dialog .byline"))[0], /Anna Kovac and David Osei/);
  const names = await texts(s, ".import-dialog .credits .name");
  assert.deepEqual(names, ["Anna Kovac", "David Osei", "Liisa Virtanen"]);
  const meta = await texts(s, ".import-dialog .credits .meta");
  assert.ok(meta.some((m) => m.includes("Helsinki, Finland")), `credit details: ${meta.join(" | ")}`);
  assert.match((await texts(s, ".import-dialog .photo-credit"))[0], /AP Photo\/Erik Lund/);
  const body = await texts(s, ".preview-body li");
  assert.ok(!body.some((t) => t.includes("<p") || t.includes("&mdash;")), `no markup in the body: ${body.join(" | ")}`);
  await s.screenshot("wire-ninjs.png");
  await doImport(s);
  await waitFor(async () => /Arctic rescue fleet/.test(await (await s.el("input.headline")).prop("value")), "the story open");

  const shown = cli(app.db, "show", "1");
  assert.equal(shown.dateline, "TROMSO, Norway (AP)");
  assert.equal(shown.credits.find((c) => c.name === "Liisa Virtanen")?.role, "contributor");
  assert.equal(shown.photos[0].photographer, "Erik Lund");
});

test("paste NITF XML with media: preview shows headline, credits and photos, import", async () => {
  const s = app.session;
  await preview(s, readFileSync(join(WIRE, "media.nitf.xml"), "utf8"), /Leaders meet at remote port/);
  assert.deepEqual(await texts(s, ".import-dialog .credits .name"), ["Hyung-jin Kim", "Jim Heintz"]);
  const credits = await texts(s, ".import-dialog .photo-credit");
  assert.equal(credits.length, 2);
  assert.match(credits[0], /Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP/);
  await s.screenshot("wire-nitf.png");
  await doImport(s);
  await waitFor(async () => /Leaders meet/.test(await (await s.el("input.headline")).prop("value")), "the story open");

  const shown = cli(app.db, "show", "2");
  assert.equal(shown.section, "World");
  assert.equal(shown.photos.length, 2);
  assert.equal(shown.copyright, "Copyright 2023 The Associated Press. All rights reserved.");
});
