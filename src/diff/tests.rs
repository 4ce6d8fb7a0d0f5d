//! Tests of `compare` on whole stories.

use std::time::{Duration, Instant};

use super::*;
use crate::model::{Credit, Photo, Role, Status};

fn story(body: &[&str]) -> StoryContent {
    StoryContent::new("Headline", body.iter().map(|s| s.to_string()).collect())
}

fn kinds(c: &Comparison) -> Vec<RowKind> {
    c.rows.iter().map(|r| r.kind).collect()
}

fn marked(side: &Option<Side>, kind: SegmentKind) -> Vec<String> {
    side.as_ref().map_or(Vec::new(), |s| {
        s.segments
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.text.to_string())
            .collect()
    })
}

const P0: &str = "North Korean leader Kim Jong Un vowed full support for Russia on Wednesday.";
const P1: &str = "The two leaders met at the Vostochny Cosmodrome in the Amur region of eastern Russia.";
const P2: &str = "“We will always be with Russia,” Kim said at the start of the talks, which lasted 40 seconds.";
const P3: &str = "Putin gave Kim a tour of the launch site, officials said, and the visit cost $3.5 million.";
const P4: &str = "Analysts say the meeting could bring weapons deals that would worry Western governments.";
const P5: &str = "The talks ended after four hours with a banquet and an exchange of gifts between delegations.";

#[test]
fn identical_stories_have_only_equal_rows() {
    let a = story(&[P0, P1, P2]);
    let c = compare(&a, &a, &CompareOptions::default());
    assert_eq!(kinds(&c), vec![RowKind::Equal; 3]);
    assert!(c.alerts.is_empty() && c.fields.is_empty() && !c.coarse);
    assert_eq!(c.stats, Stats::default());
}

#[test]
fn each_row_kind() {
    let a = story(&[P0, P1, P2, P3]);
    let p1b = P1.replace("eastern Russia", "far eastern Russia");
    let b = story(&[P0, &p1b, P3, "A new paragraph about nothing in particular at all."]);
    let c = compare(&a, &b, &CompareOptions::default());
    assert_eq!(
        kinds(&c),
        vec![
            RowKind::Equal,
            RowKind::Changed,
            RowKind::Deleted,
            RowKind::Equal,
            RowKind::Inserted
        ]
    );
    let changed = &c.rows[1];
    assert_eq!(marked(&changed.right, SegmentKind::Inserted), vec!["far "]);
    assert!(marked(&changed.left, SegmentKind::Deleted).is_empty());
    assert_eq!(c.rows[2].left.as_ref().unwrap().index, 2);
    assert!(c.rows[2].right.is_none());
    assert_eq!(c.rows[4].right.as_ref().unwrap().index, 3);
    assert_eq!(c.stats.paragraphs_changed, 1);
    assert_eq!(c.stats.paragraphs_deleted, 1);
    assert_eq!(c.stats.paragraphs_inserted, 1);
    assert_eq!(c.stats.words_added, 1 + 9);
}

#[test]
fn a_moved_paragraph_is_two_linked_rows_without_alerts() {
    let a = story(&[P0, P1, P2, P3, P4, P5]);
    let b = story(&[P0, P3, P1, P2, P4, P5]);
    let c = compare(&a, &b, &CompareOptions::default());
    let moved: Vec<&Row> = c.rows.iter().filter(|r| r.kind == RowKind::Moved).collect();
    assert_eq!(moved.len(), 2, "{:#?}", c.rows);
    let (from, to) = if moved[0].left.is_some() {
        (moved[0], moved[1])
    } else {
        (moved[1], moved[0])
    };
    assert_eq!(from.move_id, to.move_id);
    assert!(from.right.is_none() && to.left.is_none());
    assert_eq!(from.other_index, Some(to.right.as_ref().unwrap().index));
    assert_eq!(to.other_index, Some(from.left.as_ref().unwrap().index));
    assert_eq!(c.stats.paragraphs_moved, 1);
    assert_eq!(c.stats.paragraphs_deleted + c.stats.paragraphs_inserted, 0);
    // The moved paragraph holds a quote, a number and names: none changed.
    assert!(c.alerts.is_empty(), "{:?}", c.alerts);
}

#[test]
fn a_move_with_inner_edits_shows_the_edits_and_alerts_only_on_them() {
    let a = story(&[P0, P1, P2, P3, P4, P5]);
    let p3b = P3.replace("$3.5 million", "$3.8 million");
    let b = story(&[P0, P1, P2, P4, P5, &p3b]);
    let c = compare(&a, &b, &CompareOptions::default());
    let from = c
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Moved && r.left.is_some())
        .expect("moved row");
    let to = c
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Moved && r.right.is_some())
        .expect("moved row");
    assert_eq!(from.left.as_ref().unwrap().index, 3);
    assert_eq!(to.right.as_ref().unwrap().index, 5);
    assert_eq!(marked(&from.left, SegmentKind::Deleted), vec!["5"]);
    assert_eq!(marked(&to.right, SegmentKind::Inserted), vec!["8"]);
    assert_eq!(c.alerts.len(), 1, "{:?}", c.alerts);
    let al = &c.alerts[0];
    assert_eq!(
        (al.kind, al.before.as_str(), al.after.as_str(), al.paragraph),
        (AlertKind::Number, "$3.5 million", "$3.8 million", Some(5))
    );
}

#[test]
fn a_paragraph_replaced_in_place_is_not_a_move() {
    // Same hunk: changed, not moved, even when nearly identical.
    let a = story(&[P0, P1, P5]);
    let b = story(&[P0, &P1.replace("two", "2"), P5]);
    let c = compare(&a, &b, &CompareOptions::default());
    assert_eq!(kinds(&c), vec![RowKind::Equal, RowKind::Changed, RowKind::Equal]);
}

#[test]
fn alerts_for_each_kind_and_none_for_unchanged_items() {
    let a = story(&[P0, P2, P3]);
    let b = story(&[
        &P0.replace("Kim Jong Un", "Kim Jong-un"),
        &P2.replace("always be", "forever be"),
        &P3.replace("officials said", "aides said"),
    ]);
    let c = compare(&a, &b, &CompareOptions::default());
    let got: Vec<(AlertKind, &str, &str, Option<u32>)> = c
        .alerts
        .iter()
        .map(|x| (x.kind, x.before.as_str(), x.after.as_str(), x.paragraph))
        .collect();
    assert_eq!(
        got,
        vec![
            (AlertKind::Name, "Kim Jong Un", "Kim Jong-un", Some(0)),
            (
                AlertKind::Quote,
                "“We will always be with Russia,”",
                "“We will forever be with Russia,”",
                Some(1)
            ),
        ]
    );
    // P3's changed words touch no quote, number or name: "$3.5 million",
    // "Putin" and "Kim" stayed the same, so nothing alerts for paragraph 2.
}

#[test]
fn headline_and_dek_alerts_name_the_field() {
    let mut a = story(&[P0]);
    let mut b = a.clone();
    a.headline = "Kim pledges support in 40 seconds".into();
    b.headline = "Kim pledges support in 45 seconds".into();
    a.dek = "He said “never” today".into();
    b.dek = "He said “never again” today".into();
    let c = compare(&a, &b, &CompareOptions::default());
    assert_eq!(
        c.fields.iter().map(|f| f.field).collect::<Vec<_>>(),
        vec![Field::Headline, Field::Dek]
    );
    let got: Vec<(AlertKind, Option<Field>, Option<u32>)> =
        c.alerts.iter().map(|x| (x.kind, x.field, x.paragraph)).collect();
    assert_eq!(
        got,
        vec![
            (AlertKind::Number, Some(Field::Headline), None),
            (AlertKind::Quote, Some(Field::Dek), None)
        ]
    );
    assert_eq!(c.alerts[0].before, "40 seconds");
    assert_eq!(c.alerts[0].after, "45 seconds");
}

#[test]
fn field_changes_carry_word_segments() {
    let a = story(&[P0]);
    let mut b = a.clone();
    b.headline = "New headline".into();
    b.section = "Asia".into();
    b.status = Status::Ready;
    let c = compare(&a, &b, &CompareOptions::default());
    let f: Vec<Field> = c.fields.iter().map(|f| f.field).collect();
    assert_eq!(f, vec![Field::Headline, Field::Section, Field::Status]);
    let h = &c.fields[0];
    assert_eq!((h.before.as_str(), h.after.as_str()), ("Headline", "New headline"));
    assert_eq!(
        h.segments,
        vec![
            Segment {
                kind: SegmentKind::Deleted,
                text: "Headline".into()
            },
            Segment {
                kind: SegmentKind::Inserted,
                text: "New headline".into()
            },
        ]
    );
    assert_eq!(
        (c.fields[2].before.as_str(), c.fields[2].after.as_str()),
        ("draft", "ready")
    );
}

fn credit(name: &str, role: Role, loc: Option<&str>, org: Option<&str>) -> Credit {
    Credit {
        name: name.into(),
        role,
        location: loc.map(Into::into),
        organization: org.map(Into::into),
    }
}

#[test]
fn credit_changes_are_about_people() {
    let mut a = story(&[P0]);
    let mut b = a.clone();
    a.credits = vec![
        credit("Jim Heintz", Role::Author, Some("Tallinn, Estonia"), Some("AP")),
        credit("Hyung-jin Kim", Role::Contributor, Some("Seoul"), None),
        credit("Old Hand", Role::Editor, None, None),
        credit("Ana Ruiz", Role::Researcher, None, Some("AP")),
    ];
    b.credits = vec![
        credit("Hyung-jin Kim", Role::Author, Some("Seoul"), None),
        credit("Jim Heintz", Role::Author, Some("Moscow"), Some("AP")),
        credit("Ana Ruiz", Role::Researcher, None, Some("Reuters")),
        credit("New Face", Role::Photographer, None, None),
    ];
    let c = compare(&a, &b, &CompareOptions::default());
    let got: Vec<(CreditChangeKind, &str, Option<&str>, Option<&str>)> = c
        .credits
        .iter()
        .map(|x| (x.kind, x.name.as_str(), x.before.as_deref(), x.after.as_deref()))
        .collect();
    assert!(
        got.contains(&(CreditChangeKind::Removed, "Old Hand", Some("editor"), None)),
        "{got:?}"
    );
    assert!(
        got.contains(&(CreditChangeKind::Added, "New Face", None, Some("photographer"))),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            CreditChangeKind::Role,
            "Hyung-jin Kim",
            Some("contributor"),
            Some("author")
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            CreditChangeKind::Location,
            "Jim Heintz",
            Some("Tallinn, Estonia"),
            Some("Moscow")
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(CreditChangeKind::Organization, "Ana Ruiz", Some("AP"), Some("Reuters"))),
        "{got:?}"
    );
    let reordered: Vec<&str> = c
        .credits
        .iter()
        .filter(|x| x.kind == CreditChangeKind::Reordered)
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(reordered.len(), 1, "{got:?}");
    assert!(["Jim Heintz", "Hyung-jin Kim"].contains(&reordered[0]));
    assert_eq!(got.len(), 6, "{got:?}");
}

#[test]
fn photo_changes() {
    let photo = |caption: &str, credit: &str| Photo {
        caption: caption.into(),
        credit: credit.into(),
        ..Photo::default()
    };
    let mut a = story(&[P0]);
    let mut b = a.clone();
    a.photos = vec![
        photo("Kim arrives", "AP Photo/A"),
        photo("Putin waits", "AP Photo/B"),
        photo("Gone", "X"),
    ];
    b.photos = vec![
        photo("Kim arrives at the site", "AP Photo/A"),
        photo("Putin waits", "Sputnik via AP"),
        photo("New one", "Y"),
    ];
    let c = compare(&a, &b, &CompareOptions::default());
    let got: Vec<(PhotoChangeKind, u32)> = c.photos.iter().map(|p| (p.kind, p.index)).collect();
    assert_eq!(
        got,
        vec![
            (PhotoChangeKind::Removed, 2),
            (PhotoChangeKind::Caption, 0),
            (PhotoChangeKind::Credit, 1),
            (PhotoChangeKind::Added, 2)
        ]
    );
    assert_eq!(c.photos[1].after.as_deref(), Some("Kim arrives at the site"));
}

#[test]
fn ignore_boring_turns_quote_punctuation_and_space_changes_equal() {
    let a = story(&[P0, P2, P4]);
    let b = story(&[
        P0,
        &P2.replace(['“', '”'], "\"").replace(" at the", "  at the"),
        &P4.replace('.', "!"),
    ]);
    let strict = compare(&a, &b, &CompareOptions::default());
    assert_eq!(kinds(&strict), vec![RowKind::Equal, RowKind::Changed, RowKind::Changed]);
    let relaxed = compare(
        &a,
        &b,
        &CompareOptions {
            ignore_boring: true,
            ..Default::default()
        },
    );
    assert_eq!(kinds(&relaxed), vec![RowKind::Equal; 3]);
    assert!(relaxed.alerts.is_empty());
    assert_eq!(relaxed.stats, Stats::default());
    // Each side still shows its own text.
    assert_eq!(relaxed.rows[1].right.as_ref().unwrap().segments[0].text, b.body[1]);
    // A real word change is still a change.
    let c = compare(
        &a,
        &story(&[P0, P2, &P4.replace("worry", "alarm")]),
        &CompareOptions {
            ignore_boring: true,
            ..Default::default()
        },
    );
    assert_eq!(kinds(&c)[2], RowKind::Changed);
}

#[test]
fn whitespace_only_change_marks_no_words() {
    let a = story(&[P0]);
    let b = story(&[&P0.replace("full support", "full\nsupport")]);
    let c = compare(&a, &b, &CompareOptions::default());
    assert_eq!(kinds(&c), vec![RowKind::Changed]);
    assert!(marked(&c.rows[0].left, SegmentKind::Deleted).is_empty());
    assert!(marked(&c.rows[0].right, SegmentKind::Inserted).is_empty());
}

#[test]
fn char_level_marks_the_typo_letters() {
    let a = story(&[P4]);
    let b = story(&[&P4.replace("governments", "govermnents")]);
    let word = compare(&a, &b, &CompareOptions::default());
    assert_eq!(marked(&word.rows[0].right, SegmentKind::Inserted), vec!["govermnents"]);
    let chars = compare(
        &a,
        &b,
        &CompareOptions {
            char_level: true,
            ..Default::default()
        },
    );
    let ins = marked(&chars.rows[0].right, SegmentKind::Inserted).concat();
    assert!(ins.len() < 4 && !ins.is_empty(), "{ins:?}");
}

#[test]
fn past_the_deadline_the_result_is_coarse_but_complete() {
    let a = story(&[P0, P1, P2, P3]);
    let b = story(&[P0, &P1.replace("two", "2"), P3, P2]);
    let c = compare_until(
        &a,
        &b,
        &CompareOptions::default(),
        Instant::now() - Duration::from_millis(1),
    );
    assert!(c.coarse);
    let lefts: Vec<u32> = c.rows.iter().filter_map(|r| r.left.as_ref().map(|s| s.index)).collect();
    let rights: Vec<u32> = c
        .rows
        .iter()
        .filter_map(|r| r.right.as_ref().map(|s| s.index))
        .collect();
    assert_eq!(lefts, vec![0, 1, 2, 3]);
    assert_eq!(rights, vec![0, 1, 2, 3]);
    assert!(c.alerts.is_empty());
}

/// Deterministic pseudo-random words (xorshift), never the same two texts.
fn unrelated_story(seed: u64, words: usize) -> StoryContent {
    let mut x = seed | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut body = Vec::new();
    let mut para = Vec::new();
    for _ in 0..words {
        let n = next();
        para.push(format!("w{}", n % 100_000_000));
        if n % 23 == 0 {
            body.push(para.join(" "));
            para.clear();
        }
    }
    body.push(para.join(" "));
    StoryContent::new("H", body)
}

#[test]
fn unrelated_50k_word_texts_finish_and_cover_both_sides() {
    let a = unrelated_story(1, 50_000);
    let b = unrelated_story(2, 50_000);
    let c = compare(&a, &b, &CompareOptions::default());
    let lefts = c.rows.iter().filter(|r| r.left.is_some()).count();
    let rights = c.rows.iter().filter(|r| r.right.is_some()).count();
    assert_eq!((lefts, rights), (a.body.len(), b.body.len()));
    assert!(c.alerts.is_empty());
    // One huge paragraph each: a word diff that must respect the deadline.
    let a1 = StoryContent::new("H", vec![a.body.join(" ")]);
    let b1 = StoryContent::new("H", vec![b.body.join(" ")]);
    let c = compare(&a1, &b1, &CompareOptions::default());
    assert_eq!(c.rows.len(), 2, "unrelated single paragraphs: deleted + inserted");
}

#[test]
fn json_shape_is_what_the_ui_reads() {
    let a = story(&[P0, P1, P2, P3, P4]);
    let b = story(&[P0, P2, &P3.replace("3.5", "3.8"), P4, P1]);
    let c = compare(&a, &b, &CompareOptions::default());
    let v = serde_json::to_value(&c).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["kind"], "equal");
    assert_eq!(rows[0]["left"]["index"], 0);
    assert_eq!(rows[0]["left"]["segments"][0]["kind"], "equal");
    assert!(rows[0].get("move_id").is_none());
    let moved = rows.iter().find(|r| r["kind"] == "moved").unwrap();
    assert!(moved["move_id"].is_u64() && moved["other_index"].is_u64());
    assert!(moved["left"].is_null() || moved["right"].is_null());
    assert_eq!(v["alerts"][0]["kind"], "number");
    assert_eq!(v["stats"]["paragraphs_moved"], 1);
    assert_eq!(v["coarse"], false);
    assert_eq!(v["changes"][0]["where"], "paragraph 2 → 5");
    assert_eq!(
        v["changes"][1],
        serde_json::json!({"id": 2, "kind": "words", "where": "paragraph 3", "before": "5", "after": "8"})
    );
    let back: Comparison = serde_json::from_value(v).unwrap();
    assert_eq!(back, c);
}

#[test]
fn renderings_mark_changes_and_escape_text() {
    let a = story(&[P0, "Tom & Jerry <script>alert(1)</script> said 5 things."]);
    let b = story(&[P0, "Tom & Jerry <script>alert(1)</script> said 6 things."]);
    let c = compare(&a, &b, &CompareOptions::default());
    let plain = render_terminal(&c, false);
    assert!(plain.contains("[-5-]") && plain.contains("{+6+}"), "{plain}");
    assert!(!plain.contains('\x1b'));
    let colored = render_terminal(&c, true);
    assert!(colored.contains("\x1b[31m[-5-]"), "{colored}");
    let html = render_html(&c, "Kim <b>visit</b>");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Kim &lt;b&gt;visit&lt;/b&gt;"));
    assert!(html.contains("Tom &amp; Jerry &lt;script&gt;"));
    assert!(!html.contains("<script"));
    assert!(html.contains("<del>5</del>") && html.contains("<ins>6</ins>"));
    // The same Content-Security-Policy as the HTML export.
    assert!(
        html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        ),
        "{html}"
    );
}

/// A long story with many paragraphs edited in place (and moves, inserts,
/// deletes, alerts), compared on one thread and, forced, on four: the same
/// rows, alerts, stats and `coarse`.
#[test]
fn threads_give_the_same_result_as_one_thread() {
    use super::body::{compare_body_par, Par};
    let mut s = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as usize % n
    };
    const W: &[&str] = &[
        "Kim", "said", "6", "miles", "“we", "win”", "$3.5", "million", "the", "of", "talks", "Putin", "Moscow", "40",
        "and",
    ];
    let a: Vec<String> = (0..600)
        .map(|_| {
            (0..10 + next(25))
                .map(|_| W[next(W.len())])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut b = a.clone();
    for _ in 0..400 {
        let p = next(b.len());
        let mut words: Vec<&str> = b[p].split(' ').collect();
        let w = next(words.len());
        words[w] = W[next(W.len())];
        b[p] = words.join(" ");
    }
    for _ in 0..5 {
        let p = b.remove(next(b.len()));
        b.insert(next(b.len() + 1), p);
    }
    b.remove(next(b.len()));
    b.insert(next(b.len()), "A wholly new paragraph.".to_string());
    let far = Instant::now() + Duration::from_secs(3600);
    for opts in [(false, false), (true, false), (false, true), (true, true)] {
        let opts = CompareOptions {
            ignore_boring: opts.0,
            char_level: opts.1,
        };
        let one = compare_body_par(
            &a,
            &b,
            &opts,
            far,
            Par {
                threads: 1,
                min_bytes: usize::MAX,
            },
        );
        for threads in [2, 3, 4] {
            let many = compare_body_par(&a, &b, &opts, far, Par { threads, min_bytes: 0 });
            assert_eq!(many.threads, threads);
            assert!(one.threads == 1 && !one.coarse && one.stats.paragraphs_changed > 200 && !one.alerts.is_empty());
            assert_eq!(
                (&many.rows, &many.alerts, many.stats, many.coarse),
                (&one.rows, &one.alerts, one.stats, one.coarse)
            );
        }
    }
}

/// A 28,000-word dek rewrite used to run with no deadline before the body,
/// use up the body's budget, and so turn the body coarse and drop its real
/// "90 mph" → "60 mph" alert. The fields now have their own share of the
/// time and degrade to whole before/after past it.
#[test]
fn a_huge_field_rewrite_never_costs_the_body_its_alerts() {
    let mut next = test_rng(12);
    let vocab: Vec<String> = (0..3000).map(|k| format!("w{k}")).collect();
    let mut dek = |n: usize| {
        (0..n)
            .map(|_| vocab[next() % vocab.len()].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut a = story(&[P0, "Winds of 90 mph hit the coast on Monday.", P1]);
    let mut b = story(&[P0, "Winds of 60 mph hit the coast on Monday.", P1]);
    a.dek = dek(28_000);
    b.dek = dek(28_000);
    let c = compare(&a, &b, &CompareOptions::default());
    assert!(!c.coarse, "the body went coarse");
    let number = c
        .alerts
        .iter()
        .find(|x| x.kind == AlertKind::Number && x.paragraph == Some(1));
    let number = number.expect("the body's number alert was lost");
    assert!(
        number.before.contains("90") && number.after.contains("60"),
        "{number:?}"
    );
    let dek_change = c.fields.iter().find(|f| f.field == Field::Dek).expect("the dek change");
    assert_eq!(dek_change.before, a.dek);
    assert_eq!(dek_change.after, b.dek);
}
