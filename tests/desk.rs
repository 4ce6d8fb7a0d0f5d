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

/// Every page of every order, shelf and filter, put together, is the whole
/// list: each story once, in the order the sort key says (ties newest
/// first), and the total counts exactly the stories that match.
#[test]
fn pages_put_together_are_the_whole_list_in_every_order_and_filter() {
    use std::cmp::Ordering;
    use std::collections::HashMap;
    let (_d, mut s) = temp_store();
    copydesk::generate::generate_desk(&mut s, 240, 9).unwrap();
    // Some stories move on (new headline, editor, revisions), some leave the desk.
    for id in (1..=240).step_by(7) {
        let mut c = s.revision(id, None).unwrap().content;
        c.headline = format!("Revised {}", c.headline);
        let note = Some("fix");
        s.save(id, &c, "Zed Quill", note, RevisionKind::Manual).unwrap();
    }
    let mut shelf_of: HashMap<i64, StoryView> = (1..=240).map(|id| (id, StoryView::Active)).collect();
    for id in (3..=240).step_by(11) {
        s.archive(id, "ed").unwrap();
        shelf_of.insert(id, StoryView::Archived);
    }
    for id in (5..=240).step_by(13) {
        s.trash(id, "ed").unwrap();
        shelf_of.insert(id, StoryView::Trash);
    }
    let latest: HashMap<i64, copydesk::Revision> = (1..=240).map(|id| (id, s.revision(id, None).unwrap())).collect();
    let fold = |t: &str| t.to_lowercase();
    let key_order = |sort: SortKey, a: &StorySummary, b: &StorySummary| match sort {
        SortKey::Slug => fold(&a.slug).cmp(&fold(&b.slug)),
        SortKey::Headline => fold(&a.headline).cmp(&fold(&b.headline)),
        SortKey::Section => fold(&a.section).cmp(&fold(&b.section)),
        SortKey::Status => {
            let rank = |st: Status| Status::ALL.iter().position(|&x| x == st);
            rank(a.status).cmp(&rank(b.status))
        }
        SortKey::LastEditor => fold(&a.last_author).cmp(&fold(&b.last_author)),
        SortKey::Words => a.words.cmp(&b.words),
        SortKey::Updated | SortKey::Relevance => a.updated_at.cmp(&b.updated_at),
    };
    let mut checked = 0;
    for view in [StoryView::Active, StoryView::Archived, StoryView::Trash] {
        for (status, section, text) in [
            (None, None, None),
            (Some(Status::Published), None, None),
            (None, Some("Metro"), None),
            (Some(Status::Draft), Some("Sports"), None),
            (None, None, Some("council")),
            (Some(Status::Ready), None, Some("gov")),
        ] {
            for sort in [
                SortKey::Slug,
                SortKey::Headline,
                SortKey::Section,
                SortKey::Status,
                SortKey::LastEditor,
                SortKey::Updated,
                SortKey::Words,
                SortKey::Relevance,
            ] {
                for ascending in [false, true] {
                    let filter = StoryFilter {
                        text: text.map(str::to_string),
                        status,
                        section: section.map(str::to_string),
                        view,
                        sort,
                        ascending,
                        offset: 0,
                        limit: Some(17),
                    };
                    let mut all = Vec::new();
                    let total = loop {
                        let page = s
                            .list_page(&StoryFilter {
                                offset: all.len() as u32,
                                ..filter.clone()
                            })
                            .unwrap();
                        assert_eq!(page.offset as usize, all.len());
                        let n = page.stories.len();
                        all.extend(page.stories);
                        if n < 17 {
                            break page.total;
                        }
                    };
                    let what = format!("{view:?} {status:?} {section:?} {text:?} {sort:?} asc={ascending}");
                    assert_eq!(total as usize, all.len(), "{what}");
                    assert_eq!(ids(&all), ids(&s.list_stories(&filter).unwrap()), "{what}");
                    let expected: Vec<i64> = {
                        let mut e: Vec<i64> = latest
                            .iter()
                            .filter(|(id, r)| {
                                shelf_of[id] == view
                                    && status.is_none_or(|st| r.content.status == st)
                                    && section.is_none_or(|sec| r.content.section == sec)
                                    && text.is_none_or(|t| {
                                        let words = format!(
                                            "{} {} {} {} {}",
                                            r.content.slug,
                                            r.content.headline,
                                            r.content.dek,
                                            r.content.section,
                                            r.content.body.join(" ")
                                        )
                                        .to_lowercase();
                                        words.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(t))
                                    })
                            })
                            .map(|(id, _)| *id)
                            .collect();
                        e.sort();
                        e
                    };
                    let mut got = ids(&all);
                    got.sort();
                    assert_eq!(got, expected, "{what}: which stories");
                    if text.is_none() || sort != SortKey::Relevance {
                        for w in all.windows(2) {
                            let by_key = key_order(sort, &w[0], &w[1]);
                            let by_key = if ascending { by_key } else { by_key.reverse() };
                            let tie = w[1].updated_at.cmp(&w[0].updated_at).then(w[1].id.cmp(&w[0].id));
                            assert_eq!(
                                by_key.then(tie),
                                Ordering::Less,
                                "{what}: {} before {}",
                                w[0].id,
                                w[1].id
                            );
                        }
                    }
                    for row in &all {
                        let r = &latest[&row.id];
                        assert_eq!(
                            (&row.headline, row.revisions, &row.last_author, row.status, row.words),
                            (
                                &r.content.headline,
                                r.info.revision,
                                &r.info.author,
                                r.content.status,
                                r.info.words
                            ),
                            "{what}: the list row is the latest revision"
                        );
                        assert_eq!(row.matches.is_some(), text.is_some());
                    }
                    checked += all.len();
                }
            }
        }
    }
    assert!(checked > 5_000, "{checked} rows checked");
}

#[test]
fn a_page_is_capped_and_the_list_row_follows_every_kind_of_save() {
    let (_d, mut s) = temp_store();
    copydesk::generate::generate_desk(&mut s, 1_200, 3).unwrap();
    let page = |s: &Store, limit| {
        s.list_page(&StoryFilter {
            limit,
            ..Default::default()
        })
        .unwrap()
    };
    assert_eq!(page(&s, None).stories.len(), StoryFilter::PAGE as usize);
    assert_eq!(page(&s, Some(5_000)).stories.len(), StoryFilter::MAX_PAGE as usize);
    assert_eq!(page(&s, Some(0)).stories.len(), 1);
    assert_eq!(page(&s, None).total, 1_200);
    let past = s
        .list_page(&StoryFilter {
            offset: 5_000,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((past.stories.len(), past.total, past.offset), (0, 1_200, 5_000));

    let id = 7;
    let mut c = s.revision(id, None).unwrap().content;
    c.headline = "Zebra crossing reopens".into();
    c.section = "Transport".into();
    // With a note, in case the generated story is published (a correction).
    s.save(id, &c, "Ria Holm", Some("new top"), RevisionKind::Manual)
        .unwrap();
    let row = |s: &Store| {
        s.list_page(&StoryFilter {
            text: Some("zebra".into()),
            ..Default::default()
        })
        .unwrap()
        .stories
    };
    let first = &row(&s)[0];
    assert_eq!((first.id, first.headline.as_str()), (id, "Zebra crossing reopens"));
    assert_eq!(
        (first.last_author.as_str(), first.section.as_str()),
        ("Ria Holm", "Transport")
    );
    let n = first.revisions;
    s.restore(id, 1, "Uma Li", None).unwrap();
    assert!(row(&s).is_empty(), "restored words are listed and searched");
    let listed = s
        .list_stories(&StoryFilter {
            sort: SortKey::Updated,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (listed[0].id, listed[0].revisions, listed[0].last_author.as_str()),
        (id, n + 1, "Uma Li")
    );
    let dup = s.duplicate(id, "Uma Li").unwrap().story;
    assert_eq!(page(&s, None).stories[0].id, dup);
    assert_eq!(page(&s, None).total, 1_201);
}

#[test]
fn a_new_story_and_the_end_of_its_draft_are_one_transaction() {
    let (_d, mut s) = temp_store();
    let other = new_story(&mut s, &story("Flood", &["Water rose."]), "ana");
    s.save_draft(Some(other), Some(1), &story("Flood", &["Water rose.", "More."]))
        .unwrap();
    s.save_draft(None, None, &story("Storm", &["Half written"])).unwrap();
    // A story that cannot be saved keeps its draft: nothing was committed.
    assert!(s
        .create_drafted_story(&story("", &["No headline"]), "ana", None)
        .is_err());
    assert!(s.draft(None).unwrap().is_some());
    let info = s
        .create_drafted_story(&story("Storm", &["Now written."]), "ana", Some("first"))
        .unwrap();
    assert_eq!((info.revision, info.kind), (1, RevisionKind::Manual));
    assert_eq!(s.revision(info.story, None).unwrap().content.body, vec!["Now written."]);
    assert!(s.draft(None).unwrap().is_none(), "the new story's draft went with it");
    assert!(s.draft(Some(other)).unwrap().is_some(), "another story's draft stays");
}

#[test]
fn a_search_can_be_cancelled_from_another_thread_and_the_next_one_runs() {
    let (_d, mut s) = temp_store();
    copydesk::generate::generate_desk(&mut s, 3_000, 5).unwrap();
    let reader = Store::open_read_only(s.path()).unwrap();
    let stop = reader.interrupter();
    let search = |r: &Store| {
        r.list_page(&StoryFilter {
            text: Some("council".into()),
            ..Default::default()
        })
    };
    let running = std::thread::spawn(move || {
        let got = search(&reader);
        (reader, got)
    });
    // Until the search returns: a statement started between two calls is
    // interrupted by the next one.
    while !running.is_finished() {
        stop.interrupt();
    }
    let (reader, got) = running.join().unwrap();
    assert!(matches!(got, Err(Error::Cancelled)), "{got:?}");
    let next = search(&reader).unwrap();
    assert!(next.total > 100, "the next search runs whole ({} hits)", next.total);
}
