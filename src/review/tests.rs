//! Tests of [`apply`]: every kind of change accepted, rejected, and alone.

use proptest::prelude::*;

use super::*;
use crate::diff::{test_rng, ChangeKind};
use crate::model::{Role, Status};
use crate::revision::content_hash;

/// A comparison without a deadline: these tests check what a review does
/// with the changes a comparison finds, and a machine busy enough to push a
/// comparison past its deadline (coarser rows, more changes) must not make
/// them fail.
fn compare(a: &StoryContent, b: &StoryContent, opts: &CompareOptions) -> Comparison {
    crate::diff::compare_until(
        a,
        b,
        opts,
        std::time::Instant::now() + std::time::Duration::from_secs(600),
    )
}

const P0: &str = "North Korean leader Kim Jong Un vowed full support for Russia on Wednesday.";
const P1: &str = "The two leaders met at the Vostochny Cosmodrome in the Amur region.";
const P2: &str = "Kim said at the start of the talks, which lasted 40 seconds, that he was glad.";
const P3: &str = "Putin gave Kim a tour of the launch site, officials said on Thursday morning.";
const P4: &str = "Analysts say the meeting could bring weapons deals that would worry the West.";

fn credit(name: &str, role: Role, location: Option<&str>) -> Credit {
    Credit {
        name: name.into(),
        role,
        location: location.map(Into::into),
        organization: None,
    }
}

fn photo(caption: &str, credit: &str) -> Photo {
    Photo {
        caption: caption.into(),
        credit: credit.into(),
        photographer: Some(credit.into()),
        ..Default::default()
    }
}

/// Two revisions with every kind of change.
fn pair() -> (StoryContent, StoryContent) {
    let mut a = StoryContent::new(
        "Kim visits Russia",
        vec![P0.into(), P1.into(), P2.into(), P3.into(), P4.into()],
    );
    a.dek = "A rare trip".into();
    a.status = Status::Editing;
    a.credits = vec![
        credit("Jim Heintz", Role::Author, Some("Tallinn, Estonia")),
        credit("Ana Ruiz", Role::Contributor, None),
        credit("Lee Park", Role::Contributor, Some("Seoul")),
        credit("Tom Berg", Role::Researcher, None),
    ];
    a.photos = vec![
        photo("Kim arrives", "Pool"),
        photo("Putin waits", "Sputnik"),
        photo("The launch pad", "Kremlin"),
    ];
    let mut b = a.clone();
    b.headline = "Kim visits Putin".into();
    b.dek = "".into();
    b.status = Status::Copyedit;
    b.credits = vec![
        credit("Tom Berg", Role::Researcher, None),
        credit("Jim Heintz", Role::Contributor, Some("Moscow")),
        credit("Lee Park", Role::Contributor, Some("Seoul")),
        credit("Mia Sato", Role::Editor, None),
    ];
    b.photos = vec![
        photo("Kim arrives by train", "Pool"),
        photo("The launch pad", "AP"),
        photo("A new photo", "Reuters"),
    ];
    let p1b = P1.replace("two leaders", "two men").replace("Amur region", "far east");
    b.body = vec![
        P4.into(),
        P0.into(),
        p1b,
        P3.into(),
        "A new closing paragraph about nothing much.".into(),
    ];
    (a, b)
}

fn normalized(mut c: StoryContent) -> StoryContent {
    c.normalize();
    c
}

fn kinds(c: &Comparison) -> Vec<ChangeKind> {
    c.changes.iter().map(|c| c.kind).collect()
}

#[test]
fn the_pair_has_every_kind_of_change() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    for k in [
        ChangeKind::Field,
        ChangeKind::Credit,
        ChangeKind::Photo,
        ChangeKind::Inserted,
        ChangeKind::Deleted,
        ChangeKind::Moved,
        ChangeKind::Words,
    ] {
        assert!(kinds(&c).contains(&k), "{k:?} missing: {:#?}", c.changes);
    }
    let credit_kinds: HashSet<CreditChangeKind> = c.credits.iter().map(|c| c.kind).collect();
    assert_eq!(credit_kinds.len(), 5, "{:?}", c.credits);
    let photo_kinds: HashSet<PhotoChangeKind> = c.photos.iter().map(|c| c.kind).collect();
    assert_eq!(photo_kinds.len(), 4, "{:?}", c.photos);
}

#[test]
fn accepting_all_gives_the_newer_revision_and_rejecting_all_the_older() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    assert_eq!(apply(&a, &b, &c, &|_| true), b);
    assert_eq!(apply(&a, &b, &c, &|_| false), a);
}

#[test]
fn each_change_alone_is_the_only_change_from_the_older_revision() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    for ch in &c.changes {
        let one = normalized(apply(&a, &b, &c, &|id| id == ch.id));
        let left = compare(&a, &one, &CompareOptions::default());
        assert_eq!(left.changes.len(), 1, "accepting only {ch:?} left {:#?}", left.changes);
        assert_eq!(
            (left.changes[0].kind, &left.changes[0].before, &left.changes[0].after),
            (ch.kind, &ch.before, &ch.after)
        );
        // And rejecting only it leaves exactly it to review towards newer.
        let all_but = normalized(apply(&a, &b, &c, &|id| id != ch.id));
        let right = compare(&all_but, &b, &CompareOptions::default());
        assert_eq!(
            right.changes.len(),
            1,
            "rejecting only {ch:?} left {:#?}",
            right.changes
        );
    }
}

#[test]
fn a_rejected_word_run_gets_its_older_words_back() {
    let a = StoryContent::new("H", vec!["one two three four five six".into()]);
    let b = StoryContent::new("H", vec!["one 2 3 four five 6".into()]);
    let c = compare(&a, &b, &CompareOptions::default());
    assert_eq!(apply(&a, &b, &c, &|id| id == 1).body, vec!["one 2 3 four five six"]);
    assert_eq!(apply(&a, &b, &c, &|id| id == 2).body, vec!["one two three four five 6"]);
}

#[test]
fn rejected_paragraph_changes_are_reverted_in_place() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    let id = |k: ChangeKind| c.changes.iter().find(|c| c.kind == k).unwrap().id;
    // Move rejected: P4 stays last; everything else as in b.
    let r = apply(&a, &b, &c, &|x| x != id(ChangeKind::Moved));
    assert_eq!(r.body[0], P0);
    assert_eq!(r.body[3], P4);
    // Deletion rejected: P2 back after P1.
    let r = apply(&a, &b, &c, &|x| x != id(ChangeKind::Deleted));
    assert_eq!(r.body[3], P2);
    assert_eq!(r.body.len(), b.body.len() + 1);
    // Insertion rejected: no new closing paragraph.
    let r = apply(&a, &b, &c, &|x| x != id(ChangeKind::Inserted));
    assert_eq!(r.body, b.body[..4]);
}

#[test]
fn rejected_credit_and_photo_changes_are_reverted() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    let find = |place: &str| {
        c.changes
            .iter()
            .find(|c| c.place == place)
            .unwrap_or_else(|| panic!("no {place}: {:#?}", c.changes))
            .id
    };
    let only_reject = |id: u32| apply(&a, &b, &c, &move |x| x != id);
    let r = only_reject(find("credit: Ana Ruiz (removed)"));
    let names: Vec<&str> = r.credits.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Tom Berg", "Jim Heintz", "Ana Ruiz", "Lee Park", "Mia Sato"]);
    let r = only_reject(find("credit: Mia Sato (added)"));
    assert_eq!(r.credits, b.credits[..3]);
    let r = only_reject(find("credit: Jim Heintz (role)"));
    assert_eq!(
        (r.credits[1].role, r.credits[1].location.as_deref()),
        (Role::Author, Some("Moscow"))
    );
    let r = only_reject(find("credit: Jim Heintz (location)"));
    assert_eq!(
        (r.credits[1].role, r.credits[1].location.as_deref()),
        (Role::Contributor, Some("Tallinn, Estonia"))
    );
    let reordered = c.changes.iter().find(|c| c.place.ends_with("(reordered)")).unwrap();
    let r = only_reject(reordered.id);
    assert_eq!(
        compare(&a, &r, &CompareOptions::default())
            .credits
            .iter()
            .filter(|c| c.kind == CreditChangeKind::Reordered)
            .count(),
        0
    );

    let r = only_reject(find("photo 1 caption"));
    assert_eq!(r.photos[0].caption, "Kim arrives");
    let r = only_reject(find("photo 2 credit"));
    assert_eq!(r.photos[1], photo("The launch pad", "Kremlin"));
    let r = only_reject(find("photo 2 removed"));
    assert_eq!(r.photos[1], photo("Putin waits", "Sputnik"));
    assert_eq!(r.photos.len(), 4);
    let r = only_reject(find("photo 3 added"));
    assert_eq!(r.photos.len(), 2);
}

#[test]
fn rejected_fields_get_their_older_values() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    let r = apply(&a, &b, &c, &|id| c.changes[id as usize - 1].kind != ChangeKind::Field);
    assert_eq!(
        (r.headline.as_str(), r.dek.as_str(), r.status),
        ("Kim visits Russia", "A rare trip", Status::Editing)
    );
    assert_eq!(r.body, b.body);
}

#[test]
fn decisions_split_and_reject_unknown_ids() {
    let (a, b) = pair();
    let c = compare(&a, &b, &CompareOptions::default());
    let n = c.changes.len() as u32;
    let (acc, rej) = Decisions::Accept(vec![1, 3]).split(&c).unwrap();
    assert_eq!(acc, [1, 3]);
    assert_eq!(rej.len() as u32, n - 2);
    let (acc, rej) = Decisions::Reject(vec![]).split(&c).unwrap();
    assert_eq!((acc.len() as u32, rej.len()), (n, 0));
    let (acc, rej) = Decisions::Accept(vec![]).split(&c).unwrap();
    assert_eq!((acc.len(), rej.len() as u32), (0, n));
    assert!(matches!(
        Decisions::Reject(vec![n + 1]).split(&c),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(Decisions::Accept(vec![0]).split(&c), Err(Error::Invalid(_))));
}

const WORDS: &[&str] = &[
    "Kim",
    "Putin",
    "said",
    "the",
    "talks",
    "in",
    "Moscow",
    "ended",
    "on",
    "Friday",
    "with",
    "a",
    "deal",
    "over",
    "grain",
    "and",
    "arms",
    "officials",
    "told",
    "reporters",
    "5",
    "million",
    "tons",
    "“We",
    "agree,”",
    "he",
    "added",
    "after",
    "lunch",
    "today",
];

/// A random story and a random edit of it: fields, credits, photos and
/// paragraphs inserted, deleted, moved and edited word by word. Names are
/// distinct and never change only in letter case; photos keep their order.
fn random_pair(seed: u64) -> (StoryContent, StoryContent) {
    let mut r = test_rng(seed | 1);
    let sentence = |r: &mut dyn FnMut() -> usize, n: usize| {
        (0..n).map(|_| WORDS[r() % WORDS.len()]).collect::<Vec<_>>().join(" ") + "."
    };
    let paras = 1 + r() % 8;
    let body: Vec<String> = (0..paras)
        .map(|_| {
            let n = 4 + r() % 10;
            sentence(&mut r, n)
        })
        .collect();
    let mut a = StoryContent::new(sentence(&mut r, 4), body);
    a.dek = sentence(&mut r, 6);
    a.section = "World".into();
    let people = ["Jim Heintz", "Ana Ruiz", "Lee Park", "Tom Berg", "Mia Sato", "Ida Holm"];
    for p in people.iter().take(r() % 5) {
        a.credits.push(credit(
            p,
            Role::ALL[r() % Role::ALL.len()],
            if r() % 2 == 0 { Some("Seoul") } else { None },
        ));
    }
    for k in 0..r() % 4 {
        a.photos.push(photo(&format!("Caption {k}"), &format!("Credit {k}")));
    }
    let mut b = a.clone();
    for _ in 0..1 + r() % 6 {
        match r() % 12 {
            0 => b.headline = sentence(&mut r, 5),
            1 => b.dek = String::new(),
            2 => b.status = Status::ALL[r() % Status::ALL.len()],
            3 if !b.credits.is_empty() => {
                let k = r() % b.credits.len();
                match r() % 5 {
                    0 => b.credits[k].role = Role::ALL[r() % Role::ALL.len()],
                    1 => b.credits[k].location = Some("Tokyo".into()),
                    2 => b.credits[k].organization = Some("AP".into()),
                    3 => {
                        let c = b.credits.remove(k);
                        let at = r() % (b.credits.len() + 1);
                        b.credits.insert(at, c);
                    }
                    _ => {
                        b.credits.remove(k);
                    }
                }
            }
            4 => {
                if let Some(p) = people
                    .iter()
                    .find(|p| !b.credits.iter().any(|c| c.name == **p) && !a.credits.iter().any(|c| c.name == **p))
                {
                    let at = r() % (b.credits.len() + 1);
                    b.credits.insert(at, credit(p, Role::Editor, None));
                }
            }
            5 if !b.photos.is_empty() => {
                let k = r() % b.photos.len();
                match r() % 3 {
                    0 => b.photos[k].caption = format!("New caption {}", r() % 1000),
                    1 => b.photos[k] = photo(&b.photos[k].caption.clone(), &format!("New credit {}", r() % 1000)),
                    _ => {
                        b.photos.remove(k);
                    }
                }
            }
            6 => {
                let at = r() % (b.photos.len() + 1);
                let n = r() % 1000;
                b.photos
                    .insert(at, photo(&format!("Added caption {n}"), &format!("Added credit {n}")));
            }
            7 if !b.body.is_empty() => {
                b.body.remove(r() % b.body.len());
            }
            8 => {
                let at = r() % (b.body.len() + 1);
                let n = 4 + r() % 10;
                b.body.insert(at, sentence(&mut r, n));
            }
            9 if !b.body.is_empty() => {
                let p = b.body.remove(r() % b.body.len());
                let at = r() % (b.body.len() + 1);
                b.body.insert(at, p);
            }
            _ if !b.body.is_empty() => {
                // Word edits: replace, insert or delete a few words.
                let k = r() % b.body.len();
                let mut words: Vec<String> = b.body[k].split(' ').map(String::from).collect();
                for _ in 0..1 + r() % 3 {
                    let at = r() % words.len();
                    match r() % 3 {
                        0 => words[at] = WORDS[r() % WORDS.len()].to_string(),
                        1 => words.insert(at, WORDS[r() % WORDS.len()].to_string()),
                        _ if words.len() > 1 => {
                            words.remove(at);
                        }
                        _ => {}
                    }
                }
                b.body[k] = words.join(" ");
            }
            _ => {}
        }
    }
    b.normalize();
    (a, b)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn accept_all_is_newer_reject_all_is_older_and_one_accepted_is_one_change(seed in any::<u64>()) {
        let (a, b) = random_pair(seed);
        let c = compare(&a, &b, &CompareOptions::default());
        prop_assume!(!c.coarse);
        prop_assert_eq!(content_hash(&normalized(apply(&a, &b, &c, &|_| true))), content_hash(&b));
        prop_assert_eq!(normalized(apply(&a, &b, &c, &|_| false)), a.clone());
        for ch in &c.changes {
            let raw = apply(&a, &b, &c, &|id| id == ch.id);
            let one = normalized(raw.clone());
            let left = compare(&a, &one, &CompareOptions::default());
            if let Target::Words { row, old, new } = &ch.target {
                // The word diff and the pairing of paragraphs are
                // heuristics: compared afresh, one run may come out split
                // around a word it now finds equal ("a talks Kim" →
                // "agree,” reporters talks" as two runs around "talks"), or
                // a short paragraph may no longer pair (a deletion and an
                // insertion). What must hold: only that paragraph differs,
                // and exactly by that run.
                let i = c.rows[*row].left.as_ref().unwrap().index as usize;
                let j = c.rows[*row].right.as_ref().unwrap().index as usize;
                let spliced = format!("{}{}{}", &a.body[i][..old.start], &b.body[j][new.clone()], &a.body[i][old.end..]);
                let mut expect = a.clone();
                expect.body[i] = spliced;
                prop_assert_eq!(one, normalized(expect));
                prop_assert!(!left.changes.is_empty());
            } else {
                prop_assert_eq!(left.changes.len(), 1, "accepting only {:?} of {:#?} left {:#?}", ch, c.changes, left.changes);
                prop_assert_eq!(left.changes[0].kind, ch.kind);
            }
        }
    }
}
