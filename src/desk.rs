//! What the desk shows and takes around its stories, for the app and the
//! CLI alike: history pages, named versions, recovery drafts, shelf moves,
//! the editor's text as the UI sends it, and what the app says about itself.
//! (What a revision holds is `model`.)
//!
//! Shared with the UI through ts-rs, like the model.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::Format;
use crate::model::{RevisionInfo, RevisionKind, Role, Status, StoryContent};
use crate::workflow::StatusInfo;

/// The editor's story as the UI sends it: every field but the body as
/// values, the body as the text the editor typed (paragraphs separated by
/// blank lines), so the UI holds no rule about what a paragraph is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditorContent {
    pub content: StoryContent,
    /// When absent, `content.body` stands as it is.
    #[ts(optional = nullable)]
    pub body_text: Option<String>,
}

impl EditorContent {
    /// The story with its body split from the editor's text, once.
    pub fn into_content(self) -> StoryContent {
        let mut content = self.content;
        if let Some(body) = self.body_text {
            content.body = crate::text::paragraphs(&body);
        }
        content
    }
}

/// Moving a story between the shelves of the story list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ShelfAction {
    Archive,
    Unarchive,
    Trash,
    Untrash,
}

/// A name pinned to a revision: "Sent to desk", "Legal approved".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NamedVersion {
    #[ts(type = "number")]
    pub story: i64,
    pub revision: u32,
    pub name: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
}

/// Which revisions a page of history holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct HistoryQuery {
    #[ts(optional = nullable)]
    pub author: Option<String>,
    #[ts(optional = nullable)]
    pub kind: Option<RevisionKind>,
    /// Only revisions numbered below this (the next page).
    #[ts(optional = nullable)]
    pub before: Option<u32>,
    /// Page size; 100 when not given.
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
}

/// A page of a story's history, newest first, with what the history panel
/// shows around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryPage {
    pub revisions: Vec<RevisionInfo>,
    /// Revisions matching the query, on all pages.
    pub matching: u32,
    /// The story's latest revision number.
    pub latest: u32,
    /// Everyone who saved a revision of the story, for the author filter.
    pub authors: Vec<String>,
    /// Every named version of the story, newest first.
    pub named: Vec<NamedVersion>,
    /// Whether older matching revisions remain.
    pub more: bool,
}

/// Unsaved edits kept for crash recovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecoveryDraft {
    /// `None` for a new story that was never saved.
    #[ts(type = "number | null")]
    pub story: Option<i64>,
    /// The revision the edits started from.
    pub base: Option<u32>,
    pub saved_at: DateTime<Utc>,
    pub content: StoryContent,
}

/// What the app shows about itself: which database it uses and who it
/// records as author unless told otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub default_author: String,
    pub statuses: Vec<Status>,
    /// The workflow: each status with its label and where it may go next.
    pub workflow: Vec<StatusInfo>,
    pub revision_kinds: Vec<RevisionKind>,
    pub roles: Vec<Role>,
    pub export_formats: Vec<Format>,
}

impl AppInfo {
    /// This build's facts with the database it uses.
    pub fn new(db_path: &std::path::Path) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            db_path: db_path.display().to_string(),
            default_author: crate::revision::default_author(),
            statuses: Status::ALL.to_vec(),
            workflow: crate::workflow::statuses(),
            revision_kinds: RevisionKind::ALL.to_vec(),
            roles: Role::ALL.to_vec(),
            export_formats: Format::ALL.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editors_body_text_is_split_into_paragraphs_once() {
        let editor: EditorContent = serde_json::from_value(serde_json::json!({
            "content": StoryContent::new("Storm", vec!["old".into()]),
            "bodyText": "First.\n\n\nSecond line\nstill second.\n\n  ",
        }))
        .unwrap();
        assert_eq!(editor.into_content().body, vec!["First.", "Second line\nstill second."]);
        // Without a body text the content's own paragraphs stand.
        let kept: EditorContent = serde_json::from_value(serde_json::json!({
            "content": StoryContent::new("Storm", vec!["old".into()]),
        }))
        .unwrap();
        assert_eq!(kept.into_content().body, vec!["old"]);
    }
}
