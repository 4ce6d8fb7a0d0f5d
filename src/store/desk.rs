//! The desk around the revisions: archive and trash, duplicates, named
//! versions, and the recovery drafts that make a crash lose nothing.

use rusqlite::{params, OptionalExtension};

use super::stories::{begin, normalized, now, parse_time};
use super::Store;
use crate::desk::{NamedVersion, RecoveryDraft, ShelfAction};
use crate::error::{Error, Result};
use crate::model::{RevisionInfo, RevisionKind, Status, StoryContent};
use crate::revision::clean_label;

/// The longest name a version may have: it is a label in the history list.
const MAX_VERSION_NAME: usize = 80;

impl Store {
    /// Archives, unarchives, trashes or untrashes `story` (`author` is
    /// recorded for archiving and trashing).
    pub fn shelve(&mut self, story: i64, action: ShelfAction, author: &str) -> Result<()> {
        match action {
            ShelfAction::Archive => self.archive(story, author),
            ShelfAction::Unarchive => self.unarchive(story),
            ShelfAction::Trash => self.trash(story, author),
            ShelfAction::Untrash => self.untrash(story),
        }
    }

    /// Archives `story`: hidden from the working list, kept whole, back with
    /// [`Store::unarchive`].
    pub fn archive(&mut self, story: i64, author: &str) -> Result<()> {
        self.set_shelf(story, "archived", Some(author))
    }

    pub fn unarchive(&mut self, story: i64) -> Result<()> {
        self.set_shelf(story, "archived", None)
    }

    /// Moves `story` to the trash. It stays there, whole and restorable,
    /// until the trash is emptied on purpose.
    pub fn trash(&mut self, story: i64, author: &str) -> Result<()> {
        self.set_shelf(story, "trashed", Some(author))
    }

    /// Takes `story` out of the trash, back where it was (active or archived).
    pub fn untrash(&mut self, story: i64) -> Result<()> {
        self.set_shelf(story, "trashed", None)
    }

    fn set_shelf(&mut self, story: i64, shelf: &str, by: Option<&str>) -> Result<()> {
        let by = by.map(|a| clean_label(Some(a)).unwrap_or_else(crate::revision::default_author));
        let at = by.as_ref().map(|_| now());
        // `shelf` is one of our two literals, never user input.
        let n = self.db(self.conn.execute(
            &format!("UPDATE stories SET {shelf}_at = ?2, {shelf}_by = ?3 WHERE id = ?1"),
            params![story, at, by],
        ))?;
        if n == 0 {
            return Err(Error::StoryNotFound(story));
        }
        Ok(())
    }

    /// Deletes every story in the trash, with all its revisions, names and
    /// drafts, and the paragraphs no other revision uses. The one operation
    /// that loses data, so the UI asks first. Returns how many stories went.
    pub fn empty_trash(&mut self) -> Result<u32> {
        let path = self.path.clone();
        let tx = begin(&mut self.conn, &path)?;
        let run = || -> rusqlite::Result<u32> {
            let trashed = "SELECT id FROM stories WHERE trashed_at IS NOT NULL";
            tx.execute(&format!("DELETE FROM named_versions WHERE story_id IN ({trashed})"), [])?;
            tx.execute(&format!("DELETE FROM drafts WHERE story_id IN ({trashed})"), [])?;
            tx.execute(&format!("DELETE FROM story_search WHERE rowid IN ({trashed})"), [])?;
            // The immutability trigger lets these through only because their
            // stories are in the trash.
            tx.execute(&format!("DELETE FROM revisions WHERE story_id IN ({trashed})"), [])?;
            let n = tx.execute("DELETE FROM stories WHERE trashed_at IS NOT NULL", [])?;
            // The paragraphs' delete trigger lets this through only while
            // the collection flag is set, here, inside this transaction.
            tx.execute("INSERT INTO paragraph_collection (running) VALUES (1)", [])?;
            // Kept: every paragraph a revision uses, and every paragraph
            // one of those is stored as a delta against.
            let used = super::packed::paragraphs_in_use(&tx)?;
            let all: Vec<i64> = tx
                .prepare("SELECT id FROM paragraphs")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut delete = tx.prepare("DELETE FROM paragraphs WHERE id = ?1")?;
            for id in all.into_iter().filter(|id| !used.contains(id)) {
                delete.execute([id])?;
            }
            tx.execute(
                "DELETE FROM field_sets WHERE id NOT IN (SELECT field_set FROM revisions)",
                [],
            )?;
            tx.execute("DELETE FROM paragraph_collection", [])?;
            Ok(n as u32)
        };
        let n = run().map_err(|e| super::map_err(e, &path))?;
        tx.commit().map_err(|e| super::map_err(e, &path))?;
        Ok(n)
    }

    /// A new story whose revision 1 is the latest content of `story`, back in
    /// draft, with the slug marked as a copy.
    pub fn duplicate(&mut self, story: i64, author: &str) -> Result<RevisionInfo> {
        let source = self.revision(story, None)?;
        let mut content = source.content;
        content.status = Status::Draft;
        content.slug = if content.slug.is_empty() {
            String::new()
        } else {
            format!("{}-Copy", content.slug)
        };
        let note = format!("Copy of story {story}, revision {}", source.info.revision);
        let info = self.create_story(&content, author, Some(&note), RevisionKind::Duplicate)?;
        Ok(info)
    }

    /// Pins `name` on revision `number` of `story`.
    pub fn name_version(&mut self, story: i64, number: u32, name: &str, author: &str) -> Result<NamedVersion> {
        let name = clean_label(Some(name)).ok_or_else(|| Error::Invalid("a version needs a name".into()))?;
        if name.chars().count() > MAX_VERSION_NAME {
            return Err(Error::Invalid(format!(
                "a version name has at most {MAX_VERSION_NAME} characters"
            )));
        }
        self.revision_info(story, number)?;
        let author = clean_label(Some(author)).unwrap_or_else(crate::revision::default_author);
        let at = now();
        self.db(self.conn.execute(
            "INSERT INTO named_versions (story_id, number, name, author, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
            params![story, number, name, author, at],
        ))?;
        Ok(NamedVersion {
            story,
            revision: number,
            name,
            author,
            created_at: parse_time(&at).expect("we wrote this time"),
        })
    }

    /// Takes a name off a revision. The revision itself stays, as always.
    pub fn unname_version(&mut self, story: i64, number: u32, name: &str) -> Result<()> {
        self.db(self.conn.execute(
            "DELETE FROM named_versions WHERE story_id = ?1 AND number = ?2 AND name = ?3",
            params![story, number, name],
        ))?;
        Ok(())
    }

    /// The named versions of `story`, newest revision first.
    pub fn named_versions(&self, story: i64) -> Result<Vec<NamedVersion>> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT number, name, author, created_at FROM named_versions WHERE story_id = ?1
             ORDER BY number DESC, created_at DESC",
        ))?;
        let rows = stmt.query_map([story], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        });
        let rows = self.db(rows.and_then(|m| m.collect::<rusqlite::Result<Vec<_>>>()))?;
        rows.into_iter()
            .map(|(revision, name, author, at)| {
                Ok(NamedVersion {
                    story,
                    revision,
                    name,
                    author,
                    created_at: parse_time(&at).map_err(|e| self.corrupt(&e))?,
                })
            })
            .collect()
    }

    /// Keeps what the editor has typed in `story` (`None`: a new story) since
    /// revision `base`, replacing the previous draft. Cheap enough to call
    /// every few seconds while typing.
    pub fn save_draft(&mut self, story: Option<i64>, base: Option<u32>, content: &StoryContent) -> Result<()> {
        let mut content = content.clone();
        content.normalize();
        let json = serde_json::to_string(&content).expect("content serialises");
        self.db(self.conn.execute(
            "INSERT INTO drafts (story_id, base, content, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (story_id) DO UPDATE SET base = excluded.base, content = excluded.content,
                                                  saved_at = excluded.saved_at",
            params![story.unwrap_or(0), base, json, now()],
        ))?;
        Ok(())
    }

    /// Drafts holding edits that no revision has: what to offer back after a
    /// crash. Drafts equal to their story's latest revision are dropped.
    pub fn drafts(&mut self) -> Result<Vec<RecoveryDraft>> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT d.story_id, d.base, d.content, d.saved_at FROM drafts AS d
             LEFT JOIN stories AS s ON s.id = d.story_id
             WHERE d.story_id = 0 OR (s.id IS NOT NULL AND s.trashed_at IS NULL)
             ORDER BY d.saved_at DESC",
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<u32>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        });
        let rows = self.db(rows.and_then(|m| m.collect::<rusqlite::Result<Vec<_>>>()))?;
        drop(stmt);
        let mut out = Vec::new();
        for (id, base, json, at) in rows {
            let content: StoryContent = serde_json::from_str(&json).map_err(|e| self.corrupt(&e))?;
            let story = (id != 0).then_some(id);
            if let Some(id) = story {
                if normalized(&content).is_ok_and(|c| self.revision(id, None).is_ok_and(|r| r.content == c)) {
                    self.discard_draft(story)?;
                    continue;
                }
            }
            let saved_at = parse_time(&at).map_err(|e| self.corrupt(&e))?;
            out.push(RecoveryDraft {
                story,
                base,
                saved_at,
                content,
            });
        }
        Ok(out)
    }

    /// Forgets the draft of `story` (`None`: the new story).
    pub fn discard_draft(&mut self, story: Option<i64>) -> Result<()> {
        self.db(self
            .conn
            .execute("DELETE FROM drafts WHERE story_id = ?1", [story.unwrap_or(0)]))?;
        Ok(())
    }

    /// The draft of `story`, if there is one.
    pub fn draft(&self, story: Option<i64>) -> Result<Option<StoryContent>> {
        let json: Option<String> = self.db(self
            .conn
            .query_row(
                "SELECT content FROM drafts WHERE story_id = ?1",
                [story.unwrap_or(0)],
                |r| r.get(0),
            )
            .optional())?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| self.corrupt(&e)))
            .transpose()
    }
}
