//! `Store::blame` (the walk back over stored paragraph ids) against the
//! reference `diff::blame` over the whole history, and reading on a second
//! connection while saves go on.

use std::time::{Duration, Instant};

use copydesk::diff::{self, Attribution};
use copydesk::store::BLAME_PROGRESS_EVERY;
use copydesk::{Error, RevisionKind, Status, Store, StoryContent};
use proptest::prelude::*;

/// Paragraphs to build bodies from: few enough that they repeat, move,
/// vanish and come back.
const PARAGRAPHS: &[&str] = &[
    "The council voted 7-2 on Tuesday.",
    "The mayor said the plan would pass.",
    "Residents packed the hall.",
    "The budget is $40 million.",
    "Opponents called it rushed.",
    "A second vote is set for May.",
    "\"We are ready,\" she said.",
];

/// One save: the body as indexes into [`PARAGRAPHS`], and a headline
/// variant so that a save may change nothing but the headline.
type Save = (Vec<usize>, bool);

fn saves() -> impl Strategy<Value = Vec<Save>> {
    let repeating = prop::collection::vec(0..PARAGRAPHS.len(), 1..7);
    let distinct =
        prop::sample::subsequence((0..PARAGRAPHS.len()).collect::<Vec<_>>(), 1..=PARAGRAPHS.len()).prop_shuffle();
    let body = prop_oneof![repeating, distinct.clone(), distinct];
    prop::collection::vec((body, any::<bool>()), 1..14)
}

fn content(save: &Save) -> StoryContent {
    let headline = if save.1 { "Council passes plan" } else { "Council votes" };
    StoryContent::new(headline, save.0.iter().map(|&i| PARAGRAPHS[i].to_string()).collect())
}

/// A story saved as `saves` by three alternating authors.
fn story(s: &mut Store, saves: &[Save]) -> i64 {
    let authors = ["ana", "ben", "cy"];
    let story = s
        .create_story(&content(&saves[0]), authors[0], None, RevisionKind::Manual)
        .unwrap()
        .story;
    for (i, save) in saves.iter().enumerate().skip(1) {
        s.save(story, &content(save), authors[i % 3], None, RevisionKind::Manual)
            .unwrap();
    }
    story
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn the_walk_agrees_with_the_reference_at_every_revision(saves in saves()) {
        let mut s = Store::open_in_memory().unwrap();
        let story = story(&mut s, &saves);
        let latest = s.latest_number(story).unwrap();
        for n in (1..=latest).map(Some).chain([None]) {
            let (walked, reference) = both_ways(&s, story, n);
            prop_assert_eq!(walked, reference, "revision {:?}", n);
        }
    }
}

/// Blame of revision `n` by the walk and by the reference.
fn both_ways(s: &Store, story: i64, n: Option<u32>) -> (Vec<Attribution>, Vec<Attribution>) {
    (
        s.blame(story, n, |_| {}).unwrap(),
        diff::blame(&s.revisions_through(story, n).unwrap()),
    )
}

#[test]
fn status_changes_and_restores_are_walked_like_any_revision() {
    let mut s = Store::open_in_memory().unwrap();
    let story = story(
        &mut s,
        &[(vec![0, 1, 2], false), (vec![0, 3, 2], false), (vec![2, 0, 3], true)],
    );
    s.set_status(story, Status::Editing, "ben", None).unwrap();
    s.restore(story, 1, "cy", None).unwrap();
    let got: Vec<(u32, String)> = s
        .blame(story, None, |_| {})
        .unwrap()
        .into_iter()
        .map(|a| (a.revision, a.author))
        .collect();
    // Paragraph 1 came back in the restore (r5); the others never left.
    assert_eq!(got, [(1, "ana".into()), (5, "cy".into()), (1, "ana".into())]);
    let (walked, reference) = both_ways(&s, story, None);
    assert_eq!(walked, reference);
}

#[test]
fn a_missing_story_or_revision_is_the_same_error_as_before() {
    let mut s = Store::open_in_memory().unwrap();
    let story = story(&mut s, &[(vec![0], false)]);
    assert!(matches!(
        s.blame(story, Some(2), |_| {}),
        Err(Error::RevisionNotFound { revision: 2, .. })
    ));
    assert!(matches!(s.blame(99, None, |_| {}), Err(Error::StoryNotFound(99))));
}

/// A story of `revisions` revisions whose first paragraph never changes, so
/// that a blame walks back to revision 1.
fn long_story(s: &mut Store, revisions: u32) -> i64 {
    let mut body = vec!["The council met on Tuesday.".to_string(), String::new()];
    let mut c = StoryContent::new("Council", body.clone());
    let story = s.create_story(&c, "ana", None, RevisionKind::Manual).unwrap().story;
    for n in 2..=revisions {
        body[1] = format!("The vote was {n} to 2.");
        c.body = body.clone();
        s.save(story, &c, "ben", None, RevisionKind::Autosave).unwrap();
    }
    story
}

#[test]
fn a_save_completes_while_a_blame_is_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut writer = Store::open(&path).unwrap();
    let revisions = BLAME_PROGRESS_EVERY * 2 + 10;
    let story = long_story(&mut writer, revisions);
    let reader = Store::open_read_only(&path).unwrap();
    let expected = diff::blame(&writer.revisions_through(story, None).unwrap());

    let mut reports = Vec::new();
    let mut save_took = None;
    let got = reader
        .blame(story, None, |p| {
            reports.push(p);
            if save_took.is_none() {
                // Mid-walk, inside the blame's read transaction: a writer
                // that had to wait for it would time out after 5 s, locked.
                let t = Instant::now();
                let c = StoryContent::new("Council", vec!["Saved during a blame.".into()]);
                let saved = writer.save(story, &c, "cy", None, RevisionKind::Manual).unwrap();
                assert_eq!(saved.info().revision, revisions + 1);
                save_took = Some(t.elapsed());
            }
        })
        .unwrap();
    let took = save_took.expect("the walk reported progress");
    assert!(took < Duration::from_secs(1), "the save waited {took:?}");
    assert_eq!(
        reports,
        [1, 2].map(|k| diff::BlameProgress {
            walked: k * BLAME_PROGRESS_EVERY,
            of: revisions - 1
        })
    );
    // The blame read one snapshot: the revision saved meanwhile is not in it.
    assert_eq!(got, expected);
    assert_eq!(got[0].revision, 1);
    let after = reader.blame(story, None, |_| {}).unwrap();
    assert_eq!((after.len(), after[0].revision), (1, revisions + 1));
    // And the reader cannot write.
    let err = Store::open_read_only(&path)
        .unwrap()
        .set_status(story, Status::Editing, "ana", None)
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
}
