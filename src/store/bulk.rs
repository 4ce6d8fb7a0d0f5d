//! Many new stories in one transaction: one commit (one sync to disk)
//! instead of one per story, for loading a whole desk at once.

use super::stories::{begin, insert_revision, normalized, now, NewRevision};
use super::Store;
use crate::error::Result;
use crate::model::{RevisionKind, StoryContent};

impl Store {
    /// Creates a story for each `(content, author)`, revision 1 of kind
    /// `kind`, exactly as [`Store::create_story`] would, all in one
    /// transaction: all of them are stored or none. Returns how many.
    pub fn create_stories<'a>(
        &mut self,
        stories: impl IntoIterator<Item = (StoryContent, &'a str)>,
        kind: RevisionKind,
    ) -> Result<u32> {
        let path = self.path.clone();
        let db = |e| super::map_err(e, &path);
        let tx = begin(&mut self.conn, &path)?;
        let mut n = 0;
        for (content, author) in stories {
            let content = normalized(&content)?;
            let now = now();
            tx.prepare_cached("INSERT INTO stories (created_at) VALUES (?1)")
                .and_then(|mut s| s.execute([&now]))
                .map_err(db)?;
            let new = NewRevision::new(author, None, kind);
            insert_revision(&tx, tx.last_insert_rowid(), None, &content, &new, &now).map_err(db)?;
            n += 1;
        }
        tx.commit().map_err(db)?;
        Ok(n)
    }
}
