//! The database schema, as migrations tracked by SQLite's `user_version`.
//!
//! Append new migrations; never edit one that has shipped. Every database
//! ever written must open with the current code (tested in `store::tests`).

use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[M::up(V1), M::up(V2), M::up(V3), M::up(V4), M::up(V8)];

pub(super) const V1: &str = r#"
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL
);

-- Paragraph texts, stored once however many revisions use them.
CREATE TABLE paragraphs (
    id    INTEGER PRIMARY KEY,
    hash  BLOB NOT NULL UNIQUE,
    text  TEXT NOT NULL
);

-- Revisions are immutable: the triggers below refuse any UPDATE or DELETE,
-- so even a bug in our code cannot rewrite history.
CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL REFERENCES stories(id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    parent        INTEGER,
    restored_from INTEGER,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    note          TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('import', 'manual', 'autosave', 'restore')),
    status        TEXT NOT NULL,
    headline      TEXT NOT NULL,
    -- The fields other than headline and body (dek, section, dateline,
    -- credits, photos, copyright, set-aside lines) as one JSON object: they
    -- are small, change together and are always read together.
    fields        TEXT NOT NULL,
    -- The body: a JSON array of paragraph ids, in order.
    body          TEXT NOT NULL,
    content_hash  BLOB NOT NULL,
    words         INTEGER NOT NULL,
    UNIQUE (story_id, number)
);

CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
CREATE TRIGGER paragraphs_are_immutable BEFORE UPDATE ON paragraphs
BEGIN SELECT RAISE(ABORT, 'paragraphs are immutable'); END;

-- The people directory, for autocompletion: one row per person.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    organization  TEXT,
    location      TEXT,
    role          TEXT NOT NULL,
    last_used     TEXT NOT NULL
);
"#;

/// The desk: workflow kinds, archive and trash, named versions, recovery
/// drafts and full-text search.
pub(super) const V2: &str = r#"
-- New revision kinds need a wider CHECK, which SQLite can only get by
-- rebuilding the table. The rows are copied unchanged.
CREATE TABLE revisions_v2 (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL REFERENCES stories(id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    parent        INTEGER,
    restored_from INTEGER,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    note          TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('import', 'manual', 'autosave', 'restore',
                                                'status', 'correction', 'duplicate')),
    status        TEXT NOT NULL,
    headline      TEXT NOT NULL,
    fields        TEXT NOT NULL,
    body          TEXT NOT NULL,
    content_hash  BLOB NOT NULL,
    words         INTEGER NOT NULL,
    UNIQUE (story_id, number)
);
INSERT INTO revisions_v2 SELECT * FROM revisions;
DROP TRIGGER revisions_are_immutable;
DROP TRIGGER revisions_are_never_deleted;
DROP TABLE revisions;
ALTER TABLE revisions_v2 RENAME TO revisions;
CREATE INDEX revisions_by_author ON revisions (story_id, author);

CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
-- The one way a revision leaves the database: emptying the trash, on
-- purpose, deletes the stories in it. Nothing else can.
CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
WHEN (SELECT trashed_at FROM stories WHERE id = OLD.story_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;

ALTER TABLE stories ADD COLUMN archived_at TEXT;
ALTER TABLE stories ADD COLUMN archived_by TEXT;
ALTER TABLE stories ADD COLUMN trashed_at TEXT;
ALTER TABLE stories ADD COLUMN trashed_by TEXT;

-- Named versions ("Sent to desk", "Legal approved"): names pinned to a
-- revision. A revision may carry several names and a name may recur.
CREATE TABLE named_versions (
    story_id    INTEGER NOT NULL REFERENCES stories(id),
    number      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (story_id, number, name)
);

-- What the editor typed and has not saved yet, written every few seconds,
-- so a crash loses nothing: offered back on the next start. story_id 0 is a
-- new story that was never saved.
CREATE TABLE drafts (
    story_id  INTEGER PRIMARY KEY,
    base      INTEGER,
    content   TEXT NOT NULL,
    saved_at  TEXT NOT NULL
);

-- Full-text search over each story as of its latest revision (rowid = story
-- id), kept up to date by every save.
CREATE VIRTUAL TABLE story_search USING fts5(
    slug, headline, dek, section, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO story_search (rowid, slug, headline, dek, section, body)
SELECT r.story_id,
       coalesce(json_extract(r.fields, '$.slug'), ''),
       r.headline,
       coalesce(json_extract(r.fields, '$.dek'), ''),
       coalesce(json_extract(r.fields, '$.section'), ''),
       coalesce((SELECT group_concat(text, char(10)) FROM
                   (SELECT p.text AS text FROM json_each(r.body) AS j JOIN paragraphs AS p ON p.id = j.value
                    ORDER BY j.key)), '')
FROM revisions AS r
WHERE r.number = (SELECT max(number) FROM revisions WHERE story_id = r.story_id);
"#;

/// Saves on a base: a save made on an older revision is merged with the
/// revisions it did not see (kind `merge`, recording the base it started
/// from), and a review of a change set is a kind of its own.
pub(super) const V3: &str = r#"
CREATE TABLE revisions_v3 (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL REFERENCES stories(id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    parent        INTEGER,
    restored_from INTEGER,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    note          TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('import', 'manual', 'autosave', 'restore',
                                                'status', 'correction', 'duplicate', 'merge', 'review')),
    status        TEXT NOT NULL,
    headline      TEXT NOT NULL,
    fields        TEXT NOT NULL,
    body          TEXT NOT NULL,
    content_hash  BLOB NOT NULL,
    words         INTEGER NOT NULL,
    -- For a merge: the revision the merged edits started from (`parent` is
    -- the later revision they were merged with).
    merge_base    INTEGER,
    UNIQUE (story_id, number)
);
INSERT INTO revisions_v3 (id, story_id, number, parent, restored_from, author, created_at, note, kind, status,
                          headline, fields, body, content_hash, words)
SELECT id, story_id, number, parent, restored_from, author, created_at, note, kind, status,
       headline, fields, body, content_hash, words FROM revisions;
DROP TRIGGER revisions_are_immutable;
DROP TRIGGER revisions_are_never_deleted;
DROP INDEX revisions_by_author;
DROP TABLE revisions;
ALTER TABLE revisions_v3 RENAME TO revisions;
CREATE INDEX revisions_by_author ON revisions (story_id, author);

CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
WHEN (SELECT trashed_at FROM stories WHERE id = OLD.story_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
"#;

/// Paragraphs are as immutable as revisions: no paragraph row is ever
/// deleted, except the ones no revision uses any more, by emptying the trash.
///
/// The trigger lets a delete through only while `paragraph_collection` holds
/// a row, which `empty_trash` inserts and removes again inside its own
/// transaction (so no other connection ever sees it), around a delete that
/// picks only unused paragraphs. Checking in the trigger itself that no
/// revision uses the paragraph would scan every revision's body for every
/// deleted row: emptying a large trash would take minutes.
pub(super) const V4: &str = r#"
CREATE TABLE paragraph_collection (running INTEGER NOT NULL);
CREATE TRIGGER paragraphs_are_never_deleted BEFORE DELETE ON paragraphs
WHEN NOT EXISTS (SELECT 1 FROM paragraph_collection)
BEGIN SELECT RAISE(ABORT, 'paragraphs are never deleted, except unused ones by emptying the trash'); END;
"#;

/// The desk dictionary: words the whole desk has told the spelling check
/// to accept ("Add to desk dictionary"), each stored once, case as typed.
pub(super) const V8: &str = r#"
CREATE TABLE desk_words (
    word      TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
);
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version this code writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
