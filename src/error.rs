//! Typed errors of the core. Each message says what went wrong and, where the
//! user can act, what to do; the CLI prints them and the app shows them as is.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("story {0} does not exist; run `copydesk list` to see the stories")]
    StoryNotFound(i64),

    #[error("story {story} has no revision {revision}; run `copydesk history {story}` to see its revisions")]
    RevisionNotFound { story: i64, revision: u32 },

    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },

    #[error("{path} is not a story: {reason}")]
    NotAStory { path: PathBuf, reason: String },

    #[error("this text is not a story: {0}")]
    InvalidText(String),

    #[error("invalid value: {0}")]
    Invalid(String),

    #[error("the database {path} is locked by another program (another Copydesk window or a `copydesk` command); close it and try again")]
    Locked { path: PathBuf },

    #[error("{path} is not a Copydesk database or is damaged ({reason}); nothing was changed. Restore it from a backup or open another file with --db")]
    Corrupt { path: PathBuf, reason: String },

    #[error("the database {path} was written by a newer Copydesk (schema {found}, this version knows {known}); update Copydesk")]
    TooNew { path: PathBuf, found: i64, known: i64 },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("cannot write {path}: {reason}")]
    Io { path: PathBuf, reason: String },

    #[error("a story cannot go from {from} to {to}; from {from} it can go to {options}")]
    Workflow { from: String, to: String, options: String },

    #[error("this story is published: say in the note what you corrected, then save again")]
    CorrectionNoteRequired,

    #[error("story {0} is in the trash; restore it from the trash to change it")]
    InTrash(i64),

    #[error("nothing was saved: the edit overlaps what revision {theirs} holds in {count} place(s); resolve each, or save with --force to overwrite it")]
    Conflicts { theirs: u32, count: usize },

    #[error("the settings file {path} cannot be used: {reason}")]
    Settings { path: PathBuf, reason: String },

    #[error("story {story}, revision {revision} is damaged in the database ({reason}); nothing was changed. Restore the database from a backup (see the backups folder beside it) and run `copydesk check`")]
    Damaged { story: i64, revision: u32, reason: String },

    #[error("no spelling dictionary is installed (looked for {looked}); install Debian's hunspell-en-us package (`sudo apt-get install hunspell-en-us`) or set COPYDESK_DICTIONARY to the path of an en_US.dic whose .aff is beside it")]
    NoDictionary { looked: String },

    #[error("the database {path} has problems: {summary}. Restore it from a backup (see the backups folder beside it) and run `copydesk check` again")]
    CheckFailed { path: PathBuf, summary: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as the UI receives it: a stable kind to branch on and the
/// message to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub kind: String,
    pub message: String,
}

impl Error {
    /// A stable name for the kind of error, for programs (the UI) to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::StoryNotFound(_) => "story_not_found",
            Error::RevisionNotFound { .. } => "revision_not_found",
            Error::Unreadable { .. } => "unreadable",
            Error::NotAStory { .. } | Error::InvalidText(_) => "not_a_story",
            Error::Invalid(_) => "invalid",
            Error::Locked { .. } => "locked",
            Error::Corrupt { .. } => "corrupt",
            Error::TooNew { .. } => "too_new",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::Workflow { .. } => "workflow",
            Error::CorrectionNoteRequired => "correction_note_required",
            Error::InTrash(_) => "in_trash",
            Error::Settings { .. } => "settings",
            Error::Conflicts { .. } => "conflicts",
            Error::Damaged { .. } => "damaged",
            Error::CheckFailed { .. } => "check_failed",
            Error::NoDictionary { .. } => "no_dictionary",
        }
    }
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> ErrorReport {
        ErrorReport {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}
