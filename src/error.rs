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

    #[error("cancelled: a newer request replaced this one")]
    Cancelled,

    #[error("the database {path} has problems: {summary}. Restore it from a backup (see the backups folder beside it) and run `copydesk check` again")]
    CheckFailed { path: PathBuf, summary: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The kinds of error, a stable name each for programs (the UI, scripts) to
/// branch on; the TypeScript side gets them as a union type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    StoryNotFound,
    RevisionNotFound,
    Unreadable,
    NotAStory,
    Invalid,
    Locked,
    Corrupt,
    TooNew,
    Database,
    Io,
    Workflow,
    CorrectionNoteRequired,
    InTrash,
    Settings,
    Conflicts,
    Damaged,
    CheckFailed,
    NoDictionary,
    Cancelled,
}

impl ErrorKind {
    /// The kind's name, as it is serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::StoryNotFound => "story_not_found",
            ErrorKind::RevisionNotFound => "revision_not_found",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::NotAStory => "not_a_story",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Locked => "locked",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::TooNew => "too_new",
            ErrorKind::Database => "database",
            ErrorKind::Io => "io",
            ErrorKind::Workflow => "workflow",
            ErrorKind::CorrectionNoteRequired => "correction_note_required",
            ErrorKind::InTrash => "in_trash",
            ErrorKind::Settings => "settings",
            ErrorKind::Conflicts => "conflicts",
            ErrorKind::Damaged => "damaged",
            ErrorKind::CheckFailed => "check_failed",
            ErrorKind::NoDictionary => "no_dictionary",
            ErrorKind::Cancelled => "cancelled",
        }
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An error as the UI receives it: a stable kind to branch on and the
/// message to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
}

impl ErrorReport {
    /// A report of kind `kind` for a failure that is not an [`Error`] of the
    /// core (a native dialog's, say).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ErrorReport {
        ErrorReport {
            kind,
            message: message.into(),
        }
    }
}

impl Error {
    /// The kind of error, for programs (the UI) to branch on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::StoryNotFound(_) => ErrorKind::StoryNotFound,
            Error::RevisionNotFound { .. } => ErrorKind::RevisionNotFound,
            Error::Unreadable { .. } => ErrorKind::Unreadable,
            Error::NotAStory { .. } | Error::InvalidText(_) => ErrorKind::NotAStory,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::Locked { .. } => ErrorKind::Locked,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::TooNew { .. } => ErrorKind::TooNew,
            Error::Database(_) => ErrorKind::Database,
            Error::Io { .. } => ErrorKind::Io,
            Error::Workflow { .. } => ErrorKind::Workflow,
            Error::CorrectionNoteRequired => ErrorKind::CorrectionNoteRequired,
            Error::InTrash(_) => ErrorKind::InTrash,
            Error::Settings { .. } => ErrorKind::Settings,
            Error::Conflicts { .. } => ErrorKind::Conflicts,
            Error::Damaged { .. } => ErrorKind::Damaged,
            Error::CheckFailed { .. } => ErrorKind::CheckFailed,
            Error::NoDictionary { .. } => ErrorKind::NoDictionary,
            Error::Cancelled => ErrorKind::Cancelled,
        }
    }
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> ErrorReport {
        ErrorReport {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

impl From<Error> for ErrorReport {
    fn from(e: Error) -> ErrorReport {
        ErrorReport::from(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialise_as_their_names_and_reports_carry_them() {
        let e = Error::Conflicts { theirs: 7, count: 2 };
        let report = ErrorReport::from(&e);
        assert_eq!(report.kind, ErrorKind::Conflicts);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["kind"], "conflicts");
        assert!(json["message"].as_str().unwrap().contains("revision 7"));
        for kind in [
            ErrorKind::StoryNotFound,
            ErrorKind::NotAStory,
            ErrorKind::CorrectionNoteRequired,
            ErrorKind::NoDictionary,
            ErrorKind::Cancelled,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
