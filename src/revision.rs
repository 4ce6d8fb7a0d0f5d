//! What a save is: content identity, the outcome of a save, who saves.
//!
//! Paragraphs and whole revisions are identified by BLAKE3 hashes of their
//! text, so the store keeps each paragraph once and a save that changes
//! nothing is recognised without comparing texts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
}

impl SaveOutcome {
    pub fn info(&self) -> &RevisionInfo {
        match self {
            SaveOutcome::Saved { info } | SaveOutcome::Unchanged { info } => info,
        }
    }

    pub fn is_saved(&self) -> bool {
        matches!(self, SaveOutcome::Saved { .. })
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
