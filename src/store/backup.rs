//! Backups of a live database with SQLite's online backup API: on demand
//! (`copydesk backup`), before every schema migration, and a rolling daily
//! one the app takes when it opens the database. All of them go to the
//! `backups` folder beside the database unless told otherwise.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::{Store, BUSY_TIMEOUT};
use crate::error::{Error, Result};

/// The folder beside the database that holds its backups.
pub const BACKUPS_DIR: &str = "backups";

/// How many daily backups are kept; older ones are deleted.
pub const DAILY_BACKUPS_KEPT: usize = 7;

const DAILY_PREFIX: &str = "copydesk-daily-";

impl Store {
    /// `<folder of the database>/backups`; `None` for an in-memory database.
    pub fn backups_dir(&self) -> Option<PathBuf> {
        if self.path == Path::new(":memory:") {
            return None;
        }
        let dir = self.path.parent().filter(|d| !d.as_os_str().is_empty());
        Some(dir.unwrap_or(Path::new(".")).join(BACKUPS_DIR))
    }

    /// Copies the database, as of one moment, to `dest` (default:
    /// `backups/copydesk-YYYYMMDD-HHMMSS.db` beside it) while others may keep
    /// writing to it. Never overwrites a file. Returns where the copy is.
    pub fn backup(&self, dest: Option<&Path>) -> Result<PathBuf> {
        let dest = match dest {
            Some(d) => d.to_path_buf(),
            None => self.new_backup_path("")?,
        };
        self.backup_to(&dest)?;
        Ok(dest)
    }

    /// Takes today's daily backup unless there is one already, and deletes
    /// all but the last [`DAILY_BACKUPS_KEPT`]. The app calls this when it
    /// opens the database. `None` when nothing was taken (already done
    /// today, an empty or in-memory database).
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        self.daily_backup_on(Local::now().date_naive())
    }

    /// [`Store::daily_backup`] as if today were `day` (tests).
    pub fn daily_backup_on(&self, day: NaiveDate) -> Result<Option<PathBuf>> {
        let Some(dir) = self.backups_dir() else {
            return Ok(None);
        };
        let has_stories: bool = self.db(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM stories)", [], |r| r.get(0)))?;
        if !has_stories {
            return Ok(None);
        }
        let dest = dir.join(format!("{DAILY_PREFIX}{}.db", day.format("%Y%m%d")));
        let taken = if dest.exists() {
            None
        } else {
            self.backup_to(&dest)?;
            Some(dest)
        };
        prune_daily(&dir)?;
        Ok(taken)
    }

    /// The backup taken before migrating from schema `from` to `to`.
    pub(super) fn backup_before_migration(&self, from: i64, to: i64) -> Result<()> {
        let dest = self.new_backup_path(&format!("-schema-{from}-before-{to}"))?;
        self.backup_to(&dest).map_err(|e| Error::Io {
            path: self.path.clone(),
            reason: format!(
                "this Copydesk must upgrade the database, and backs it up first, but the backup failed ({e}); \
                 nothing was changed. Make room or fix the permissions of {}, then open it again",
                dest.parent().unwrap_or(Path::new(".")).display()
            ),
        })
    }

    /// A path in the backups folder named after the current time, with
    /// `suffix`, that no file has yet.
    fn new_backup_path(&self, suffix: &str) -> Result<PathBuf> {
        let dir = self.backups_dir().ok_or_else(|| {
            Error::Invalid("an in-memory database has no backups folder; give the backup's path".into())
        })?;
        let stamp = Local::now().format("%Y%m%d-%H%M%S");
        let mut n = 1;
        loop {
            let extra = if n == 1 { String::new() } else { format!("-{n}") };
            let p = dir.join(format!("copydesk-{stamp}{suffix}{extra}.db"));
            if !p.exists() {
                return Ok(p);
            }
            n += 1;
        }
    }

    /// Copies the database to `dest`, which must not exist: first to a
    /// temporary file beside it, synced, then moved into place, so `dest`
    /// is either a whole backup or absent.
    fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |path: &Path, e: &dyn std::fmt::Display| Error::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        if dest.exists() {
            return Err(io(dest, &"a file of that name exists; give the backup a new name"));
        }
        let dir = dest
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
        let result = self.copy_to(&tmp).and_then(|()| {
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| io(&tmp, &e))?;
            // A hard link fails rather than replace a file that appeared in
            // the meantime; file systems without links get a rename.
            match std::fs::hard_link(&tmp, dest) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&tmp);
                    Ok(())
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(io(dest, &e)),
                Err(_) => std::fs::rename(&tmp, dest).map_err(|e| io(dest, &e)),
            }?;
            crate::settings::sync_dir(dir).map_err(|e| io(dir, &e))
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
            let _ = std::fs::remove_file(journal_of(&tmp));
        }
        result
    }

    fn copy_to(&self, tmp: &Path) -> Result<()> {
        let db = |e| super::map_err(e, tmp);
        let mut dst = Connection::open(tmp).map_err(db)?;
        let backup = Backup::new(&self.conn, &mut dst).map_err(db)?;
        let started = Instant::now();
        loop {
            // All pages in one step: one read transaction, so the copy is
            // the database as of one moment. In WAL mode writers go on.
            match backup.step(-1).map_err(|e| super::map_err(e, &self.path))? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                StepResult::Busy | StepResult::Locked => {
                    return Err(Error::Locked {
                        path: self.path.clone(),
                    })
                }
                _ => {}
            }
        }
        drop(backup);
        // The copy has the live database's WAL mode; a backup is one
        // self-contained file, so switch it back to a rollback journal.
        dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))
            .map_err(db)?;
        dst.close().map_err(|(_, e)| db(e))
    }
}

fn journal_of(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push("-journal");
    PathBuf::from(s)
}

/// Deletes all but the newest [`DAILY_BACKUPS_KEPT`] daily backups in `dir`
/// (their names sort by date). Other backups are never touched.
fn prune_daily(dir: &Path) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    };
    let mut daily: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix(DAILY_PREFIX)
                    .and_then(|r| r.strip_suffix(".db"))
                    .is_some_and(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
            })
        })
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(DAILY_BACKUPS_KEPT);
    for old in &daily[..excess] {
        std::fs::remove_file(old).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StoryContent;
    use crate::RevisionKind;

    fn store_with_a_story(dir: &Path) -> Store {
        let mut s = Store::open(&dir.join("desk.db")).unwrap();
        s.create_story(
            &StoryContent::new("Storm hits coast", vec!["Winds of 90 mph.".into()]),
            "ana",
            None,
            RevisionKind::Manual,
        )
        .unwrap();
        s
    }

    #[test]
    fn a_backup_of_a_live_database_opens_with_its_stories() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_with_a_story(dir.path());
        let path = s.backup(None).unwrap();
        assert_eq!(path.parent().unwrap(), dir.path().join("backups"));
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("copydesk-") && name.ends_with(".db"), "{name}");
        // The live database goes on being written; the copy is as it was.
        s.save(
            1,
            &StoryContent::new("Storm hits coast", vec!["Winds of 60 mph.".into()]),
            "ben",
            None,
            RevisionKind::Manual,
        )
        .unwrap();
        let copy = Store::open(&path).unwrap();
        assert_eq!(copy.revision(1, None).unwrap().content.body, vec!["Winds of 90 mph."]);
        assert!(copy.check().unwrap().ok);
        // A second backup in the same second gets a name of its own.
        let again = s.backup(None).unwrap();
        assert_ne!(again, path);
        // An explicit path that exists is never overwritten.
        let before = std::fs::read(&path).unwrap();
        let err = s.backup(Some(&path)).unwrap_err();
        assert!(err.to_string().contains("new name"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn daily_backups_roll_over_a_week() {
        let dir = tempfile::tempdir().unwrap();
        let s = store_with_a_story(dir.path());
        let manual = s.backup(None).unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        for d in 0..8 {
            let day = first + chrono::Days::new(d);
            let taken = s.daily_backup_on(day).unwrap();
            assert!(taken.is_some(), "day {d}");
            // At most once a day.
            assert_eq!(s.daily_backup_on(day).unwrap(), None);
        }
        let mut daily: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(DAILY_PREFIX))
            .collect();
        daily.sort();
        assert_eq!(daily.len(), DAILY_BACKUPS_KEPT);
        assert_eq!(daily[0], "copydesk-daily-20261125.db", "the oldest went");
        assert_eq!(daily[6], "copydesk-daily-20261201.db");
        assert!(manual.exists(), "other backups are not rolled");
    }

    #[test]
    fn the_daily_backup_reads_on_a_read_only_connection_while_the_editor_saves() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store_with_a_story(dir.path());
        let reader = Store::open_read_only(&s.path).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let taken = reader.daily_backup_on(day).unwrap().expect("a backup");
        let mut c = s.revision(1, None).unwrap().content;
        c.body.push("A later paragraph.".into());
        s.save(1, &c, "ana", None, crate::RevisionKind::Manual).unwrap();
        let copy = Store::open(&taken).unwrap();
        assert_eq!(copy.revision(1, None).unwrap().info.revision, 1, "as of the backup");
    }

    #[test]
    fn an_empty_database_gets_no_daily_backup() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("new.db")).unwrap();
        assert_eq!(s.daily_backup().unwrap(), None);
        assert!(!dir.path().join("backups").exists());
    }
}
