//! SQLite storage of stories, immutable revisions, paragraphs and people.
//!
//! One file, WAL journal, foreign keys on, synchronous writes and one
//! transaction per save: a save that returned is on disk, whatever happens to
//! the process next.

mod backup;
mod blame;
mod bulk;
mod check;
mod delta;
mod desk;
mod dictionary;
mod packed;
mod schema;
mod search;
mod stories;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};

pub use crate::model::StoryFilter;
pub use backup::{BACKUPS_DIR, DAILY_BACKUPS_KEPT};
pub use blame::BLAME_PROGRESS_EVERY;
pub use check::{CheckReport, DamagedRevision};
pub use stories::Edit;

/// How long a write waits for another process (a second window, a CLI run)
/// to finish its own before we report the database as locked.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The environment variable that overrides the default database path.
pub const DB_ENV: &str = "COPYDESK_DB";

/// An open Copydesk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// The database path to use: `explicit` (from `--db`), else `$COPYDESK_DB`,
/// else `copydesk.db` in the user's data directory.
pub fn resolve_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("copydesk")
        .join("copydesk.db")
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::Io {
                path: path.to_path_buf(),
                reason: "it is a directory; give the path of a database file".into(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        // `connect` looks before anything is written: a file that is not
        // ours (another program's database, a damaged or unrelated file) is
        // refused while it is still byte for byte as it was. Switching the
        // journal mode below would already rewrite its header.
        let mut store = Store::connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        store.configure().map_err(|e| store.classify(e))?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens the database at `path` for reading only: a second connection
    /// beside the one that saves, for long reads such as blame. In WAL mode
    /// (see `configure`) its reads and saves on the other connection never
    /// wait for each other. The database must already exist at the current
    /// schema: opening it with [`Store::open`] first creates or upgrades it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let mut store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let found = store.schema_state()?.version;
        if found != schema::latest_version() {
            return Err(Error::Invalid(format!(
                "{} is at schema {found}: open it with Copydesk to bring it up to date before reading it",
                path.display()
            )));
        }
        Ok(store)
    }

    /// A connection to `path` opened with `flags`, waiting for other
    /// writers as long as a save would, on a file that is ours.
    fn connect(path: &Path, flags: OpenFlags) -> Result<Store> {
        let conn = Connection::open_with_flags(path, flags).map_err(|e| map_err(e, path))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| store.classify(e))?;
        store.check_ownership()?;
        Ok(store)
    }

    /// Refuses, by reading only, a file that Copydesk did not write or that a
    /// newer Copydesk wrote. An empty file (or a new one) is ours to create.
    fn check_ownership(&mut self) -> Result<()> {
        let state = self.schema_state()?;
        let known = schema::latest_version();
        if state.version > known {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: state.version,
                known,
            });
        }
        if (state.version == 0 && state.tables) || (state.version > 0 && !state.ours) {
            return Err(self.foreign());
        }
        Ok(())
    }

    fn foreign(&self) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            reason: "it is an SQLite database, but not one Copydesk wrote".into(),
        }
    }

    /// Opens a private in-memory database (tests, `diff --files`).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Only for a file we own (see `check_ownership`): switching a new file to WAL needs it to itself for a moment, and
        // SQLite reports a clash with another process doing the same as busy
        // without waiting; so wait here, as the busy timeout would.
        let started = std::time::Instant::now();
        loop {
            match self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            {
                Err(e)
                    if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => {
                    other?;
                    break;
                }
            }
        }
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = FULL;",
        )?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let known = schema::latest_version();
        // Two processes (the app and a `copydesk` command) may open a new or
        // old database at the same moment. Only one migration can commit; the
        // other fails on the tables the first created, or on the lock. So on
        // failure, look again: a database someone else just brought up to
        // date is fine.
        let mut attempts = 0;
        loop {
            let state = self.schema_state()?;
            let found = state.version;
            if found > known {
                return Err(Error::TooNew {
                    path: self.path.clone(),
                    found,
                    known,
                });
            }
            if found == known {
                return Ok(());
            }
            if found == 0 && state.tables {
                return Err(self.foreign());
            }
            if found > 0 && attempts == 0 {
                // An existing database about to change shape: keep a copy
                // of it as it was, so a failed or unwanted upgrade loses
                // nothing. No backup, no migration.
                self.backup_before_migration(found, known)?;
            }
            let Err(e) = schema::migrations().to_latest(&mut self.conn) else {
                return Ok(());
            };
            attempts += 1;
            if attempts >= 3 || self.schema_state()?.version != known {
                return Err(match e {
                    rusqlite_migration::Error::RusqliteError { err, .. } => self.classify(err),
                    other => Error::Corrupt {
                        path: self.path.clone(),
                        reason: other.to_string(),
                    },
                });
            }
        }
    }

    /// The schema version, whether any table exists and whether our own
    /// tables do, read from one snapshot so that another process's migration
    /// cannot fall between them. Reads only: a deferred transaction that
    /// never writes leaves the file as it was.
    fn schema_state(&mut self) -> Result<SchemaState> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| map_err(e, &path))?;
        let read = |tx: &rusqlite::Transaction| -> rusqlite::Result<SchemaState> {
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            let ours: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'
                   AND name IN ('stories', 'revisions', 'paragraphs')",
                [],
                |r| r.get(0),
            )?;
            Ok(SchemaState {
                version,
                tables: tables > 0,
                ours: ours == 3,
            })
        };
        let state = read(&tx).map_err(|e| map_err(e, &path))?;
        tx.commit().map_err(|e| map_err(e, &path))?;
        Ok(state)
    }

    /// Turns an SQLite error into the error the user can act on.
    fn classify(&self, e: rusqlite::Error) -> Error {
        map_err(e, &self.path)
    }

    /// A handle that stops whatever this connection is running, from any
    /// thread: the statement fails with [`Error::Cancelled`]. For reads a
    /// newer request makes pointless (a search overtaken by the next
    /// keystroke); a connection that writes must not be given one.
    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.conn.get_interrupt_handle())
    }
}

/// Stops the statement running on a [`Store`]'s connection (see [`Store::interrupter`]).
pub struct Interrupter(rusqlite::InterruptHandle);

impl Interrupter {
    /// Interrupts the running statement, if any; none is a no-op.
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

/// What a database file holds, as far as opening it is concerned.
struct SchemaState {
    version: i64,
    tables: bool,
    /// Our three core tables exist.
    ours: bool,
}

fn map_err(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        Some(ErrorCode::OperationInterrupted) => Error::Cancelled,
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => Error::Io {
            path: path.to_path_buf(),
            reason: format!("cannot open the database for writing ({e})"),
        },
        _ => Error::Database(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sql` must be stopped by the schema's guard trigger saying `why`, not
    /// fail for any other reason (a typo in the statement, a missing table).
    fn refused(conn: &Connection, sql: &str, why: &str) {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains(why), "{sql}: {e}");
    }

    #[test]
    fn stored_hashes_of_16_and_32_bytes_both_match() {
        let a = crate::StoryContent::new("Storm", vec!["Winds of 90 mph.".into()]);
        let b = crate::StoryContent::new("Storm", vec!["Winds of 80 mph.".into()]);
        let full = crate::revision::content_hash(&a);
        assert!(stories::hash_matches(&full, &a));
        assert!(stories::hash_matches(&full[..stories::STORED_HASH_BYTES], &a));
        assert!(!stories::hash_matches(&full[..stories::STORED_HASH_BYTES], &b));
        assert!(
            !stories::hash_matches(&full[..8], &a),
            "too short a hash proves nothing"
        );
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        let junk = b"this is not an sqlite database, it is someone's notes\n".repeat(200);
        std::fs::write(&path, &junk).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
        assert!(err.to_string().contains("not a Copydesk database"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), junk);
    }

    #[test]
    fn a_foreign_sqlite_database_is_refused_and_left_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE t(x); INSERT INTO t VALUES ('theirs');")
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("not one Copydesk wrote"), "{err}");
        assert!(err.to_string().contains("nothing was changed"), "{err}");
        assert!(
            std::fs::read(&path).unwrap() == before,
            "the foreign file was written to"
        );
        // Nor does a database with a schema version but none of our tables.
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 2")
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("not one Copydesk wrote"), "{err}");
        assert!(
            std::fs::read(&path).unwrap() == before,
            "the foreign file was written to"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["other.db"], "no journal, WAL or backup files beside it");
    }

    /// A database as the second schema wrote it, with one story.
    fn v2_database(path: &Path) {
        one_story_database(
            path,
            &[schema::V1, schema::V2],
            "draft",
            r#"{"slug":"","dek":"","section":"","dateline":"","copyright":"","credits":[],"photos":[],"flagged":[]}"#,
        );
    }

    /// A database written by the first `schemas` only, holding one story
    /// ("Storm hits coast", one paragraph) in `status` with `fields` as that
    /// schema stored them.
    fn one_story_database(path: &Path, schemas: &[&str], status: &str, fields: &str) -> Connection {
        let old = Connection::open(path).unwrap();
        for sql in schemas {
            old.execute_batch(sql).unwrap();
        }
        old.execute_batch(&format!(
            r#"PRAGMA user_version = {};
               INSERT INTO stories (id, created_at) VALUES (1, '2026-11-01T10:00:00.000Z');
               INSERT INTO revisions (story_id, number, author, created_at, kind, status, headline, fields, body,
                                      content_hash, words)
               VALUES (1, 1, 'ana', '2026-11-01T10:00:00.000Z', 'manual', '{status}', 'Storm hits coast',
                       '{fields}', '[1]', x'02', 7);"#,
            schemas.len()
        ))
        .unwrap();
        insert_paragraph(&old, 1, "Winds of 90 mph.");
        old
    }

    /// A paragraph row as every schema writes it: the text's BLAKE3 hash.
    fn insert_paragraph(conn: &Connection, id: i64, text: &str) {
        conn.execute(
            "INSERT INTO paragraphs (id, hash, text) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, &crate::revision::paragraph_hash(text)[..], text],
        )
        .unwrap();
    }

    /// A database as the fourth schema wrote it: two stories, one with 40
    /// revisions editing paragraphs, and an unused paragraph row.
    #[test]
    fn a_schema_4_database_is_packed_in_place_and_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        let old = Connection::open(&path).unwrap();
        for sql in [schema::V1, schema::V2, schema::V3, schema::V4] {
            old.execute_batch(sql).unwrap();
        }
        old.execute_batch("PRAGMA user_version = 4").unwrap();
        let fields = r#"{"slug":"Storm","dek":"","section":"Weather","dateline":"","copyright":"","credits":[],"photos":[],"flagged":[]}"#;
        let mut texts: Vec<String> = (0..12)
            .map(|i| {
                format!(
                    "Paragraph {i} says the storm brought winds of {} mph to the coast on Tuesday.",
                    50 + i
                )
            })
            .collect();
        let mut next_id = 1i64;
        let mut ids_of: std::collections::HashMap<String, i64> = Default::default();
        let mut expected = Vec::new();
        for story in 1..=2i64 {
            old.execute(
                "INSERT INTO stories (id, created_at) VALUES (?1, '2026-11-01T10:00:00.000Z')",
                [story],
            )
            .unwrap();
            let count: i64 = if story == 1 { 40 } else { 1 };
            for n in 1..=count {
                if n > 1 {
                    let i = (n as usize * 5) % texts.len();
                    texts[i] = texts[i].replacen("storm", &format!("storm ({n})"), 1);
                }
                let mut ids = Vec::new();
                for t in &texts {
                    let id = *ids_of.entry(t.clone()).or_insert_with(|| {
                        insert_paragraph(&old, next_id, t);
                        next_id += 1;
                        next_id - 1
                    });
                    ids.push(id);
                }
                let mut content = crate::StoryContent::new("Storm hits coast", texts.clone());
                content.slug = "Storm".into();
                content.section = "Weather".into();
                old.execute(
                    "INSERT INTO revisions (story_id, number, parent, author, created_at, kind, status, headline,
                                            fields, body, content_hash, words)
                     VALUES (?1, ?2, ?3, 'ana', '2026-11-01T10:00:00.000Z', 'manual', 'draft', 'Storm hits coast',
                             ?4, ?5, ?6, ?7)",
                    rusqlite::params![
                        story,
                        n,
                        (n > 1).then(|| n - 1),
                        fields,
                        serde_json::to_string(&ids).unwrap(),
                        &crate::revision::content_hash(&content)[..],
                        content.word_count()
                    ],
                )
                .unwrap();
                expected.push((story, n as u32, texts.clone()));
            }
            old.execute(
                "INSERT INTO story_search (rowid, slug, headline, dek, section, body)
                 VALUES (?1, 'Storm', 'Storm hits coast', '', 'Weather', ?2)",
                rusqlite::params![story, texts.join("\n")],
            )
            .unwrap();
        }
        insert_paragraph(&old, next_id, "Left over by a crash.");
        drop(old);

        let mut s = Store::open(&path).unwrap();
        let v: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema::latest_version());
        for (story, n, body) in &expected {
            let rev = s.revision(*story, Some(*n)).unwrap();
            assert_eq!(&rev.content.body, body, "story {story} revision {n}");
            assert_eq!(
                (rev.content.slug.as_str(), rev.content.section.as_str()),
                ("Storm", "Weather")
            );
            assert_eq!(
                rev.content.headline, "Storm hits coast",
                "the headline moved into field_sets (schema 7)"
            );
        }
        let report = s.check().unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!((report.revisions_checked, report.orphan_paragraphs), (41, 1));
        // Edited paragraphs are stored as deltas, bodies mostly as deltas.
        let deltas: i64 = s
            .conn
            .query_row("SELECT count(*) FROM paragraphs WHERE base IS NOT NULL", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(deltas >= 20, "{deltas} deltas");
        let one_field_set: i64 = s
            .conn
            .query_row("SELECT count(*) FROM field_sets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(one_field_set, 1);
        // Search still finds the stories; saving goes on from the migrated rows.
        let found = s
            .list_stories(&StoryFilter {
                text: Some("winds".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.len(), 2);
        let mut next = s.revision(1, None).unwrap().content;
        next.body[3].push_str(" More later.");
        s.save(1, &next, "ben", None, crate::RevisionKind::Manual).unwrap();
        assert_eq!(s.revision(1, None).unwrap().content.body, next.body);
        refused(&s.conn, "UPDATE paragraphs SET base = NULL", "paragraphs are immutable");
        refused(&s.conn, "DELETE FROM paragraphs", "paragraphs are never deleted");
        // Emptying the trash keeps the paragraphs other rows are deltas against.
        s.trash(2, "ana").unwrap();
        s.empty_trash().unwrap();
        assert!(s.check().unwrap().ok);
        for (story, n, body) in expected.iter().filter(|e| e.0 == 1) {
            assert_eq!(&s.revision(*story, Some(*n)).unwrap().content.body, body);
        }
    }

    #[test]
    fn a_migration_is_preceded_by_a_backup_of_the_old_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        v2_database(&path);
        drop(Store::open(&path).unwrap());
        let backups: Vec<_> = std::fs::read_dir(dir.path().join(BACKUPS_DIR))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(backups.len(), 1, "{backups:#?}");
        let name = backups[0].file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            name.starts_with("copydesk-") && name.contains("schema-2-before"),
            "{name}"
        );
        let copy = Connection::open(&backups[0]).unwrap();
        let v: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2, "the backup is the database as it was");
        let text: String = copy.query_row("SELECT text FROM paragraphs", [], |r| r.get(0)).unwrap();
        assert_eq!(text, "Winds of 90 mph.");
        // Opening an up-to-date database takes no further backup.
        drop(Store::open(&path).unwrap());
        assert_eq!(std::fs::read_dir(dir.path().join(BACKUPS_DIR)).unwrap().count(), 1);
        // Nor does creating a new one.
        drop(Store::open(&dir.path().join("sub/new.db")).unwrap());
        assert!(!dir.path().join("sub").join(BACKUPS_DIR).exists());
    }

    /// The texts of every paragraph row, in id order.
    fn paragraph_texts(conn: &Connection) -> Vec<String> {
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM paragraphs ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut reader = packed::ParagraphReader::new(conn).unwrap();
        ids.into_iter()
            .map(|id| reader.read(id).unwrap().unwrap().0.to_string())
            .collect()
    }

    fn two_paragraph_story(dir: &Path) -> Store {
        let mut s = Store::open(&dir.join("c.db")).unwrap();
        let content = crate::StoryContent::new("Storm", vec!["Winds of 90 mph.".into(), "Rain all day.".into()]);
        s.create_story(&content, "ana", None, crate::RevisionKind::Manual)
            .unwrap();
        s
    }

    #[test]
    fn paragraphs_are_never_deleted_outside_emptying_the_trash() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = two_paragraph_story(dir.path());
        let err = s.conn.execute("DELETE FROM paragraphs", []).unwrap_err();
        assert!(err.to_string().contains("paragraphs are never deleted"), "{err}");
        // Emptying the trash still takes the paragraphs only its stories used.
        let other = crate::StoryContent::new("Other", vec!["Rain all day.".into(), "Only here.".into()]);
        s.create_story(&other, "ana", None, crate::RevisionKind::Manual)
            .unwrap();
        s.trash(2, "ana").unwrap();
        assert_eq!(s.empty_trash().unwrap(), 1);
        assert_eq!(paragraph_texts(&s.conn), ["Winds of 90 mph.", "Rain all day."]);
        // The guard is back on.
        refused(&s.conn, "DELETE FROM paragraphs", "paragraphs are never deleted");
        assert!(s.check().unwrap().ok);
    }

    /// Reading revision 1 of story 1 failed as damaged: never a shorter story.
    fn assert_damaged_r1(err: &Error) {
        let damaged = matches!(
            err,
            Error::Damaged {
                story: 1,
                revision: 1,
                ..
            }
        );
        assert!(damaged, "{err:?}");
    }

    #[test]
    fn a_revision_with_a_missing_paragraph_is_an_error_never_a_shorter_story() {
        let dir = tempfile::tempdir().unwrap();
        let s = two_paragraph_story(dir.path());
        s.conn
            .execute_batch(
                "DROP TRIGGER paragraphs_are_never_deleted;
                 DELETE FROM paragraphs WHERE id = 2;",
            )
            .unwrap();
        let err = s.revision(1, None).unwrap_err();
        assert_damaged_r1(&err);
        assert_eq!(err.kind(), "damaged");
        let msg = err.to_string();
        assert!(msg.contains("paragraph 2") && msg.contains("missing"), "{msg}");
        assert!(msg.contains("backup") && msg.contains("copydesk check"), "{msg}");
        let report = s.check().unwrap();
        assert!(!report.ok);
        assert_eq!(report.damaged.len(), 1, "{report:?}");
        assert_eq!((report.damaged[0].story, report.damaged[0].revision), (1, 1));
        assert!(report.advice.unwrap().contains("backup"));
    }

    #[test]
    fn a_paragraph_whose_text_does_not_match_its_hash_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let s = two_paragraph_story(dir.path());
        s.conn
            .execute_batch(
                "DROP TRIGGER paragraphs_are_immutable;
                 UPDATE paragraphs SET data = (SELECT data FROM paragraphs WHERE id = 2) WHERE id = 1;",
            )
            .unwrap();
        let err = s.revision(1, Some(1)).unwrap_err();
        assert_damaged_r1(&err);
        assert!(err.to_string().contains("paragraph 1 does not match its hash"), "{err}");
        let report = s.check().unwrap();
        assert_eq!(report.damaged.len(), 1, "{report:?}");
        let e = report.clone().into_result().unwrap_err();
        assert!(matches!(e, Error::CheckFailed { .. }), "{e:?}");
    }

    #[test]
    fn check_finds_content_hash_mismatches_orphans_and_broken_references() {
        let dir = tempfile::tempdir().unwrap();
        let s = two_paragraph_story(dir.path());
        let report = s.check().unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!((report.revisions_checked, report.orphan_paragraphs), (1, 0));
        // An unused paragraph is reported, and is no damage.
        s.conn
            .execute("INSERT INTO paragraphs (hash, data) VALUES (0, x'00')", [])
            .unwrap();
        let report = s.check().unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.orphan_paragraphs, 1);
        // A revision whose content hash is not its content's; a revision of
        // a story that does not exist.
        s.conn
            .execute_batch(
                "DROP TRIGGER field_sets_are_immutable;
                 UPDATE field_sets SET headline = 'Changed behind our back';
                 PRAGMA foreign_keys = OFF;
                 INSERT INTO revisions (story_id, number, author, created_at, kind, status, field_set, body,
                                        content_hash, words)
                 SELECT 99, 1, author, created_at, kind, status, field_set, body, content_hash, words
                 FROM revisions;",
            )
            .unwrap();
        let report = s.check().unwrap();
        assert!(!report.ok);
        assert_eq!(report.foreign_keys.len(), 1, "{report:?}");
        assert!(
            report
                .damaged
                .iter()
                .any(|d| d.story == 1 && d.reason.contains("content hash")),
            "{report:?}"
        );
        let err = report.into_result().unwrap_err();
        assert_eq!(err.kind(), "check_failed");
        assert!(err.to_string().contains("1 broken reference(s)"), "{err}");
    }

    #[test]
    fn a_database_from_a_newer_copydesk_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99")
            .unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err:?}");
    }

    #[test]
    fn reopening_keeps_schema_and_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/dir/c.db");
        drop(Store::open(&path).unwrap());
        let s = Store::open(&path).unwrap();
        let v: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema::latest_version());
        let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = s.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn a_database_written_by_the_first_schema_opens_with_its_stories_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        drop(one_story_database(
            &path,
            &[schema::V1],
            "review",
            r#"{"dek":"","section":"Weather","dateline":"","copyright":"","credits":[],"photos":[],"flagged":[]}"#,
        ));
        let mut s = Store::open(&path).unwrap();
        let rev = s.revision(1, None).unwrap();
        assert_eq!(
            (rev.info.status, rev.content.slug.as_str()),
            (crate::Status::Editing, "")
        );
        assert_eq!(rev.content.body, vec!["Winds of 90 mph."]);
        let found = s
            .list_stories(&StoryFilter {
                text: Some("winds".into()),
                status: Some(crate::Status::Editing),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            found.len(),
            1,
            "the search index covers stories written before it existed"
        );
        assert_eq!(found[0].section, "Weather");
        // Still immutable after the table was rebuilt.
        refused(&s.conn, "UPDATE revisions SET author = 'x'", "revisions are immutable");
        refused(&s.conn, "DELETE FROM revisions", "revisions are never deleted");
        s.set_status(1, crate::Status::Copyedit, "ben", None).unwrap();
    }

    #[test]
    fn processes_opening_a_new_database_at_once_all_get_it() {
        // The app and a CLI command starting together on a new file: each
        // must open it, whichever migrates it.
        for round in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("race-{round}.db"));
            let barrier = std::sync::Barrier::new(4);
            std::thread::scope(|s| {
                for _ in 0..4 {
                    s.spawn(|| {
                        barrier.wait();
                        let store = Store::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
                        assert!(store.list_stories(&StoryFilter::default()).unwrap().is_empty());
                    });
                }
            });
        }
    }

    #[test]
    fn a_locked_database_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut a = Store::open(&path).unwrap();
        let b = Store::open(&path).unwrap();
        b.conn.busy_timeout(Duration::from_millis(50)).unwrap();
        let tx = a.conn.transaction().unwrap();
        tx.execute("INSERT INTO stories(created_at) VALUES ('x')", []).unwrap();
        let err = b
            .conn
            .execute("INSERT INTO stories(created_at) VALUES ('y')", [])
            .map_err(|e| b.classify(e))
            .unwrap_err();
        assert!(matches!(err, Error::Locked { .. }), "{err:?}");
        assert!(err.to_string().contains("locked"));
        drop(tx);
    }
}
