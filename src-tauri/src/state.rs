//! The app's state: which database it uses, opened on first use.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;

use copydesk::error::ErrorReport;
use copydesk::Store;

pub struct AppState {
    pub db: PathBuf,
    // Opened lazily so that a locked or damaged database is reported in the
    // window (and retried on the next action) instead of killing start-up.
    store: Mutex<Option<Store>>,
}

impl AppState {
    pub fn new(db: PathBuf) -> AppState {
        AppState {
            db,
            store: Mutex::new(None),
        }
    }

    /// Runs `f` on the open store. Callers do only database work inside `f`;
    /// comparisons and rendering happen after the lock is released.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> copydesk::Result<T>) -> Result<T, ErrorReport> {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if guard.is_none() {
            *guard = Some(Store::open(&self.db).map_err(|e| ErrorReport::from(&e))?);
        }
        let store = guard.as_mut().expect("opened above");
        f(store).map_err(|e| ErrorReport::from(&e))
    }
}

/// The database named by `--db PATH` (or `--db=PATH`) on the command line,
/// else `$COPYDESK_DB`, else the default in the user's data directory — the
/// same rule as the CLI.
pub fn db_path_from_args(args: impl IntoIterator<Item = OsString>) -> PathBuf {
    let mut args = args.into_iter();
    let mut explicit = None;
    while let Some(a) = args.next() {
        if a == "--db" {
            explicit = args.next().map(PathBuf::from);
        } else if let Some(rest) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            explicit = Some(PathBuf::from(rest));
        }
    }
    copydesk::store::resolve_path(explicit.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_flag_wins_in_both_spellings() {
        let a = |v: &[&str]| db_path_from_args(v.iter().map(OsString::from));
        assert_eq!(a(&["app", "--db", "/tmp/x.db"]), PathBuf::from("/tmp/x.db"));
        assert_eq!(a(&["app", "--db=/tmp/y.db"]), PathBuf::from("/tmp/y.db"));
        assert!(a(&["app"]).ends_with("copydesk.db"));
    }
}
