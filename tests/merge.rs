//! Saves on a base: two writers on one story, never a silent overwrite.

use copydesk::merge::{Resolution, Resolved, Take};
use copydesk::revision::SaveOutcome;
use copydesk::store::Edit;
use copydesk::{RevisionKind, Status, Store};

mod common;
use common::{story, temp_store};

const P: [&str; 4] = [
    "Winds of 90 mph hit the coast on Tuesday.",
    "\"We have never seen anything like it,\" said Mayor Ana Ruiz.",
    "Schools in three counties were closed.",
    "The last storm of this strength hit in 1998.",
];

fn edit(author: &str, base: u32) -> Edit<'_> {
    Edit {
        base: Some(base),
        ..Edit::new(author, RevisionKind::Manual)
    }
}

#[test]
fn a_stale_save_merges_instead_of_replacing_the_newer_revision() {
    let (_d, mut s) = temp_store();
    let r1 = story("Storm", &P);
    let id = s.create_story(&r1, "ana", None, RevisionKind::Manual).unwrap().story;
    // A colleague saves revision 2, and moves the story on.
    let mut theirs = r1.clone();
    theirs.body[0] = P[0].replace("90", "60");
    s.save_edit(id, &theirs, &edit("tom", 1)).unwrap();
    s.set_status(id, Status::Editing, "tom", None).unwrap();
    // The app, still on revision 1, autosaves its own edit.
    let mut ours = r1.clone();
    ours.body[3] = P[3].replace("1998", "1999");
    let out = s
        .save_edit(
            id,
            &ours,
            &Edit {
                base: Some(1),
                ..Edit::new("ana", RevisionKind::Autosave)
            },
        )
        .unwrap();
    let SaveOutcome::Merged { info, merge } = out else {
        panic!("expected a merge, got {out:?}")
    };
    assert_eq!(
        (info.revision, info.kind, info.parent, info.merge_base),
        (4, RevisionKind::Merge, Some(3), Some(1))
    );
    assert_eq!(
        (merge.base, merge.theirs.revision, merge.theirs.author.as_str()),
        (1, 3, "tom")
    );
    let latest = s.revision(id, None).unwrap().content;
    assert_eq!(latest.body[0], P[0].replace("90", "60"), "revision 2's edit survives");
    assert_eq!(latest.body[3], P[3].replace("1998", "1999"));
    assert_eq!(
        latest.status,
        Status::Editing,
        "and so does the status change made meanwhile"
    );
}

#[test]
fn overlapping_edits_write_nothing_until_every_conflict_is_resolved() {
    let (_d, mut s) = temp_store();
    let r1 = story("Storm", &P);
    let id = s.create_story(&r1, "ana", None, RevisionKind::Manual).unwrap().story;
    let mut theirs = r1.clone();
    theirs.body[0] = P[0].replace("90", "60");
    theirs.headline = "Storm batters coast".into();
    s.save_edit(id, &theirs, &edit("tom", 1)).unwrap();
    let mut ours = r1.clone();
    ours.body[0] = P[0].replace("90", "70");
    ours.headline = "Storm lashes coast".into();
    let out = s.save_edit(id, &ours, &edit("ana", 1)).unwrap();
    let SaveOutcome::Conflicts {
        info, base, conflicts, ..
    } = out
    else {
        panic!("expected conflicts, got {out:?}")
    };
    assert_eq!((info.revision, base, conflicts.len()), (2, 1, 2));
    assert_eq!(s.latest_number(id).unwrap(), 2, "nothing written");
    // Half the answers: still nothing written.
    let half = Resolved {
        theirs: 2,
        resolutions: vec![Resolution {
            id: conflicts[0].id,
            take: Take::Mine,
            text: None,
        }],
    };
    let out = s
        .save_edit(
            id,
            &ours,
            &Edit {
                resolved: Some(&half),
                ..edit("ana", 1)
            },
        )
        .unwrap();
    assert!(
        matches!(&out, SaveOutcome::Conflicts { conflicts, .. } if conflicts.len() == 1),
        "{out:?}"
    );
    let all = Resolved {
        theirs: 2,
        resolutions: vec![
            Resolution {
                id: conflicts[0].id,
                take: Take::Mine,
                text: None,
            },
            Resolution {
                id: conflicts[1].id,
                take: Take::Theirs,
                text: None,
            },
        ],
    };
    // Answers given against an older latest revision do not apply.
    let stale = Resolved {
        theirs: 1,
        ..all.clone()
    };
    assert!(matches!(
        s.save_edit(
            id,
            &ours,
            &Edit {
                resolved: Some(&stale),
                ..edit("ana", 1)
            }
        )
        .unwrap(),
        SaveOutcome::Conflicts { .. }
    ));
    let out = s
        .save_edit(
            id,
            &ours,
            &Edit {
                resolved: Some(&all),
                ..edit("ana", 1)
            },
        )
        .unwrap();
    assert!(matches!(out, SaveOutcome::Merged { .. }), "{out:?}");
    let latest = s.revision(id, None).unwrap().content;
    assert_eq!(latest.headline, "Storm lashes coast");
    assert_eq!(latest.body[0], P[0].replace("90", "60"));
}

#[test]
fn a_stale_edit_that_changed_nothing_saves_nothing() {
    let (_d, mut s) = temp_store();
    let r1 = story("Storm", &P);
    let id = s.create_story(&r1, "ana", None, RevisionKind::Manual).unwrap().story;
    let mut theirs = r1.clone();
    theirs.body.push("More to come.".into());
    s.save(id, &theirs, "tom", None, RevisionKind::Manual).unwrap();
    let out = s.save_edit(id, &r1, &edit("ana", 1)).unwrap();
    assert!(
        matches!(&out, SaveOutcome::Unchanged { info } if info.revision == 2),
        "{out:?}"
    );
    assert_eq!(s.revision(id, None).unwrap().content, theirs);
}

#[test]
fn status_changes_never_revert_a_save_landing_in_between() {
    // Two connections on one file, as the app and the CLI are: one saves
    // edits as fast as it can, each on what it last read; the other changes
    // the status back and forth. Every edit must survive in the final story.
    let (dir, mut s) = temp_store();
    let path = dir.path().join("copydesk.db");
    let mut r1 = story("Storm", &P);
    r1.body.push("Updates:".into());
    let id = s.create_story(&r1, "ana", None, RevisionKind::Manual).unwrap().story;
    drop(s);
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut s = Store::open(&path).unwrap();
            for k in 0..40 {
                let rev = s.revision(id, None).unwrap();
                let mut c = rev.content.clone();
                c.body.push(format!("Update {k}."));
                let out = s.save_edit(id, &c, &edit("tom", rev.info.revision)).unwrap();
                assert!(out.is_saved(), "{out:?}");
            }
        });
        let mut s = Store::open(&path).unwrap();
        let moves = [Status::Editing, Status::Draft];
        for k in 0..40 {
            s.set_status(id, moves[k % 2], "ed", None).unwrap();
        }
        writer.join().unwrap();
    });
    let s = Store::open(&path).unwrap();
    let last = s.revision(id, None).unwrap().content;
    for k in 0..40 {
        assert!(
            last.body.contains(&format!("Update {k}.")),
            "update {k} was reverted: {:?}",
            last.body
        );
    }
}

#[test]
fn a_recovery_draft_keeps_its_base_and_its_save_merges() {
    let (_d, mut s) = temp_store();
    let r1 = story("Storm", &P);
    let id = s.create_story(&r1, "ana", None, RevisionKind::Manual).unwrap().story;
    let mut ours = r1.clone();
    ours.body[2] = P[2].replace("three", "four");
    s.save_draft(Some(id), Some(1), &ours).unwrap();
    let mut theirs = r1.clone();
    theirs.body[0] = P[0].replace("90", "60");
    s.save(id, &theirs, "tom", None, RevisionKind::Manual).unwrap();
    let draft = s.drafts().unwrap().pop().unwrap();
    assert_eq!(draft.base, Some(1));
    let out = s
        .save_edit(id, &draft.content, &edit("ana", draft.base.unwrap()))
        .unwrap();
    assert!(matches!(out, SaveOutcome::Merged { .. }), "{out:?}");
    let latest = s.revision(id, None).unwrap().content;
    assert_eq!(
        (latest.body[0].as_str(), latest.body[2].as_str()),
        (theirs.body[0].as_str(), ours.body[2].as_str())
    );
    assert!(s.drafts().unwrap().is_empty(), "the merged draft is superseded");
}
