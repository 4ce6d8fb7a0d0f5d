//! Reviewing the changes between two stored revisions through the store.

use copydesk::review::{review, Decisions};
use copydesk::revision::SaveOutcome;
use copydesk::{Error, RevisionKind, Store};

mod common;
use common::{story, temp_store};

const WIND: &str = "Winds reached 90 mph, officials said.";
const SCHOOLS: &str = "Schools will close.";
const MAYOR: &str = "The mayor spoke at noon.";

/// A story whose revision 2 makes four changes to revision 1: headline (1),
/// "90" → "110" (2), the mayor's paragraph deleted (3), one inserted (4).
fn two_revisions(s: &mut Store) -> i64 {
    let r1 = s
        .create_story(
            &story("Storm nears coast", &[WIND, SCHOOLS, MAYOR]),
            "ana",
            None,
            RevisionKind::Import,
        )
        .unwrap();
    let b = story(
        "Storm nears the coast",
        &[
            &WIND.replace("90", "110"),
            SCHOOLS,
            "Shelters are open tonight across the county.",
        ],
    );
    s.save(r1.story, &b, "ben", None, RevisionKind::Manual).unwrap();
    r1.story
}

#[test]
fn a_review_is_saved_as_kind_review_on_its_base_with_a_counting_note() {
    let (_d, mut s) = temp_store();
    let id = two_revisions(&mut s);
    let done = review(
        &mut s,
        id,
        1,
        2,
        Decisions::Accept(vec![1, 3]),
        "cy",
        &Default::default(),
    )
    .unwrap();
    assert_eq!(
        (done.accepted.as_slice(), done.rejected.as_slice()),
        (&[1, 3][..], &[2, 4][..])
    );
    assert_eq!(done.note, "Review of r1 → r2: accepted 2 changes, rejected 2");
    let SaveOutcome::Saved { info } = &done.saved else {
        panic!("expected a save: {:?}", done.saved)
    };
    assert_eq!(
        (info.revision, info.parent, info.kind),
        (3, Some(2), RevisionKind::Review)
    );
    assert_eq!(
        (info.author.as_str(), info.note.as_deref()),
        ("cy", Some(done.note.as_str()))
    );
    let content = s.revision(id, Some(3)).unwrap().content;
    assert_eq!(content.headline, "Storm nears the coast");
    assert_eq!(content.body, [WIND, SCHOOLS]);
    let json = serde_json::to_value(&done).unwrap();
    assert_eq!(
        (json["story"].as_i64(), json["saved"]["outcome"].as_str()),
        (Some(id), Some("saved"))
    );
}

#[test]
fn unknown_ids_are_invalid_and_save_nothing() {
    let (_d, mut s) = temp_store();
    let id = two_revisions(&mut s);
    for d in [Decisions::Accept(vec![5]), Decisions::Reject(vec![2, 0])] {
        let e = review(&mut s, id, 1, 2, d, "cy", &Default::default()).unwrap_err();
        assert!(
            matches!(e, Error::Invalid(ref m) if m.contains("numbered 1 to 4")),
            "{e}"
        );
    }
    assert_eq!(s.latest_number(id).unwrap(), 2);
}

#[test]
fn a_review_of_an_older_revision_keeps_what_was_saved_since() {
    let (_d, mut s) = temp_store();
    let id = two_revisions(&mut s);
    let mut r3 = s.revision(id, Some(2)).unwrap().content;
    r3.body[1] = "Schools and offices will close.".into();
    s.save(id, &r3, "dee", None, RevisionKind::Manual).unwrap();
    let done = review(&mut s, id, 1, 2, Decisions::Reject(vec![2]), "cy", &Default::default()).unwrap();
    let SaveOutcome::Merged { info, .. } = &done.saved else {
        panic!("expected a merge: {:?}", done.saved)
    };
    let content = s.revision(id, Some(info.revision)).unwrap().content;
    assert_eq!(content.body[0], WIND);
    assert_eq!(content.body[1], "Schools and offices will close.");
    assert_eq!(content.headline, "Storm nears the coast");
}

#[test]
fn the_preview_is_what_the_review_saves() {
    use copydesk::diff::CompareOptions;
    let opts = CompareOptions::default();
    for decisions in [
        Decisions::Accept(vec![2, 4]),
        Decisions::Reject(vec![3]),
        Decisions::Accept(vec![]),
    ] {
        let (_d, mut s) = temp_store();
        let id = two_revisions(&mut s);
        let (a, b) = (
            s.revision(id, Some(1)).unwrap().content,
            s.revision(id, Some(2)).unwrap().content,
        );
        let shown = copydesk::review::preview(&a, &b, &decisions, &opts).unwrap();
        let done = review(&mut s, id, 1, 2, decisions.clone(), "cy", &Default::default()).unwrap();
        let latest = s.revision(id, None).unwrap();
        assert_eq!(latest.content, shown, "{decisions:?}");
        assert_eq!(done.saved.info().revision, latest.info.revision);
        let e = copydesk::review::preview(&a, &b, &Decisions::Accept(vec![9]), &opts).unwrap_err();
        assert!(matches!(e, copydesk::Error::Invalid(_)), "{e:?}");
    }
}
