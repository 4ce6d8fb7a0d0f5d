//! The store keeps every revision, immutable, attributed and timestamped.

use copydesk::revision::SaveOutcome;
use copydesk::store::StoryFilter;
use copydesk::{Credit, Error, RevisionKind, Role, Status, Store, StoryContent};

mod common;
use common::{story, temp_store};

#[test]
fn saves_number_revisions_and_record_who_when_why() {
    let (_d, mut s) = temp_store();
    let r1 = s
        .create_story(&story("H", &["one"]), "ana", Some("first"), RevisionKind::Import)
        .unwrap();
    assert_eq!((r1.revision, r1.parent, r1.kind), (1, None, RevisionKind::Import));
    let out = s
        .save(
            r1.story,
            &story("H", &["one", "two"]),
            "ben",
            Some("second"),
            RevisionKind::Manual,
        )
        .unwrap();
    let SaveOutcome::Saved { info: r2 } = out else {
        panic!("expected a save")
    };
    assert_eq!((r2.revision, r2.parent, r2.author.as_str()), (2, Some(1), "ben"));
    assert!(r2.created_at >= r1.created_at);
    let h = s.history(r1.story).unwrap();
    assert_eq!(h.iter().map(|r| r.revision).collect::<Vec<_>>(), vec![2, 1]);
    assert_eq!(h[0].note.as_deref(), Some("second"));
    assert_eq!(h[1].words, 2);
}

#[test]
fn saving_identical_content_stores_nothing() {
    let (_d, mut s) = temp_store();
    let r1 = s
        .create_story(&story("H", &["one"]), "ana", None, RevisionKind::Import)
        .unwrap();
    // Same text with other line endings and stray spaces is the same story.
    let out = s
        .save(r1.story, &story(" H ", &["one\r\n"]), "ben", None, RevisionKind::Manual)
        .unwrap();
    assert!(
        matches!(out, SaveOutcome::Unchanged { ref info } if info.revision == 1),
        "{out:?}"
    );
    assert_eq!(s.history(r1.story).unwrap().len(), 1);
}

#[test]
fn every_field_round_trips_through_the_store() {
    let (_d, mut s) = temp_store();
    let mut c = story("Headline", &["First <b>para</b>.", "Second\npara."]);
    c.dek = "Dek".into();
    c.section = "World".into();
    c.slug = "Houston-Flood".into();
    c.dateline = "HOUSTON (AP)".into();
    c.status = Status::Editing;
    c.copyright = "Copyright 2026".into();
    c.credits = vec![Credit {
        name: "Ana María Ruiz".into(),
        role: Role::Author,
        location: Some("Houston".into()),
        organization: Some("Associated Press".into()),
    }];
    let r = s.create_story(&c, "ana", None, RevisionKind::Manual).unwrap();
    let back = s.revision(r.story, None).unwrap();
    assert_eq!(back.content, c);
    assert_eq!(back.info, r);
}

#[test]
fn restore_appends_a_copy_and_rewrites_nothing() {
    let (_d, mut s) = temp_store();
    let r1 = s
        .create_story(&story("H", &["one"]), "ana", None, RevisionKind::Import)
        .unwrap();
    s.save(
        r1.story,
        &story("H2", &["one", "two"]),
        "ben",
        None,
        RevisionKind::Manual,
    )
    .unwrap();
    let out = s.restore(r1.story, 1, "cy", None).unwrap();
    let info = out.info().clone();
    assert_eq!(
        (info.revision, info.kind, info.restored_from, info.parent),
        (3, RevisionKind::Restore, Some(1), Some(2))
    );
    assert_eq!(info.note.as_deref(), Some("Restored revision 1"));
    assert_eq!(
        s.revision(r1.story, Some(3)).unwrap().content,
        s.revision(r1.story, Some(1)).unwrap().content
    );
    assert_eq!(s.revision(r1.story, Some(2)).unwrap().content.headline, "H2");
    // Restoring what is already the latest content adds nothing.
    assert!(!s.restore(r1.story, 3, "cy", None).unwrap().is_saved());
}

#[test]
fn paragraphs_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut s = Store::open(&path).unwrap();
    let body: Vec<String> = (0..50)
        .map(|i| format!("Paragraph number {i} of a long story."))
        .collect();
    let r = s
        .create_story(&StoryContent::new("H", body.clone()), "a", None, RevisionKind::Import)
        .unwrap();
    for i in 0..20 {
        let mut b = body.clone();
        b[i] = format!("Edited paragraph {i}.");
        s.save(r.story, &StoryContent::new("H", b), "a", None, RevisionKind::Manual)
            .unwrap();
    }
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM paragraphs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 50 + 20);
}

#[test]
fn the_database_refuses_to_rewrite_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut s = Store::open(&path).unwrap();
    s.create_story(&story("H", &["one"]), "a", None, RevisionKind::Import)
        .unwrap();
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let e = conn.execute("UPDATE revisions SET author = 'x'", []).unwrap_err();
    assert!(e.to_string().contains("immutable"), "{e}");
    // The headline is kept with the fields (schema 7), immutable as well.
    let e = conn.execute("UPDATE field_sets SET headline = 'x'", []).unwrap_err();
    assert!(e.to_string().contains("immutable"), "{e}");
    let e = conn.execute("DELETE FROM revisions", []).unwrap_err();
    assert!(e.to_string().contains("never deleted"), "{e}");
}

#[test]
fn missing_stories_and_revisions_are_named() {
    let (_d, mut s) = temp_store();
    assert!(matches!(s.history(42), Err(Error::StoryNotFound(42))));
    assert!(matches!(s.revision(42, None), Err(Error::StoryNotFound(42))));
    let r = s
        .create_story(&story("H", &["p"]), "a", None, RevisionKind::Import)
        .unwrap();
    let e = s.revision(r.story, Some(9)).unwrap_err();
    assert!(matches!(e, Error::RevisionNotFound { revision: 9, .. }), "{e:?}");
    assert!(e.to_string().contains("copydesk history"));
    assert!(matches!(
        s.save(77, &story("H", &[]), "a", None, RevisionKind::Manual),
        Err(Error::StoryNotFound(77))
    ));
    assert!(matches!(
        s.create_story(&story("  ", &["p"]), "a", None, RevisionKind::Manual),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn list_shows_latest_state_and_filters() {
    let (_d, mut s) = temp_store();
    let a = s
        .create_story(
            &story("Storm hits coast", &["Winds of 90 mph."]),
            "a",
            None,
            RevisionKind::Import,
        )
        .unwrap();
    let b = s
        .create_story(
            &story("Council votes", &["The vote was 5-4."]),
            "a",
            None,
            RevisionKind::Import,
        )
        .unwrap();
    let mut c = story("Council votes again", &["The vote was 5-4."]);
    c.status = Status::Editing;
    s.save(b.story, &c, "b", None, RevisionKind::Manual).unwrap();
    let all = s.list_stories(&StoryFilter::default()).unwrap();
    assert_eq!(all.iter().map(|x| x.id).collect::<Vec<_>>(), vec![b.story, a.story]);
    assert_eq!(
        (all[0].revisions, all[0].status, all[0].headline.as_str()),
        (2, Status::Editing, "Council votes again")
    );
    let found = s
        .list_stories(&StoryFilter {
            text: Some("90 MPH".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.iter().map(|x| x.id).collect::<Vec<_>>(), vec![a.story]);
    let ready = s
        .list_stories(&StoryFilter {
            status: Some(Status::Editing),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ready.len(), 1);
    let none = s
        .list_stories(&StoryFilter {
            text: Some("100%".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn people_directory_remembers_each_person_once() {
    let (_d, mut s) = temp_store();
    let mut c = story("H", &["p"]);
    c.credits = vec![Credit {
        name: "Jim Heintz".into(),
        role: Role::Contributor,
        location: Some("Tallinn, Estonia".into()),
        organization: Some("Associated Press".into()),
    }];
    let r = s.create_story(&c, "a", None, RevisionKind::Import).unwrap();
    c.credits[0].location = None;
    c.credits[0].role = Role::Author;
    c.credits.push(Credit {
        name: "jim heintz".into(),
        role: Role::Author,
        location: None,
        organization: None,
    });
    c.body.push("more".into());
    s.save(r.story, &c, "a", None, RevisionKind::Manual).unwrap();
    let people = s.suggest_people("hei", 10).unwrap();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].role, Role::Author);
    assert_eq!(people[0].location.as_deref(), Some("Tallinn, Estonia"));
    assert!(s.suggest_people("zz", 10).unwrap().is_empty());
}

#[test]
fn revisions_through_gives_the_chain_oldest_first() {
    let (_d, mut s) = temp_store();
    let r = s
        .create_story(&story("H", &["a"]), "x", None, RevisionKind::Import)
        .unwrap();
    s.save(r.story, &story("H", &["a", "b"]), "y", None, RevisionKind::Manual)
        .unwrap();
    s.save(r.story, &story("H", &["a", "b", "c"]), "z", None, RevisionKind::Manual)
        .unwrap();
    let chain = s.revisions_through(r.story, Some(2)).unwrap();
    assert_eq!(chain.iter().map(|r| r.info.revision).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(s.revisions_through(r.story, None).unwrap().len(), 3);
}

/// A revision that edits a few words of a 5,000-word story costs a few
/// hundred bytes, not a copy of its paragraphs and their id list: the packed
/// storage (zstd deltas, delta-coded body lists) must keep it that way. The
/// figures against git are `cargo bench --bench storage`.
#[test]
fn a_small_edit_costs_well_under_a_kilobyte_of_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut s = Store::open(&path).unwrap();
    let mut body: Vec<String> = (0..100)
        .map(|p| {
            (0..50)
                .map(|w| format!("word{}", (p * 50 + w) % 997))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut c = StoryContent::new("A headline", body.clone());
    c.credits = vec![Credit {
        name: "Jim Heintz".into(),
        role: Role::Contributor,
        location: Some("Tallinn, Estonia".into()),
        organization: Some("Associated Press".into()),
    }];
    let r = s.create_story(&c, "a", None, RevisionKind::Import).unwrap();
    let vacuumed = |path: &std::path::Path| {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;").unwrap();
        std::fs::metadata(path).unwrap().len()
    };
    let edits = 300;
    let mut first = 0;
    for i in 0..=edits {
        if i == 0 {
            first = vacuumed(&path);
            continue;
        }
        let p = (i * 37) % body.len();
        body[p] = format!("{} edit{i}", body[p]);
        c.body = body.clone();
        s.save(r.story, &c, "a", Some("edit"), RevisionKind::Manual).unwrap();
    }
    drop(s);
    let per_revision = (vacuumed(&path) - first) / edits as u64;
    // Unpacked, each of these revisions stored its edited paragraph (~300
    // bytes) and a 100-entry id list with its index rows: over 2 KiB.
    assert!(per_revision < 1024, "{per_revision} bytes per revision");
    assert!(per_revision > 0, "the edits were not stored");
}

#[test]
fn a_story_that_could_not_be_read_back_is_refused_at_save_and_nothing_is_written() {
    let (_d, mut s) = temp_store();
    let id = s
        .create_story(
            &story("Storm", &["Winds of 90 mph."]),
            "ana",
            None,
            RevisionKind::Manual,
        )
        .unwrap()
        .story;
    // One line longer than a story file may hold: its export could never be
    // read back, so the save is refused rather than stored.
    let huge = story("Storm", &[&"word ".repeat(60_000)]);
    let err = s.save(id, &huge, "ana", None, RevisionKind::Manual).unwrap_err();
    assert!(matches!(err, copydesk::Error::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("line of"), "{err}");
    assert_eq!(s.latest_number(id).unwrap(), 1);
}
