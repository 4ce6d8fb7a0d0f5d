//! The editorial data model: what a revision of a story holds.
//!
//! These types are the one source of truth shared with the UI: `ts-rs`
//! generates `ui/src/bindings/*.ts` from them when the tests run
//! (`cargo test -p copydesk export_bindings`), and CI fails when the committed
//! bindings differ from what the Rust types say.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a story stands in the newsroom workflow (the allowed moves between
/// them are the table in `workflow.rs`).
///
/// Status belongs to a revision, so moving a story through the workflow is
/// recorded in its history like any other edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Status {
    #[default]
    Draft,
    // Databases written before the copy-edit step existed say "review" and
    // "spiked"; revisions are immutable, so the old names are read as these.
    #[serde(alias = "review")]
    Editing,
    Copyedit,
    Ready,
    Published,
    Withheld,
    #[serde(alias = "spiked")]
    Killed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Editing,
        Status::Copyedit,
        Status::Ready,
        Status::Published,
        Status::Withheld,
        Status::Killed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Editing => "editing",
            Status::Copyedit => "copyedit",
            Status::Ready => "ready",
            Status::Published => "published",
            Status::Withheld => "withheld",
            Status::Killed => "killed",
        }
    }

    /// Reads a status name, including the names older databases used.
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        match s.to_ascii_lowercase().replace([' ', '-'], "").as_str() {
            "review" => Some(Status::Editing),
            "spiked" => Some(Status::Killed),
            folded => Status::ALL.into_iter().find(|st| st.as_str() == folded),
        }
    }
}

/// The part a person played in a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Role {
    #[default]
    Author,
    Contributor,
    Photographer,
    Editor,
    Videographer,
    Researcher,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Author,
        Role::Contributor,
        Role::Photographer,
        Role::Editor,
        Role::Videographer,
        Role::Researcher,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Contributor => "contributor",
            Role::Photographer => "photographer",
            Role::Editor => "editor",
            Role::Videographer => "videographer",
            Role::Researcher => "researcher",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One person credited on a story: byline author, tag-line contributor,
/// photographer, editor…
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Credit {
    pub name: String,
    pub role: Role,
    /// Where the person worked from ("Tallinn, Estonia", "the United Nations").
    pub location: Option<String>,
    pub organization: Option<String>,
}

/// A person in the directory the app fills from imports and edits, so the
/// credits panel can complete names with their usual role and location.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    pub name: String,
    pub role: Role,
    pub location: Option<String>,
    pub organization: Option<String>,
}

/// A photo that runs with the story, with its caption and credit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Photo {
    pub caption: String,
    /// The credit line as printed, rendered in AP style from the fields below
    /// (see `credits::render_photo_credit`); kept so exports and the UI need
    /// not re-render it.
    pub credit: String,
    pub photographer: Option<String>,
    /// Agencies or outlets the photo came from, in credit order
    /// ("Sputnik", "Kremlin Pool Photo").
    pub sources: Vec<String>,
    /// The distributor in "… via AP".
    pub via: Option<String>,
}

/// A line the importer set aside as web-page junk rather than story text.
/// Kept with the story so the editor can put it back at any time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Flagged {
    pub text: String,
    /// Why it was set aside, in words an editor understands.
    pub reason: String,
    /// The body position it was found at: restoring it inserts it before the
    /// paragraph now at this index.
    pub position: u32,
}

/// Everything one revision of a story holds. Revisions are immutable: a save
/// stores a new `StoryContent`, it never edits an old one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoryContent {
    pub headline: String,
    /// The short name the desk calls the story by ("Russia-North Korea").
    #[serde(default)]
    pub slug: String,
    /// The summary under the headline.
    pub dek: String,
    /// The section label ("Russia", "Sports").
    pub section: String,
    /// The dateline as printed before the dash: "REYKJAVIK, Iceland (AP)".
    pub dateline: String,
    pub status: Status,
    pub credits: Vec<Credit>,
    pub photos: Vec<Photo>,
    pub body: Vec<String>,
    pub copyright: String,
    pub flagged: Vec<Flagged>,
}

impl StoryContent {
    /// A story with just a headline and body paragraphs, normalised.
    pub fn new(headline: impl Into<String>, body: Vec<String>) -> StoryContent {
        let mut c = StoryContent {
            headline: headline.into(),
            body,
            ..StoryContent::default()
        };
        c.normalize();
        c
    }

    /// Brings text to the canonical form we store: single-line fields trimmed
    /// and folded to one line, paragraphs trimmed with `\r\n` made `\n`, empty
    /// paragraphs dropped. Saving the same story twice must give the same
    /// bytes, whatever line endings the editor's file had.
    pub fn normalize(&mut self) {
        for field in [
            &mut self.headline,
            &mut self.slug,
            &mut self.dek,
            &mut self.section,
            &mut self.dateline,
            &mut self.copyright,
        ] {
            *field = one_line(field);
        }
        // A paragraph holding a blank line is two paragraphs: the text
        // format (and any reader) could not tell it from two.
        // Most paragraphs are one trimmed line already: those are kept as
        // they are, not copied.
        for p in std::mem::take(&mut self.body) {
            if memchr::memchr2(b'\n', b'\r', p.as_bytes()).is_some() {
                self.body.extend(crate::text::paragraphs(&p));
            } else if p.trim().len() == p.len() {
                if !p.is_empty() {
                    self.body.push(p);
                }
            } else if !p.trim().is_empty() {
                self.body.push(p.trim().to_string());
            }
        }
        for c in &mut self.credits {
            c.name = one_line(&c.name);
            c.location = c.location.as_deref().map(one_line).filter(|s| !s.is_empty());
            c.organization = c.organization.as_deref().map(one_line).filter(|s| !s.is_empty());
        }
        self.credits.retain(|c| !c.name.is_empty());
        for p in &mut self.photos {
            p.caption = one_line(&p.caption);
            p.credit = one_line(&p.credit);
            p.photographer = p.photographer.as_deref().map(one_line).filter(|s| !s.is_empty());
            p.via = p.via.as_deref().map(one_line).filter(|s| !s.is_empty());
            p.sources = p
                .sources
                .iter()
                .map(|s| one_line(s))
                .filter(|s| !s.is_empty())
                .collect();
        }
        for f in &mut self.flagged {
            f.text = normalize_paragraph(&f.text);
            f.reason = one_line(&f.reason);
        }
        self.flagged.retain(|f| !f.text.is_empty());
    }

    /// Gives a story that has no slug one from its headline: new stories and
    /// raw imports start that way, and the desk list needs something to show.
    pub fn fill_slug(&mut self) {
        if self.slug.trim().is_empty() {
            self.slug = slug_from_headline(&self.headline);
        }
    }

    /// Words in the headline, dek and body, as an editor would count them.
    pub fn word_count(&self) -> u32 {
        let n =
            word_count(&self.headline) + word_count(&self.dek) + self.body.iter().map(|p| word_count(p)).sum::<usize>();
        n as u32
    }

    /// Puts flagged line `index` back into the body where it was found.
    /// Returns false when there is no such flagged line.
    pub fn restore_flagged(&mut self, index: usize) -> bool {
        if index >= self.flagged.len() {
            return false;
        }
        let f = self.flagged.remove(index);
        let at = (f.position as usize).min(self.body.len());
        // A set-aside text holding a blank line comes back as the paragraphs
        // it reads as, so the story's text is the text that was set aside.
        let mut restored = crate::text::paragraphs(&f.text);
        if restored.is_empty() {
            restored.push(f.text);
        }
        let n = restored.len() as u32;
        self.body.splice(at..at, restored);
        // Paragraphs from `at` on moved down `n`. A line found at the same
        // spot but listed after this one stood after it in the original, so
        // it now belongs after the restored line too.
        for (i, other) in self.flagged.iter_mut().enumerate() {
            let p = other.position as usize;
            if p > at || (p == at && i >= index) {
                other.position += n;
            }
        }
        true
    }
}

/// AP slugs are short: at most this many words.
const SLUG_WORDS: usize = 3;

/// A slug for a story that has none, from its headline's first telling
/// words: "Kim and Putin to meet in Vladivostok" → "Kim-Putin-Meet".
pub fn slug_from_headline(headline: &str) -> String {
    headline
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !crate::import::rules::SLUG_SKIP.contains(&w.to_lowercase().as_str()))
        .take(SLUG_WORDS)
        .map(|w| {
            let mut cs = w.chars().filter(|c| c.is_alphanumeric() || *c == '-');
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Counts whitespace-separated words.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Trims a paragraph and gives it `\n` line endings.
pub fn normalize_paragraph(p: &str) -> String {
    crate::text::unix_newlines(p).trim().to_string()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a revision came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RevisionKind {
    Import,
    Manual,
    Autosave,
    Restore,
    /// Only the workflow status changed.
    Status,
    /// An edit of a published story, with its correction note.
    Correction,
    /// Revision 1 of a copy of another story.
    Duplicate,
    /// Edits made on an older revision, merged with the revisions saved
    /// since (see `merge`).
    Merge,
    /// A change set reviewed change by change: the newer side with the
    /// rejected changes reverted.
    Review,
}

impl RevisionKind {
    pub const ALL: [RevisionKind; 9] = [
        RevisionKind::Import,
        RevisionKind::Manual,
        RevisionKind::Autosave,
        RevisionKind::Restore,
        RevisionKind::Status,
        RevisionKind::Correction,
        RevisionKind::Duplicate,
        RevisionKind::Merge,
        RevisionKind::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Import => "import",
            RevisionKind::Manual => "manual",
            RevisionKind::Autosave => "autosave",
            RevisionKind::Restore => "restore",
            RevisionKind::Status => "status",
            RevisionKind::Correction => "correction",
            RevisionKind::Duplicate => "duplicate",
            RevisionKind::Merge => "merge",
            RevisionKind::Review => "review",
        }
    }

    pub fn parse(s: &str) -> Option<RevisionKind> {
        RevisionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Who saved a revision, when, why — everything but the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    #[ts(type = "number")]
    pub story: i64,
    pub revision: u32,
    /// The revision this one was edited from (for a restore: the latest
    /// revision at the time, not the restored one; see `restored_from`).
    pub parent: Option<u32>,
    pub author: String,
    /// UTC, serialised as RFC 3339.
    pub created_at: DateTime<Utc>,
    pub note: Option<String>,
    pub kind: RevisionKind,
    pub restored_from: Option<u32>,
    /// For a merge: the revision the merged edits started from; `parent` is
    /// the later revision they were merged with ("a merge of r5 and r7").
    #[serde(default)]
    pub merge_base: Option<u32>,
    pub words: u32,
    pub status: Status,
    pub headline: String,
}

/// One revision with its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revision {
    pub info: RevisionInfo,
    pub content: StoryContent,
}

/// A line of the story list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StorySummary {
    #[ts(type = "number")]
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub section: String,
    pub status: Status,
    pub revisions: u32,
    pub words: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_author: String,
    pub archived_at: Option<DateTime<Utc>>,
    pub trashed_at: Option<DateTime<Utc>>,
    /// Where a search matched, when the list was searched.
    pub matches: Option<SearchMatch>,
}

/// A piece of text that a search matched (`hit`) or that surrounds a match.
/// The UI renders the parts as text, marking hits: never as HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TextPart {
    pub text: String,
    pub hit: bool,
}

/// The headline with the searched words marked, and an excerpt of the body
/// (else the dek) around the best match; no excerpt when only the headline,
/// slug or section matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchMatch {
    pub headline: Vec<TextPart>,
    pub excerpt: Vec<TextPart>,
}

/// Which shelf of the story list to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum StoryView {
    /// Stories being worked on: neither archived nor in the trash.
    #[default]
    Active,
    Archived,
    Trash,
}

/// A column the story list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SortKey {
    Slug,
    Headline,
    Section,
    /// In workflow order, not alphabetical.
    Status,
    LastEditor,
    #[default]
    Updated,
    Words,
    /// Best search match first; without a search, the same as `Updated`.
    Relevance,
}

/// Which stories the list shows, and in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StoryFilter {
    /// Words to find (full-text, prefix matching) in the slug, headline, dek,
    /// section or body.
    #[ts(optional = nullable)]
    pub text: Option<String>,
    #[ts(optional = nullable)]
    pub status: Option<Status>,
    #[ts(optional = nullable)]
    pub section: Option<String>,
    pub view: StoryView,
    pub sort: SortKey,
    /// Smallest first; the default is largest (newest, most words) first.
    pub ascending: bool,
    /// How many matching stories to skip: where the page starts.
    pub offset: u32,
    /// How many stories a page holds: `StoryFilter::PAGE` unless asked,
    /// never more than `StoryFilter::MAX_PAGE`.
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
}

impl StoryFilter {
    /// Stories in a page unless the filter asks for another number: a
    /// window's worth and then some, so a page paints at once.
    pub const PAGE: u32 = 100;
    /// The most a page may hold, so no caller pulls a 100,000-story desk
    /// through one answer by accident.
    pub const MAX_PAGE: u32 = 1_000;

    /// The page size this filter asks for, within 1..=`MAX_PAGE`.
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(Self::PAGE).clamp(1, Self::MAX_PAGE)
    }
}

/// One page of the story list and how many stories match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoryPage {
    pub stories: Vec<StorySummary>,
    /// Every story the filter matches, on all pages.
    pub total: u32,
    /// Where this page starts among them (the filter's offset).
    pub offset: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_fields_and_drops_empty_paragraphs() {
        let mut c = StoryContent {
            headline: "  Two\n lines ".into(),
            body: vec!["  a\r\nb ".into(), "   ".into(), "c".into()],
            ..Default::default()
        };
        c.normalize();
        assert_eq!(c.headline, "Two lines");
        assert_eq!(c.body, vec!["a\nb".to_string(), "c".to_string()]);
    }

    #[test]
    fn word_count_covers_headline_dek_and_body() {
        let mut c = StoryContent::new("Three word headline", vec!["one two".into(), "three".into()]);
        c.dek = "a dek".into();
        assert_eq!(c.word_count(), 3 + 2 + 3);
    }

    #[test]
    fn a_set_aside_text_with_a_blank_line_is_restored_as_the_same_text() {
        let mut c = StoryContent::new("H", vec!["p0".into(), "p1".into()]);
        c.flagged = vec![
            Flagged {
                text: "Read more\n\nMost read".into(),
                reason: "r".into(),
                position: 1,
            },
            Flagged {
                text: "later".into(),
                reason: "r".into(),
                position: 1,
            },
        ];
        c.normalize();
        assert!(c.restore_flagged(0));
        assert_eq!(c.body, vec!["p0", "Read more", "Most read", "p1"]);
        assert_eq!(c.flagged[0].position, 3);
        // Exported and read back, the story is the same.
        assert_eq!(crate::text::parse(&crate::text::render(&c)).unwrap(), c);
        // A body paragraph holding a blank line is the two it reads as.
        let mut d = StoryContent::new("H", vec!["a\n \nb".into()]);
        d.normalize();
        assert_eq!(d.body, vec!["a", "b"]);
    }

    #[test]
    fn restore_flagged_puts_line_back_where_it_was() {
        let mut c = StoryContent::new("H", vec!["p0".into(), "p1".into(), "p2".into()]);
        c.flagged = vec![
            Flagged {
                text: "junk at 1".into(),
                reason: "r".into(),
                position: 1,
            },
            Flagged {
                text: "junk at 2".into(),
                reason: "r".into(),
                position: 2,
            },
        ];
        assert!(c.restore_flagged(0));
        assert_eq!(c.body, vec!["p0", "junk at 1", "p1", "p2"]);
        // The second line was found before p2, which is now at index 3.
        assert_eq!(c.flagged[0].position, 3);
        assert!(!c.restore_flagged(5));
    }

    #[test]
    fn slugs_come_from_the_telling_words_of_the_headline() {
        assert_eq!(
            slug_from_headline("Kim and Putin to meet in Vladivostok"),
            "Kim-Putin-Meet"
        );
        assert_eq!(
            slug_from_headline("The storm: \"worst\" in decades"),
            "Storm-Worst-Decades"
        );
        assert_eq!(slug_from_headline("U.S. jobs report"), "US-Jobs-Report");
        assert_eq!(slug_from_headline("—"), "");
    }

    #[test]
    fn fill_slug_keeps_a_slug_the_editor_gave() {
        let mut c = StoryContent::new("Storm hits the coast", vec![]);
        c.fill_slug();
        assert_eq!(c.slug, "Storm-Hits-Coast");
        c.slug = "Weather-Storm".into();
        c.fill_slug();
        assert_eq!(c.slug, "Weather-Storm");
    }

    #[test]
    fn old_status_names_are_read_as_their_successors() {
        assert_eq!(Status::parse("review"), Some(Status::Editing));
        assert_eq!(Status::parse("spiked"), Some(Status::Killed));
        assert_eq!(Status::parse("Copy edit"), Some(Status::Copyedit));
        let s: Status = serde_json::from_str("\"review\"").unwrap();
        assert_eq!(s, Status::Editing);
    }

    #[test]
    fn status_and_role_round_trip_through_their_names() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Status::parse("nonsense"), None);
    }
}
