//! Structured wire input: ninjs 2.x/3.x JSON and NITF 3.x XML, read by
//! `import::parse_raw` (detected by content), and the round trip of every
//! corpus story through a ninjs 3.1 export.

use std::path::Path;

use chrono::{TimeZone, Utc};
use copydesk::export::{export, Format};
use copydesk::import::parse_raw;
use copydesk::{Credit, Photo, Revision, RevisionInfo, RevisionKind, Role, StoryContent};

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire")
        .join(name);
    copydesk::text::read_story_file(&p).unwrap()
}

fn credit(name: &str, role: Role, location: Option<&str>, org: Option<&str>) -> Credit {
    Credit {
        name: name.into(),
        role,
        location: location.map(Into::into),
        organization: org.map(Into::into),
    }
}

fn revision(content: StoryContent) -> Revision {
    Revision {
        info: RevisionInfo {
            story: 7,
            revision: 1,
            parent: None,
            author: "desk editor".into(),
            created_at: Utc.with_ymd_and_hms(2024, 3, 4, 9, 15, 0).unwrap(),
            note: None,
            kind: RevisionKind::Import,
            restored_from: None,
            merge_base: None,
            words: content.word_count(),
            status: content.status,
            headline: content.headline.clone(),
        },
        content,
    }
}

/// What a ninjs export carries of a story. ninjs has no place for the lines
/// the importer set aside as web junk (`flagged`): they are the editor's
/// working notes, not part of the story, so the round trip leaves them out.
/// Everything else must come back as it was.
fn carried(c: &StoryContent) -> StoryContent {
    StoryContent {
        flagged: Vec::new(),
        ..c.clone()
    }
}

mod corpus_stories {
    include!("corpus_stories.rs");
}

#[test]
fn every_corpus_story_round_trips_through_ninjs_3_1() {
    let mut misses = Vec::new();
    let stories = corpus_stories::stories();
    assert!(stories.len() >= 15, "corpus has {} stories", stories.len());
    for (name, raw) in stories {
        let story = parse_raw(&raw).unwrap().content;
        let json = export(
            &revision(story.clone()),
            Utc.with_ymd_and_hms(2024, 3, 4, 8, 0, 0).unwrap(),
            Format::Ninjs3,
        )
        .unwrap();
        let back = parse_raw(&json).unwrap_or_else(|e| panic!("{name}: {e}")).content;
        if carried(&back) != carried(&story) {
            misses.push(format!(
                "{name}:\n  exported {:#?}\n  imported {:#?}",
                carried(&story),
                carried(&back)
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} stories changed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
