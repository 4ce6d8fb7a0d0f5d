//! Comparing two revisions of a story.
//!
//! [`compare`] returns one [`Comparison`] the UI renders side by side without
//! further computation:
//!
//! ```
//! use copydesk::diff::{compare, CompareOptions, RowKind};
//! use copydesk::StoryContent;
//!
//! let a = StoryContent::new("Kim visits", vec!["He ran 6 miles.".into(), "The end.".into()]);
//! let b = StoryContent::new("Kim visits", vec!["He ran 8 miles.".into(), "The end.".into()]);
//! let c = compare(&a, &b, &CompareOptions::default());
//! assert_eq!(c.rows[0].kind, RowKind::Changed);
//! assert_eq!(c.alerts[0].before, "6 miles");
//! assert_eq!(c.alerts[0].after, "8 miles");
//! ```
//!
//! How the body is compared (see `body.rs`): paragraphs are aligned by
//! content with Patience (unchanged paragraphs cost nothing); paragraphs
//! deleted in one hunk and inserted in another, identically or ≥ 80% similar,
//! become moves; the remaining deleted/inserted paragraphs of each hunk are
//! paired by similarity into *changed* rows with word-level segments
//! (`words.rs`); alerts come from `alerts.rs`; fields, credits and photos
//! from `fields.rs`. Everything runs against a deadline: past it, work
//! degrades to whole-paragraph deletes/inserts and `coarse` is set.
//!
//! Hunks are paired, and their pairs compared in full — word diff, alerts,
//! segments — on up to `available_parallelism` threads (at most 4) when
//! their text is big enough to repay starting threads (about 1.5 MB: a
//! story of some 500k words with 1% of them edited; see `PAR_MIN_BYTES` in
//! `body.rs`)
//! (`std::thread::scope`, contiguous runs of hunks
//! per thread, each with its own buffers, results joined in order: the
//! output is the same as on one thread). Each thread checks the same deadline; any that runs out of time
//! sets `coarse`.
//!
//! JSON shape (snake_case fields, lowercase enums):
//!
//! ```text
//! { "fields":  [{"field":"headline","before":"…","after":"…","segments":[{"kind":"equal","text":"…"},…]}],
//!   "credits": [{"kind":"role","name":"Jim Heintz","before":"author","after":"contributor"}],
//!   "photos":  [{"kind":"caption","index":0,"before":"…","after":"…"}],
//!   "rows":    [{"kind":"changed","left":{"index":0,"segments":[…]},"right":{"index":0,"segments":[…]}},
//!               {"kind":"moved","left":{"index":3,"segments":[…]},"right":null,"move_id":0,"other_index":7}],
//!   "alerts":  [{"kind":"number","before":"6 miles","after":"8 miles","paragraph":0,"field":null}],
//!   "changes": [{"id":1,"kind":"words","where":"paragraph 1","before":"6","after":"8"}],
//!   "stats":   {"words_added":1,"words_removed":1,"paragraphs_changed":1,"paragraphs_inserted":0,
//!               "paragraphs_deleted":0,"paragraphs_moved":0},
//!   "coarse":  false }
//! ```

mod alerts;
mod blame;
mod body;
pub(crate) mod changes;
mod fields;
mod findings;
mod numbers;
mod render;
mod scan;
mod words;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Revision, RevisionInfo, StoryContent};

pub use blame::{blame, Attribution, BlameProgress, Walk};
pub(crate) use fields::pair_photos;
pub use findings::{finding_changes, FindingChanges};
pub use render::{render_html, render_terminal};
pub(crate) use words::WordDiff;

/// How to compare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompareOptions {
    /// Treat changes of whitespace, punctuation only, and straight vs curly
    /// quotes as no change.
    pub ignore_boring: bool,
    /// Show a small changed word (a typo fix) character by character.
    pub char_level: bool,
}

/// Is a piece of text the same on both sides, or only on one?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SegmentKind {
    Equal,
    Inserted,
    Deleted,
}

/// A run of text with its change marking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Segment {
    pub kind: SegmentKind,
    #[ts(as = "String")]
    pub text: Text,
}

/// Immutable, cheaply cloned text of a [`Segment`]: a range of a shared
/// buffer, so the segments of one paragraph pair, or all unchanged
/// paragraphs of a comparison, share one allocation. Reads as a `str`
/// (`Deref`), compares (by its text) with strings, and is a plain JSON
/// string.
#[derive(Clone, Default)]
pub struct Text {
    buf: Arc<str>,
    start: u32,
    end: u32,
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.buf[self.start as usize..self.end as usize]
    }

    /// `buf[range]`, sharing `buf` (a copy if `buf` is too long to address
    /// with 32 bits).
    pub(crate) fn shared(buf: &Arc<str>, range: std::ops::Range<usize>) -> Text {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if buf.is_char_boundary(range.start) && buf.is_char_boundary(range.end) => Text {
                buf: buf.clone(),
                start,
                end,
            },
            _ => Text::from(&buf[range]),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::shared(&Arc::from(s), 0..s.len())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        let n = s.len();
        Text::shared(&Arc::from(s), 0..n)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

/// What happened to a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RowKind {
    Equal,
    Changed,
    Inserted,
    Deleted,
    Moved,
}

/// One paragraph of one revision in a row: its position in that revision's
/// body and its text cut into segments (left: equal + deleted, right: equal +
/// inserted). The segments concatenate to exactly the paragraph text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Side {
    pub index: u32,
    #[ts(as = "Vec<Segment>")]
    pub segments: Segments,
}

/// The segments of a [`Side`]: reads as a slice of [`Segment`] (`Deref`)
/// and is a plain JSON list. A side of one segment (an unchanged, wholly
/// inserted or wholly deleted paragraph — most rows) holds it inline, so
/// such a row allocates no list.
#[derive(Clone, Default)]
pub struct Segments(SegmentsRepr);

#[derive(Clone)]
enum SegmentsRepr {
    One(Segment),
    Many(Vec<Segment>),
}

impl Default for SegmentsRepr {
    fn default() -> Self {
        SegmentsRepr::Many(Vec::new())
    }
}

impl Segments {
    /// One segment.
    pub fn one(segment: Segment) -> Segments {
        Segments(SegmentsRepr::One(segment))
    }

    pub fn as_slice(&self) -> &[Segment] {
        match &self.0 {
            SegmentsRepr::One(s) => std::slice::from_ref(s),
            SegmentsRepr::Many(v) => v,
        }
    }

    pub fn into_vec(self) -> Vec<Segment> {
        match self.0 {
            SegmentsRepr::One(s) => vec![s],
            SegmentsRepr::Many(v) => v,
        }
    }
}

impl From<Vec<Segment>> for Segments {
    fn from(v: Vec<Segment>) -> Segments {
        Segments(SegmentsRepr::Many(v))
    }
}

impl FromIterator<Segment> for Segments {
    fn from_iter<I: IntoIterator<Item = Segment>>(iter: I) -> Segments {
        Segments::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl std::ops::Deref for Segments {
    type Target = [Segment];
    fn deref(&self) -> &[Segment] {
        self.as_slice()
    }
}

impl AsRef<[Segment]> for Segments {
    fn as_ref(&self) -> &[Segment] {
        self.as_slice()
    }
}

impl<'a> IntoIterator for &'a Segments {
    type Item = &'a Segment;
    type IntoIter = std::slice::Iter<'a, Segment>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl std::fmt::Debug for Segments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl PartialEq for Segments {
    fn eq(&self, other: &Segments) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Segments {}

impl PartialEq<Vec<Segment>> for Segments {
    fn eq(&self, other: &Vec<Segment>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<[Segment]> for Segments {
    fn eq(&self, other: &[Segment]) -> bool {
        self.as_slice() == other
    }
}

impl Serialize for Segments {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Segments {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Segments, D::Error> {
        Vec::<Segment>::deserialize(d).map(Segments::from)
    }
}

/// One line of the side-by-side view (older revision left, newer right).
///
/// A move shows as two rows: one with only `left`, where the paragraph was,
/// and one with only `right`, where it went; both carry the same `move_id`,
/// and `other_index` is the paragraph index of the other end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Row {
    pub kind: RowKind,
    pub left: Option<Side>,
    pub right: Option<Side>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub move_id: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub other_index: Option<u32>,
}

/// A single-value field of the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Field {
    Headline,
    Dek,
    Section,
    Dateline,
    Status,
    Copyright,
}

impl Field {
    /// The field's name as the CLI, the changes and the redline say it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Headline => "headline",
            Field::Dek => "dek",
            Field::Section => "section",
            Field::Dateline => "dateline",
            Field::Status => "status",
            Field::Copyright => "copyright",
        }
    }
}

/// A field whose value changed; `segments` is one inline stream (equal,
/// deleted and inserted text in reading order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
    pub segments: Vec<Segment>,
    /// The field was still being compared when its share of the time ran
    /// out ([`FIELD_SHARE`]): `segments` are the whole old value deleted and
    /// the whole new one inserted, and the field raises no alerts.
    #[serde(default)]
    pub coarse: bool,
}

/// What changed about a credited person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CreditChangeKind {
    Added,
    Removed,
    Role,
    Location,
    Organization,
    /// Moved in the credit order; before/after are 1-based positions.
    Reordered,
}

impl CreditChangeKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            CreditChangeKind::Added => "added",
            CreditChangeKind::Removed => "removed",
            CreditChangeKind::Role => "role",
            CreditChangeKind::Location => "location",
            CreditChangeKind::Organization => "organization",
            CreditChangeKind::Reordered => "reordered",
        }
    }
}

/// A change to the people credited. People are matched by name; for
/// added/removed, `after`/`before` describe the credit ("contributor,
/// Tallinn, Estonia, Associated Press").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreditChange {
    pub kind: CreditChangeKind,
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PhotoChangeKind {
    Added,
    Removed,
    Caption,
    Credit,
}

impl PhotoChangeKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            PhotoChangeKind::Added => "added",
            PhotoChangeKind::Removed => "removed",
            PhotoChangeKind::Caption => "caption",
            PhotoChangeKind::Credit => "credit",
        }
    }
}

/// A change to the photos. `index` is the photo's position in the newer
/// revision (in the older one for `removed`); for added/removed,
/// `after`/`before` is the caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhotoChange {
    pub kind: PhotoChangeKind,
    pub index: u32,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum AlertKind {
    Quote,
    Number,
    Name,
}

impl AlertKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            AlertKind::Quote => "quote",
            AlertKind::Number => "number",
            AlertKind::Name => "name",
        }
    }
}

/// A change an editor must not miss. `before`/`after` are the whole quote,
/// number (with unit or currency) or name on each side; one may be empty when
/// the item was added or removed inside a changed paragraph.
///
/// `paragraph` is the right-side (newer) paragraph index of the changed row
/// (for a move, where it went); it is null for alerts on a field, which set
/// `field` instead. Wholly inserted or deleted paragraphs raise no alerts:
/// the whole paragraph is marked already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Alert {
    pub kind: AlertKind,
    pub before: String,
    pub after: String,
    pub paragraph: Option<u32>,
    pub field: Option<Field>,
    /// `before` or `after` holds characters a reader cannot see (a bidi
    /// override that makes "50" display as "05", a zero-width space; see
    /// `invisible`).
    #[serde(default)]
    pub invisible: bool,
    /// `before` and `after` as they should be shown: when `invisible`, the
    /// item with the word around it and each invisible character replaced
    /// by a visible marker such as `⟨U+202E⟩` ("⟨U+202E⟩05⟨U+202C⟩"); else
    /// the same as `before`/`after`.
    #[serde(default)]
    pub shown_before: String,
    #[serde(default)]
    pub shown_after: String,
}

impl Alert {
    /// An alert on `before` → `after`; `context` is the text around each
    /// (holding it), where invisible characters count too.
    pub(crate) fn new(
        kind: AlertKind,
        before: &str,
        after: &str,
        paragraph: Option<u32>,
        field: Option<Field>,
        context: (&str, &str),
    ) -> Alert {
        use crate::invisible::{contains, visible};
        let shown = |item: &str, around: &str| {
            if contains(around) {
                visible(around).into_owned()
            } else {
                visible(item).into_owned()
            }
        };
        Alert {
            kind,
            before: before.to_string(),
            after: after.to_string(),
            paragraph,
            field,
            invisible: contains(before) || contains(after) || contains(context.0) || contains(context.1),
            shown_before: shown(before, context.0),
            shown_after: shown(after, context.1),
        }
    }
}

/// Counts for a summary line. Words are letter/digit runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Stats {
    pub words_added: u32,
    pub words_removed: u32,
    pub paragraphs_changed: u32,
    pub paragraphs_inserted: u32,
    pub paragraphs_deleted: u32,
    pub paragraphs_moved: u32,
}

/// What a [`Change`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ChangeKind {
    Field,
    Credit,
    Photo,
    Inserted,
    Deleted,
    Moved,
    /// A run of changed words inside a changed paragraph.
    Words,
}

/// One change an editor can accept or reject on its own: a changed field,
/// credit or photo, an inserted, deleted or moved paragraph, or one run of
/// changed words in a changed paragraph. `id`s count from 1 in reading
/// order (fields, credits, photos, then the body). `where` says where in
/// words ("headline", "credit: Jim Heintz (role)", "photo 1 caption",
/// "paragraph 4", "paragraph 3 (deleted)", "paragraph 3 → 7"; paragraph
/// numbers are 1-based, of the newer revision except for a deleted
/// paragraph). `before`/`after` are the text removed and added, `""` when
/// none (for a move: the paragraph's older and newer text). The texts of
/// all the changes of a comparison share one buffer ([`Text`]).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    pub id: u32,
    pub kind: ChangeKind,
    #[serde(rename = "where")]
    #[ts(rename = "where", as = "String")]
    pub place: Text,
    #[ts(as = "String")]
    pub before: Text,
    #[ts(as = "String")]
    pub after: Text,
    /// What to revert, for `review::apply`; not part of the JSON (a change
    /// read back from JSON has none).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) target: changes::Target,
}

/// Equal when what they say is equal: what to revert is derived from the
/// comparison, and a change read back from JSON has none.
impl PartialEq for Change {
    fn eq(&self, other: &Change) -> bool {
        (self.id, self.kind, &self.place, &self.before, &self.after)
            == (other.id, other.kind, &other.place, &other.before, &other.after)
    }
}

impl Eq for Change {}

/// Everything that differs between two revisions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub fields: Vec<FieldChange>,
    pub credits: Vec<CreditChange>,
    pub photos: Vec<PhotoChange>,
    pub rows: Vec<Row>,
    pub alerts: Vec<Alert>,
    /// Every change, numbered from 1 in reading order, for review.
    pub changes: Vec<Change>,
    pub stats: Stats,
    /// The deadline was reached: some rows are coarser than they could be
    /// (whole paragraphs deleted and inserted rather than paired or moved),
    /// and those rows raise no alerts.
    pub coarse: bool,
}

/// Time allowed for one comparison; past it the work degrades (see
/// [`Comparison::coarse`]). Leaves headroom under the 100 ms target for
/// the work that follows the deadline (building segments for what is left)
/// on a loaded machine.
pub const BUDGET: Duration = Duration::from_millis(50);

/// Compares two revisions, `a` the older and `b` the newer.
pub fn compare(a: &StoryContent, b: &StoryContent, opts: &CompareOptions) -> Comparison {
    compare_until(a, b, opts, Instant::now() + BUDGET)
}

/// Two stored revisions compared, with who saved each and when, and the
/// story's latest revision number: all the compare view shows, in one
/// answer, so it needs no list of the story's history (which may run to
/// thousands of revisions) to label the two sides or to pick others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionComparison {
    pub older: RevisionInfo,
    pub newer: RevisionInfo,
    pub latest: u32,
    pub comparison: Comparison,
}

/// Compares two stored revisions of one story, `older` on the left.
pub fn compare_revisions(older: Revision, newer: Revision, latest: u32, opts: &CompareOptions) -> RevisionComparison {
    let comparison = compare(&older.content, &newer.content, opts);
    RevisionComparison {
        older: older.info,
        newer: newer.info,
        latest,
        comparison,
    }
}

/// Threads the most recent [`compare`] (on any thread) used for the body:
/// 1 unless its hunks of changed paragraphs held at least 1.5 MB of text
/// (`PAR_MIN_BYTES`), else the
/// available parallelism capped at 4 (0 before the first comparison). A
/// diagnostic for benchmarks; results never depend on it.
pub fn last_threads() -> usize {
    LAST_THREADS.load(std::sync::atomic::Ordering::Relaxed)
}

static LAST_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// One over the share of a comparison's time the fields (headline, dek…) may take
/// before they degrade to whole before/after values. The fields are compared
/// first, so without a share of their own a 28,000-word dek rewrite used up
/// the body's whole budget: the body went coarse and its alerts were lost.
/// Whatever the fields leave unused goes to the body.
pub const FIELD_SHARE: u32 = 4;

/// [`compare`] with an explicit deadline.
pub(crate) fn compare_until(
    a: &StoryContent,
    b: &StoryContent,
    opts: &CompareOptions,
    deadline: Instant,
) -> Comparison {
    let now = Instant::now();
    let fields_deadline = now + deadline.saturating_duration_since(now) / FIELD_SHARE;
    let (fields, mut alerts) = fields::compare_fields(a, b, opts, fields_deadline);
    let body = body::compare_body(&a.body, &b.body, opts, deadline);
    LAST_THREADS.store(body.threads, std::sync::atomic::Ordering::Relaxed);
    let credits = fields::compare_credits(&a.credits, &b.credits);
    let photos = fields::compare_photos(&a.photos, &b.photos);
    let changes = changes::build(&fields, &credits, &photos, &body, &a.body, &b.body, deadline);
    alerts.extend(body.alerts);
    Comparison {
        fields,
        credits,
        photos,
        rows: body.rows,
        alerts,
        changes,
        stats: body.stats,
        coarse: body.coarse,
    }
}

#[cfg(test)]
mod tests;

/// A small deterministic generator (xorshift) for the engine's property
/// tests: the same sequence on every run, so a failure can be replayed.
#[cfg(test)]
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut() -> usize {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as usize
    }
}
