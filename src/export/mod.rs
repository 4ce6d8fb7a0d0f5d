//! Exports of a revision: the plain-text story format, Markdown, a printable
//! HTML page, and IPTC ninjs 2.2 and 3.1 JSON.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use copydesk::export::{export, Format};
//! use copydesk::{Revision, RevisionInfo, RevisionKind, Status, StoryContent};
//!
//! let content = StoryContent::new("Kim vows support", vec!["Body.".into()]);
//! let created = Utc.with_ymd_and_hms(2024, 6, 19, 8, 0, 0).unwrap();
//! let rev = Revision {
//!     info: RevisionInfo {
//!         story: 7, revision: 1, parent: None, author: "ed".into(), created_at: created,
//!         note: None, kind: RevisionKind::Manual, restored_from: None, merge_base: None, words: 4,
//!         status: Status::Draft, headline: content.headline.clone(),
//!     },
//!     content,
//! };
//! let format: Format = "Markdown".parse().unwrap();
//! let md = export(&rev, created, format).unwrap();
//! assert!(md.starts_with("# Kim vows support"));
//! ```
//!
//! Every exporter reads only the revision it is given: no database, no
//! clock, so the same revision always exports to the same bytes.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Revision, StoryContent};

/// Writes an export to `path`, with an error that names the file.
pub fn write_file(path: &std::path::Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

pub(crate) mod html;
mod markdown;
mod ninjs;

/// A format a revision can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Format {
    /// The plain-text story format (`text::render`); imports back losslessly.
    Text,
    /// Markdown (CommonMark), with story text escaped.
    Markdown,
    /// A standalone printable HTML page, with story text escaped.
    Html,
    /// IPTC ninjs 2.2 JSON.
    Ninjs,
    /// IPTC ninjs 3.1 JSON.
    Ninjs3,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Ninjs,
        Format::Ninjs3,
    ];

    /// The format's name, as the CLI and the UI spell it (and serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Ninjs => "ninjs",
            Format::Ninjs3 => "ninjs3",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Ninjs | Format::Ninjs3 => "json",
        }
    }

    /// The IANA media type of an export in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Ninjs | Format::Ninjs3 => "application/json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Parses a format name, ignoring case and surrounding space.
    fn from_str(s: &str) -> Result<Format> {
        let wanted = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                Error::Invalid(format!(
                    "unknown export format `{wanted}`; use one of: {}",
                    names.join(", ")
                ))
            })
    }
}

/// Exports one revision of a story.
///
/// `first_created` is when the story's first revision was saved; ninjs
/// carries it as `firstcreated`, the other formats ignore it.
pub fn export(rev: &Revision, first_created: DateTime<Utc>, format: Format) -> Result<String> {
    Ok(match format {
        Format::Text => crate::text::render_revision(&rev.content, rev.info.revision),
        Format::Markdown => markdown::render(&rev.content),
        Format::Html => html::render(&rev.content),
        Format::Ninjs => ninjs::render(rev, first_created, ninjs::Version::V2_2)?,
        Format::Ninjs3 => ninjs::render(rev, first_created, ninjs::Version::V3_1)?,
    })
}

/// The dash AP prints between the dateline and the first paragraph.
const DATELINE_DASH: &str = " \u{2014} ";

/// The body paragraphs as printed: the dateline leads the first paragraph
/// ("REYKJAVIK, Iceland (AP) — Text…"), unless that paragraph already starts
/// with it. A dateline with no body stands alone.
fn printed_paragraphs(c: &StoryContent) -> Vec<Printed<'_>> {
    let mut out: Vec<Printed> = c
        .body
        .iter()
        .map(|p| Printed {
            dateline: None,
            text: p,
        })
        .collect();
    if !c.dateline.is_empty() {
        match out.first_mut() {
            Some(first) if !first.text.starts_with(c.dateline.as_str()) => {
                first.dateline = Some(&c.dateline);
            }
            Some(_) => {}
            None => out.push(Printed {
                dateline: Some(&c.dateline),
                text: "",
            }),
        }
    }
    out
}

/// One printed body paragraph; each format marks up the dateline its way.
struct Printed<'a> {
    dateline: Option<&'a str>,
    text: &'a str,
}

impl Printed<'_> {
    /// The paragraph as plain text.
    fn plain(&self) -> String {
        match self.dateline {
            Some(d) if self.text.is_empty() => d.to_string(),
            Some(d) => format!("{d}{DATELINE_DASH}{}", self.text),
            None => self.text.to_string(),
        }
    }
}

/// The place in a dateline: "REYKJAVIK, Iceland (AP)" → "REYKJAVIK, Iceland".
/// Drops trailing credits in parentheses and dashes.
fn located(dateline: &str) -> String {
    let mut s = dateline.trim();
    loop {
        let before = s;
        s = s.trim_end_matches(['\u{2014}', '\u{2013}', '-']).trim_end();
        if s.ends_with(')') {
            if let Some(open) = s.rfind('(') {
                s = s[..open].trim_end();
            }
        }
        if s == before {
            break;
        }
    }
    s.trim_end_matches(',').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_drops_agency_and_dash() {
        assert_eq!(located("REYKJAVIK, Iceland (AP)"), "REYKJAVIK, Iceland");
        assert_eq!(located("KYIV, Ukraine (AP) \u{2014}"), "KYIV, Ukraine");
        assert_eq!(located("PARIS"), "PARIS");
        assert_eq!(located("(AP)"), "");
    }

    #[test]
    fn format_names_round_trip_and_errors_list_them() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
            assert_eq!(f.as_str().to_uppercase().parse::<Format>().unwrap(), f);
            assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{}\"", f.as_str()));
        }
        let err = "pdf".parse::<Format>().unwrap_err().to_string();
        assert!(
            err.contains("pdf") && err.contains("text, markdown, html, ninjs, ninjs3"),
            "{err}"
        );
    }

    #[test]
    fn dateline_leads_first_paragraph_once() {
        let mut c = StoryContent::new("H", vec!["One.".into(), "Two.".into()]);
        c.dateline = "PARIS (AP)".into();
        let p = printed_paragraphs(&c);
        assert_eq!(p[0].plain(), "PARIS (AP) \u{2014} One.");
        assert_eq!(p[1].plain(), "Two.");
        c.body[0] = "PARIS (AP) \u{2014} One.".into();
        assert_eq!(printed_paragraphs(&c)[0].plain(), "PARIS (AP) \u{2014} One.");
        c.body.clear();
        assert_eq!(printed_paragraphs(&c)[0].plain(), "PARIS (AP)");
    }
}
