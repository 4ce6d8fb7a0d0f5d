//! `copydesk check`: whether a database still holds every revision whole.

use serde::Serialize;

use super::stories::read_revision;
use super::Store;
use crate::error::{Error, Result};

/// What [`Store::check`] found. `ok` is false when anything is damaged;
/// unused paragraphs are reported but are no damage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub path: String,
    pub ok: bool,
    /// What `PRAGMA integrity_check` reported, when it was not "ok".
    pub integrity: Vec<String>,
    /// Rows whose reference points nowhere (`PRAGMA foreign_key_check`).
    pub foreign_keys: Vec<String>,
    /// Revisions that cannot be read as they were saved.
    pub damaged: Vec<DamagedRevision>,
    pub revisions_checked: u64,
    /// Revisions written before the current content format (no slug), whose
    /// content hash was computed over another format and so is not compared.
    pub older_format_revisions: u64,
    /// Paragraphs no revision uses (left by a crash between writes, or by a
    /// trash emptied by an older version): harmless; emptying the trash
    /// removes them.
    pub orphan_paragraphs: u64,
    /// What to do about the problems, when there are any.
    pub advice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DamagedRevision {
    pub story: i64,
    pub revision: u32,
    pub reason: String,
}

impl CheckReport {
    /// The report as an error when it found problems (the CLI's exit status).
    pub fn into_result(self) -> Result<CheckReport> {
        if self.ok {
            return Ok(self);
        }
        let mut parts = Vec::new();
        if !self.integrity.is_empty() {
            parts.push(format!("{} integrity problem(s)", self.integrity.len()));
        }
        if !self.foreign_keys.is_empty() {
            parts.push(format!("{} broken reference(s)", self.foreign_keys.len()));
        }
        if !self.damaged.is_empty() {
            parts.push(format!("{} damaged revision(s)", self.damaged.len()));
        }
        Err(Error::CheckFailed {
            path: self.path.into(),
            summary: parts.join(", "),
        })
    }
}

impl Store {
    /// Checks the whole database: SQLite's own integrity and foreign key
    /// checks, then every revision read back with its paragraphs present and
    /// matching their hashes and its content matching its content hash.
    /// Reads only.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            path: self.path.display().to_string(),
            ..CheckReport::default()
        };
        let strings = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.db(self.conn.prepare(sql))?;
            let rows = stmt.query_map([], |r| {
                let n = r.as_ref().column_count();
                let mut parts = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    parts.push(match v {
                        rusqlite::types::Value::Null => "null".to_string(),
                        rusqlite::types::Value::Integer(i) => i.to_string(),
                        rusqlite::types::Value::Real(f) => f.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        rusqlite::types::Value::Blob(b) => format!("<{} bytes>", b.len()),
                    });
                }
                Ok(parts.join(" "))
            });
            self.db(rows.and_then(|m| m.collect()))
        };
        report.integrity = strings("PRAGMA integrity_check")?;
        if report.integrity == ["ok"] {
            report.integrity.clear();
        }
        report.foreign_keys = strings("PRAGMA foreign_key_check")?
            .into_iter()
            .map(|row| format!("table, row, refers to, foreign key: {row}"))
            .collect();

        let revisions: Vec<(i64, u32, Vec<u8>, bool)> = {
            let mut stmt = self.db(self.conn.prepare(
                "SELECT story_id, number, content_hash,
                        coalesce((SELECT json_extract(fields, '$.slug') IS NOT NULL FROM field_sets WHERE id = field_set), 0)
                 FROM revisions ORDER BY story_id, number",
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)));
            self.db(rows.and_then(|m| m.collect()))?
        };
        for (story, number, hash, current_format) in revisions {
            report.revisions_checked += 1;
            let damaged = |reason: String| DamagedRevision {
                story,
                revision: number,
                reason,
            };
            match read_revision(&self.conn, &self.path, story, number) {
                Ok(Some(rev)) => {
                    if !current_format {
                        report.older_format_revisions += 1;
                    } else if !super::stories::hash_matches(&hash, &rev.content) {
                        report
                            .damaged
                            .push(damaged("its content does not match its content hash".into()));
                    }
                }
                Ok(None) => report.damaged.push(damaged("it vanished while being checked".into())),
                Err(Error::Damaged { reason, .. }) => report.damaged.push(damaged(reason)),
                Err(e) => report.damaged.push(damaged(e.to_string())),
            }
        }
        let used = self.db(super::packed::paragraphs_in_use(&self.conn))?;
        let all: Vec<i64> = self.db(self
            .conn
            .prepare("SELECT id FROM paragraphs")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect()))?;
        report.orphan_paragraphs = all.iter().filter(|id| !used.contains(id)).count() as u64;
        report.ok = report.integrity.is_empty() && report.foreign_keys.is_empty() && report.damaged.is_empty();
        if !report.ok {
            report.advice = Some(
                "Stop using this database: close Copydesk, copy the newest good backup from the backups folder \
                 beside it (check it with `copydesk --db BACKUP check`) over it, and check again. Keep the \
                 damaged file for reference."
                    .into(),
            );
        }
        Ok(report)
    }
}
