//! Stories and their revisions: create, save, restore, read, list.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{Error, Result};
use crate::model::{
    Credit, Flagged, Person, Photo, Revision, RevisionInfo, RevisionKind, Role, Status, StoryContent, StorySummary,
};
use crate::revision::{content_hash, paragraph_hash, SaveOutcome};

/// Which stories `list_stories` returns.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// Words to find in the headline or body (case-insensitive).
    pub text: Option<String>,
    pub status: Option<Status>,
}

/// The fields stored together as one JSON column (see the schema).
#[derive(Serialize, Deserialize, Default)]
struct StoredFields {
    dek: String,
    section: String,
    dateline: String,
    copyright: String,
    credits: Vec<Credit>,
    photos: Vec<Photo>,
    flagged: Vec<Flagged>,
}

const INFO_COLUMNS: &str =
    "story_id, number, parent, author, created_at, note, kind, restored_from, words, status, headline";

struct NewRevision<'a> {
    author: &'a str,
    note: Option<&'a str>,
    kind: RevisionKind,
    restored_from: Option<u32>,
}

impl Store {
    fn db<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
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
        let content = normalized(content)?;
        let now = now();
        let path = self.path.clone();
        let tx = begin(&mut self.conn, &path)?;
        let info = tx
            .execute("INSERT INTO stories (created_at) VALUES (?1)", [&now])
            .and_then(|_| {
                let new = NewRevision { author, note, kind, restored_from: None };
                insert_revision(&tx, tx.last_insert_rowid(), None, &content, &new, &now)
            })
            .and_then(|info| tx.commit().map(|_| info))
            .map_err(|e| super::map_err(e, &path))?;
        Ok(info)
    }

    /// Saves `content` as the next revision of `story`, unless it equals the
    /// latest revision, in which case nothing is stored.
    pub fn save(
        &mut self,
        story: i64,
        content: &StoryContent,
        author: &str,
        note: Option<&str>,
        kind: RevisionKind,
    ) -> Result<SaveOutcome> {
        let content = normalized(content)?;
        self.append(story, &content, &NewRevision { author, note, kind, restored_from: None })
    }

    /// Appends a revision whose content equals revision `number`. History is
    /// never rewritten: restoring adds to it.
    pub fn restore(&mut self, story: i64, number: u32, author: &str, note: Option<&str>) -> Result<SaveOutcome> {
        let old = self.revision(story, Some(number))?;
        let note = note.map(str::to_string).unwrap_or_else(|| format!("Restored revision {number}"));
        self.append(
            story,
            &old.content,
            &NewRevision { author, note: Some(&note), kind: RevisionKind::Restore, restored_from: Some(number) },
        )
    }

    fn append(&mut self, story: i64, content: &StoryContent, new: &NewRevision) -> Result<SaveOutcome> {
        let path = self.path.clone();
        let tx = begin(&mut self.conn, &path)?;
        let latest: Option<(u32, Vec<u8>)> = tx
            .query_row(
                "SELECT number, content_hash FROM revisions WHERE story_id = ?1 ORDER BY number DESC LIMIT 1",
                [story],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| super::map_err(e, &path))?;
        let Some((latest, latest_hash)) = latest else {
            return Err(Error::StoryNotFound(story));
        };
        if latest_hash == content_hash(content) {
            drop(tx);
            let info = self.revision_info(story, latest)?;
            return Ok(SaveOutcome::Unchanged { info });
        }
        let info = insert_revision(&tx, story, Some(latest), content, new, &now()).map_err(|e| super::map_err(e, &path))?;
        tx.commit().map_err(|e| super::map_err(e, &path))?;
        Ok(SaveOutcome::Saved { info })
    }

    /// Who saved revision `number` of `story`, when and why.
    pub fn revision_info(&self, story: i64, number: u32) -> Result<RevisionInfo> {
        self.db(
            self.conn
                .query_row(
                    &format!("SELECT {INFO_COLUMNS} FROM revisions WHERE story_id = ?1 AND number = ?2"),
                    params![story, number],
                    info_from_row,
                )
                .optional(),
        )?
        .ok_or_else(|| self.missing(story, number))
    }

    fn missing(&self, story: i64, number: u32) -> Error {
        match self.story_exists(story) {
            Ok(true) => Error::RevisionNotFound { story, revision: number },
            Ok(false) => Error::StoryNotFound(story),
            Err(e) => e,
        }
    }

    fn story_exists(&self, story: i64) -> Result<bool> {
        self.db(
            self.conn
                .query_row("SELECT 1 FROM stories WHERE id = ?1", [story], |_| Ok(()))
                .optional(),
        )
        .map(|r| r.is_some())
    }

    /// The revisions of `story`, newest first.
    pub fn history(&self, story: i64) -> Result<Vec<RevisionInfo>> {
        let mut stmt = self.db(self.conn.prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM revisions WHERE story_id = ?1 ORDER BY number DESC"
        )))?;
        let infos = self.db(stmt.query_map([story], info_from_row)?.collect::<rusqlite::Result<Vec<_>>>())?;
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
        let row = self.db(
            self.conn
                .query_row(
                    &format!("SELECT {INFO_COLUMNS}, fields, body FROM revisions WHERE story_id = ?1 AND number = ?2"),
                    params![story, number],
                    |r| Ok((info_from_row(r)?, r.get::<_, String>(11)?, r.get::<_, String>(12)?)),
                )
                .optional(),
        )?;
        let Some((info, fields, body)) = row else {
            return Err(self.missing(story, number));
        };
        let fields: StoredFields = serde_json::from_str(&fields).map_err(|e| self.corrupt(&e))?;
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT p.text FROM json_each(?1) AS j JOIN paragraphs AS p ON p.id = j.value ORDER BY j.key",
        ))?;
        let body_text = self.db(stmt.query_map([&body], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>())?;
        let content = StoryContent {
            headline: info.headline.clone(),
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
        Ok(Revision { info, content })
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

    /// The number of the newest revision of `story`.
    pub fn latest_number(&self, story: i64) -> Result<u32> {
        let n: Option<u32> = self.db(self.conn.query_row(
            "SELECT max(number) FROM revisions WHERE story_id = ?1",
            [story],
            |r| r.get(0),
        ))?;
        n.ok_or(Error::StoryNotFound(story))
    }

    /// When `story` was created (its revision 1).
    pub fn story_created_at(&self, story: i64) -> Result<DateTime<Utc>> {
        let s: Option<String> = self.db(
            self.conn
                .query_row("SELECT created_at FROM stories WHERE id = ?1", [story], |r| r.get(0))
                .optional(),
        )?;
        let s = s.ok_or(Error::StoryNotFound(story))?;
        parse_time(&s).map_err(|e| self.corrupt(&e))
    }

    /// The stories, most recently changed first, each as of its latest
    /// revision.
    pub fn list_stories(&self, filter: &StoryFilter) -> Result<Vec<StorySummary>> {
        let pattern = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| format!("%{}%", t.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT s.id, s.created_at, r.headline, r.status, r.number, r.created_at, r.author
             FROM stories AS s
             JOIN revisions AS r ON r.story_id = s.id
              AND r.number = (SELECT max(number) FROM revisions WHERE story_id = s.id)
             WHERE (?1 IS NULL OR r.status = ?1)
               AND (?2 IS NULL OR r.headline LIKE ?2 ESCAPE '\\' OR r.fields LIKE ?2 ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM json_each(r.body) AS j JOIN paragraphs AS p ON p.id = j.value
                               WHERE p.text LIKE ?2 ESCAPE '\\'))
             ORDER BY r.created_at DESC, s.id DESC",
        ))?;
        let rows = stmt.query_map(params![filter.status.map(Status::as_str), pattern], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        });
        let rows = self.db(rows.and_then(|m| m.collect::<rusqlite::Result<Vec<_>>>()))?;
        rows.into_iter()
            .map(|(id, created, headline, status, revisions, updated, last_author)| {
                Ok(StorySummary {
                    id,
                    headline,
                    status: Status::parse(&status).ok_or_else(|| self.corrupt(&format!("unknown status {status}")))?,
                    revisions,
                    created_at: parse_time(&created).map_err(|e| self.corrupt(&e))?,
                    updated_at: parse_time(&updated).map_err(|e| self.corrupt(&e))?,
                    last_author,
                })
            })
            .collect()
    }

    /// People whose name starts with (or has a word starting with) `prefix`,
    /// most recently credited first.
    pub fn suggest_people(&self, prefix: &str, limit: u32) -> Result<Vec<Person>> {
        let p = prefix.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
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

    fn corrupt(&self, e: &dyn std::fmt::Display) -> Error {
        Error::Corrupt { path: self.path.clone(), reason: e.to_string() }
    }
}

fn normalized(content: &StoryContent) -> Result<StoryContent> {
    let mut c = content.clone();
    crate::credits::refresh_photo_credits(&mut c);
    c.normalize();
    if c.headline.is_empty() {
        return Err(Error::Invalid("a story needs a headline".into()));
    }
    Ok(c)
}

fn begin<'c>(conn: &'c mut rusqlite::Connection, path: &std::path::Path) -> Result<Transaction<'c>> {
    // IMMEDIATE takes the write lock up front, so two writers wait for each
    // other (busy timeout) instead of failing half-way through a save.
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| super::map_err(e, path))
}

fn insert_revision(
    tx: &Transaction,
    story: i64,
    parent: Option<u32>,
    content: &StoryContent,
    new: &NewRevision,
    now: &str,
) -> rusqlite::Result<RevisionInfo> {
    let mut ids = Vec::with_capacity(content.body.len());
    {
        let mut insert = tx.prepare_cached("INSERT INTO paragraphs (hash, text) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING")?;
        let mut find = tx.prepare_cached("SELECT id FROM paragraphs WHERE hash = ?1")?;
        for p in &content.body {
            let h = paragraph_hash(p);
            insert.execute(params![&h[..], p])?;
            ids.push(find.query_row([&h[..]], |r| r.get::<_, i64>(0))?);
        }
    }
    let fields = StoredFields {
        dek: content.dek.clone(),
        section: content.section.clone(),
        dateline: content.dateline.clone(),
        copyright: content.copyright.clone(),
        credits: content.credits.clone(),
        photos: content.photos.clone(),
        flagged: content.flagged.clone(),
    };
    let number = parent.map_or(1, |p| p + 1);
    let words = content.word_count();
    let author = crate::revision::clean_label(Some(new.author)).unwrap_or_else(crate::revision::default_author);
    let note = crate::revision::clean_label(new.note);
    tx.execute(
        "INSERT INTO revisions (story_id, number, parent, restored_from, author, created_at, note, kind, status,
                                headline, fields, body, content_hash, words)
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
            content.headline,
            serde_json::to_string(&fields).expect("fields serialise"),
            serde_json::to_string(&ids).expect("ids serialise"),
            &content_hash(content)[..],
            words,
        ],
    )?;
    remember_people(tx, &content.credits, now)?;
    Ok(RevisionInfo {
        story,
        revision: number,
        parent,
        author,
        created_at: parse_time(now).expect("we wrote this time"),
        note,
        kind: new.kind,
        restored_from: new.restored_from,
        words,
        status: content.status,
        headline: content.headline.clone(),
    })
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

fn info_from_row(r: &rusqlite::Row) -> rusqlite::Result<RevisionInfo> {
    let bad = |i: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.into())
    };
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
    })
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(s: &str) -> std::result::Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("bad time {s:?}: {e}"))
}
