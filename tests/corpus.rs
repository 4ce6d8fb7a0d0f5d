//! The import corpus: raw stories in the shapes editors paste, each with its
//! expected facts beside it (`tests/fixtures/corpus/NAME.txt` and
//! `NAME.expected.json`, see the README there). Every fact is checked on its
//! own and every miss is printed as a row of one table, so a change to the
//! importer shows exactly what it fixed and what it broke.

use std::path::{Path, PathBuf};

use copydesk::import::parse_raw;
use copydesk::model::StoryContent;
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// Every story of the corpus: (name, raw text, expected facts).
pub fn stories() -> Vec<(String, String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let n = p.file_name()?.to_str()?.to_string();
            n.strip_suffix(".expected.json").map(String::from)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let raw = std::fs::read_to_string(corpus_dir().join(format!("{n}.txt"))).unwrap();
            let exp = std::fs::read_to_string(corpus_dir().join(format!("{n}.expected.json"))).unwrap();
            let exp: Value = serde_json::from_str(&exp).unwrap_or_else(|e| panic!("{n}.expected.json: {e}"));
            (n, raw, exp)
        })
        .collect()
}

/// One checked fact: (fact, expected, got); equal strings mean a hit.
type Fact = (String, String, String);

fn s(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(x) => x.clone(),
        other => other.to_string(),
    }
}

fn opt(o: &Option<String>) -> String {
    o.clone().unwrap_or_else(|| "-".into())
}

/// The facts of one story, expected against what import made of it.
pub fn facts(c: &StoryContent, exp: &Value) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    for field in ["section", "headline", "dek", "dateline"] {
        let got = match field {
            "section" => &c.section,
            "headline" => &c.headline,
            "dek" => &c.dek,
            _ => &c.dateline,
        };
        out.push((field.into(), s(&exp[field]), got.clone()));
    }
    let credits = exp["credits"].as_array().expect("credits");
    for e in credits {
        let e = e.as_array().expect("credit: [name, role, location, organization]");
        let name = s(&e[0]);
        let want = format!("{} | {} | {}", s(&e[1]), s(&e[2]), s(&e[3]));
        let got = c
            .credits
            .iter()
            .find(|g| g.name == name)
            .map(|g| format!("{} | {} | {}", g.role.as_str(), opt(&g.location), opt(&g.organization)))
            .unwrap_or_else(|| "(no such credit)".into());
        out.push((format!("credit {name}"), want, got));
    }
    for g in c.credits.iter().filter(|g| !credits.iter().any(|e| s(&e[0]) == g.name)) {
        out.push(("credit (unexpected)".into(), "(none)".into(), g.name.clone()));
    }
    let photos = exp["photos"].as_array().expect("photos");
    for (i, e) in photos.iter().enumerate() {
        let g = c.photos.get(i);
        let sources = |v: &[String]| v.join(", ");
        let want_sources: Vec<String> = e["sources"].as_array().unwrap().iter().map(s).collect();
        out.push((
            format!("photo {} photographer", i + 1),
            s(&e["photographer"]),
            g.map(|g| opt(&g.photographer)).unwrap_or_else(|| "(no photo)".into()),
        ));
        out.push((
            format!("photo {} sources", i + 1),
            sources(&want_sources),
            g.map(|g| sources(&g.sources)).unwrap_or_else(|| "(no photo)".into()),
        ));
        out.push((
            format!("photo {} caption", i + 1),
            s(&e["caption"]),
            g.map(|g| g.caption.clone()).unwrap_or_else(|| "(no photo)".into()),
        ));
    }
    for g in c.photos.iter().skip(photos.len()) {
        out.push(("photo (unexpected)".into(), "(none)".into(), g.credit.clone()));
    }
    let aside: Vec<String> = exp["set_aside"].as_array().expect("set_aside").iter().map(s).collect();
    for a in &aside {
        let got = if c.flagged.iter().any(|f| &f.text == a) {
            a.clone()
        } else {
            "(kept)".into()
        };
        out.push(("set aside".into(), a.clone(), got));
    }
    for f in c.flagged.iter().filter(|f| !aside.contains(&f.text)) {
        out.push(("set aside (unexpected)".into(), "(kept)".into(), f.text.clone()));
    }
    let kept: Vec<String> = exp["kept"].as_array().expect("kept").iter().map(s).collect();
    for (i, k) in kept.iter().enumerate() {
        let got = c.body.get(i).cloned().unwrap_or_else(|| "(missing)".into());
        out.push((format!("kept {}", i + 1), k.clone(), got));
    }
    for (i, b) in c.body.iter().enumerate().skip(kept.len()) {
        out.push((format!("kept {} (unexpected)", i + 1), "(none)".into(), b.clone()));
    }
    out
}

fn short(s: &str) -> String {
    let s = s.replace('\n', " / ");
    if s.chars().count() > 70 {
        format!("{}…", s.chars().take(69).collect::<String>())
    } else {
        s
    }
}

#[test]
fn corpus_has_the_shapes_the_issue_asks_for() {
    let stories = stories();
    assert!(stories.len() >= 15, "{} stories", stories.len());
    for (name, _, exp) in &stories {
        assert!(
            exp["shape"].as_str().is_some_and(|s| !s.is_empty()),
            "{name}: say what shape it is"
        );
    }
}

#[test]
fn corpus_every_fact() {
    let mut total = 0;
    let mut misses: Vec<(String, Fact)> = Vec::new();
    let stories = stories();
    for (name, raw, exp) in &stories {
        let draft = parse_raw(raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        for f in facts(&draft.content, exp) {
            total += 1;
            if f.1 != f.2 {
                misses.push((name.clone(), f));
            }
        }
    }
    println!(
        "corpus: {} stories, {} facts, {} hits, {} misses",
        stories.len(),
        total,
        total - misses.len(),
        misses.len()
    );
    if !misses.is_empty() {
        println!("{:<24} {:<26} {:<72} GOT", "STORY", "FACT", "EXPECTED");
        for (story, (fact, want, got)) in &misses {
            println!("{:<24} {:<26} {:<72} {}", story, fact, short(want), short(got));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} corpus facts missed (table above)",
        misses.len(),
        total
    );
}
