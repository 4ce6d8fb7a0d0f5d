//! Stories and their revisions: create, save, restore, change status, read.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use std::collections::{HashMap, HashSet};

use super::{packed, Store};
use crate::desk::{HistoryPage, HistoryQuery};
use crate::error::{Error, Result};
use crate::merge::{self, Resolved};
use crate::model::{Credit, Flagged, Person, Photo, Revision, RevisionInfo, RevisionKind, Role, Status, StoryContent};
use crate::revision::{content_hash, MergeReport, SaveOutcome};
use crate::workflow;

/// History pages hold this many revisions unless asked otherwise.
const HISTORY_PAGE: u32 = 100;

/// The fields stored together as one JSON column (see the schema).
#[derive(Serialize, Deserialize, Default)]
struct StoredFields {
    // Absent from revisions saved before slugs existed.
    #[serde(default)]
    slug: String,
    dek: String,
    section: String,
    dateline: String,
    copyright: String,
    credits: Vec<Credit>,
    photos: Vec<Photo>,
    flagged: Vec<Flagged>,
}

pub(super) const INFO_COLUMNS: &str =
    "story_id, number, parent, author, created_at, note, kind, restored_from, words, status,
     (SELECT headline FROM field_sets WHERE id = field_set), merge_base";

#[derive(Clone, Copy)]
pub(super) struct NewRevision<'a> {
    author: &'a str,
    note: Option<&'a str>,
    kind: RevisionKind,
    restored_from: Option<u32>,
    merge_base: Option<u32>,
}

impl<'a> NewRevision<'a> {
    /// A revision that is neither a restore nor a merge.
    pub(super) fn new(author: &'a str, note: Option<&'a str>, kind: RevisionKind) -> NewRevision<'a> {
        NewRevision {
            author,
            note,
            kind,
            restored_from: None,
            merge_base: None,
        }
    }
}

/// A save of a writer's edit: who, why, and the revision the edit started
/// from, so that a save never replaces revisions its writer did not see.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// The revision the edit started from; `None` means the latest (a file
    /// with no `Revision:` line, an explicit overwrite).
    pub base: Option<u32>,
    pub author: &'a str,
    pub note: Option<&'a str>,
    pub kind: RevisionKind,
    /// Answers to the conflicts of an earlier attempt to save this edit.
    pub resolved: Option<&'a Resolved>,
}

impl<'a> Edit<'a> {
    /// An edit of the latest revision, of kind `kind`.
    pub fn new(author: &'a str, kind: RevisionKind) -> Edit<'a> {
        Edit {
            base: None,
            author,
            note: None,
            kind,
            resolved: None,
        }
    }
}

/// What a revision is made from, worked out inside the write transaction
/// against the latest revision as it is then.
enum Change<'a> {
    Edit(&'a StoryContent, Option<u32>, Option<&'a Resolved>),
    Restore(u32),
    Status(Status),
}

impl Store {
    pub(super) fn db<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
        r.map_err(|e| self.classify(e))
    }

    /// Creates a story whose revision 1 is `content`.
    pub fn create_story(
        &mut self,
        content: &StoryContent,
        author: &str,
        note: Option<&str>,
        kind: RevisionKind,
    ) -> Result<RevisionInfo> {
        self.insert_story(content, author, note, kind, false)
    }

    /// Saves the editor's new story as revision 1 and drops the recovery
    /// draft it was typed in, in one transaction: a crash can neither lose
    /// the story nor leave its draft to be offered back as unsaved work.
    pub fn create_drafted_story(
        &mut self,
        content: &StoryContent,
        author: &str,
        note: Option<&str>,
    ) -> Result<RevisionInfo> {
        self.insert_story(content, author, note, RevisionKind::Manual, true)
    }

    fn insert_story(
        &mut self,
        content: &StoryContent,
        author: &str,
        note: Option<&str>,
        kind: RevisionKind,
        drop_new_draft: bool,
    ) -> Result<RevisionInfo> {
        let content = normalized(content)?;
        let now = now();
        let path = self.path.clone();
        let tx = begin(&mut self.conn, &path)?;
        let info = tx
            .execute("INSERT INTO stories (created_at) VALUES (?1)", [&now])
            .and_then(|_| {
                let new = NewRevision::new(author, note, kind);
                insert_revision(&tx, tx.last_insert_rowid(), None, &content, &new, &now)
            })
            .and_then(|info| {
                if drop_new_draft {
                    // A story not saved yet keeps its draft under story id 0.
                    tx.execute("DELETE FROM drafts WHERE story_id = 0", [])?;
                }
                Ok(info)
            })
            .and_then(|info| tx.commit().map(|_| info))
            .map_err(|e| super::map_err(e, &path))?;
        Ok(info)
    }

    /// Saves `content` as the next revision of `story`, as an edit of the
    /// latest revision (see [`Store::save_edit`] for edits of older ones).
    pub fn save(
        &mut self,
        story: i64,
        content: &StoryContent,
        author: &str,
        note: Option<&str>,
        kind: RevisionKind,
    ) -> Result<SaveOutcome> {
        self.save_edit(
            story,
            content,
            &Edit {
                note,
                ..Edit::new(author, kind)
            },
        )
    }

    /// Saves `content`, edited from revision `edit.base`, as the next
    /// revision of `story`, unless it equals the latest revision, in which
    /// case nothing is stored.
    ///
    /// When revisions were saved after the base, the edit is merged with
    /// them (`merge`): a clean merge is stored as kind `merge` recording
    /// both parents; overlapping edits store nothing and come back as
    /// conflicts, to save again with `edit.resolved`. The latest revision is
    /// read inside the write transaction, so no save lands unseen in between.
    ///
    /// The workflow rules apply (see `workflow.rs`): a status change must be
    /// a move the workflow allows, and is recorded as kind `status` when it is
    /// all that changed; an edit of a published story is a `correction` and
    /// needs a note.
    pub fn save_edit(&mut self, story: i64, content: &StoryContent, edit: &Edit) -> Result<SaveOutcome> {
        let content = normalized(content)?;
        self.append(
            story,
            Change::Edit(&content, edit.base, edit.resolved),
            &NewRevision {
                author: edit.author,
                note: edit.note,
                kind: edit.kind,
                restored_from: None,
                merge_base: None,
            },
        )
    }

    /// Appends a revision whose content equals revision `number`. History is
    /// never rewritten: restoring adds to it. The story keeps its current
    /// workflow status: restoring words does not unpublish or revive a story.
    pub fn restore(&mut self, story: i64, number: u32, author: &str, note: Option<&str>) -> Result<SaveOutcome> {
        let note = note
            .map(str::to_string)
            .unwrap_or_else(|| format!("Restored revision {number}"));
        self.append(
            story,
            Change::Restore(number),
            &NewRevision {
                author,
                note: Some(&note),
                kind: RevisionKind::Restore,
                restored_from: Some(number),
                merge_base: None,
            },
        )
    }

    /// Moves `story` to `status` (a revision of kind `status`, the content
    /// otherwise that of the latest revision), if the workflow allows it.
    pub fn set_status(&mut self, story: i64, status: Status, author: &str, note: Option<&str>) -> Result<SaveOutcome> {
        self.append(
            story,
            Change::Status(status),
            &NewRevision {
                author,
                note,
                kind: RevisionKind::Status,
                restored_from: None,
                merge_base: None,
            },
        )
    }

    fn append(&mut self, story: i64, change: Change, new: &NewRevision) -> Result<SaveOutcome> {
        let path = self.path.clone();
        let db = |e| super::map_err(e, &path);
        let tx = begin(&mut self.conn, &path)?;
        let latest: Option<(u32, Vec<u8>, String, Option<String>)> = tx
            .query_row(
                "SELECT r.number, r.content_hash, r.status, s.trashed_at FROM revisions AS r
                 JOIN stories AS s ON s.id = r.story_id
                 WHERE r.story_id = ?1 ORDER BY r.number DESC LIMIT 1",
                [story],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(db)?;
        let Some((latest, latest_hash, latest_status, trashed)) = latest else {
            return Err(Error::StoryNotFound(story));
        };
        if trashed.is_some() {
            return Err(Error::InTrash(story));
        }
        let read = |number: u32| -> Result<Revision> {
            read_revision(&tx, &path, story, number)?.ok_or(Error::RevisionNotFound {
                story,
                revision: number,
            })
        };
        let from = Status::parse(&latest_status).ok_or_else(|| Error::Corrupt {
            path: path.clone(),
            reason: format!("unknown status {latest_status}"),
        })?;
        let mut new = *new;
        let mut report = None;
        let (content, edited) = match change {
            Change::Restore(number) => {
                let mut c = read(number)?.content;
                c.status = from;
                (c, None)
            }
            Change::Status(status) => {
                let mut c = read(latest)?.content;
                c.status = status;
                (c, None)
            }
            Change::Edit(content, Some(base), resolved) if base != latest => {
                if base > latest {
                    return Err(Error::Invalid(format!(
                        "this edit says it started from revision {base}, but story {story} has only {latest} revisions"
                    )));
                }
                let base_rev = read(base)?;
                if content_hash(content) == content_hash(&base_rev.content) {
                    // Nothing was edited: the story is as the latest has it.
                    drop(tx);
                    return Ok(SaveOutcome::Unchanged {
                        info: self.revision_info(story, latest)?,
                    });
                }
                let theirs = read(latest)?;
                let answers = resolved
                    .filter(|r| r.theirs == latest)
                    .map_or(&[][..], |r| &r.resolutions);
                let m = merge::merge(&base_rev.content, &theirs.content, content, answers);
                if !m.conflicts.is_empty() {
                    drop(tx);
                    return Ok(SaveOutcome::Conflicts {
                        info: theirs.info,
                        base,
                        conflicts: m.conflicts,
                        alerts: m.alerts,
                    });
                }
                new.merge_base = Some(base);
                report = Some(MergeReport {
                    base,
                    theirs: theirs.info,
                    theirs_changes: m.theirs,
                    ours_changes: m.ours,
                    alerts: m.alerts,
                });
                (normalized(&m.content)?, Some(content))
            }
            Change::Edit(content, _, _) => (content.clone(), Some(content)),
        };
        if hash_matches(&latest_hash, &content) {
            drop(tx);
            let info = self.revision_info(story, latest)?;
            return Ok(SaveOutcome::Unchanged { info });
        }
        let kind = revision_kind(from, &latest_hash, &content, &new)?;
        // A merge is a merge whatever it changed: its history line says so.
        new.kind = if new.merge_base.is_some() {
            RevisionKind::Merge
        } else {
            kind
        };
        let info = insert_revision(&tx, story, Some(latest), &content, &new, &now()).map_err(db)?;
        if let Some(edited) = edited {
            // A saved revision that holds what the recovery draft held
            // supersedes it (for a merge: the edit that was merged).
            tx.execute(
                "DELETE FROM drafts WHERE story_id = ?1 AND content = ?2",
                params![story, serde_json::to_string(edited).expect("content serialises")],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)?;
        Ok(match report {
            Some(merge) => SaveOutcome::Merged { info, merge },
            None => SaveOutcome::Saved { info },
        })
    }

    /// Who saved revision `number` of `story`, when and why.
    pub fn revision_info(&self, story: i64, number: u32) -> Result<RevisionInfo> {
        self.db(self
            .conn
            .query_row(
                &format!("SELECT {INFO_COLUMNS} FROM revisions WHERE story_id = ?1 AND number = ?2"),
                params![story, number],
                info_from_row,
            )
            .optional())?
            .ok_or_else(|| self.missing(story, number))
    }

    fn missing(&self, story: i64, number: u32) -> Error {
        match self.story_exists(story) {
            Ok(true) => Error::RevisionNotFound {
                story,
                revision: number,
            },
            Ok(false) => Error::StoryNotFound(story),
            Err(e) => e,
        }
    }

    fn story_exists(&self, story: i64) -> Result<bool> {
        self.db(self
            .conn
            .query_row("SELECT 1 FROM stories WHERE id = ?1", [story], |_| Ok(()))
            .optional())
            .map(|r| r.is_some())
    }

    /// The revisions of `story`, newest first.
    pub fn history(&self, story: i64) -> Result<Vec<RevisionInfo>> {
        let mut stmt = self.db(self.conn.prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM revisions WHERE story_id = ?1 ORDER BY number DESC"
        )))?;
        let infos = self.db(stmt
            .query_map([story], info_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>())?;
        if infos.is_empty() {
            return Err(Error::StoryNotFound(story));
        }
        Ok(infos)
    }

    /// Revision `number` of `story` (the latest when `None`), with content.
    pub fn revision(&self, story: i64, number: Option<u32>) -> Result<Revision> {
        let number = match number {
            Some(n) => n,
            None => self.latest_number(story)?,
        };
        read_revision(&self.conn, &self.path, story, number)?.ok_or_else(|| self.missing(story, number))
    }

    /// Every revision of `story` from 1 through `number` (the latest when
    /// `None`), oldest first: what attribution needs.
    pub fn revisions_through(&self, story: i64, number: Option<u32>) -> Result<Vec<Revision>> {
        let last = match number {
            Some(n) => self.revision_info(story, n)?.revision,
            None => self.latest_number(story)?,
        };
        (1..=last).map(|n| self.revision(story, Some(n))).collect()
    }

    /// Who saved the newest revision of `story`, when and why: one indexed
    /// row, cheap enough to poll for revisions saved elsewhere.
    pub fn latest_info(&self, story: i64) -> Result<RevisionInfo> {
        self.db(self
            .conn
            .query_row(
                &format!("SELECT {INFO_COLUMNS} FROM revisions WHERE story_id = ?1 ORDER BY number DESC LIMIT 1"),
                [story],
                info_from_row,
            )
            .optional())?
            .ok_or(Error::StoryNotFound(story))
    }

    /// The number of the newest revision of `story`.
    pub fn latest_number(&self, story: i64) -> Result<u32> {
        let n: Option<u32> =
            self.db(self
                .conn
                .query_row("SELECT max(number) FROM revisions WHERE story_id = ?1", [story], |r| {
                    r.get(0)
                }))?;
        n.ok_or(Error::StoryNotFound(story))
    }

    /// When `story` was created (its revision 1).
    pub fn story_created_at(&self, story: i64) -> Result<DateTime<Utc>> {
        let s: Option<String> = self.db(self
            .conn
            .query_row("SELECT created_at FROM stories WHERE id = ?1", [story], |r| r.get(0))
            .optional())?;
        let s = s.ok_or(Error::StoryNotFound(story))?;
        parse_time(&s).map_err(|e| self.corrupt(&e))
    }

    /// A page of the history of `story`, newest first, filtered by author
    /// and kind: what the history panel shows without reading every
    /// revision of a long-lived story.
    pub fn history_page(&self, story: i64, q: &HistoryQuery) -> Result<HistoryPage> {
        let latest = self.latest_number(story)?;
        let limit = q.limit.unwrap_or(HISTORY_PAGE).clamp(1, 10_000);
        let filter = "story_id = ?1 AND (?2 IS NULL OR author = ?2) AND (?3 IS NULL OR kind = ?3)";
        let kind = q.kind.map(RevisionKind::as_str);
        let mut stmt = self.db(self.conn.prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM revisions WHERE {filter} AND (?4 IS NULL OR number < ?4)
             ORDER BY number DESC LIMIT ?5"
        )))?;
        // One row more than the page tells whether another page follows.
        let mut revisions = self.db(stmt
            .query_map(params![story, q.author, kind, q.before, limit + 1], info_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>())?;
        let more = revisions.len() > limit as usize;
        revisions.truncate(limit as usize);
        let matching: u32 = self.db(self.conn.query_row(
            &format!("SELECT count(*) FROM revisions WHERE {filter}"),
            params![story, q.author, kind],
            |r| r.get(0),
        ))?;
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT DISTINCT author FROM revisions WHERE story_id = ?1 ORDER BY author COLLATE NOCASE",
        ))?;
        let authors = self.db(stmt
            .query_map([story], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>())?;
        let named = self.named_versions(story)?;
        Ok(HistoryPage {
            revisions,
            matching,
            latest,
            authors,
            named,
            more,
        })
    }

    /// People whose name starts with (or has a word starting with) `prefix`,
    /// most recently credited first.
    pub fn suggest_people(&self, prefix: &str, limit: u32) -> Result<Vec<Person>> {
        let p = prefix
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT name, role, location, organization FROM people
             WHERE name LIKE ?1 || '%' ESCAPE '\\' OR name LIKE '% ' || ?1 || '%' ESCAPE '\\'
             ORDER BY last_used DESC, name LIMIT ?2",
        ))?;
        let rows = stmt.query_map(params![p, limit], |r| {
            Ok(Person {
                name: r.get(0)?,
                role: Role::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
                location: r.get(2)?,
                organization: r.get(3)?,
            })
        });
        self.db(rows.and_then(|m| m.collect()))
    }

    pub(super) fn corrupt(&self, e: &dyn std::fmt::Display) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            reason: e.to_string(),
        }
    }
}

/// Reads revision `number` of `story` on `conn` (the store's connection, or
/// a transaction on it); `None` when there is no such revision.
pub(super) fn read_revision(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    story: i64,
    number: u32,
) -> Result<Option<Revision>> {
    let db = |e| super::map_err(e, path);
    let corrupt = |e: &dyn std::fmt::Display| Error::Corrupt {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let row = conn
        .query_row(
            &format!(
                "SELECT {INFO_COLUMNS}, (SELECT fields FROM field_sets WHERE id = field_set) FROM revisions
                 WHERE story_id = ?1 AND number = ?2"
            ),
            params![story, number],
            |r| Ok((info_from_row(r)?, r.get::<_, Option<String>>(12)?)),
        )
        .optional()
        .map_err(db)?;
    let Some((info, fields)) = row else {
        return Ok(None);
    };
    let damaged = |reason: String| Error::Damaged {
        story,
        revision: number,
        reason,
    };
    let fields = fields.ok_or_else(|| damaged("its fields (slug, dek, credits...) are missing".into()))?;
    let fields: StoredFields = serde_json::from_str(&fields).map_err(|e| corrupt(&e))?;
    // A missing paragraph row shows up as a hole rather than a silently
    // shorter story; and every text is checked against its hash, so a
    // changed one is never shown as the revision.
    let ids = match packed::read_body(conn, story, number).map_err(db)? {
        Some(Ok((ids, _))) => ids,
        Some(Err(reason)) => return Err(damaged(reason)),
        None => return Err(damaged("it vanished while being read".into())),
    };
    let mut reader = packed::ParagraphReader::new(conn).map_err(db)?;
    reader.prefetch(&ids).map_err(db)?;
    let mut body_text = Vec::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        match reader.read(id).map_err(db)? {
            Ok((text, _)) => body_text.push(text.to_string()),
            Err(packed::Unreadable::Missing(row)) if row == id => {
                return Err(damaged(format!("paragraph {} (row {id}) is missing", i + 1)))
            }
            Err(packed::Unreadable::Missing(row)) => {
                return Err(damaged(format!(
                    "paragraph {} (row {id}) is missing the paragraph it is stored against (row {row})",
                    i + 1
                )))
            }
            Err(packed::Unreadable::Mismatch) => {
                return Err(damaged(format!(
                    "the text of paragraph {} does not match its hash",
                    i + 1
                )))
            }
        }
    }
    let content = StoryContent {
        headline: info.headline.clone(),
        slug: fields.slug,
        dek: fields.dek,
        section: fields.section,
        dateline: fields.dateline,
        status: info.status,
        credits: fields.credits,
        photos: fields.photos,
        body: body_text,
        copyright: fields.copyright,
        flagged: fields.flagged,
    };
    Ok(Some(Revision { info, content }))
}

/// What kind of revision a save makes, by the workflow rules: a save that
/// changes only the status is a status change; an edit of a published story
/// is a correction, which needs a note.
fn revision_kind(from: Status, latest_hash: &[u8], content: &StoryContent, new: &NewRevision) -> Result<RevisionKind> {
    if new.kind != RevisionKind::Restore {
        workflow::check_move(from, content.status)?;
    }
    // With the latest status put back, the content hashes equal exactly when
    // the status is all that changed.
    let mut before_status = content.clone();
    before_status.status = from;
    let edited = !hash_matches(latest_hash, &before_status);
    if !edited {
        return Ok(RevisionKind::Status);
    }
    if workflow::edit_needs_correction_note(from) && new.kind != RevisionKind::Restore {
        if new.note.is_none_or(|n| n.trim().is_empty()) {
            return Err(Error::CorrectionNoteRequired);
        }
        return Ok(RevisionKind::Correction);
    }
    Ok(new.kind)
}

pub(super) fn normalized(content: &StoryContent) -> Result<StoryContent> {
    let mut c = content.clone();
    crate::credits::refresh_photo_credits(&mut c);
    c.normalize();
    // The limits a story file must meet, so that whatever is saved can be
    // exported and read back identically.
    crate::text::check_content(&c).map_err(Error::Invalid)?;
    Ok(c)
}

pub(super) fn begin<'c>(conn: &'c mut rusqlite::Connection, path: &std::path::Path) -> Result<Transaction<'c>> {
    // IMMEDIATE takes the write lock up front, so two writers wait for each
    // other (busy timeout) instead of failing half-way through a save.
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| super::map_err(e, path))
}

pub(super) fn insert_revision(
    tx: &Transaction,
    story: i64,
    parent: Option<u32>,
    content: &StoryContent,
    new: &NewRevision,
    now: &str,
) -> rusqlite::Result<RevisionInfo> {
    let body = store_body(tx, story, parent, &content.body)?;
    let field_set = store_fields(tx, story, parent, content)?;
    let number = parent.map_or(1, |p| p + 1);
    let words = content.word_count();
    let author = crate::revision::clean_label(Some(new.author)).unwrap_or_else(crate::revision::default_author);
    let note = crate::revision::clean_label(new.note);
    tx.execute(
        "INSERT INTO revisions (story_id, number, parent, restored_from, author, created_at, note, kind, status,
                                field_set, body, content_hash, words, merge_base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            story,
            number,
            parent,
            new.restored_from,
            author,
            now,
            note,
            new.kind.as_str(),
            content.status.as_str(),
            field_set,
            body,
            &content_hash(content)[..STORED_HASH_BYTES],
            words,
            new.merge_base,
        ],
    )?;
    remember_people(tx, &content.credits, now)?;
    let info = RevisionInfo {
        story,
        revision: number,
        parent,
        author,
        created_at: parse_time(now).expect("we wrote this time"),
        note,
        kind: new.kind,
        restored_from: new.restored_from,
        merge_base: new.merge_base,
        words,
        status: content.status,
        headline: content.headline.clone(),
    };
    // The story's list row and search row follow its newest revision.
    super::search::index_story(tx, &info, now, content)?;
    Ok(info)
}

/// Stores the paragraphs of a new revision of `story` made from `parent`
/// (those not stored yet) and returns its body: the list of their ids, as a
/// delta against the parent's list when that is shorter.
fn store_body(tx: &Transaction, story: i64, parent: Option<u32>, body: &[String]) -> rusqlite::Result<Vec<u8>> {
    // The parent's paragraphs: reused as they are, or the base a new
    // paragraph replacing one of them is stored as a delta against.
    let (parent_ids, body_depth) = match parent.map(|p| packed::read_body(tx, story, p)).transpose()? {
        Some(Some(Ok((ids, depth)))) => (ids, Some(depth)),
        _ => (Vec::new(), None),
    };
    let mut reader = packed::ParagraphReader::new(tx)?;
    let mut parent_at: Vec<Option<(i64, String, u32)>> = Vec::with_capacity(parent_ids.len());
    let mut parent_by_text: HashMap<String, i64> = HashMap::new();
    for &pid in &parent_ids {
        match reader.read(pid)? {
            Ok((text, depth)) => {
                parent_by_text.insert(text.to_string(), pid);
                parent_at.push(Some((pid, text.to_string(), depth)));
            }
            Err(_) => parent_at.push(None),
        }
    }
    let kept: HashSet<&str> = body.iter().map(String::as_str).collect();
    let mut ids = Vec::with_capacity(body.len());
    let mut insert = tx.prepare_cached("INSERT INTO paragraphs (hash, base, data) VALUES (?1, ?2, ?3)")?;
    for (i, p) in body.iter().enumerate() {
        if let Some(&id) = parent_by_text.get(p) {
            ids.push(id);
            continue;
        }
        let id = match stored_paragraph(tx, &mut reader, p)? {
            Some(id) => id,
            None => {
                // A delta against the parent's paragraph in this place,
                // unless the new revision keeps that one too.
                let base = parent_at
                    .get(i)
                    .and_then(Option::as_ref)
                    .filter(|(_, t, _)| !kept.contains(t.as_str()))
                    .map(|(id, t, d)| (*id, t.as_str(), *d));
                let (packed, _) = packed::pack(p, base);
                insert.execute(params![packed.key, packed.base, packed.data])?;
                tx.last_insert_rowid()
            }
        };
        parent_by_text.insert(p.clone(), id);
        ids.push(id);
    }
    Ok(match body_depth {
        Some(d) if d < packed::MAX_BODY_DEPTH => {
            let delta = packed::body_delta(&parent_ids, &ids);
            let whole = packed::body_whole(&ids);
            if delta.len() < whole.len() {
                delta
            } else {
                whole
            }
        }
        _ => packed::body_whole(&ids),
    })
}

/// The id of a paragraph already stored with exactly this text, if any.
fn stored_paragraph(
    tx: &Transaction,
    reader: &mut packed::ParagraphReader,
    text: &str,
) -> rusqlite::Result<Option<i64>> {
    let mut find = tx.prepare_cached("SELECT id FROM paragraphs WHERE hash = ?1")?;
    let candidates = find
        .query_map([packed::paragraph_key(text)], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for c in candidates {
        if matches!(reader.read(c)?, Ok((t, _)) if t == text) {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// The field set of a new revision of `story` made from `parent`: the
/// parent's when nothing in it changed (stored once for the revisions in a
/// row that share it), else a new one.
fn store_fields(tx: &Transaction, story: i64, parent: Option<u32>, content: &StoryContent) -> rusqlite::Result<i64> {
    let fields = StoredFields {
        slug: content.slug.clone(),
        dek: content.dek.clone(),
        section: content.section.clone(),
        dateline: content.dateline.clone(),
        copyright: content.copyright.clone(),
        credits: content.credits.clone(),
        photos: content.photos.clone(),
        flagged: content.flagged.clone(),
    };
    let fields = serde_json::to_string(&fields).expect("fields serialise");
    let same: Option<i64> = tx
        .prepare_cached(
            "SELECT f.id FROM revisions AS r JOIN field_sets AS f ON f.id = r.field_set
             WHERE r.story_id = ?1 AND r.number = ?2 AND f.fields = ?3 AND f.headline = ?4",
        )?
        .query_row(params![story, parent, fields, content.headline], |r| r.get(0))
        .optional()?;
    match same {
        Some(id) => Ok(id),
        None => {
            tx.prepare_cached("INSERT INTO field_sets (headline, fields) VALUES (?1, ?2)")?
                .execute([&content.headline, &fields])?;
            Ok(tx.last_insert_rowid())
        }
    }
}

/// Files everyone credited into the people directory, one row a person; what
/// a later credit says about them (role, location, organization) wins, but a
/// credit that leaves a field empty does not erase what we knew.
fn remember_people(tx: &Transaction, credits: &[Credit], now: &str) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO people (name, role, location, organization, last_used) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (name) DO UPDATE SET
            role = excluded.role,
            location = coalesce(excluded.location, people.location),
            organization = coalesce(excluded.organization, people.organization),
            last_used = excluded.last_used",
    )?;
    for c in credits {
        stmt.execute(params![c.name, c.role.as_str(), c.location, c.organization, now])?;
    }
    Ok(())
}

/// Bytes of a revision's content hash kept in `revisions.content_hash`: the
/// first 16 of BLAKE3's 32, plenty to tell a changed revision from an
/// unchanged one and to detect damage, at half the bytes (revisions written
/// before schema 6 keep all 32).
pub(super) const STORED_HASH_BYTES: usize = 16;

/// Whether `stored` (a `revisions.content_hash`, 16 or 32 bytes) is the hash
/// of `content`.
pub(super) fn hash_matches(stored: &[u8], content: &StoryContent) -> bool {
    let hash = content_hash(content);
    matches!(stored.len(), STORED_HASH_BYTES | 32) && hash[..stored.len()] == *stored
}

pub(super) fn info_from_row(r: &rusqlite::Row) -> rusqlite::Result<RevisionInfo> {
    let bad =
        |i: usize, what: String| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into());
    let created: String = r.get(4)?;
    let kind: String = r.get(6)?;
    let status: String = r.get(9)?;
    Ok(RevisionInfo {
        story: r.get(0)?,
        revision: r.get(1)?,
        parent: r.get(2)?,
        author: r.get(3)?,
        created_at: parse_time(&created).map_err(|e| bad(4, e))?,
        note: r.get(5)?,
        kind: RevisionKind::parse(&kind).ok_or_else(|| bad(6, format!("unknown kind {kind}")))?,
        restored_from: r.get(7)?,
        words: r.get(8)?,
        status: Status::parse(&status).ok_or_else(|| bad(9, format!("unknown status {status}")))?,
        headline: r.get(10)?,
        merge_base: r.get(11)?,
    })
}

pub(super) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(super) fn parse_time(s: &str) -> std::result::Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("bad time {s:?}: {e}"))
}
