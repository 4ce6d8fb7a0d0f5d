//! The database schema, as migrations tracked by SQLite's `user_version`.
//!
//! Append new migrations; never edit one that has shipped. Every database
//! ever written must open with the current code (tested in `store::tests`).

use rusqlite_migration::{Migrations, M};

fn all() -> Vec<M<'static>> {
    vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up_with_hook(V5, |tx: &rusqlite::Transaction| {
            super::packed::migrate_to_v5(tx)?;
            tx.execute_batch(V5_AFTER)?;
            Ok(())
        }),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
    ]
}

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

/// Storage smaller than git's (issue 14): the same history in a fifth of
/// the bytes.
///
/// - Paragraphs are zstd-compressed, most as a delta against the paragraph
///   they replaced (`base`), in chains of at most 4 deltas; they are found
///   and checked by the first 8 bytes of their BLAKE3 hash, as an integer
///   (a 32-byte hash and its unique index took a sixth of the file).
/// - A revision's body is a binary list of paragraph ids, most as a delta
///   against its parent's list, a whole list at least every 17 revisions
///   (see `packed.rs`).
/// - The fields (slug, dek, credits...) are stored once in `field_sets` for
///   all the revisions that share them, instead of once per revision.
///
/// The SQL below makes the new tables and copies what SQL can; the hook
/// (`packed::migrate_to_v5`) packs paragraphs and bodies, then `V5_AFTER`
/// puts the new tables in place of the old.
pub(super) const V5: &str = r#"
CREATE TABLE field_sets (
    id      INTEGER PRIMARY KEY,
    fields  TEXT NOT NULL
);
CREATE INDEX field_sets_during_migration ON field_sets (fields);
INSERT INTO field_sets (fields) SELECT fields FROM revisions GROUP BY fields ORDER BY min(id);

CREATE TABLE paragraphs_v5 (
    id    INTEGER PRIMARY KEY,
    -- The first 8 bytes of the text's BLAKE3 hash, little-endian.
    hash  INTEGER NOT NULL,
    -- The paragraph whose text `data` was compressed against, if any.
    base  INTEGER,
    -- The text, zstd-compressed (against base's text as a dictionary).
    data  BLOB NOT NULL
);

CREATE TABLE revisions_v5 (
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
    field_set     INTEGER NOT NULL REFERENCES field_sets(id),
    -- The body: paragraph ids, whole or as a delta against the parent's.
    body          BLOB NOT NULL,
    content_hash  BLOB NOT NULL,
    words         INTEGER NOT NULL,
    merge_base    INTEGER,
    UNIQUE (story_id, number)
);
INSERT INTO revisions_v5 (id, story_id, number, parent, restored_from, author, created_at, note, kind, status,
                          headline, field_set, body, content_hash, words, merge_base)
SELECT id, story_id, number, parent, restored_from, author, created_at, note, kind, status,
       headline, (SELECT f.id FROM field_sets AS f WHERE f.fields = r.fields), body, content_hash, words, merge_base
FROM revisions AS r;
"#;

pub(super) const V5_AFTER: &str = r#"
DROP INDEX field_sets_during_migration;
DROP TRIGGER revisions_are_immutable;
DROP TRIGGER revisions_are_never_deleted;
DROP INDEX revisions_by_author;
DROP TABLE revisions;
ALTER TABLE revisions_v5 RENAME TO revisions;
CREATE INDEX revisions_by_author ON revisions (story_id, author);
CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
WHEN (SELECT trashed_at FROM stories WHERE id = OLD.story_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;

DROP TRIGGER paragraphs_are_immutable;
DROP TRIGGER paragraphs_are_never_deleted;
DROP TABLE paragraphs;
ALTER TABLE paragraphs_v5 RENAME TO paragraphs;
CREATE INDEX paragraphs_by_hash ON paragraphs (hash);
CREATE TRIGGER paragraphs_are_immutable BEFORE UPDATE ON paragraphs
BEGIN SELECT RAISE(ABORT, 'paragraphs are immutable'); END;
CREATE TRIGGER paragraphs_are_never_deleted BEFORE DELETE ON paragraphs
WHEN NOT EXISTS (SELECT 1 FROM paragraph_collection)
BEGIN SELECT RAISE(ABORT, 'paragraphs are never deleted, except unused ones by emptying the trash'); END;

CREATE TRIGGER field_sets_are_immutable BEFORE UPDATE ON field_sets
BEGIN SELECT RAISE(ABORT, 'field sets are immutable'); END;
"#;

/// Schema 6: keeps the search index small. Every save replaces its story's
/// row in `story_search`, which leaves a new small segment and tombstones
/// for the old row; FTS5 by default lets these pile up (168 KiB of index
/// for one story of 1,000 revisions). With `usermerge` at 2, the bounded
/// `merge` that `search::index_story` runs after each save folds segments
/// together as soon as two share a level, dropping the tombstones.
pub(super) const V6: &str = r#"
INSERT INTO story_search (story_search, rank) VALUES ('usermerge', 2);
"#;

/// Schema 7: the headline moves from each revision into its field set, so
/// that the revisions in a row that share headline and fields store both
/// once (the headline was 54 KiB of a 1,000-revision story's 576).
pub(super) const V7: &str = r#"
ALTER TABLE field_sets ADD COLUMN headline TEXT NOT NULL DEFAULT '';
CREATE TABLE field_sets_before_v7 AS SELECT coalesce(max(id), 0) AS top FROM field_sets;
INSERT INTO field_sets (headline, fields)
SELECT r.headline, f.fields FROM revisions AS r JOIN field_sets AS f ON f.id = r.field_set
GROUP BY r.headline, f.fields ORDER BY min(r.id);
CREATE INDEX field_sets_during_migration ON field_sets (headline, fields);
DROP TRIGGER revisions_are_immutable;
-- (A revision whose field set is missing keeps pointing where it did, so
-- that the check still reports it.)
UPDATE revisions SET field_set = coalesce((
    SELECT n.id FROM field_sets AS n, field_sets AS f
    WHERE f.id = revisions.field_set AND n.id > (SELECT top FROM field_sets_before_v7)
      AND n.headline = revisions.headline AND n.fields = f.fields), field_set);
DELETE FROM field_sets WHERE id <= (SELECT top FROM field_sets_before_v7);
DROP TABLE field_sets_before_v7;
DROP INDEX field_sets_during_migration;
ALTER TABLE revisions DROP COLUMN headline;
CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
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

/// Schema 9: the story list at 100,000 stories (issue 14). Each story row
/// carries what the list shows of its latest revision (number, time, author,
/// status, words, headline, slug, section), written by every save in the
/// same transaction as the revision, so that listing reads one row a story
/// instead of finding each story's newest revision, its field set and its
/// JSON fields; `shelf` (0 desk, 1 archive, 2 trash) lets indexes serve
/// each shelf in each sort order, a page at a time.
///
/// Statuses are stored with their current names ("review" and "spiked" in
/// older revisions become "editing" and "killed"), so filters compare one
/// value. A story whose latest field set is missing (which `check` reports)
/// lists with an empty headline rather than failing the upgrade.
pub(super) const V9: &str = r#"
ALTER TABLE stories ADD COLUMN latest INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN last_author TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE stories ADD COLUMN words INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN headline TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN section TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN shelf INTEGER NOT NULL GENERATED ALWAYS AS
    (CASE WHEN trashed_at IS NOT NULL THEN 2 WHEN archived_at IS NOT NULL THEN 1 ELSE 0 END) VIRTUAL;

UPDATE stories SET latest = l.number, updated_at = l.created_at, last_author = l.author, status = l.status,
                   words = l.words, headline = l.headline, slug = l.slug, section = l.section
FROM (SELECT r.story_id, r.number, r.created_at, r.author,
             replace(replace(r.status, 'review', 'editing'), 'spiked', 'killed') AS status, r.words,
             coalesce(f.headline, '') AS headline,
             coalesce(json_extract(f.fields, '$.slug'), '') AS slug,
             coalesce(json_extract(f.fields, '$.section'), '') AS section
      FROM revisions AS r LEFT JOIN field_sets AS f ON f.id = r.field_set
      WHERE r.number = (SELECT max(number) FROM revisions WHERE story_id = r.story_id)) AS l
WHERE l.story_id = stories.id;

-- The list's sort orders, one index each, per shelf, in the order the list
-- shows by default (text A to Z, time and words largest first; ties newest
-- first): a page is read off the index. The opposite direction is read
-- backwards with each run of equal keys sorted, which costs little unless
-- runs are long (status, section, editor). By status also serves the
-- status filter in the default order.
CREATE INDEX stories_by_updated ON stories (shelf, updated_at DESC, id DESC);
CREATE INDEX stories_by_slug ON stories (shelf, slug COLLATE NOCASE, updated_at DESC, id DESC);
CREATE INDEX stories_by_headline ON stories (shelf, headline COLLATE NOCASE, updated_at DESC, id DESC);
CREATE INDEX stories_by_section ON stories (shelf, section COLLATE NOCASE, updated_at DESC, id DESC);
CREATE INDEX stories_by_status ON stories (shelf, status, updated_at DESC, id DESC);
CREATE INDEX stories_by_last_author ON stories (shelf, last_author COLLATE NOCASE, updated_at DESC, id DESC);
CREATE INDEX stories_by_words ON stories (shelf, words DESC, updated_at DESC, id DESC);
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(all())
}

/// The schema version this code writes.
pub fn latest_version() -> i64 {
    all().len() as i64
}

#[cfg(test)]
mod tests {
    use super::super::{Store, BACKUPS_DIR};
    use crate::model::{RevisionKind, SortKey, Status, StoryContent, StoryFilter, StoryView};

    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }

    /// A schema 8 database (written by this code, then taken back to
    /// schema 8's shape, with a revision in an old status name added as
    /// schema 1 code wrote it) lists as before once upgraded.
    #[test]
    fn a_schema_8_database_gets_its_list_rows_from_the_latest_revisions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v8.db");
        let mut s = Store::open(&path).unwrap();
        let mut sports = StoryContent::new("Bravo wins", vec!["The team won.".into()]);
        sports.section = "Sports".into();
        sports.slug = "Bravo".into();
        let a = s
            .create_story(&sports, "ana", None, RevisionKind::Manual)
            .unwrap()
            .story;
        let b = s
            .create_story(
                &StoryContent::new("Alpha falls", vec!["Rain.".into()]),
                "ben",
                None,
                RevisionKind::Manual,
            )
            .unwrap()
            .story;
        let mut edited = s.revision(a, None).unwrap().content;
        edited.headline = "Bravo wins the cup".into();
        s.save(a, &edited, "cho", None, RevisionKind::Manual).unwrap();
        s.archive(b, "ed").unwrap();
        // Schema 1 code wrote "review" for the status now called editing.
        s.conn
            .execute(
                "INSERT INTO revisions (story_id, number, parent, author, created_at, kind, status, field_set, body,
                                        content_hash, words)
                 SELECT story_id, 3, 2, 'dee', '2030-01-01T00:00:00.000Z', 'status', 'review', field_set, body,
                        content_hash, words FROM revisions WHERE story_id = ?1 AND number = 2",
                [a],
            )
            .unwrap();
        let before: Vec<String> = s
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'stories_by_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(before.len(), 7);
        for index in before {
            s.conn.execute_batch(&format!("DROP INDEX {index}")).unwrap();
        }
        for column in [
            "shelf",
            "latest",
            "updated_at",
            "last_author",
            "status",
            "words",
            "headline",
            "slug",
            "section",
        ] {
            s.conn
                .execute_batch(&format!("ALTER TABLE stories DROP COLUMN {column}"))
                .unwrap();
        }
        s.conn.execute_batch("PRAGMA user_version = 8").unwrap();
        drop(s);

        let s = Store::open(&path).unwrap();
        let backups = std::fs::read_dir(dir.path().join(BACKUPS_DIR)).unwrap().count();
        assert_eq!(backups, 1, "the schema 8 file is kept before the upgrade");
        let page = s.list_page(&StoryFilter::default()).unwrap();
        assert_eq!(page.total, 1);
        let row = &page.stories[0];
        assert_eq!(
            (row.id, row.headline.as_str(), row.slug.as_str(), row.section.as_str()),
            (a, "Bravo wins the cup", "Bravo", "Sports")
        );
        assert_eq!(
            (row.revisions, row.last_author.as_str(), row.status),
            (3, "dee", Status::Editing)
        );
        assert_eq!(row.updated_at.to_rfc3339(), "2030-01-01T00:00:00+00:00");
        let editing = s
            .list_page(&StoryFilter {
                status: Some(Status::Editing),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(editing.total, 1, "the old status name is filtered as the new one");
        let archived = s
            .list_page(&StoryFilter {
                view: StoryView::Archived,
                sort: SortKey::Headline,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(archived.stories[0].headline, "Alpha falls");
        assert_eq!(s.sections().unwrap(), vec!["Sports"]);
        let found = s
            .list_page(&StoryFilter {
                text: Some("cup".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.stories[0].id, a);
    }
}
