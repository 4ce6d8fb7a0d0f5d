//! The editor's own settings, kept outside the database because one of them
//! says which database to open: a small JSON file in the user's config
//! directory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The environment variable that overrides where the settings file lives
/// (tests, several profiles on one machine).
pub const SETTINGS_ENV: &str = "COPYDESK_SETTINGS";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    /// The name recorded as author of the editor's revisions; asked once.
    #[ts(optional = nullable)]
    pub author: Option<String>,
    /// The database to open; the default location when not set.
    #[ts(optional = nullable)]
    pub db_path: Option<String>,
}

/// The settings as stored, and what the settings view needs to explain them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SettingsView {
    pub settings: Settings,
    /// Where the settings file is.
    pub path: String,
    /// The database in use (which `--db` may have chosen over the settings).
    pub db_in_use: String,
    /// Whether `--db` or `$COPYDESK_DB` fixed the database for this session.
    pub db_fixed: bool,
    /// Why the settings file could not be read, if it could not.
    pub problem: Option<String>,
}

/// `$COPYDESK_SETTINGS`, else `settings.json` in the user's config directory.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os(SETTINGS_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("copydesk")
        .join("settings.json")
}

/// The database to open: `explicit` (`--db`), else `$COPYDESK_DB`, else the
/// one the settings name, else the default in the user's data directory.
pub fn db_path(explicit: Option<&Path>, settings: &Settings) -> PathBuf {
    let from_env = std::env::var_os(crate::store::DB_ENV).is_some_and(|p| !p.is_empty());
    match (&settings.db_path, explicit.is_some() || from_env) {
        (Some(p), false) => PathBuf::from(p),
        _ => crate::store::resolve_path(explicit),
    }
}

impl Settings {
    /// Reads the settings at `path`; a missing file is the defaults. A file
    /// that cannot be read or parsed is an error, and is left as it is.
    pub fn load(path: &Path) -> Result<Settings> {
        let bad = |reason: String| Error::Settings {
            path: path.to_path_buf(),
            reason,
        };
        match std::fs::read(path) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Err(bad(
                "it is empty (perhaps written when the computer stopped); set your name and database again in the \
                 settings, which rewrites it"
                    .into(),
            )),
            Ok(bytes) => {
                let settings: Settings = serde_json::from_slice(&bytes).map_err(|e| {
                    bad(format!(
                        "it is not valid settings JSON ({e}); set your name and database again in the settings, \
                         which rewrites it"
                    ))
                })?;
                settings.checked().map_err(|e| bad(e.to_string()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(bad(e.to_string())),
        }
    }

    /// The settings at `path` for use rather than for editing: a file that
    /// cannot be read or parsed gives the defaults, with the error that says
    /// why (the settings view shows it, the CLI prints it), and is left as
    /// it is for the editor to replace.
    pub fn load_or_defaults(path: &Path) -> (Settings, Option<Error>) {
        match Settings::load(path) {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e)),
        }
    }

    /// Writes the settings to `path` durably and atomically: a new
    /// temporary file of its own, synced to disk, renamed over the old one,
    /// and the folder synced, so that once this returns the new settings
    /// survive a crash or power cut, and a crash before leaves the old ones.
    pub fn save(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        let bad = |e: std::io::Error| Error::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(bad)?;
        let json = serde_json::to_vec_pretty(self).expect("settings serialise");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (tmp, mut file) = unique_file(dir, &name).map_err(bad)?;
        let written = file
            .write_all(&json)
            .and_then(|()| file.sync_all())
            .and_then(|()| std::fs::rename(&tmp, path))
            .and_then(|()| sync_dir(dir));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.map_err(bad)
    }

    /// The settings with names trimmed and empty values dropped.
    pub fn cleaned(mut self) -> Settings {
        self.author = crate::revision::clean_label(self.author.as_deref());
        self.db_path = self.db_path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        self
    }

    /// [`Settings::cleaned`], with the database path made absolute: `~` is
    /// the home folder; a relative path is refused, since it would depend on
    /// the folder the app happened to start in.
    pub fn checked(self) -> Result<Settings> {
        let mut s = self.cleaned();
        if let Some(p) = s.db_path.take() {
            s.db_path = Some(absolute_db_path(&p)?.to_string_lossy().into_owned());
        }
        Ok(s)
    }
}

/// `p` with a leading `~` replaced by the home folder; an error for a path
/// that is still relative.
pub fn absolute_db_path(p: &str) -> Result<PathBuf> {
    let home = || {
        dirs::home_dir()
            .ok_or_else(|| Error::Invalid("there is no home folder to resolve `~` in the database path".into()))
    };
    let path = if p == "~" {
        home()?
    } else if let Some(rest) = p.strip_prefix("~/") {
        home()?.join(rest)
    } else {
        PathBuf::from(p)
    };
    if !path.is_absolute() {
        return Err(Error::Invalid(format!(
            "the database path {p:?} is relative, so it would depend on where Copydesk was started; \
             give the full path, such as ~/Documents/copydesk.db"
        )));
    }
    Ok(path)
}

/// Creates a new file beside `name` in `dir` that no one else has.
fn unique_file(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for n in 0u32.. {
        let tmp = dir.join(format!(".{name}.{}.{nanos}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("some name is free")
}

/// Syncs a folder, so that a rename or a new file in it is on disk.
/// Systems that cannot sync a folder (Windows) rely on the file's own sync.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_and_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/settings.json");
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());
        let s = Settings {
            author: Some("Ana Ruiz".into()),
            db_path: Some("/tmp/x.db".into()),
        };
        s.save(&path).unwrap();
        assert_eq!(Settings::load(&path).unwrap(), s);
    }

    #[test]
    fn a_damaged_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let e = Settings::load(&path).unwrap_err();
        assert!(e.to_string().contains("not valid settings JSON"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    }

    #[test]
    fn damaged_settings_in_use_are_the_defaults_with_the_problem_said() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let (missing, problem) = Settings::load_or_defaults(&path);
        assert_eq!(
            (missing, problem.is_none()),
            (Settings::default(), true),
            "a missing file is no problem"
        );
        std::fs::write(&path, r#"{"author": "Ana Ruiz"}"#).unwrap();
        let (ana, problem) = Settings::load_or_defaults(&path);
        assert_eq!((ana.author.as_deref(), problem.is_none()), (Some("Ana Ruiz"), true));
        std::fs::write(&path, "{ not json").unwrap();
        let (settings, problem) = Settings::load_or_defaults(&path);
        assert_eq!(settings, Settings::default());
        let problem = problem.expect("the damage is reported");
        assert!(matches!(problem, Error::Settings { .. }), "{problem:?}");
        assert!(problem.to_string().contains("not valid settings JSON"), "{problem}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    }

    #[test]
    fn an_empty_file_is_reported_not_taken_for_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        for empty in ["", "\n  \n"] {
            std::fs::write(&path, empty).unwrap();
            let e = Settings::load(&path).unwrap_err();
            assert!(matches!(e, Error::Settings { .. }), "{e:?}");
            assert!(e.to_string().contains("it is empty"), "{e}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), empty);
        }
    }

    #[test]
    fn saving_leaves_no_temporary_file_and_replaces_the_old_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        // A leftover of the old fixed temporary name must not be reused or
        // clobbered: each save writes a file of its own.
        std::fs::write(dir.path().join("settings.json.tmp"), "someone else's").unwrap();
        for author in ["Ana", "Ben"] {
            Settings {
                author: Some(author.into()),
                db_path: None,
            }
            .save(&path)
            .unwrap();
        }
        assert_eq!(Settings::load(&path).unwrap().author.as_deref(), Some("Ben"));
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["settings.json", "settings.json.tmp"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.json.tmp")).unwrap(),
            "someone else's"
        );
    }

    #[test]
    fn database_paths_are_absolute_or_refused() {
        let home = dirs::home_dir().unwrap();
        let with = |p: &str| {
            Settings {
                author: None,
                db_path: Some(p.into()),
            }
            .checked()
        };
        assert_eq!(
            with("~/news/desk.db").unwrap().db_path,
            Some(home.join("news/desk.db").to_string_lossy().into_owned())
        );
        assert_eq!(with("/srv/desk.db").unwrap().db_path.as_deref(), Some("/srv/desk.db"));
        for relative in ["desk.db", "./desk.db", "../x/desk.db", "~ana/desk.db"] {
            let e = with(relative).unwrap_err();
            assert!(e.to_string().contains("is relative"), "{relative}: {e}");
        }
        // A relative path written into the file by hand is reported, not
        // opened in whatever folder the app was started from.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"db_path": "desk.db"}"#).unwrap();
        let e = Settings::load(&path).unwrap_err();
        assert!(e.to_string().contains("is relative"), "{e}");
        std::fs::write(&path, r#"{"db_path": "~/desk.db"}"#).unwrap();
        assert_eq!(
            Settings::load(&path).unwrap().db_path,
            Some(home.join("desk.db").to_string_lossy().into_owned())
        );
    }

    #[test]
    fn cleaning_trims_and_drops_blanks() {
        let s = Settings {
            author: Some("  Ana \n Ruiz ".into()),
            db_path: Some("  ".into()),
        }
        .cleaned();
        assert_eq!(s.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(s.db_path, None);
    }
}
