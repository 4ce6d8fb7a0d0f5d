//! Copydesk core: stories kept as immutable revisions in SQLite, compared,
//! credited, imported and exported. Knows nothing of Tauri or the UI; the
//! desktop app and the `copydesk` CLI are thin layers over this crate.

pub mod check;
pub mod compare_view;
pub mod credits;
pub mod desk;
pub mod diff;
pub mod error;
pub mod export;
#[doc(hidden)]
pub mod generate;
pub mod import;
pub mod invisible;
pub mod merge;
pub mod model;
pub mod months;
pub mod ops;
pub mod review;
pub mod revision;
pub mod sample;
pub mod settings;
pub mod store;
pub mod text;
pub mod workflow;

pub use desk::{AppInfo, EditorContent, HistoryPage, HistoryQuery, NamedVersion, RecoveryDraft, ShelfAction};
pub use error::{Error, Result};
pub use model::*;
pub use store::{Interrupter, Store};
