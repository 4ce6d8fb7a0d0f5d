use super::*;
use crate::diff::test_rng;
use crate::model::Role;

fn story(body: &[&str]) -> StoryContent {
    let mut c = StoryContent::new("Storm hits the coast", body.iter().map(|s| s.to_string()).collect());
    c.dek = "Thousands without power".into();
    c.section = "Weather".into();
    c
}

const P: [&str; 5] = [
    "Winds of 90 mph hit the coast on Tuesday, the weather service said.",
    "\"We have never seen anything like it,\" said Mayor Ana Ruiz.",
    "Schools in three counties were closed and 40,000 homes lost power.",
    "Forecasters expect the storm to weaken by Thursday as it moves inland.",
    "The last storm of this strength hit the region in 1998.",
];

fn clean(m: &Merge) -> &StoryContent {
    assert!(m.conflicts.is_empty(), "unexpected conflicts: {:#?}", m.conflicts);
    &m.content
}

#[test]
fn edits_in_different_paragraphs_both_land() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs.body[0] = P[0].replace("90", "60");
    let mut ours = base.clone();
    ours.body[3] = P[3].replace("Thursday", "Friday");
    let m = merge(&base, &theirs, &ours, &[]);
    let c = clean(&m);
    assert_eq!(c.body[0], P[0].replace("90", "60"));
    assert_eq!(c.body[3], P[3].replace("Thursday", "Friday"));
    assert_eq!(c.body.len(), 5);
    assert_eq!((m.theirs.paragraphs, m.ours.paragraphs), (1, 1));
}

#[test]
fn edits_of_different_words_in_one_paragraph_merge() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs.body[2] = P[2].replace("Schools", "Schools in Miami");
    let mut ours = base.clone();
    ours.body[2] = P[2].replace("40,000", "45,000");
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(
        clean(&m).body[2],
        "Schools in Miami in three counties were closed and 45,000 homes lost power."
    );
    // The name and the number are listed, each with the side that changed it.
    let sides: Vec<_> = m
        .alerts
        .iter()
        .map(|a| (a.side, a.alert.after.as_str(), a.alert.paragraph))
        .collect();
    assert!(sides.contains(&(MergeSide::Theirs, "Miami", Some(2))), "{sides:?}");
    assert!(sides.contains(&(MergeSide::Ours, "45,000", Some(2))), "{sides:?}");
}

#[test]
fn edits_of_the_same_words_conflict_with_all_three_texts() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs.body[0] = P[0].replace("90", "60");
    let mut ours = base.clone();
    ours.body[0] = P[0].replace("90", "70");
    ours.body[4] = P[4].replace("1998", "1999");
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.id, c.kind, c.place.as_str()),
        (1, ConflictKind::Paragraph, "paragraph 1")
    );
    assert_eq!(
        (c.base.as_str(), c.theirs.as_str(), c.ours.as_str()),
        (P[0], theirs.body[0].as_str(), ours.body[0].as_str())
    );
    // Resolved by id, the merge goes through, with the other edit kept.
    for (take, text, want) in [
        (Take::Mine, None, vec![ours.body[0].clone()]),
        (Take::Theirs, None, vec![theirs.body[0].clone()]),
        (Take::Both, None, vec![theirs.body[0].clone(), ours.body[0].clone()]),
        (
            Take::Edit,
            Some("Winds of 65 mph.\n\nA new paragraph.".to_string()),
            vec!["Winds of 65 mph.".into(), "A new paragraph.".into()],
        ),
    ] {
        let m = merge(&base, &theirs, &ours, &[Resolution { id: 1, take, text }]);
        let c = clean(&m);
        assert_eq!(c.body[..want.len()], want[..], "{take:?}");
        assert_eq!(c.body.last().unwrap(), &P[4].replace("1998", "1999"));
    }
}

#[test]
fn a_paragraph_deleted_on_one_side_and_edited_on_the_other_conflicts() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs.body.remove(2);
    let mut ours = base.clone();
    ours.body[2] = P[2].replace("three", "four");
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    assert_eq!(m.conflicts[0].theirs, "");
    assert_eq!(m.conflicts[0].ours, ours.body[2]);
    // Deleting a paragraph the other side left alone is a plain edit.
    let m = merge(&base, &theirs, &base, &[]);
    assert_eq!(clean(&m).body, theirs.body);
    let m = merge(&base, &base, &theirs, &[]);
    assert_eq!(clean(&m).body, theirs.body);
}

#[test]
fn a_move_on_one_side_keeps_the_other_sides_edit_of_that_paragraph() {
    let base = story(&P);
    let mut theirs = base.clone();
    let moved = theirs.body.remove(1);
    theirs.body.push(moved);
    let mut ours = base.clone();
    ours.body[1] = P[1].replace("never", "not ever");
    ours.body[3] = P[3].replace("Thursday", "Friday");
    let m = merge(&base, &theirs, &ours, &[]);
    let c = clean(&m);
    assert_eq!(c.body.len(), 5);
    assert_eq!(c.body[4], P[1].replace("never", "not ever"), "{:#?}", c.body);
    assert_eq!(c.body[2], P[3].replace("Thursday", "Friday"));
}

#[test]
fn insertions_at_the_same_place_conflict_and_keep_both_keeps_both() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs
        .body
        .insert(2, "Power was restored to most homes by evening.".into());
    let mut ours = base.clone();
    ours.body
        .insert(2, "The governor declared a state of emergency.".into());
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].place, "paragraph 3");
    let m = merge(
        &base,
        &theirs,
        &ours,
        &[Resolution {
            id: 1,
            take: Take::Both,
            text: None,
        }],
    );
    let c = clean(&m);
    assert_eq!(c.body[2..4], [theirs.body[2].clone(), ours.body[2].clone()]);
    assert_eq!(c.body.len(), 7);
    // Inserted at different places: both land.
    let mut ours = base.clone();
    ours.body.push("More to come.".into());
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(clean(&m).body.len(), 7);
}

#[test]
fn fields_merge_and_conflict_one_by_one() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs.headline = "Storm batters the coast".into();
    theirs.status = Status::Editing;
    theirs.section = "National".into();
    let mut ours = base.clone();
    ours.dek = "Thousands still without power".into();
    ours.section = "Weather & climate".into();
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(
        (m.conflicts[0].kind, m.conflicts[0].place.as_str()),
        (ConflictKind::Field, "section")
    );
    assert_eq!(m.content.headline, "Storm batters the coast");
    assert_eq!(m.content.dek, "Thousands still without power");
    assert_eq!(m.content.status, Status::Editing);
    let m = merge(
        &base,
        &theirs,
        &ours,
        &[Resolution {
            id: 1,
            take: Take::Mine,
            text: None,
        }],
    );
    assert_eq!(clean(&m).section, "Weather & climate");
    // A resolution the conflict cannot take leaves it open.
    let m = merge(
        &base,
        &theirs,
        &ours,
        &[Resolution {
            id: 1,
            take: Take::Both,
            text: None,
        }],
    );
    assert_eq!(m.conflicts.len(), 1);
}

#[test]
fn credits_merge_per_person() {
    let credit = |name: &str, role, loc: Option<&str>| Credit {
        name: name.into(),
        role,
        location: loc.map(Into::into),
        organization: None,
    };
    let mut base = story(&P);
    base.credits = vec![credit("Ana Ruiz", Role::Author, None)];
    let mut theirs = base.clone();
    theirs
        .credits
        .push(credit("Tom Price", Role::Contributor, Some("Lima")));
    let mut ours = base.clone();
    ours.credits[0].location = Some("Bogota".into());
    ours.credits.push(credit("Li Wei", Role::Contributor, None));
    let m = merge(&base, &theirs, &ours, &[]);
    let names: Vec<_> = clean(&m)
        .credits
        .iter()
        .map(|c| (c.name.as_str(), c.location.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Ana Ruiz", Some("Bogota")),
            ("Tom Price", Some("Lima")),
            ("Li Wei", None)
        ]
    );
    // The same person changed differently on both sides.
    let mut theirs = base.clone();
    theirs.credits[0].location = Some("Quito".into());
    let m = merge(&base, &theirs, &ours, &[]);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].place, "credit: Ana Ruiz");
    assert_eq!(m.conflicts[0].ours, "Ana Ruiz, author, Bogota");
}

#[test]
fn photos_merge_per_photo() {
    let photo = |c: &str| Photo {
        caption: c.into(),
        credit: "(AP Photo/Ana Ruiz)".into(),
        photographer: Some("Ana Ruiz".into()),
        sources: vec![],
        via: None,
    };
    let mut base = story(&P);
    base.photos = vec![photo("Waves hit the pier."), photo("A fallen tree.")];
    let mut theirs = base.clone();
    theirs.photos[0].caption = "Waves hit the pier on Tuesday.".into();
    let mut ours = base.clone();
    ours.photos[1].caption = "A fallen tree blocks a road.".into();
    let m = merge(&base, &theirs, &ours, &[]);
    let caps: Vec<_> = clean(&m).photos.iter().map(|p| p.caption.as_str()).collect();
    assert_eq!(caps, ["Waves hit the pier on Tuesday.", "A fallen tree blocks a road."]);
}

// ---------------------------------------------------------------------------
// Properties, on random stories and random edits.

const WORDS: &[&str] = &[
    "the",
    "storm",
    "hit",
    "coast",
    "on",
    "Tuesday",
    "said",
    "Ana",
    "Ruiz",
    "90",
    "mph",
    "$5",
    "million",
    "homes",
    "power",
    "\"We",
    "will",
    "rebuild,\"",
    "schools",
    "closed",
    "in",
    "three",
    "counties",
    "and",
    "a",
    "of",
    "Lima",
    "Peru",
];

fn words(rng: &mut impl FnMut() -> usize, n: usize) -> String {
    (0..n).map(|_| WORDS[rng() % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

fn random_story(rng: &mut impl FnMut() -> usize) -> StoryContent {
    let n = 3 + rng() % 10;
    let body = (0..n)
        .map(|_| {
            let len = 12 + rng() % 20;
            words(rng, len)
        })
        .collect();
    let mut c = StoryContent::new(words(rng, 6), body);
    c.dek = words(rng, 8);
    c.section = "World".into();
    c
}

/// One random edit: a word changed, a paragraph inserted, deleted or
/// moved, a field changed.
fn random_edit(rng: &mut impl FnMut() -> usize, c: &mut StoryContent) {
    let n = c.body.len();
    match rng() % 6 {
        0 | 1 if n > 0 => {
            let p = rng() % n;
            let mut ws: Vec<String> = c.body[p].split(' ').map(str::to_string).collect();
            let k = rng() % ws.len();
            ws[k] = format!("edited{}", rng() % 1000);
            c.body[p] = ws.join(" ");
        }
        2 => {
            let at = rng() % (n + 1);
            c.body.insert(at, words(rng, 15));
        }
        3 if n > 1 => {
            c.body.remove(rng() % n);
        }
        4 if n > 2 => {
            let from = rng() % n;
            let p = c.body.remove(from);
            let to = rng() % c.body.len();
            c.body.insert(to, p);
        }
        _ => c.dek = words(rng, 7),
    }
}

#[test]
fn merging_with_an_unchanged_side_gives_the_other_side() {
    let mut rng = test_rng(0x5eed_0001);
    for _ in 0..300 {
        let b = random_story(&mut rng);
        let mut x = b.clone();
        for _ in 0..1 + rng() % 4 {
            random_edit(&mut rng, &mut x);
        }
        x.normalize();
        // merge(b, x, b) = x and merge(b, b, y) = y.
        assert_eq!(clean(&merge(&b, &x, &b, &[])), &x);
        assert_eq!(clean(&merge(&b, &b, &x, &[])), &x);
        // merge(b, x, x) = x: the same edit made twice lands once.
        assert_eq!(clean(&merge(&b, &x, &x, &[])), &x);
    }
}

#[test]
fn disjoint_edits_commute_and_both_land() {
    let mut rng = test_rng(0x5eed_0002);
    for round in 0..300 {
        let b = random_story(&mut rng);
        let n = b.body.len();
        // x edits words in even paragraphs and the dek, y in odd paragraphs
        // and the section: never the same words.
        let mut x = b.clone();
        let mut y = b.clone();
        let edit_word = |c: &mut StoryContent, p: usize, tag: &str, rng: &mut dyn FnMut() -> usize| {
            let mut ws: Vec<String> = c.body[p].split(' ').map(str::to_string).collect();
            let k = rng() % ws.len();
            ws[k] = format!("{tag}{}", rng() % 1000);
            c.body[p] = ws.join(" ");
        };
        for p in (0..n).step_by(2) {
            if rng() % 2 == 0 {
                edit_word(&mut x, p, "x", &mut rng);
            }
        }
        for p in (1..n).step_by(2) {
            if rng() % 2 == 0 {
                edit_word(&mut y, p, "y", &mut rng);
            }
        }
        if rng() % 2 == 0 {
            x.dek = words(&mut rng, 5);
        }
        if rng() % 2 == 0 {
            y.section = "Americas".into();
        }
        let xy = merge(&b, &x, &y, &[]);
        let yx = merge(&b, &y, &x, &[]);
        let (xy, yx) = (clean(&xy), clean(&yx));
        assert_eq!(xy, yx, "round {round}");
        for p in 0..n {
            let want = if p % 2 == 0 { &x.body[p] } else { &y.body[p] };
            assert_eq!(&xy.body[p], want, "round {round}, paragraph {p}");
        }
        assert_eq!((&xy.dek, &xy.section), (&x.dek, &y.section));
    }
}

#[test]
fn a_conflict_shows_each_side_against_the_base_word_by_word() {
    let base = story(&P);
    let mut theirs = base.clone();
    theirs.body[0] = P[0].replace("90", "60");
    let mut ours = base.clone();
    ours.body[0] = P[0].replace("90", "70");
    let m = merge(&base, &theirs, &ours, &[]);
    let c = &m.conflicts[0];
    let changed = |segs: &[Segment]| -> Vec<(crate::diff::SegmentKind, String)> {
        segs.iter()
            .filter(|s| s.kind != crate::diff::SegmentKind::Equal)
            .map(|s| (s.kind, s.text.to_string()))
            .collect()
    };
    use crate::diff::SegmentKind::{Deleted, Inserted};
    assert_eq!(
        changed(&c.theirs_segments),
        [(Deleted, "90".into()), (Inserted, "60".into())]
    );
    assert_eq!(
        changed(&c.ours_segments),
        [(Deleted, "90".into()), (Inserted, "70".into())]
    );
}
