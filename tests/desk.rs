//! The desk: workflow rules, search, archive and trash, duplicates, named
//! versions, recovery drafts and paged history.

use copydesk::revision::SaveOutcome;
use copydesk::{Error, HistoryQuery, RevisionKind, SortKey, Status, Store, StoryFilter, StorySummary, StoryView};

mod common;
use common::{story, temp_store};

fn ids(list: &[StorySummary]) -> Vec<i64> {
    list.iter().map(|s| s.id).collect()
}

fn search(s: &Store, text: &str) -> Vec<StorySummary> {
    s.list_stories(&StoryFilter {
        text: Some(text.into()),
        sort: SortKey::Relevance,
        ..Default::default()
    })
    .unwrap()
}

/// A new story (a manual first revision by `author`); its id.
fn new_story(s: &mut Store, content: &copydesk::StoryContent, author: &str) -> i64 {
    s.create_story(content, author, None, RevisionKind::Manual)
        .unwrap()
        .story
}

fn saved(o: SaveOutcome) -> copydesk::RevisionInfo {
    match o {
        SaveOutcome::Saved { info } => info,
        other => panic!("expected a plain new revision, got {other:?}"),
    }
}

#[test]
fn a_story_walks_the_workflow_and_each_step_is_a_status_revision() {
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("Flood", &["Water rose."]), "ana");
    for (step, who) in [
        (Status::Editing, "ben"),
        (Status::Copyedit, "cy"),
        (Status::Ready, "cy"),
        (Status::Published, "di"),
    ] {
        let info = saved(s.set_status(id, step, who, None).unwrap());
        assert_eq!(
            (info.kind, info.status, info.author.as_str()),
            (RevisionKind::Status, step, who)
        );
    }
    let h = s.history(id).unwrap();
    assert_eq!(h.len(), 5);
    // The words never changed: every status revision holds revision 1's body.
    assert_eq!(s.revision(id, None).unwrap().content.body, vec!["Water rose."]);
}

#[test]
fn a_move_the_workflow_does_not_allow_is_refused_and_stores_nothing() {
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("Flood", &["Water rose."]), "ana");
    let e = s.set_status(id, Status::Published, "ana", None).unwrap_err();
    assert!(matches!(e, Error::Workflow { .. }), "{e:?}");
    assert!(e.to_string().contains("from Draft to Published"), "{e}");
    // Through a save too: the status is part of the content.
    let mut c = story("Flood", &["Water rose higher."]);
    c.status = Status::Ready;
    assert!(matches!(
        s.save(id, &c, "ana", None, RevisionKind::Manual),
        Err(Error::Workflow { .. })
    ));
    assert_eq!(s.latest_number(id).unwrap(), 1);
}

#[test]
fn a_save_that_changes_only_the_status_is_recorded_as_a_status_change() {
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("Flood", &["Water rose."]), "ana");
    let mut c = s.revision(id, None).unwrap().content;
    c.status = Status::Editing;
    assert_eq!(
        saved(s.save(id, &c, "ana", None, RevisionKind::Manual).unwrap()).kind,
        RevisionKind::Status
    );
    c.body[0] = "Water rose fast.".into();
    assert_eq!(
        saved(s.save(id, &c, "ana", None, RevisionKind::Manual).unwrap()).kind,
        RevisionKind::Manual
    );
}

fn published(s: &mut Store) -> i64 {
    let mut c = story("Flood", &["Water rose 6 feet."]);
    c.slug = "Flood".into();
    let id = new_story(s, &c, "ana");
    for st in [Status::Editing, Status::Copyedit, Status::Ready, Status::Published] {
        s.set_status(id, st, "ana", None).unwrap();
    }
    id
}

#[test]
fn editing_a_published_story_needs_a_correction_note() {
    let (_d, mut s) = temp_store();
    let id = published(&mut s);
    let mut c = s.revision(id, None).unwrap().content;
    c.body[0] = "Water rose 8 feet.".into();
    for note in [None, Some("   ")] {
        let e = s.save(id, &c, "ana", note, RevisionKind::Manual).unwrap_err();
        assert!(matches!(e, Error::CorrectionNoteRequired), "{e:?}");
    }
    // Autosave cannot slip an edit past readers either.
    let e = s.save(id, &c, "ana", None, RevisionKind::Autosave).unwrap_err();
    assert!(matches!(e, Error::CorrectionNoteRequired), "{e:?}");
    let info = saved(
        s.save(id, &c, "ana", Some("Corrects height of flood"), RevisionKind::Manual)
            .unwrap(),
    );
    assert_eq!((info.kind, info.status), (RevisionKind::Correction, Status::Published));
    assert_eq!(info.note.as_deref(), Some("Corrects height of flood"));
}

#[test]
fn restoring_words_keeps_the_current_status() {
    let (_d, mut s) = temp_store();
    let id = published(&mut s);
    let mut c = s.revision(id, None).unwrap().content;
    c.body[0] = "Water rose 8 feet.".into();
    s.save(id, &c, "ana", Some("fix"), RevisionKind::Manual).unwrap();
    let info = saved(s.restore(id, 1, "ben", None).unwrap());
    assert_eq!(
        (info.kind, info.status, info.restored_from),
        (RevisionKind::Restore, Status::Published, Some(1))
    );
    assert_eq!(s.revision(id, None).unwrap().content.body, vec!["Water rose 6 feet."]);
}

#[test]
fn search_ranks_headline_matches_first_and_marks_the_words() {
    let (_d, mut s) = temp_store();
    let body_only = new_story(
        &mut s,
        &story("Council meets", &["Talk of the summit filled the hall.", "More."]),
        "a",
    );
    let headline = new_story(
        &mut s,
        &story("Summit opens in Vladivostok", &["Leaders arrived."]),
        "a",
    );
    new_story(&mut s, &story("Weather", &["Sunny."]), "a");
    let found = search(&s, "summit");
    assert_eq!(ids(&found), vec![headline, body_only]);
    let m = found[0].matches.as_ref().unwrap();
    let hits: Vec<&str> = m.headline.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert_eq!(hits, vec!["Summit"]);
    let excerpt = found[1].matches.as_ref().unwrap();
    assert!(
        excerpt.excerpt.iter().any(|p| p.hit && p.text == "summit"),
        "{excerpt:?}"
    );
    assert!(m.excerpt.is_empty(), "a headline-only match needs no excerpt: {m:?}");
    // Prefixes and accents: "vlad" finds Vladivostok, "Maria" finds "María".
    assert_eq!(ids(&search(&s, "vlad")), vec![headline]);
    let maria = new_story(&mut s, &story("Profile", &["Ana María Ruiz spoke."]), "a");
    assert_eq!(ids(&search(&s, "maria ruiz")), vec![maria]);
    // Every word must match, and FTS syntax typed by the editor is just text.
    assert!(search(&s, "summit weather").is_empty());
    assert!(search(&s, "NEAR(summit OR \"").len() <= 2);
}

#[test]
fn search_follows_the_latest_revision() {
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("Storm", &["Winds of 90 mph."]), "a");
    assert_eq!(ids(&search(&s, "winds")), vec![id]);
    s.save(
        id,
        &story("Storm", &["Gusts of 90 mph."]),
        "a",
        None,
        RevisionKind::Manual,
    )
    .unwrap();
    assert!(search(&s, "winds").is_empty());
    assert_eq!(ids(&search(&s, "gusts")), vec![id]);
}

#[test]
fn the_list_sorts_by_any_column_and_filters_by_section() {
    let (_d, mut s) = temp_store();
    let mut mk = |headline: &str, section: &str, words: usize| {
        let mut c = story(headline, &[&"word ".repeat(words)]);
        c.section = section.into();
        new_story(&mut s, &c, "a")
    };
    let b = mk("Bravo", "Sports", 30);
    let a = mk("alpha", "World", 10);
    let c = mk("Charlie", "World", 20);
    let list = |s: &Store, sort, ascending| {
        ids(&s
            .list_stories(&StoryFilter {
                sort,
                ascending,
                ..Default::default()
            })
            .unwrap())
    };
    assert_eq!(list(&s, SortKey::Headline, true), vec![a, b, c], "case-insensitive");
    assert_eq!(list(&s, SortKey::Words, false), vec![b, c, a]);
    assert_eq!(list(&s, SortKey::Updated, false), vec![c, a, b]);
    s.set_status(a, Status::Editing, "a", None).unwrap();
    s.set_status(a, Status::Copyedit, "a", None).unwrap();
    s.set_status(c, Status::Editing, "a", None).unwrap();
    // Workflow order, not alphabetical: draft, editing, copyedit.
    assert_eq!(list(&s, SortKey::Status, true), vec![b, c, a]);
    let world = s
        .list_stories(&StoryFilter {
            section: Some("World".into()),
            sort: SortKey::Headline,
            ascending: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ids(&world), vec![a, c]);
    assert_eq!(s.sections().unwrap(), vec!["Sports", "World"]);
    assert_eq!(world[0].words, 11);
}

#[test]
fn archived_and_trashed_stories_leave_the_list_but_stay_whole() {
    let (_d, mut s) = temp_store();
    let keep = new_story(&mut s, &story("Keep", &["Shared paragraph."]), "a");
    let old = new_story(&mut s, &story("Old", &["Old news."]), "a");
    let bin = new_story(&mut s, &story("Bin", &["Shared paragraph.", "Own text."]), "a");
    s.archive(old, "ed").unwrap();
    s.trash(bin, "ed").unwrap();
    let shelf = |s: &Store, view| {
        ids(&s
            .list_stories(&StoryFilter {
                view,
                ..Default::default()
            })
            .unwrap())
    };
    assert_eq!(shelf(&s, StoryView::Active), vec![keep]);
    assert_eq!(shelf(&s, StoryView::Archived), vec![old]);
    assert_eq!(shelf(&s, StoryView::Trash), vec![bin]);
    assert!(
        search(&s, "own").is_empty(),
        "trashed stories are not found by the working list"
    );
    // A story in the trash cannot be edited until it is taken out.
    assert!(matches!(
        s.save(bin, &story("Bin", &["x"]), "a", None, RevisionKind::Manual),
        Err(Error::InTrash(_))
    ));
    s.untrash(bin).unwrap();
    s.save(
        bin,
        &story("Bin", &["Shared paragraph.", "Own text, edited."]),
        "a",
        None,
        RevisionKind::Manual,
    )
    .unwrap();
    s.unarchive(old).unwrap();
    assert_eq!(shelf(&s, StoryView::Active).len(), 3);

    s.trash(bin, "ed").unwrap();
    assert_eq!(s.empty_trash().unwrap(), 1);
    assert!(matches!(s.revision(bin, None), Err(Error::StoryNotFound(_))));
    // The paragraph the kept story shares survived the purge.
    assert_eq!(s.revision(keep, None).unwrap().content.body, vec!["Shared paragraph."]);
    assert_eq!(shelf(&s, StoryView::Trash), Vec::<i64>::new());
    assert_eq!(s.empty_trash().unwrap(), 0);
}

#[test]
fn a_duplicate_is_a_new_draft_with_the_same_words() {
    let (_d, mut s) = temp_store();
    let id = published(&mut s);
    let copy = s.duplicate(id, "ben").unwrap();
    assert_ne!(copy.story, id);
    assert_eq!(
        (copy.revision, copy.kind, copy.status),
        (1, RevisionKind::Duplicate, Status::Draft)
    );
    let c = s.revision(copy.story, None).unwrap().content;
    assert_eq!(c.body, vec!["Water rose 6 feet."]);
    assert_eq!(c.slug, "Flood-Copy");
    assert!(copy.note.unwrap().contains(&format!("story {id}")));
}

#[test]
fn named_versions_are_pinned_and_listed_with_the_history() {
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("Flood", &["a"]), "ana");
    s.save(id, &story("Flood", &["b"]), "ana", None, RevisionKind::Manual)
        .unwrap();
    s.name_version(id, 1, "Sent to desk", "ana").unwrap();
    s.name_version(id, 2, "  Legal\napproved ", "ben").unwrap();
    let page = s.history_page(id, &HistoryQuery::default()).unwrap();
    let names: Vec<(u32, &str, &str)> = page
        .named
        .iter()
        .map(|n| (n.revision, n.name.as_str(), n.author.as_str()))
        .collect();
    assert_eq!(names, vec![(2, "Legal approved", "ben"), (1, "Sent to desk", "ana")]);
    assert!(matches!(
        s.name_version(id, 9, "x", "a"),
        Err(Error::RevisionNotFound { .. })
    ));
    assert!(matches!(s.name_version(id, 1, "  ", "a"), Err(Error::Invalid(_))));
    assert!(matches!(
        s.name_version(id, 1, &"x".repeat(81), "a"),
        Err(Error::Invalid(_))
    ));
    s.unname_version(id, 1, "Sent to desk").unwrap();
    assert_eq!(s.named_versions(id).unwrap().len(), 1);
    assert_eq!(s.history(id).unwrap().len(), 2, "unnaming never touches revisions");
}

#[test]
fn history_pages_filter_by_author_and_kind() {
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("H", &["p0"]), "ana");
    for i in 1..=9 {
        let (who, kind) = if i % 3 == 0 {
            ("ben", RevisionKind::Manual)
        } else {
            ("ana", RevisionKind::Autosave)
        };
        s.save(id, &story("H", &[&format!("p{i}")]), who, None, kind).unwrap();
    }
    let q = |author: Option<&str>, kind, before, limit| HistoryQuery {
        author: author.map(String::from),
        kind,
        before,
        limit: Some(limit),
    };
    let first = s.history_page(id, &q(None, None, None, 4)).unwrap();
    assert_eq!(
        first.revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![10, 9, 8, 7]
    );
    assert!(first.more);
    assert_eq!((first.matching, first.latest), (10, 10));
    assert_eq!(first.authors, vec!["ana", "ben"]);
    let last = s.history_page(id, &q(None, None, Some(3), 4)).unwrap();
    assert_eq!(
        last.revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert!(!last.more);
    let ben = s.history_page(id, &q(Some("ben"), None, None, 100)).unwrap();
    assert_eq!(
        ben.revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![10, 7, 4]
    );
    assert_eq!(ben.matching, 3);
    let autosaves = s
        .history_page(id, &q(None, Some(RevisionKind::Autosave), None, 100))
        .unwrap();
    assert_eq!(autosaves.matching, 6);
    assert!(autosaves.revisions.iter().all(|r| r.kind == RevisionKind::Autosave));
}

#[test]
fn unsaved_edits_are_kept_as_drafts_until_a_revision_holds_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let id;
    {
        let mut s = Store::open(&path).unwrap();
        id = new_story(&mut s, &story("Flood", &["Water rose."]), "ana");
        s.save_draft(
            Some(id),
            Some(1),
            &story("Flood", &["Water rose.", "Typed, never saved."]),
        )
        .unwrap();
        s.save_draft(None, None, &story("A new story", &["Half written"]))
            .unwrap();
        // The process dies here: nothing else is written.
    }
    let mut s = Store::open(&path).unwrap();
    let drafts = s.drafts().unwrap();
    assert_eq!(drafts.len(), 2);
    let mine = drafts.iter().find(|d| d.story == Some(id)).unwrap();
    assert_eq!(
        (mine.base, mine.content.body[1].as_str()),
        (Some(1), "Typed, never saved.")
    );
    assert!(drafts
        .iter()
        .any(|d| d.story.is_none() && d.content.headline == "A new story"));
    // Saving what the draft held supersedes it.
    s.save(id, &mine.content, "ana", None, RevisionKind::Autosave).unwrap();
    s.discard_draft(None).unwrap();
    assert!(s.drafts().unwrap().is_empty());
    // A draft equal to the latest revision is not offered.
    s.save_draft(Some(id), Some(2), &s.revision(id, None).unwrap().content)
        .unwrap();
    assert!(s.drafts().unwrap().is_empty());
}

#[test]
fn shelving_by_action_moves_a_story_between_the_shelves() {
    use copydesk::ShelfAction;
    let (_d, mut s) = temp_store();
    let id = new_story(&mut s, &story("Flood", &["Water rose."]), "ana");
    let on = |s: &Store, view| {
        ids(&s
            .list_stories(&StoryFilter {
                view,
                ..Default::default()
            })
            .unwrap())
    };
    s.shelve(id, ShelfAction::Archive, "ben").unwrap();
    assert_eq!(
        (on(&s, StoryView::Archived), on(&s, StoryView::Active)),
        (vec![id], vec![])
    );
    s.shelve(id, ShelfAction::Unarchive, "ben").unwrap();
    s.shelve(id, ShelfAction::Trash, "ben").unwrap();
    assert_eq!(on(&s, StoryView::Trash), vec![id]);
    s.shelve(id, ShelfAction::Untrash, "ben").unwrap();
    assert_eq!(on(&s, StoryView::Active), vec![id]);
    let action: ShelfAction = serde_json::from_str("\"untrash\"").unwrap();
    assert_eq!(action, ShelfAction::Untrash, "the UI sends the lowercase name");
}
