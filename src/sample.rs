//! The sample story a new editor can open from an empty desk: a raw story
//! pasted from a local paper's web page (byline, photo credit, tag line, page
//! clutter), then a copy edit and an update, so that import, credits,
//! history and compare all have something to show. The story is invented.
//!
//! It is stored the way an editor would make it: the raw text goes through
//! the importer into revision 1, and the two later revisions are saved as
//! edits, each on the one before.

use crate::error::{Error, Result};
use crate::import;
use crate::store::{Edit, Store};
use crate::{RevisionInfo, RevisionKind};

/// As copied from the paper's web page.
pub const RAW: &str = include_str!("sample/raw.txt");

/// The later revisions, in Copydesk's text format: who saved each, why, and
/// the text.
pub const REVISIONS: [(&str, &str, &str); 2] = [
    (
        "Sam Okafor",
        "Copy edit: tighter lede, drive time per the reporter's notes, hearing date",
        include_str!("sample/revision-2.txt"),
    ),
    (
        "Lena Park",
        "Update: ridership from the harbor office; Tom Reyes was at the pier",
        include_str!("sample/revision-3.txt"),
    ),
];

/// Who imported the raw story, and the note of revision 1.
pub const IMPORTED_BY: &str = "Lena Park";
pub const IMPORT_NOTE: &str = "Sample story, imported from a paste";

/// Creates the sample story with its three revisions; returns the latest.
pub fn create(store: &mut Store) -> Result<RevisionInfo> {
    let draft = import::parse_raw(RAW)?;
    let mut latest = store.create_story(&draft.content, IMPORTED_BY, Some(IMPORT_NOTE), RevisionKind::Import)?;
    for (author, note, text) in REVISIONS {
        let content = import::parse_raw(text)?.content;
        let edit = Edit {
            base: Some(latest.revision),
            note: Some(note),
            ..Edit::new(author, RevisionKind::Manual)
        };
        latest = match store.save_edit(latest.story, &content, &edit)? {
            crate::revision::SaveOutcome::Saved { info } => info,
            other => {
                return Err(Error::Invalid(format!(
                    "the sample revision by {author} did not save as a new revision: {other:?}"
                )))
            }
        };
    }
    Ok(latest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_story_has_three_revisions_with_credits_and_clutter() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("sample.db")).unwrap();
        let latest = create(&mut store).unwrap();
        assert_eq!(latest.revision, 3);
        let history = store.history(latest.story).unwrap();
        let kinds: Vec<_> = history
            .iter()
            .map(|r| (r.revision, r.kind, r.author.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (3, RevisionKind::Manual, "Lena Park"),
                (2, RevisionKind::Manual, "Sam Okafor"),
                (1, RevisionKind::Import, "Lena Park"),
            ]
        );

        let r1 = store.revision(latest.story, Some(1)).unwrap().content;
        assert_eq!(
            r1.headline,
            "Harbor ferry returns after two-year repair, with fares held at $2"
        );
        assert_eq!(r1.credits[0].name, "Lena Park");
        assert_eq!(r1.credits[0].organization.as_deref(), Some("The Bayside Ledger"));
        assert_eq!(r1.credits[1].name, "Tom Reyes");
        assert_eq!(r1.credits[1].location.as_deref(), Some("Harbor City"));
        assert_eq!(r1.photos[0].photographer.as_deref(), Some("Marco Diaz"));
        assert!(r1
            .flagged
            .iter()
            .any(|f| f.text == "Sign up for our morning newsletter"));
        assert!(!r1.body.iter().any(|p| p.contains("Advertisement")));

        let r3 = store.revision(latest.story, Some(3)).unwrap().content;
        assert_eq!(r3.credits[1].location.as_deref(), Some("Port Ellen"));
        assert!(r3.body.iter().any(|p| p.contains("412 riders")));
        assert_eq!(r3.flagged, r1.flagged, "the set-aside clutter stays set aside");

        // A second sample is a second story, not an error.
        assert_eq!(create(&mut store).unwrap().story, latest.story + 1);
    }
}
