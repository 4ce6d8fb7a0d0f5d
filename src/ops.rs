//! Call sequences the app and the CLI both run: each a few core calls in
//! the order that makes them right, written once. Reading happens here;
//! what is slow (comparing, rendering) is left to the caller, so the app can
//! do it after releasing its store lock.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::export::{self, Format};
use crate::import::{self, OpenedStory};
use crate::model::Revision;
use crate::{text, Store};

/// A revision with what its export needs besides: when its story began.
pub struct ToExport {
    pub revision: Revision,
    pub first_created: DateTime<Utc>,
}

impl ToExport {
    /// Revision `revision` of `story` (the latest if none).
    pub fn load(store: &Store, story: i64, revision: Option<u32>) -> Result<ToExport> {
        Ok(ToExport {
            revision: store.revision(story, revision)?,
            first_created: store.story_created_at(story)?,
        })
    }

    pub fn render(&self, format: Format) -> Result<Exported> {
        let info = &self.revision.info;
        Ok(Exported {
            story: info.story,
            revision: info.revision,
            format,
            text: export::export(&self.revision, self.first_created, format)?,
        })
    }
}

/// An exported revision.
pub struct Exported {
    pub story: i64,
    pub revision: u32,
    pub format: Format,
    pub text: String,
}

impl Exported {
    /// The name an export is offered under: `story-12-r4.md`.
    pub fn file_name(&self) -> String {
        format!("story-{}-r{}.{}", self.story, self.revision, self.format.extension())
    }
}

/// Two revisions of one story to compare, older first, with the story's
/// latest revision number (so a compare view need not load the history).
pub struct RevisionPair {
    pub old: Revision,
    pub new: Revision,
    pub latest: u32,
}

impl RevisionPair {
    pub fn load(store: &Store, story: i64, a: u32, b: u32) -> Result<RevisionPair> {
        Ok(RevisionPair {
            old: store.revision(story, Some(a))?,
            new: store.revision(story, Some(b))?,
            latest: store.latest_number(story)?,
        })
    }
}

/// Reads a raw story file (a paste saved from a wire feed or a web page, or
/// a ninjs or NITF file) with the checks every story file gets, and parses
/// it for import; nothing is stored.
pub fn open_story_file(path: &Path) -> Result<OpenedStory> {
    Ok(OpenedStory {
        path: path.display().to_string(),
        draft: text::read_story(path, import::parse_raw)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::{RevisionKind, StoryContent};

    fn store_with_three_revisions() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let mut c = StoryContent::new("Storm hits coast", vec!["Winds of 90 mph.".into()]);
        let story = store.create_story(&c, "ana", None, RevisionKind::Manual).unwrap().story;
        for words in ["Winds of 110 mph.", "Winds of 120 mph."] {
            c.body = vec![words.into()];
            store.save(story, &c, "ben", None, RevisionKind::Manual).unwrap();
        }
        (dir, store, story)
    }

    #[test]
    fn an_export_is_named_for_its_story_revision_and_format() {
        let (_dir, store, story) = store_with_three_revisions();
        let latest = ToExport::load(&store, story, None).unwrap();
        let md = latest.render(Format::Markdown).unwrap();
        assert_eq!(md.file_name(), format!("story-{story}-r3.md"));
        assert!(md.text.contains("Winds of 120 mph."), "{}", md.text);
        let text = ToExport::load(&store, story, Some(2))
            .unwrap()
            .render(Format::Text)
            .unwrap();
        assert_eq!(text.file_name(), format!("story-{story}-r2.txt"));
        assert!(
            text.text.contains("Revision: 2") && text.text.contains("110 mph"),
            "{}",
            text.text
        );
        assert!(matches!(
            ToExport::load(&store, story, Some(9)),
            Err(Error::RevisionNotFound { revision: 9, .. })
        ));
    }

    #[test]
    fn a_pair_holds_both_sides_and_the_latest_number() {
        let (_dir, store, story) = store_with_three_revisions();
        let pair = RevisionPair::load(&store, story, 1, 2).unwrap();
        assert_eq!((pair.old.info.revision, pair.new.info.revision, pair.latest), (1, 2, 3));
        assert_eq!(pair.old.content.body, vec!["Winds of 90 mph."]);
        assert_eq!(pair.new.content.body, vec!["Winds of 110 mph."]);
        assert!(RevisionPair::load(&store, story, 1, 4).is_err());
    }

    #[test]
    fn a_story_file_is_read_with_its_checks_and_parsed_for_import() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("raw.txt");
        std::fs::write(&path, "Storm hits coast\n\nWinds of 90 mph hit the coast on Monday.\n").unwrap();
        let opened = open_story_file(&path).unwrap();
        assert_eq!(opened.path, path.display().to_string());
        assert_eq!(opened.draft.content.headline, "Storm hits coast");
        // Readable, but no story: one giant line fails the import's check.
        std::fs::write(&path, "x".repeat(text::MAX_LINE_BYTES + 1)).unwrap();
        let err = open_story_file(&path).unwrap_err();
        assert!(
            matches!(&err, Error::NotAStory { path: p, .. } if *p == path),
            "the file is named: {err:?}"
        );
        assert!(matches!(
            open_story_file(&dir.path().join("missing.txt")),
            Err(Error::Unreadable { .. })
        ));
    }
}
