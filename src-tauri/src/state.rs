//! The app's state: the editor's settings and the database they point at,
//! opened on first use.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use copydesk::error::ErrorReport;
use copydesk::settings::{self, Settings};
use copydesk::{Error, Interrupter, Store};

pub struct AppState {
    pub settings_path: PathBuf,
    /// Set when `--db` or `$COPYDESK_DB` chose the database: the settings
    /// cannot move it then, and the settings view says so.
    pub db_fixed: bool,
    inner: Mutex<Inner>,
    /// A read-only connection to the same database for long reads (blame):
    /// it has a lock of its own, and in WAL mode SQLite lets saves on the
    /// main connection go ahead while it reads.
    reader: Mutex<Option<Store>>,
    lists: Lists,
}

/// The story list's own read-only connection. Each keystroke in the search
/// box asks for a new list; a search of a common word or a short prefix
/// takes a tenth of a second on a large desk, and those overtaken by the
/// next keystroke used to run to the end, one after another, before the
/// one the editor waits for. A new request now stops the one running.
#[derive(Default)]
struct Lists {
    store: Mutex<Option<Store>>,
    stop: Mutex<Option<Interrupter>>,
    /// Requests so far: one that is not the newest when its turn comes is not run.
    asked: AtomicU64,
}

struct Inner {
    db: PathBuf,
    // Opened lazily so that a locked or damaged database is reported in the
    // window (and retried on the next action) instead of killing start-up.
    store: Option<Store>,
}

impl AppState {
    pub fn from_args(args: impl IntoIterator<Item = OsString>) -> AppState {
        let explicit = db_arg(args);
        let settings_path = settings::default_path();
        // A damaged settings file must not stop the app: the settings view
        // reports it (get_settings) and saving new settings replaces it.
        let (loaded, _problem) = Settings::load_or_defaults(&settings_path);
        let db_fixed = explicit.is_some() || std::env::var_os(copydesk::store::DB_ENV).is_some_and(|p| !p.is_empty());
        let db = settings::db_path(explicit.as_deref(), &loaded);
        AppState {
            settings_path,
            db_fixed,
            inner: Mutex::new(Inner { db, store: None }),
            reader: Mutex::new(None),
            lists: Lists::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn db(&self) -> PathBuf {
        self.lock().db.clone()
    }

    /// Runs `f` on the open store. Callers do only database work inside `f`;
    /// comparisons and rendering happen after the lock is released.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> copydesk::Result<T>) -> Result<T, ErrorReport> {
        let mut inner = self.lock();
        if inner.store.is_none() {
            inner.store = Some(open_store(&inner.db).map_err(ErrorReport::from)?);
        }
        let store = inner.store.as_mut().expect("opened above");
        f(store).map_err(ErrorReport::from)
    }

    /// Runs `f` on the read-only connection, without the main store's lock:
    /// saves neither wait for `f` nor hold it up. Reopened when the
    /// database has moved.
    pub fn with_reader<T>(&self, f: impl FnOnce(&Store) -> copydesk::Result<T>) -> Result<T, ErrorReport> {
        // The main connection opens the database first: it creates and
        // upgrades it, which a read-only one cannot.
        let db = self.with_store(|s| Ok(s.path().to_path_buf()))?;
        let mut reader = self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if reader.as_ref().is_none_or(|r| r.path() != db) {
            *reader = Some(Store::open_read_only(&db).map_err(ErrorReport::from)?);
        }
        f(reader.as_ref().expect("opened above")).map_err(ErrorReport::from)
    }

    /// Runs `f`, a list of stories, on the list's connection after stopping
    /// the list running there: the older request fails as
    /// [`Error::Cancelled`] (the UI drops it, it asked again). Never for
    /// writes.
    pub fn with_list<T>(&self, f: impl FnOnce(&Store) -> copydesk::Result<T>) -> Result<T, ErrorReport> {
        let mine = self.lists.asked.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(stop) = lock(&self.lists.stop).as_ref() {
            stop.interrupt();
        }
        let db = self.with_store(|s| Ok(s.path().to_path_buf()))?;
        let mut store = lock(&self.lists.store);
        if self.lists.asked.load(Ordering::SeqCst) != mine {
            return Err(ErrorReport::from(Error::Cancelled));
        }
        if store.as_ref().is_none_or(|r| r.path() != db) {
            let opened = Store::open_read_only(&db).map_err(ErrorReport::from)?;
            *lock(&self.lists.stop) = Some(opened.interrupter());
            *store = Some(opened);
        }
        f(store.as_ref().expect("opened above")).map_err(ErrorReport::from)
    }

    /// Switches to the database at `db`, opening it first, then running
    /// `commit` (saving the settings that name it): if either fails, the
    /// error is returned and the current database stays in use.
    pub fn switch_db(&self, db: PathBuf, commit: impl FnOnce() -> Result<(), ErrorReport>) -> Result<(), ErrorReport> {
        let store = open_store(&db).map_err(ErrorReport::from)?;
        commit()?;
        let mut inner = self.lock();
        *inner = Inner { db, store: Some(store) };
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Opens the database and takes the day's backup of it (kept beside it,
/// the last 7 days); a backup that fails must not stop the editor's work.
fn open_store(db: &std::path::Path) -> copydesk::Result<Store> {
    let store = Store::open(db)?;
    // Copying a large desk takes seconds, and the first command (the story
    // list) must not wait for it: the backup reads on its own connection,
    // which WAL lets run beside the editor's saves.
    let path = db.to_path_buf();
    std::thread::spawn(move || {
        if let Err(e) = Store::open_read_only(&path).and_then(|s| s.daily_backup()) {
            eprintln!("copydesk: no daily backup of {}: {e}", path.display());
        }
    });
    Ok(store)
}

/// The database named by `--db PATH` (or `--db=PATH`) on the command line.
pub fn db_arg(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    let mut explicit = None;
    while let Some(a) = args.next() {
        if a == "--db" {
            explicit = args.next().map(PathBuf::from);
        } else if let Some(rest) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            explicit = Some(PathBuf::from(rest));
        }
    }
    explicit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_overtaken_while_it_waits_is_not_run() {
        let dir = std::env::temp_dir().join(format!("copydesk-lists-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = AppState::from_args(["app", "--db", dir.join("a.db").to_str().unwrap()].map(OsString::from));
        let asked = |n| {
            while state.lists.asked.load(Ordering::SeqCst) < n {
                std::thread::yield_now();
            }
        };
        std::thread::scope(|scope| {
            let (release, held) = std::sync::mpsc::channel::<()>();
            let (started, running) = std::sync::mpsc::channel::<()>();
            let first = scope.spawn(|| {
                state.with_list(move |_| {
                    started.send(()).unwrap();
                    held.recv().unwrap();
                    Ok("first")
                })
            });
            running.recv().unwrap();
            let second = scope.spawn(|| state.with_list(|_| Ok("second")));
            asked(2);
            let third = scope.spawn(|| state.with_list(|_| Ok("third")));
            asked(3);
            release.send(()).unwrap();
            assert_eq!(first.join().unwrap().unwrap(), "first");
            assert_eq!(
                second.join().unwrap().unwrap_err().kind,
                copydesk::error::ErrorKind::Cancelled
            );
            assert_eq!(third.join().unwrap().unwrap(), "third");
        });
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn db_flag_wins_in_both_spellings() {
        let a = |v: &[&str]| db_arg(v.iter().map(OsString::from));
        assert_eq!(a(&["app", "--db", "/tmp/x.db"]), Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(a(&["app", "--db=/tmp/y.db"]), Some(PathBuf::from("/tmp/y.db")));
        assert_eq!(a(&["app"]), None);
    }

    #[test]
    fn a_database_that_cannot_open_leaves_the_current_one_in_use() {
        let dir = std::env::temp_dir().join(format!("copydesk-state-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = AppState::from_args(["app", "--db", dir.join("a.db").to_str().unwrap()].map(OsString::from));
        let bad = dir.join("not-a-db");
        std::fs::write(&bad, b"plain text, not a database".repeat(100)).unwrap();
        assert!(state.switch_db(bad, || Ok(())).is_err());
        assert_eq!(state.db(), dir.join("a.db"));
        // Nor does one whose settings could not be saved.
        let unsaved = || Err(ErrorReport::new(copydesk::error::ErrorKind::Io, "disk full"));
        assert!(state.switch_db(dir.join("c.db"), unsaved).is_err());
        assert_eq!(state.db(), dir.join("a.db"));
        state.switch_db(dir.join("b.db"), || Ok(())).unwrap();
        assert_eq!(state.db(), dir.join("b.db"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_save_goes_ahead_while_a_blame_reads() {
        use copydesk::{RevisionKind, StoryContent};
        use std::time::Duration;
        let dir = std::env::temp_dir().join(format!("copydesk-reader-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = AppState::from_args(["app", "--db", dir.join("a.db").to_str().unwrap()].map(OsString::from));
        // Enough revisions for the walk to report progress: the first
        // paragraph never changes, so it walks back to revision 1.
        let revisions = copydesk::store::BLAME_PROGRESS_EVERY + 5;
        let story = state
            .with_store(|s| {
                let mut c = StoryContent::new("Council", vec!["The council met.".into(), "Vote 1.".into()]);
                let story = s.create_story(&c, "ana", None, RevisionKind::Manual)?.story;
                for n in 2..=revisions {
                    c.body[1] = format!("Vote {n}.");
                    s.save(story, &c, "ben", None, RevisionKind::Autosave)?;
                }
                Ok(story)
            })
            .unwrap();
        let mut saved = None;
        let shared = &state;
        let blamed = std::thread::scope(|scope| {
            state.with_reader(|r| {
                r.blame(story, None, |_| {
                    if saved.is_some() {
                        return;
                    }
                    // Mid-walk: a save from another thread, as the save
                    // command would make it, must not wait for the blame.
                    let (done, finished) = std::sync::mpsc::channel();
                    scope.spawn(move || {
                        let c = StoryContent::new("Council", vec!["Saved during a blame.".into()]);
                        let out = shared.with_store(|s| s.save(story, &c, "cy", None, RevisionKind::Manual));
                        done.send(out.map(|o| o.info().revision)).unwrap();
                    });
                    let got = finished.recv_timeout(Duration::from_secs(3));
                    saved = Some(got.expect("the save waited for the blame").unwrap());
                })
            })
        });
        assert_eq!(saved, Some(revisions + 1));
        let blamed = blamed.unwrap();
        assert_eq!(
            blamed.iter().map(|a| a.revision).collect::<Vec<_>>(),
            [1, revisions],
            "the blame read the story as it was when it began"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
