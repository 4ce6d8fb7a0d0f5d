//! Property-based fuzzing on stable Rust: raw import, credit parsing, the
//! text format, compare and merge, fed hostile generated input.
//!
//! By default each target runs a few dozen cases, as part of `cargo test`.
//! `COPYDESK_FUZZ_SECS=N` runs every target again and again with fresh
//! random cases for about N seconds in all (shared between the targets);
//! `scripts/fuzz [SECONDS]` does that. A failure prints the shrunk input;
//! every crash found becomes a regression test below (`regressions`).

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use copydesk::diff::{compare, CompareOptions};
use copydesk::model::{Credit, Flagged, Photo, Role};
use copydesk::{credits, import, merge, text, StoryContent};

const TARGETS: u32 = 5;

/// Runs `test` on values of `strategy`: a few dozen cases, or with
/// `COPYDESK_FUZZ_SECS` batches of fresh cases until this target's share of
/// the time is used.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let secs: u64 = std::env::var("COPYDESK_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let until = Instant::now() + Duration::from_secs(secs) / TARGETS;
    let mut batches = 0u64;
    let mut cases = 0u64;
    loop {
        let batch = if secs == 0 { 48 } else { 256 };
        let config = Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        };
        // A fresh random seed each batch (TestRunner::new seeds from the OS).
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("fuzz target {name} failed after {cases} cases: {e}");
        }
        batches += 1;
        cases += u64::from(batch);
        if secs == 0 || Instant::now() >= until {
            break;
        }
    }
    if secs > 0 {
        eprintln!("fuzz {name}: {cases} cases in {batches} batches, no failure");
    }
}

/// Text as pasted from anywhere: story-like lines and junk, with control
/// characters, BOMs, CRs, bidi and zero-width characters, fences, header-like
/// lines, and now and then a very long line.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => "[A-Za-z0-9 .,'’“”—-]{0,24}",
        2 => Just("\n".to_string()),
        2 => Just("\n\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("---\n".to_string()),
        1 => Just("___".to_string()),
        1 => Just("Dek: ".to_string()),
        1 => Just("Set-Aside: 1 | r | t\n".to_string()),
        1 => Just("Credit: A | author | | \n".to_string()),
        1 => Just("\u{feff}".to_string()),
        1 => Just("By JIM HEINTZ and SAM ROE\n".to_string()),
        1 => Just("HOUSTON (AP) — ".to_string()),
        1 => Just("Copyright 2024 The Associated Press. All rights reserved.\n".to_string()),
        1 => Just("(AP Photo/Evan Vucci)\n".to_string()),
        1 => Just("Associated Press writer Jim Heintz in Tallinn, Estonia, contributed.\n".to_string()),
        1 => Just("Share\nAdvertisement\nRead more\n".to_string()),
        1 => Just("<script>x</script>".to_string()),
        1 => "[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}\\u{ad}\\u{200b}-\\u{200f}\\u{2028}-\\u{202e}\\u{2060}-\\u{2069}]{1,3}",
        1 => "\\PC{1,8}",
        1 => (1usize..400).prop_map(|n| "word ".repeat(n)),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn line() -> impl Strategy<Value = String> {
    hostile_text().prop_map(|t| t.chars().take(60).collect())
}

fn story() -> impl Strategy<Value = StoryContent> {
    (
        line(),
        prop_oneof![Just(String::new()), line()],
        proptest::collection::vec(hostile_text(), 0..6),
        proptest::collection::vec((line(), line()), 0..3),
        proptest::collection::vec((line(), line()), 0..2),
        proptest::collection::vec((line(), 0u32..8), 0..2),
    )
        .prop_map(|(headline, dek, body, people, photos, flagged)| {
            let mut c = StoryContent {
                headline,
                dek,
                body,
                ..Default::default()
            };
            c.credits = people
                .into_iter()
                .map(|(name, loc)| Credit {
                    name,
                    role: Role::Author,
                    location: Some(loc),
                    organization: None,
                })
                .collect();
            c.photos = photos
                .into_iter()
                .map(|(caption, credit)| Photo {
                    caption,
                    credit,
                    photographer: None,
                    sources: vec![],
                    via: None,
                })
                .collect();
            c.flagged = flagged
                .into_iter()
                .map(|(text, position)| Flagged {
                    text,
                    reason: "r".into(),
                    position,
                })
                .collect();
            c.normalize();
            c
        })
}

/// An edit of a story: some paragraphs changed, dropped, added or swapped.
fn edited(c: StoryContent) -> impl Strategy<Value = (StoryContent, StoryContent)> {
    let n = c.body.len();
    (
        proptest::collection::vec((0usize..4, any::<u8>(), line()), n..=n),
        line(),
    )
        .prop_map(move |(ops, extra)| {
            let mut e = c.clone();
            let mut body = Vec::new();
            for (p, (op, k, l)) in c.body.iter().zip(ops) {
                match op {
                    0 => body.push(p.clone()),
                    1 => body.push(format!("{p} {l} {k}")),
                    2 => {}
                    _ => {
                        body.push(l);
                        body.push(p.clone());
                    }
                }
            }
            body.push(extra);
            e.body = body;
            e.normalize();
            (c.clone(), e)
        })
}

#[test]
fn fuzz_raw_import() {
    fuzz("import", hostile_text(), |raw| {
        if let Ok(d) = import::parse_raw(&raw) {
            for r in &d.review {
                prop_assert!(
                    d.content.body.is_empty() || (r.paragraph as usize) < d.content.body.len(),
                    "{r:?}"
                );
            }
            prop_assert!(d.content.body.iter().all(|p| !p.trim().is_empty()));
        }
        Ok(())
    });
}

#[test]
fn fuzz_credit_parsing() {
    fuzz("credits", (line(), line()), |(a, b)| {
        let _ = credits::parse_byline(&a);
        let _ = credits::parse_byline_with_org(&a, Some(&b));
        let _ = credits::parse_tagline(&a);
        let _ = credits::parse_photo_credit(&a);
        let people = credits::parse_byline(&a);
        let _ = credits::render_byline(&people);
        let _ = credits::render_tagline(&credits::parse_tagline(&b));
        Ok(())
    });
}

#[test]
fn fuzz_text_format() {
    fuzz("text", (hostile_text(), story()), |(raw, c)| {
        // Any text: parsed or refused, never a panic; what parses renders
        // back to the same story.
        if let Ok(parsed) = text::parse(&raw) {
            let again = text::parse(&text::render(&parsed));
            prop_assert_eq!(again.as_ref().ok(), Some(&parsed), "{:?}", again);
        }
        // Any story: refused at save time, or read back identically.
        if text::check_content(&c).is_ok() {
            let back = text::parse(&text::render(&c));
            prop_assert_eq!(back.as_ref().ok(), Some(&c), "{:?}", back);
        }
        Ok(())
    });
}

#[test]
fn fuzz_compare() {
    fuzz("compare", story().prop_flat_map(edited), |(a, b)| {
        let opts = CompareOptions::default();
        let same = compare(&a, &a, &opts);
        prop_assert!(same.alerts.is_empty() && same.changes.is_empty(), "{same:?}");
        let c = compare(&a, &b, &opts);
        let _ = copydesk::diff::render_terminal(&c, true);
        let _ = copydesk::diff::render_html(&c, "t");
        for al in &c.alerts {
            prop_assert!(al.paragraph.is_none_or(|p| (p as usize) < b.body.len()), "{al:?}");
        }
        Ok(())
    });
}

#[test]
fn fuzz_merge() {
    fuzz("merge", story().prop_flat_map(edited), |(base, x)| {
        // One side unchanged: the merge is the other side, with no conflict.
        let m = merge::merge(&base, &x, &base, &[]);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(&m.content, &x);
        let m = merge::merge(&base, &base, &x, &[]);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(&m.content, &x);
        // The same edit on both sides is made once.
        let m = merge::merge(&base, &x, &x, &[]);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(&m.content, &x);
        Ok(())
    });
}

/// Inputs fuzzing found to fail, kept as tests.
mod regressions {
    use super::*;

    /// A name credited twice (in two roles) paired both credits with the
    /// first on the other side: a story compared with itself showed a
    /// changed credit.
    #[test]
    fn a_name_credited_twice_compares_equal_with_itself() {
        let mut c = StoryContent::new("H", vec!["b".into()]);
        let person = |role, loc: &str| Credit {
            name: "Jim Heintz".into(),
            role,
            location: Some(loc.into()),
            organization: None,
        };
        c.credits = vec![person(Role::Author, "Moscow"), person(Role::Contributor, "Tallinn")];
        let same = compare(&c, &c, &CompareOptions::default());
        assert!(same.credits.is_empty() && same.changes.is_empty(), "{:?}", same.credits);
    }
}
