//! Helpers the store tests share.

use copydesk::{Store, StoryContent};

/// A normalised story with a headline and body paragraphs.
pub fn story(headline: &str, paras: &[&str]) -> StoryContent {
    StoryContent::new(headline, paras.iter().map(|p| p.to_string()).collect())
}

/// A store on a fresh database file, with the directory that holds it.
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("copydesk.db")).unwrap();
    (dir, store)
}
