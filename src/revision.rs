//! What a save is: content identity, the outcome of a save, who saves.
//!
//! Paragraphs and whole revisions are identified by BLAKE3 hashes of their
//! text, so the store keeps each paragraph once and a save that changes
//! nothing is recognised without comparing texts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::merge::{Conflict, MergeAlert, SideCounts};
use crate::model::{RevisionInfo, StoryContent};

/// The result of asking to save a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "lowercase")]
#[ts(export)]
pub enum SaveOutcome {
    /// A new revision was stored.
    Saved { info: RevisionInfo },
    /// The content equals the latest revision; nothing was stored.
    Unchanged { info: RevisionInfo },
    /// The edit started from an older revision: it was merged with the
    /// revisions saved since, and the merge stored (kind `merge`).
    Merged { info: RevisionInfo, merge: MergeReport },
    /// The edit started from an older revision and overlaps what was saved
    /// since: nothing was stored. `info` is the latest revision, which
    /// stands; save again with resolutions for every conflict.
    Conflicts {
        info: RevisionInfo,
        base: u32,
        conflicts: Vec<Conflict>,
        alerts: Vec<MergeAlert>,
    },
}

/// What a merge brought together: the edit's base, the latest revision it
/// was merged with, what each side changed, and every quote, number and name
/// either side changed, so the editor sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeReport {
    pub base: u32,
    pub theirs: RevisionInfo,
    pub theirs_changes: SideCounts,
    pub ours_changes: SideCounts,
    pub alerts: Vec<MergeAlert>,
}

impl SaveOutcome {
    /// The revision that holds the story now: the one stored, or the
    /// latest when nothing was.
    pub fn info(&self) -> &RevisionInfo {
        match self {
            SaveOutcome::Saved { info }
            | SaveOutcome::Unchanged { info }
            | SaveOutcome::Merged { info, .. }
            | SaveOutcome::Conflicts { info, .. } => info,
        }
    }

    /// Whether a revision was stored (plainly or merged).
    pub fn is_saved(&self) -> bool {
        matches!(self, SaveOutcome::Saved { .. } | SaveOutcome::Merged { .. })
    }
}

/// Hash of a paragraph's text: its identity in the paragraph store.
pub fn paragraph_hash(text: &str) -> [u8; 32] {
    *blake3::hash(text.as_bytes()).as_bytes()
}

/// Hash of a whole revision's content. Two contents with the same hash are
/// the same story, so saving one over the other stores nothing.
pub fn content_hash(content: &StoryContent) -> [u8; 32] {
    // serde_json of the normalised content is canonical: struct fields are
    // written in declaration order and there are no maps.
    let json = serde_json::to_vec(content).expect("story content always serialises");
    *blake3::hash(&json).as_bytes()
}

/// The name to record as author when none is given: the login name, which an
/// editor's desktop always has.
pub fn default_author() -> String {
    ["COPYDESK_AUTHOR", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "editor".to_string())
}

/// Cleans an author name or note given by the user: trimmed, one line,
/// `None` when empty.
pub fn clean_label(s: Option<&str>) -> Option<String> {
    let s = s?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_sees_every_field() {
        let a = StoryContent::new("H", vec!["p".into()]);
        let mut b = a.clone();
        assert_eq!(content_hash(&a), content_hash(&b));
        b.dek = "d".into();
        assert_ne!(content_hash(&a), content_hash(&b));
        let mut c = a.clone();
        c.body.push("q".into());
        assert_ne!(content_hash(&a), content_hash(&c));
    }

    #[test]
    fn labels_are_cleaned() {
        assert_eq!(clean_label(Some("  Ana \n Ruiz ")), Some("Ana Ruiz".into()));
        assert_eq!(clean_label(Some("   ")), None);
        assert_eq!(clean_label(None), None);
    }
}
