//! The `copydesk` CLI, run as a user would run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("scratch.db");
        Env { dir, db }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("COPYDESK_DB")
            // The user's own settings (name, database) must not leak in.
            .env("COPYDESK_SETTINGS", self.dir.path().join("settings.json"))
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        let s = self.ok(&a);
        serde_json::from_str(&s).unwrap_or_else(|e| panic!("not one JSON document ({e}): {s}"))
    }

    fn fail(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should have failed");
        assert!(out.stdout.is_empty(), "a failure prints nothing on stdout");
        String::from_utf8(out.stderr).unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }

    fn db_bytes(&self) -> Option<Vec<u8>> {
        // Fold the WAL into the main file so the comparison sees everything.
        if self.db.exists() {
            let c = rusqlite::Connection::open(&self.db).unwrap();
            c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        }
        std::fs::read(&self.db).ok()
    }
}

/// An invented wire story as copied from a news site: section, photo credit,
/// page clutter, a tag line crediting ten people, the agency's copyright.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wire-raw.txt")
}

#[test]
fn import_edit_save_history_restore_round_trip() {
    let env = Env::new();
    let fixture = fixture();
    let imported = env.json(&["import", fixture.to_str().unwrap(), "--author", "Ana Ruiz"]);
    assert_eq!(imported["story"], 1);
    assert_eq!(imported["revision"], 1);
    assert!(imported["headline"]
        .as_str()
        .unwrap()
        .starts_with("Nordic ministers back a joint Arctic rescue fleet"));
    assert_eq!(imported["section"], "Europe");
    assert_eq!(imported["copyright"], "Copyright The Associated Press");
    assert_eq!(imported["photos"][0]["photographer"], "Erik Solberg");
    assert_eq!(
        imported["photos"][0]["sources"],
        serde_json::json!(["NTB", "Government Pool Photo"])
    );
    let credits = imported["credits"].as_array().unwrap();
    assert_eq!(credits.len(), 10);
    assert_eq!(credits[0]["name"], "Halvorsen");
    assert_eq!(credits[0]["role"], "author");
    assert_eq!(credits[0]["location"], "Tromso, Norway");
    let flagged: Vec<&str> = imported["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(
        flagged.contains(&"Exit mobile version") && flagged.contains(&"U.S. & World"),
        "{flagged:?}"
    );
    assert!(imported["flagged"][0]["reason"].as_str().is_some_and(|r| !r.is_empty()));
    assert!(imported["body"].as_array().unwrap().len() > 10);

    let r1_text = env.ok(&["export", "1", "--format", "text"]);
    // Saving the export unchanged creates nothing.
    let same = env.file("same.txt", r1_text.as_bytes());
    let out = env.json(&["save", "1", &same]);
    assert_eq!(out["outcome"], "unchanged");
    assert_eq!(out["revision"], 1);
    assert!(env.ok(&["save", "1", &same]).contains("nothing saved"));

    let edited = r1_text
        .replacen("about 200 kilometers", "about 210 kilometers", 1)
        .replace("40 seconds", "45 seconds");
    assert_ne!(edited, r1_text);
    let edited = env.file("edited.txt", edited.as_bytes());
    let out = env.json(&["save", "1", &edited, "--author", "Ben Osei", "--note", "fix distance"]);
    assert_eq!(
        (out["outcome"].as_str(), out["revision"].as_u64()),
        (Some("saved"), Some(2))
    );

    let history = env.json(&["history", "1"]);
    let h = history.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0]["revision"], 2);
    assert_eq!(h[0]["author"], "Ben Osei");
    assert_eq!(h[0]["note"], "fix distance");
    assert_eq!(h[0]["kind"], "manual");
    assert_eq!(h[1]["author"], "Ana Ruiz");
    assert_eq!(h[1]["kind"], "import");
    for r in h {
        chrono::DateTime::parse_from_rfc3339(r["created_at"].as_str().unwrap()).expect("RFC 3339 time");
        assert!(r["words"].as_u64().unwrap() > 500);
    }

    env.ok(&["restore", "1", "1", "--author", "Cy"]);
    let h = env.json(&["history", "1"]);
    assert_eq!(h[0]["revision"], 3);
    assert_eq!(h[0]["kind"], "restore");
    assert_eq!(
        env.ok(&["export", "1", "--revision", "3", "--format", "text"]),
        r1_text.replace("Revision: 1\n", "Revision: 3\n"),
        "a restore holds revision 1's content"
    );
    assert_ne!(env.ok(&["export", "1", "--revision", "2", "--format", "text"]), r1_text);

    let show = env.json(&["show", "1", "--revision", "2"]);
    assert_eq!(show["revision"], 2);
    assert!(show["body"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p.as_str().unwrap().contains("around 45 seconds")));

    let list = &env.json(&["list"])["stories"];
    assert_eq!(list[0]["id"], 1);
    assert_eq!(list[0]["revisions"], 3);
    assert_eq!(list[0]["status"], "draft");
}

#[test]
fn bad_files_fail_clearly_and_leave_the_database_unchanged() {
    let env = Env::new();
    let good = env.file("good.txt", b"Headline\n\nBody.\n");
    env.ok(&["import", &good]);
    let before = env.db_bytes().unwrap();

    let dir = env.dir.path().to_str().unwrap().to_string();
    let cases: Vec<(String, &str)> = vec![
        (format!("{dir}/missing.txt"), "no such file"),
        (dir.clone(), "directory"),
        (env.file("bin.dat", b"\x7fELF\x02\x01\x01\0\0\0\0\0"), "binary"),
        (env.file("latin1.txt", b"Caf\xe9 society\n\nBody"), "UTF-8"),
        (env.file("empty.txt", b""), "empty"),
        (env.file("blank.txt", b"\n  \n\t\n"), "empty"),
        (env.file("oneline.txt", "x".repeat(300_000).as_bytes()), "line of"),
    ];
    for (path, why) in &cases {
        for cmd in [vec!["import", path.as_str()], vec!["save", "1", path.as_str()]] {
            let err = env.fail(&cmd);
            assert!(err.contains(why), "{cmd:?}: expected {why:?} in {err}");
            assert!(err.starts_with("copydesk: "), "{err}");
        }
    }
    assert_eq!(env.db_bytes().unwrap(), before, "the database changed");
    assert_eq!(env.json(&["history", "1"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_bad_file_does_not_even_create_the_database() {
    let env = Env::new();
    let empty = env.file("empty.txt", b"");
    env.fail(&["import", &empty]);
    assert!(!env.db.exists());
}

#[test]
fn unknown_story_and_revision_tell_what_to_do() {
    let env = Env::new();
    assert!(env.fail(&["history", "9"]).contains("copydesk list"));
    let good = env.file("good.txt", b"Headline\n\nBody.\n");
    env.ok(&["import", &good]);
    assert!(env
        .fail(&["show", "1", "--revision", "5"])
        .contains("copydesk history 1"));
    assert!(env.fail(&["restore", "1", "5"]).contains("no revision 5"));
}

#[test]
fn a_corrupt_database_is_reported_not_overwritten() {
    let env = Env::new();
    std::fs::write(&env.db, b"definitely not sqlite".repeat(100)).unwrap();
    let err = env.fail(&["list"]);
    assert!(err.contains("not a Copydesk database"), "{err}");
    assert_eq!(std::fs::read(&env.db).unwrap(), b"definitely not sqlite".repeat(100));
}

#[test]
fn db_can_come_from_the_environment() {
    let env = Env::new();
    let good = env.file("good.txt", b"Headline\n\nBody.\n");
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["import", &good, "--json"])
        .env("COPYDESK_DB", &env.db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env.db.exists());
    assert_eq!(env.json(&["list"])["total"], 1);
}

#[test]
fn human_output_is_readable() {
    let env = Env::new();
    assert!(env.ok(&["list"]).contains("No stories yet"));
    let good = env.file("good.txt", b"Council votes 5-4\n\nThe council voted.\n");
    assert!(env
        .ok(&["import", &good])
        .contains("Imported story 1 at revision 1: Council votes 5-4"));
    let list = env.ok(&["list"]);
    assert!(list.contains("Council votes 5-4") && list.contains("draft"), "{list}");
    assert!(env.ok(&["history", "1"]).contains("import"));
}

#[test]
fn export_formats_from_the_cli() {
    let env = Env::new();
    let good = env.file("good.txt", b"Budget <b>passes</b>\n\nThe council voted 5-4.\n");
    env.ok(&["import", &good]);
    let html = env.ok(&["export", "1", "--format", "html"]);
    assert!(html.contains("Budget &lt;b&gt;passes&lt;/b&gt;"), "{html}");
    let ninjs: Value = serde_json::from_str(&env.ok(&["export", "1", "--format", "ninjs"])).unwrap();
    assert_eq!(ninjs["version"], "1");
    let md = env.ok(&["export", "1", "--format", "Markdown"]);
    assert!(md.starts_with("# Budget"), "{md}");
    let out = env.dir.path().join("out.json");
    env.ok(&["export", "1", "--format", "ninjs3", "-o", out.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("versionCreated"));
    let err = env.fail(&["export", "1", "--format", "pdf"]);
    assert!(err.contains("markdown") && err.contains("ninjs3"), "{err}");
}

#[test]
fn the_text_export_of_an_imported_raw_story_imports_back_identically() {
    let env = Env::new();
    env.ok(&["import", fixture().to_str().unwrap()]);
    let text = env.ok(&["export", "1", "--format", "text"]);
    let file = env.file("export.txt", text.as_bytes());
    env.ok(&["import", &file]);
    let a = env.json(&["show", "1"]);
    let b = env.json(&["show", "2"]);
    for key in [
        "headline",
        "dek",
        "section",
        "dateline",
        "credits",
        "photos",
        "body",
        "copyright",
        "flagged",
    ] {
        assert_eq!(a[key], b[key], "{key} differs after export and re-import");
    }
}

#[test]
fn diff_and_blame_from_the_cli() {
    let env = Env::new();
    let a = env.file("a.txt", b"Storm nears coast\n\nWinds reached 90 mph, officials said.\n\n\"We are ready,\" Mayor Ana Ruiz said.\n\nSchools will close.\n");
    let b = env.file("b.txt", b"Storm nears coast\n\nSchools will close.\n\nWinds reached 110 mph, officials said.\n\n\"We are ready,\" Mayor Ana Ruiz said.\n");
    let c: Value = env.json(&["diff", "--files", &a, &b]);
    assert_eq!(c["alerts"][0]["kind"], "number");
    assert_eq!(c["alerts"][0]["before"], "90 mph");
    assert_eq!(c["alerts"][0]["after"], "110 mph");
    assert_eq!(
        c["alerts"].as_array().unwrap().len(),
        1,
        "unchanged quote raised an alert: {c}"
    );
    assert!(
        c["rows"].as_array().unwrap().iter().any(|r| r["kind"] == "moved"),
        "{c}"
    );

    // Plain output is readable text without colour codes when piped.
    let plain = env.ok(&["diff", "--files", &a, &b]);
    assert!(plain.contains("110") && !plain.contains('\u{1b}'), "{plain}");
    let html = env.ok(&["diff", "--files", &a, &b, "--format", "html"]);
    assert!(
        html.contains("<!DOCTYPE html") || html.contains("<!doctype html"),
        "{html}"
    );
    assert!(html.contains("&quot;We are ready,&quot;") || html.contains("\"We are ready,\""));
    // `-o` writes what stdout would have shown, in every format.
    let out = env.dir.path().join("redline.out");
    let o = out.to_str().unwrap();
    for (args, shown) in [
        (vec!["--format", "html"], html.clone()),
        (vec![], plain.clone()),
        (vec!["--json"], env.ok(&["diff", "--files", &a, &b, "--json"])),
    ] {
        let mut cmd = vec!["diff", "--files", &a, &b, "-o", o];
        cmd.extend(args);
        assert_eq!(env.ok(&cmd), "", "nothing on stdout with -o");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), shown);
    }
    let err = env.fail(&["diff", "--files", &a, &b, "-o", env.dir.path().to_str().unwrap()]);
    assert!(
        err.contains(env.dir.path().to_str().unwrap()),
        "the failed output is named: {err}"
    );

    env.ok(&["import", &a, "--author", "ana"]);
    env.ok(&["save", "1", &b, "--author", "ben"]);
    let stored: Value = env.json(&["diff", "1", "1", "2"]);
    assert_eq!(stored["alerts"], c["alerts"]);
    let blame = env.json(&["blame", "1"]);
    let lines = blame.as_array().unwrap();
    assert_eq!(lines.len(), 3);
    let by_text = |t: &str| {
        lines
            .iter()
            .find(|l| l["text"].as_str().unwrap().contains(t))
            .unwrap()
            .clone()
    };
    assert_eq!(by_text("110 mph")["author"], "ben");
    assert_eq!(by_text("We are ready")["author"], "ana");
    assert!(env.fail(&["diff", "1", "1", "7"]).contains("no revision 7"));
}

#[test]
fn a_fifty_megabyte_line_is_refused_and_creates_nothing() {
    let env = Env::new();
    let huge = env.file("huge.txt", &vec![b'x'; 50 * 1024 * 1024]);
    let err = env.fail(&["import", &huge]);
    assert!(err.contains("not a story") && err.contains("MB"), "{err}");
    assert!(!env.db.exists());
}

#[test]
fn saves_killed_mid_write_lose_nothing_acknowledged() {
    let env = Env::new();
    let first = env.file("r.txt", b"Headline\n\nParagraph 0.\n");
    env.ok(&["import", &first]);
    let mut acknowledged = vec![1u64];
    for i in 1..=24u32 {
        let body: String = (0..=i)
            .map(|n| format!("Paragraph {n} of a growing story.\n\n"))
            .collect();
        let file = env.file(&format!("r{i}.txt"), format!("Headline\n\n{body}").as_bytes());
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["--db", env.db.to_str().unwrap(), "save", "1", &file, "--json"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Kill every third save at a varying moment, possibly mid-transaction.
        if i % 3 == 0 {
            std::thread::sleep(std::time::Duration::from_micros(300 * u64::from(i)));
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            acknowledged.push(v["revision"].as_u64().unwrap());
        }
    }
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let history = env.json(&["history", "1"]);
    let numbers: Vec<u64> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_u64().unwrap())
        .collect();
    // Numbers are contiguous (newest first) and every acknowledged save is there.
    assert!(numbers.windows(2).all(|w| w[0] == w[1] + 1), "{numbers:?}");
    for n in &acknowledged {
        assert!(numbers.contains(n), "acknowledged revision {n} lost: {numbers:?}");
    }
    assert!(acknowledged.len() >= 16, "too few saves completed: {acknowledged:?}");
}

#[test]
fn desk_commands_move_shelve_name_and_find_stories() {
    let env = Env::new();
    let a = env.file("a.txt", b"Summit opens in Vladivostok\n\nLeaders arrived.\n");
    let b = env.file("b.txt", b"Council votes\n\nThe summit was mentioned.\n");
    env.json(&["import", &a]);
    env.json(&["import", &b]);
    let found = &env.json(&["list", "--search", "summit"])["stories"];
    assert_eq!(found[0]["id"], 1, "the headline match ranks first: {found}");
    assert_eq!(
        found[0]["matches"]["headline"][0],
        serde_json::json!({"text": "Summit", "hit": true})
    );
    assert_eq!(found[0]["slug"], "Summit-Opens-Vladivostok");

    let refused = env.fail(&["status", "1", "published"]);
    assert!(refused.contains("cannot go from Draft to Published"), "{refused}");
    assert_eq!(
        env.json(&["status", "1", "editing", "--author", "ben"])["kind"],
        "status"
    );
    assert_eq!(env.json(&["list", "--status", "editing"])["total"], 1);
    let sorted = &env.json(&["list", "--sort", "headline", "--ascending"])["stories"];
    assert_eq!(sorted[0]["headline"], "Council votes");

    assert_eq!(env.json(&["name", "1", "2", "Sent to desk"])["name"], "Sent to desk");
    assert_eq!(env.json(&["duplicate", "1"])["kind"], "duplicate");
    env.ok(&["archive", "2"]);
    env.ok(&["trash", "3"]);
    assert_eq!(env.json(&["list"])["total"], 1);
    assert_eq!(env.json(&["list", "--view", "archived"])["stories"][0]["id"], 2);
    assert!(env.fail(&["empty-trash"]).contains("--yes"));
    assert_eq!(
        env.json(&["list", "--view", "trash"])["total"],
        1,
        "nothing deleted without --yes"
    );
    assert_eq!(env.json(&["empty-trash", "--yes"])["deleted"], 1);
    assert!(env.fail(&["show", "3"]).contains("does not exist"));
    assert_eq!(
        env.json(&["history", "1", "--kind", "status"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_author_comes_from_the_settings_unless_given() {
    let env = Env::new();
    std::fs::write(env.dir.path().join("settings.json"), r#"{"author": "Ana Ruiz"}"#).unwrap();
    let a = env.file("a.txt", b"Headline\n\nBody.\n");
    assert_eq!(env.json(&["import", &a]).get("story").unwrap(), 1);
    assert_eq!(env.json(&["history", "1"])[0]["author"], "Ana Ruiz");
    assert_eq!(
        env.json(&["status", "1", "editing", "--author", "Ben"])["author"],
        "Ben"
    );
}

/// A story of five paragraphs saved by Ana Ruiz; its id.
fn merge_story(env: &Env) -> i64 {
    let text = "Storm hits the coast\n\n\
                Winds of 90 mph hit the coast on Tuesday, the weather service said.\n\n\
                \"We have never seen anything like it,\" said Mayor Ana Ruiz.\n\n\
                Schools in three counties were closed and 40,000 homes lost power.\n\n\
                Forecasters expect the storm to weaken by Thursday as it moves inland.\n\n\
                The last storm of this strength hit the region in 1998.\n";
    let f = env.file("storm.txt", text.as_bytes());
    let out = env.json(&["import", &f, "--author", "Ana Ruiz"]);
    out["story"].as_i64().unwrap()
}

/// Two exports of the same revision, each edited in its own way.
fn two_exports(env: &Env, story: i64, edit_a: (&str, &str), edit_b: (&str, &str)) -> (String, String) {
    let text = env.ok(&["export", &story.to_string(), "--format", "text"]);
    assert!(text.contains("Revision: 1\n"), "{text}");
    let a = env.file("a.txt", text.replace(edit_a.0, edit_a.1).as_bytes());
    let b = env.file("b.txt", text.replace(edit_b.0, edit_b.1).as_bytes());
    (a, b)
}

#[test]
fn two_exports_edited_in_different_paragraphs_merge_into_one_revision() {
    let env = Env::new();
    let id = merge_story(&env);
    let s = id.to_string();
    let (a, b) = two_exports(&env, id, ("90 mph", "60 mph"), ("Thursday", "Friday"));
    let first = env.json(&["save", &s, &a, "--author", "Tom Price"]);
    assert_eq!(
        (first["revision"].as_u64(), first["kind"].as_str()),
        (Some(2), Some("manual"))
    );
    // The second file was exported from revision 1 too: it merges.
    let second = env.json(&["save", &s, &b, "--author", "Li Wei"]);
    assert_eq!(second["story"].as_i64(), Some(id));
    assert_eq!(second["revision"].as_u64(), Some(3));
    assert_eq!(second["kind"], "merge");
    assert_eq!(second["merged"], serde_json::json!([1, 2]));
    // Both edits are in the story, and the merge lists the number it brought.
    let latest = env.ok(&["export", &s, "--format", "text"]);
    assert!(
        latest.contains("Winds of 60 mph") && latest.contains("weaken by Friday"),
        "{latest}"
    );
    assert!(latest.contains("Revision: 3\n"));
    let alerts = second["alerts"].as_array().unwrap();
    assert!(
        alerts
            .iter()
            .any(|a| a["side"] == "theirs" && a["alert"]["after"] == "60 mph"),
        "{alerts:?}"
    );
    let history = env.json(&["history", &s]);
    assert_eq!(history[0]["kind"], "merge");
    assert_eq!(
        (history[0]["parent"].as_u64(), history[0]["merge_base"].as_u64()),
        (Some(2), Some(1))
    );
    let plain = env.ok(&["history", &s]);
    assert!(plain.contains("merge of r1 and r2"), "{plain}");
}

#[test]
fn two_exports_edited_in_the_same_words_conflict_and_save_nothing() {
    let env = Env::new();
    let id = merge_story(&env);
    let s = id.to_string();
    let (a, b) = two_exports(&env, id, ("90 mph", "60 mph"), ("90 mph", "70 mph"));
    env.ok(&["save", &s, &a, "--author", "Tom Price"]);
    let before = env.db_bytes();
    let out = env.run(&["save", &s, &b, "--author", "Li Wei"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("paragraph 1 changed by both r2 (Tom Price) and this file"),
        "{err}"
    );
    assert!(err.contains("nothing was saved"), "{err}");
    assert_eq!(env.db_bytes(), before, "a conflict writes nothing");
    // --json lists each conflict with the three texts.
    let out = env.run(&["save", &s, &b, "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &doc["conflicts"][0];
    assert_eq!(c["where"], "paragraph 1");
    assert!(c["base"].as_str().unwrap().contains("90 mph"));
    assert!(c["theirs"].as_str().unwrap().contains("60 mph"));
    assert!(c["ours"].as_str().unwrap().contains("70 mph"));
    assert_eq!(env.json(&["history", &s]).as_array().unwrap().len(), 2);
    // --force overwrites, on purpose, and says what it overwrote.
    let forced = env.json(&["save", &s, &b, "--force", "--author", "Li Wei"]);
    assert_eq!(
        (forced["revision"].as_u64(), forced["kind"].as_str()),
        (Some(3), Some("manual"))
    );
    assert!(forced["note"].as_str().unwrap().contains("--force over r2"), "{forced}");
    assert!(env.ok(&["export", &s, "--format", "text"]).contains("70 mph"));
}

#[test]
fn a_file_without_a_revision_line_is_an_edit_of_the_latest() {
    let env = Env::new();
    let id = merge_story(&env);
    let s = id.to_string();
    let text = env
        .ok(&["export", &s, "--format", "text"])
        .replace("Revision: 1\n", "")
        .replace("1998", "1999");
    let f = env.file("plain.txt", text.as_bytes());
    let (a, _) = two_exports(&env, id, ("90 mph", "60 mph"), ("", ""));
    env.ok(&["save", &s, &a]);
    let out = env.json(&["save", &s, &f]);
    assert_eq!(out["kind"], "manual", "as before: no base, no merge");
    // A base the story does not have yet is refused.
    let future = env.file(
        "future.txt",
        env.ok(&["export", &s, "--format", "text"])
            .replace("Revision: 3", "Revision: 9")
            .as_bytes(),
    );
    let err = env.fail(&["save", &s, &future]);
    assert!(err.contains("revision 9"), "{err}");
}

/// Story 1 at revision 2, with four changes from revision 1: the headline
/// (1), "90" → "110" (2), a deleted paragraph (3), an inserted one (4).
fn reviewable(env: &Env) {
    let a = env.file(
        "r1.txt",
        b"Storm nears coast\n\nWinds reached 90 mph, officials said.\n\nSchools will close.\n\nThe mayor spoke at noon.\n",
    );
    let b = env.file(
        "r2.txt",
        b"Storm nears the coast\n\nWinds reached 110 mph, officials said.\n\nSchools will close.\n\nShelters are open across the county tonight.\n",
    );
    env.ok(&["import", &a, "--author", "ana"]);
    env.ok(&["save", "1", &b, "--author", "ben"]);
}

fn revisions(env: &Env) -> usize {
    env.json(&["history", "1"]).as_array().unwrap().len()
}

#[test]
fn diff_json_numbers_the_changes() {
    let env = Env::new();
    reviewable(&env);
    let c = env.json(&["diff", "1", "1", "2"]);
    let changes = c["changes"].as_array().unwrap();
    let ids: Vec<u64> = changes.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["field", "words", "deleted", "inserted"]);
    assert_eq!(changes[0]["where"], "headline");
    assert_eq!(
        (changes[1]["before"].as_str(), changes[1]["after"].as_str()),
        (Some("90"), Some("110"))
    );
    assert_eq!(changes[2]["where"], "paragraph 3 (deleted)");
    assert_eq!(changes[3]["before"], "");
}

#[test]
fn review_keeps_exactly_the_accepted_changes() {
    let env = Env::new();
    reviewable(&env);
    let out = env.json(&["review", "1", "1", "2", "--accept", "1,3", "--author", "cy"]);
    assert_eq!(out["story"], 1);
    assert_eq!(out["revision"], 3);
    assert_eq!(out["outcome"], "saved");
    assert_eq!(out["kind"], "review");
    assert_eq!(out["accepted"], serde_json::json!([1, 3]));
    assert_eq!(out["rejected"], serde_json::json!([2, 4]));
    assert_eq!(out["note"], "Review of r1 → r2: accepted 2 changes, rejected 2");
    let text = env.ok(&["export", "1", "--format", "text"]);
    assert!(text.contains("Storm nears the coast"), "{text}");
    assert!(text.contains("90 mph") && !text.contains("110 mph"), "{text}");
    assert!(
        !text.contains("The mayor spoke") && !text.contains("Shelters"),
        "{text}"
    );
    let history = env.json(&["history", "1"]);
    let latest = history.as_array().unwrap().iter().find(|r| r["revision"] == 3).unwrap();
    assert_eq!(latest["author"], "cy");
    assert_eq!(latest["note"], "Review of r1 → r2: accepted 2 changes, rejected 2");
}

#[test]
fn review_rejects_only_what_it_is_told_to() {
    let env = Env::new();
    reviewable(&env);
    let plain = env.ok(&["review", "1", "1", "2", "--reject", "2"]);
    assert!(
        plain.contains("accepted 3 changes, rejected 1") && plain.contains("revision 3"),
        "{plain}"
    );
    let text = env.ok(&["export", "1", "--format", "text"]);
    assert!(
        text.contains("Storm nears the coast") && text.contains("90 mph"),
        "{text}"
    );
    assert!(
        !text.contains("The mayor spoke") && text.contains("Shelters are open"),
        "{text}"
    );
    // Rejecting nothing keeps revision 3 as it is: nothing to save.
    let out = env.json(&["review", "1", "2", "3", "--reject", ""]);
    assert_eq!(
        (out["outcome"].as_str(), out["revision"].as_u64()),
        (Some("unchanged"), Some(3))
    );
    assert_eq!(out["accepted"], serde_json::json!([1]));
    // Accepting nothing of 1 → 3 is revision 1 again.
    // (The slug is not compared, so it is revision 3's; see `review.rs`.)
    env.ok(&["review", "1", "1", "3", "--accept", ""]);
    let story = |t: String| t.split_once("---\n\n").map_or(t.clone(), |(_, s)| s.to_string());
    let r1 = story(env.ok(&["export", "1", "--revision", "1", "--format", "text"]));
    assert_eq!(story(env.ok(&["export", "1", "--format", "text"])), r1);
    assert!(r1.starts_with("Storm nears coast\n"), "{r1}");
}

#[test]
fn review_with_a_bad_id_or_bad_flags_saves_nothing() {
    let env = Env::new();
    reviewable(&env);
    let before = revisions(&env);
    assert!(env
        .fail(&["review", "1", "1", "2", "--accept", "1,9"])
        .contains("no change 9"));
    assert!(env
        .fail(&["review", "1", "1", "2", "--reject", "0"])
        .contains("no change 0"));
    assert!(env
        .fail(&["review", "1", "1", "2", "--accept", "one"])
        .contains("not a change number"));
    env.fail(&["review", "1", "1", "2", "--accept", "1", "--reject", "2"]);
    env.fail(&["review", "1", "1", "2"]);
    assert!(env
        .fail(&["review", "1", "1", "7", "--accept", "1"])
        .contains("no revision 7"));
    assert_eq!(revisions(&env), before);
}

#[test]
fn a_review_of_an_older_revision_is_merged_with_what_was_saved_since() {
    let env = Env::new();
    reviewable(&env);
    // Revision 3 edits a paragraph the changes of 1 → 2 leave alone.
    let r3 = env.file(
        "r3.txt",
        b"Storm nears the coast\n\nWinds reached 110 mph, officials said.\n\nSchools and offices will close.\n\nShelters are open across the county tonight.\n",
    );
    env.ok(&["save", "1", &r3, "--author", "dee"]);
    let out = env.json(&["review", "1", "1", "2", "--reject", "2"]);
    assert_eq!(
        (out["outcome"].as_str(), out["revision"].as_u64()),
        (Some("merged"), Some(4))
    );
    let text = env.ok(&["export", "1", "--format", "text"]);
    assert!(text.contains("90 mph") && !text.contains("110 mph"), "{text}");
    assert!(text.contains("Schools and offices will close."), "{text}");
    assert!(
        text.contains("Storm nears the coast") && text.contains("Shelters are open"),
        "{text}"
    );

    // Revision 5 changes the same number again: rejecting "90" → "110"
    // now overlaps it, so nothing is saved.
    let r5 = text.replace("90 mph", "120 mph");
    let r5 = env.file("r5.txt", r5.as_bytes());
    env.ok(&["save", "1", &r5, "--author", "dee"]);
    let before = revisions(&env);
    let err = env.fail(&["review", "1", "1", "2", "--reject", "2"]);
    assert!(err.contains("overlaps") && err.contains("nothing was saved"), "{err}");
    assert_eq!(revisions(&env), before);
}

#[test]
fn check_passes_a_sound_database_and_fails_a_damaged_one_with_what_to_do() {
    let env = Env::new();
    env.ok(&["import", fixture().to_str().unwrap(), "--author", "Ana Ruiz"]);
    let report = env.json(&["check"]);
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["revisions_checked"], 1);
    assert!(env.ok(&["check"]).contains("No problems found"));

    // A paragraph row gone behind Copydesk's back.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER paragraphs_are_never_deleted;
         DELETE FROM paragraphs WHERE id = (SELECT max(id) FROM paragraphs);",
    )
    .unwrap();
    drop(conn);
    let out = env.run(&["check", "--json"]);
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["damaged"][0]["story"], 1);
    assert!(report["damaged"][0]["reason"].as_str().unwrap().contains("missing"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 damaged revision") && err.contains("backup"), "{err}");
    // Showing the story says what is wrong instead of a shorter story.
    let err = env.fail(&["show", "1"]);
    assert!(err.contains("story 1, revision 1 is damaged"), "{err}");
    assert!(err.contains("copydesk check"), "{err}");
}

#[test]
fn backup_copies_a_database_in_use_and_the_copy_checks() {
    let env = Env::new();
    env.ok(&["import", fixture().to_str().unwrap(), "--author", "Ana Ruiz"]);
    let out = env.json(&["backup"]);
    let default = PathBuf::from(out["backup"].as_str().unwrap());
    assert_eq!(default.parent().unwrap(), env.dir.path().join("backups"));
    assert!(default.exists());
    let chosen = env.dir.path().join("elsewhere/copy.db");
    let text = env.ok(&["backup", chosen.to_str().unwrap()]);
    assert!(text.contains("Backed up to"), "{text}");
    let err = env.fail(&["backup", chosen.to_str().unwrap()]);
    assert!(err.contains("new name"), "{err}");
    for copy in [&default, &chosen] {
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("--db")
            .arg(copy)
            .args(["check", "--json"])
            .env_remove("COPYDESK_DB")
            .env("COPYDESK_SETTINGS", env.dir.path().join("settings.json"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let history = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("--db")
            .arg(copy)
            .args(["history", "1", "--json"])
            .env("COPYDESK_SETTINGS", env.dir.path().join("settings.json"))
            .output()
            .unwrap();
        assert!(history.status.success(), "{}", String::from_utf8_lossy(&history.stderr));
    }
}

#[test]
fn the_sample_story_from_the_cli() {
    let env = Env::new();
    let out = env.json(&["sample"]);
    assert_eq!((out["story"].as_u64(), out["revision"].as_u64()), (Some(1), Some(3)));
    let history = env.json(&["history", "1"]);
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["manual", "manual", "import"]);
    assert!(env
        .ok(&["sample"])
        .starts_with("Added the sample story as story 2 (3 revisions)"));
}

/// `history --kind autosave` used to ask for one page of "all" revisions,
/// which the store caps at 10,000: the oldest were silently left out.
#[test]
fn history_with_a_filter_lists_more_than_ten_thousand_revisions() {
    let env = Env::new();
    let f = env.file("s.txt", b"Storm hits\n\nWinds of 90 mph.\n");
    let story = env.json(&["import", &f])["story"].as_i64().unwrap();
    // 10,050 autosaves, copied from revision 1 in one transaction (saving
    // them one by one would take minutes).
    {
        let mut c = rusqlite::Connection::open(&env.db).unwrap();
        let tx = c.transaction().unwrap();
        tx.execute_batch(&format!(
            "CREATE TEMP TABLE t AS SELECT * FROM revisions WHERE story_id = {story} AND number = 1;
             UPDATE t SET id = NULL, kind = 'autosave';"
        ))
        .unwrap();
        for n in 2..=10_051 {
            tx.execute("UPDATE t SET number = ?1", [n]).unwrap();
            tx.execute("INSERT INTO revisions SELECT * FROM t", []).unwrap();
        }
        tx.commit().unwrap();
    }
    let all = env.json(&["history", &story.to_string(), "--kind", "autosave"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 10_050);
    assert_eq!(all[0]["revision"], 10_051);
    assert_eq!(all[10_049]["revision"], 2);
    let some = env.json(&["history", &story.to_string(), "--kind", "autosave", "--limit", "1500"]);
    assert_eq!(some.as_array().unwrap().len(), 1500);
    let text = env.ok(&["history", &story.to_string(), "--kind", "autosave"]);
    assert_eq!(text.lines().count(), 10_050);
}

/// Story text cannot act on the terminal: escape sequences, carriage
/// returns inside a line and bidi overrides print as visible markers in
/// human output (show, list, history, diff); `--json` keeps the exact text.
#[test]
fn human_output_escapes_control_and_bidi_characters() {
    let env = Env::new();
    // Long enough that one control character is not taken for a binary file.
    let tail = "The storm moved north overnight and the coast was calm again by morning. ".repeat(3);
    let f = env.file(
        "s.txt",
        format!("Storm \x1b[2Jhits\n\nWinds of \u{202E}05\u{202C} mph.\n\n{tail}\n").as_bytes(),
    );
    env.ok(&["import", &f]);
    let g = env.file(
        "t.txt",
        format!("Storm \x1b[2Jhits\n\nWinds of \u{202E}06\u{202C} mph.\n\n{tail}\n").as_bytes(),
    );
    env.ok(&["save", "1", &g]);
    for args in [
        &["show", "1"][..],
        &["list"],
        &["diff", "1", "1", "2"],
        &["history", "1"],
    ] {
        let out = env.ok(args);
        assert!(!out.contains('\x1b') && !out.contains('\u{202E}'), "{args:?}: {out:?}");
        if args[0] == "diff" {
            // The number alert shows what the reader sees the digits with.
            assert!(out.contains("«⟨U+202E⟩05⟨U+202C⟩» → «⟨U+202E⟩06⟨U+202C⟩»"), "{out}");
        } else if args[0] != "history" {
            assert!(out.contains("⟨U+001B⟩[2J"), "{args:?}: {out}");
        }
    }
    assert!(env.ok(&["show", "1", "--revision", "1"]).contains("⟨U+202E⟩05⟨U+202C⟩"));
    let json = env.json(&["show", "1", "--revision", "1"]);
    assert_eq!(json["headline"], "Storm \x1b[2Jhits");
    assert_eq!(json["body"][0], "Winds of \u{202E}05\u{202C} mph.");
}

fn wire_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// The story fields of an `import --json` answer, without the ids.
fn story_fields(v: &Value) -> Value {
    let mut v = v.clone();
    let o = v.as_object_mut().unwrap();
    for k in [
        "story",
        "revision",
        "created_at",
        "updated_at",
        "words",
        "note",
        "author",
        "flagged",
    ] {
        o.remove(k);
    }
    v
}

#[test]
fn import_reads_ninjs_and_nitf_and_a_ninjs3_export_reads_back() {
    let env = Env::new();
    // ninjs 2.2 from an agency: credits with roles, location and organisation.
    let ninjs = env.json(&["import", &wire_fixture("agency-2.2.json")]);
    assert_eq!(ninjs["headline"], "Nordic ministers back a joint Arctic rescue fleet");
    assert_eq!(ninjs["dateline"], "TROMSO, Norway (AP)");
    let credits: Vec<(&str, &str)> = ninjs["credits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        credits,
        [
            ("Anna Kovac", "author"),
            ("David Osei", "author"),
            ("Liisa Virtanen", "contributor")
        ]
    );
    assert_eq!(ninjs["credits"][2]["location"], "Helsinki, Finland");
    assert_eq!(ninjs["photos"][0]["photographer"], "Erik Lund");
    assert_eq!(ninjs["photos"][0]["credit"], "(AP Photo/Erik Lund)");

    // NITF with media: captions and credits become photos.
    let nitf = env.json(&["import", &wire_fixture("media.nitf.xml")]);
    assert_eq!(nitf["headline"], "Leaders meet at remote port as arms talks go on");
    assert_eq!(nitf["credits"][0]["name"], "Hyung-jin Kim");
    assert_eq!(nitf["credits"][1]["name"], "Jim Heintz");
    assert_eq!(nitf["photos"].as_array().unwrap().len(), 2);
    assert_eq!(
        nitf["photos"][0]["sources"],
        serde_json::json!(["Sputnik", "Kremlin Pool Photo"])
    );
    assert_eq!(nitf["photos"][1]["caption"], "The port at dawn.");
    assert_eq!(
        nitf["copyright"],
        "Copyright 2023 The Associated Press. All rights reserved."
    );

    // Both ways: each story exported as ninjs 3.1 imports back as itself.
    for (story, original) in [("1", &ninjs), ("2", &nitf)] {
        let out = env.dir.path().join(format!("story{story}.json"));
        env.ok(&["export", story, "--format", "ninjs3", "-o", out.to_str().unwrap()]);
        let back = env.json(&["import", out.to_str().unwrap()]);
        assert_eq!(story_fields(&back), story_fields(original), "story {story}");
    }
}

#[test]
fn check_style_lists_findings_and_the_desk_dictionary_quiets_names() {
    let env = Env::new();
    let story = env.file(
        "story.txt",
        "Council raises fares\n\nBy Dana Whitfield\n\nThe councel voted on Tuesday to raise fares 5 percent, Mayor Okonkwo said.\n\nOkonkwo said the the new fares start on September 13.\n"
            .as_bytes(),
    );
    env.ok(&["import", &story]);
    let v = env.json(&["check-style", "1"]);
    let findings = v["findings"].as_array().unwrap();
    let brief: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["kind"].as_str().unwrap().into(),
                f["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let has = |rule: &str, kind: &str, text: &str| brief.contains(&(rule.into(), kind.into(), text.into()));
    assert!(has("spelling", "spelling", "councel"), "{brief:?}");
    assert!(has("percent-sign", "style", "5 percent"), "{brief:?}");
    assert!(has("doubled-word", "style", "the the"), "{brief:?}");
    assert!(has("month-date", "style", "September"), "{brief:?}");
    // A name is listed once, with its other place.
    let names: Vec<_> = findings.iter().filter(|f| f["kind"] == "name").collect();
    assert_eq!(names.len(), 1, "{brief:?}");
    assert_eq!(names[0]["text"], "Okonkwo");
    assert_eq!(names[0]["also"].as_array().unwrap().len(), 1);
    let councel = findings.iter().find(|f| f["text"] == "councel").unwrap();
    assert_eq!(
        (
            councel["paragraph"].as_u64(),
            councel["start"].as_u64(),
            councel["end"].as_u64()
        ),
        (Some(0), Some(4), Some(11))
    );
    assert!(councel["suggestion"].is_string());
    assert_eq!(v["counts"]["names"], 1);

    // Findings alone do not fail the command; --strict does.
    assert_eq!(env.run(&["check-style", "1", "--strict"]).status.code(), Some(4));
    assert!(env.ok(&["lint", "1"]).contains("councel"));

    // Added once, for everyone using the database; the name is then known.
    let added = env.json(&["dictionary", "add", "Okonkwo", "okonkwo"]);
    assert_eq!(added["added"], serde_json::json!(["Okonkwo"]));
    assert_eq!(
        env.json(&["dictionary", "list"])["words"],
        serde_json::json!(["Okonkwo"])
    );
    let v = env.json(&["check-style", "1"]);
    assert_eq!(v["counts"]["names"], 0);
}

#[test]
fn check_style_says_what_a_revision_introduced_and_fixed() {
    let env = Env::new();
    let r1 = env.file(
        "r1.txt",
        b"Fares\n\nBy Dana Whitfield\n\nThe council raised fares 5 percent.\n",
    );
    env.ok(&["import", &r1]);
    let exported = env.ok(&["export", "1"]);
    let r2 = env.file(
        "r2.txt",
        exported
            .replace("5 percent.", "5% at 10 AM in the US capitol.")
            .as_bytes(),
    );
    env.ok(&["save", "1", &r2]);
    let v = env.json(&["check-style", "1", "--revision", "2", "--against", "1"]);
    assert_eq!(v["changes"]["summary"], "r2 introduced 2 style issues, fixed 1");
    assert!(env
        .ok(&["check-style", "1", "--against", "1"])
        .contains("r2 introduced 2 style issues, fixed 1"));
}

#[test]
fn list_shows_a_page_and_the_total() {
    let env = Env::new();
    assert_eq!(
        env.json(&["dev-generate", "--stories", "120", "--seed", "5"])["created"],
        120
    );
    let first = env.ok(&["list"]);
    assert!(first.contains("showing 1–50 of 120"), "{first}");
    assert_eq!(first.lines().count(), 52, "a header, 50 stories, the count");
    let page = env.json(&["list", "--limit", "7", "--offset", "110"]);
    assert_eq!(
        (&page["total"], &page["offset"]),
        (&serde_json::json!(120), &serde_json::json!(110))
    );
    let ids: Vec<i64> = page["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    // Newest first: the last page holds the first stories made.
    assert_eq!(ids, vec![10, 9, 8, 7, 6, 5, 4]);
    assert!(env
        .ok(&["list", "--offset", "500"])
        .contains("No stories past 500: 120 match."));
    let found = env.ok(&["list", "--search", "council", "--limit", "3"]);
    assert!(found.lines().last().unwrap().starts_with("showing 1–3 of "), "{found}");
    let big = env.json(&["list", "--limit", "100000"]);
    assert_eq!(big["stories"].as_array().unwrap().len(), 120);
}
