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
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| bad(format!("it is not valid settings JSON ({e})")))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(bad(e.to_string())),
        }
    }

    /// Writes the settings to `path` atomically (a temporary file renamed
    /// over the old one), so a crash mid-write leaves the old settings.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bad = |e: std::io::Error| Error::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(bad)?;
        }
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).expect("settings serialise");
        std::fs::write(&tmp, json).map_err(bad)?;
        std::fs::rename(&tmp, path).map_err(bad)
    }

    /// The settings with names trimmed and empty values dropped.
    pub fn cleaned(mut self) -> Settings {
        self.author = crate::revision::clean_label(self.author.as_deref());
        self.db_path = self.db_path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        self
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
