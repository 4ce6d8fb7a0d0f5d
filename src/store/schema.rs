//! The database schema, as migrations tracked by SQLite's `user_version`.
//!
//! Append new migrations; never edit one that has shipped. Every database
//! ever written must open with the current code (tested in `store::tests`).

use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[M::up(
    r#"
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
"#,
)];

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
