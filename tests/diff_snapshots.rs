//! Golden snapshots of the comparison engine: every output it produces
//! (the terminal report, plain and coloured, the HTML redline and the JSON
//! of the `Comparison`) for comparisons of the repository's fixtures —
//! every raw, corpus and wire story edited in a fixed, seeded way — of the
//! revisions the diff tests build, and of generated revision pairs full of
//! quotes, numbers, names and moves.
//!
//! A change to the engine that must not change its results must leave
//! every `.snap` file under `tests/snapshots/` byte-identical. A change
//! that means to change results is reviewed with `cargo insta review` (or
//! regenerated with `INSTA_UPDATE=always` and read in the diff).

use std::path::{Path, PathBuf};

use copydesk::diff::{compare, compare_revisions, render_html, render_terminal, CompareOptions, Comparison};
use copydesk::import::parse_raw;
use copydesk::{Role, StoryContent};

#[path = "support/revisions.rs"]
mod revisions;
use revisions::rev;

/// The four ways to compare: (ignore_boring, char_level).
const ALL_OPTS: [(bool, bool); 4] = [(false, false), (true, false), (false, true), (true, true)];

fn opts((ignore_boring, char_level): (bool, bool)) -> CompareOptions {
    CompareOptions {
        ignore_boring,
        char_level,
    }
}

/// `compare`, retried while the result is cut short by a deadline (of the
/// body, or of a field's share): what a deadline cuts depends on the
/// machine's load, not on the engine, and the snapshots hold the full
/// result.
fn compared(a: &StoryContent, b: &StoryContent, o: (bool, bool)) -> Comparison {
    for _ in 0..20 {
        let c = compare(a, b, &opts(o));
        if !c.coarse && c.fields.iter().all(|f| !f.coarse) {
            return c;
        }
    }
    panic!("the comparison ran out of time 20 times");
}

/// Every rendering of the comparison of `a` with `b`: with default options
/// the terminal report (plain and coloured), the HTML page and the JSON;
/// with each other option set the JSON (the renderings read only it).
fn every_output(title: &str, a: &StoryContent, b: &StoryContent) -> String {
    let mut out = String::new();
    for (k, o) in ALL_OPTS.into_iter().enumerate() {
        let c = compared(a, b, o);
        if k == 0 {
            out.push_str("=== terminal\n");
            out.push_str(&render_terminal(&c, false));
            out.push_str("=== terminal, coloured\n");
            out.push_str(&render_terminal(&c, true));
            out.push_str("=== html\n");
            out.push_str(&render_html(&c, title));
        }
        out.push_str(&format!("=== json, ignore_boring {}, char_level {}\n", o.0, o.1));
        out.push_str(&serde_json::to_string_pretty(&c).unwrap());
        out.push('\n');
    }
    out
}

/// Quotes (straight, curly, guillemets), numbers with units and currencies,
/// names with particles, sentence-start words, non-ASCII letters and
/// punctuation: the words edits put in.
const VOCAB: &[&str] = &[
    "the",
    "The",
    "He",
    "In",
    "Kim",
    "Jong",
    "Un",
    "Jong-un",
    "Putin",
    "Vladimir",
    "said",
    "6",
    "8",
    "miles",
    "mile",
    "$3.5",
    "$3.8",
    "million",
    "€40",
    "US$",
    "12",
    "1,200",
    "people",
    "2.5",
    "percentage",
    "points",
    "percent",
    "5-4",
    "4-5",
    "40",
    "seconds",
    "“we",
    "win”",
    "“We",
    "will”",
    "\"yes\"",
    "\"no",
    "«Oui»",
    "„Ja“",
    "it’s",
    "‘quoted’",
    "Ana",
    "María",
    "Ruiz",
    "Ludwig",
    "van",
    "Beethoven",
    "de",
    "la",
    "Moscow",
    "Pyongyang",
    "and",
    "in",
    "of",
    "a",
    "to",
    "talks",
    "on",
    "Wednesday.",
    "Thursday,",
    "it",
    "was",
    "(AP)",
    "—",
    "-",
    ";",
    "café",
    "naïve",
    "Zürich",
    "日本",
    "ok",
    "3",
    "1990s",
    "x1",
    "%",
];

/// A small deterministic generator (xorshift).
fn rng(s: &mut u64) -> usize {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    (*s >> 11) as usize
}

/// A random edit to a body of word lists: a word replaced, inserted,
/// deleted, punctuated, its quotes straightened or whitespace put before
/// it; a paragraph inserted, deleted, moved or duplicated; several words
/// replaced in a row.
fn edit(s: &mut u64, body: &mut Vec<Vec<String>>) {
    let word = |s: &mut u64| VOCAB[rng(s) % VOCAB.len()].to_string();
    let n = body.len();
    let kind = rng(s) % 14;
    if n == 0 || kind == 0 {
        let len = 1 + rng(s) % 20;
        let para = (0..len).map(|_| word(s)).collect();
        body.insert(rng(s) % (n + 1), para);
        return;
    }
    let p = rng(s) % n;
    let len = body[p].len();
    let w = rng(s) % len.max(1);
    match kind {
        1..=4 if len > 0 => body[p][w] = word(s),
        5 => body[p].insert(rng(s) % (len + 1), word(s)),
        6 if len > 1 => {
            body[p].remove(w);
        }
        7 if len > 0 => body[p][w].push_str([",", ".", "!", "”", "\""][rng(s) % 5]),
        8 if len > 0 => body[p][w] = body[p][w].replace(['“', '”'], "\"").replace('’', "'"),
        9 if len > 0 => body[p][w].insert_str(0, [" ", "\t", "  "][rng(s) % 3]),
        10 => {
            body.remove(p);
        }
        11 => {
            let para = body.remove(p);
            body.insert(rng(s) % n, para);
        }
        12 => {
            let para = body[p].clone();
            body.insert(rng(s) % (n + 1), para);
        }
        13 if len > 3 => {
            let k = 2 + rng(s) % (len - 2).min(4);
            for slot in body[p].iter_mut().skip(w.min(len - k)).take(k) {
                *slot = word(s);
            }
        }
        _ => {}
    }
}

fn join(body: &[Vec<String>]) -> Vec<String> {
    body.iter().map(|p| p.join(" ")).collect()
}

fn split(body: &[String]) -> Vec<Vec<String>> {
    body.iter().map(|p| p.split(' ').map(String::from).collect()).collect()
}

/// Every digit of the first word of `body` holding one counted up by one:
/// a changed number.
fn bump_number(body: &mut [Vec<String>]) {
    for para in body.iter_mut() {
        if let Some(w) = para.iter_mut().find(|w| w.bytes().any(|b| b.is_ascii_digit())) {
            *w = w
                .chars()
                .map(|c| {
                    c.to_digit(10)
                        .map_or(c, |d| char::from_digit((d + 1) % 10, 10).unwrap())
                })
                .collect();
            return;
        }
    }
}

/// The first capitalised word that does not start its paragraph, lengthened:
/// a changed name.
fn rename(body: &mut [Vec<String>]) {
    for para in body.iter_mut() {
        if let Some(w) = para
            .iter_mut()
            .skip(1)
            .find(|w| w.len() > 3 && w.chars().all(char::is_alphabetic) && w.starts_with(char::is_uppercase))
        {
            w.push_str("-Nordin");
            return;
        }
    }
}

/// The newer revision of a fixture story: a number and a name changed,
/// seeded random edits, a headline word replaced, the dek extended, the
/// first credit's role changed and a credit added, the first photo's
/// caption changed.
fn edited(story: &StoryContent, seed: u64) -> StoryContent {
    let mut b = story.clone();
    let mut body = split(&story.body);
    bump_number(&mut body);
    rename(&mut body);
    let mut s = seed;
    for _ in 0..8 {
        edit(&mut s, &mut body);
    }
    b.body = join(&body);
    let mut head: Vec<&str> = story.headline.split(' ').collect();
    if let Some(last) = head.last_mut() {
        *last = "Moscow";
    }
    b.headline = head.join(" ");
    b.dek = format!("{} on Thursday", story.dek);
    if let Some(c) = b.credits.first_mut() {
        c.role = if c.role == Role::Author {
            Role::Contributor
        } else {
            Role::Author
        };
    }
    b.credits.push(copydesk::Credit {
        name: "Ana María Ruiz".into(),
        role: Role::Contributor,
        location: Some("Zürich".into()),
        organization: None,
    });
    if let Some(p) = b.photos.first_mut() {
        p.caption = format!("{} (file photo)", p.caption);
    }
    b
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every story fixture, imported as the app imports it: the raw pastes,
/// the import corpus and the wire files, as (snapshot name, story).
fn fixture_stories() -> Vec<(String, StoryContent)> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for (dir, prefix) in [("", ""), ("corpus", "corpus-"), ("wire", "wire-")] {
        for e in std::fs::read_dir(fixtures_dir().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            let story = match dir {
                "" => name.ends_with("-raw.txt"),
                "corpus" => name.ends_with(".txt"),
                _ => true,
            };
            if story {
                let stem = p.file_stem().unwrap().to_str().unwrap();
                files.push((format!("{prefix}{stem}"), p.clone()));
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|(name, p)| {
            let raw = copydesk::text::read_story_file(&p).unwrap();
            let content = parse_raw(&raw).unwrap_or_else(|e| panic!("{name}: {e}")).content;
            (name, content)
        })
        .collect()
}

#[test]
fn fixture_stories_compared() {
    let stories = fixture_stories();
    assert!(stories.len() >= 20, "fixtures found: {}", stories.len());
    for (k, (name, a)) in stories.iter().enumerate() {
        let b = edited(a, 0x9e37_79b9_7f4a_7c15 ^ ((k as u64 + 1) * 0x2545_f491));
        insta::assert_snapshot!(format!("fixture-{name}"), every_output(&a.headline, a, &b));
    }
}

#[test]
fn test_revisions_compared() {
    let history = [
        rev(1, "ana", &["One.", "Two.", "Three."]),
        rev(2, "ben", &["One.", "Two, edited.", "Three.", "Four."]),
        rev(3, "cy", &["Three.", "One.", "Two, edited.", "Four.", "Five."]),
        rev(5, "ben", &["One.", "Two, edited."]),
    ];
    let mut out = String::new();
    for pair in history.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        out.push_str(&format!("##### revision {} → {}\n", a.info.revision, b.info.revision));
        out.push_str(&every_output("H", &a.content, &b.content));
        let rc = compare_revisions(a.clone(), b.clone(), 7, &CompareOptions::default());
        out.push_str("=== revision comparison json\n");
        out.push_str(&serde_json::to_string_pretty(&rc).unwrap());
        out.push('\n');
    }
    insta::assert_snapshot!("test-revisions", out);
}

/// Generated pairs (headline and dek from the first and last paragraph),
/// one compact JSON line per pair and option set, in snapshots of
/// [`CASES_PER_SNAPSHOT`] pairs.
const GENERATED_CASES: usize = 80;
const CASES_PER_SNAPSHOT: usize = 40;

#[test]
fn generated_pairs_compared() {
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut out = String::new();
    for case in 0..GENERATED_CASES {
        let paras = 1 + rng(&mut s) % 14;
        let left: Vec<Vec<String>> = (0..paras)
            .map(|_| {
                (0..1 + rng(&mut s) % 30)
                    .map(|_| VOCAB[rng(&mut s) % VOCAB.len()].to_string())
                    .collect()
            })
            .collect();
        let mut right = left.clone();
        for _ in 0..rng(&mut s) % 8 {
            edit(&mut s, &mut right);
        }
        let mut a = StoryContent::new(join(&left[..1]).concat(), join(&left));
        let mut b = StoryContent::new(join(&right[..right.len().min(1)]).concat(), join(&right));
        a.dek = join(&left[left.len() - 1..]).concat();
        b.dek = join(&right[right.len().saturating_sub(1)..]).concat();
        for o in ALL_OPTS {
            out.push_str(&serde_json::to_string(&compared(&a, &b, o)).unwrap());
            out.push('\n');
        }
        if (case + 1) % CASES_PER_SNAPSHOT == 0 {
            let first = case + 1 - CASES_PER_SNAPSHOT;
            insta::assert_snapshot!(format!("generated-{first:03}-{case:03}"), std::mem::take(&mut out));
        }
    }
}
