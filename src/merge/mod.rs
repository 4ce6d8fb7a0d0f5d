//! Three-way merge of story revisions: the edits a writer made on an older
//! revision (`ours`, started from `base`) combined with the revisions saved
//! since (`theirs`, the latest), at the level editors think in.
//!
//! ```
//! use copydesk::merge::merge;
//! use copydesk::StoryContent;
//!
//! let base = StoryContent::new("Storm hits", vec!["Winds of 90 mph.".into(), "Schools closed.".into()]);
//! let mut theirs = base.clone();
//! theirs.body[0] = "Winds of 60 mph.".into();
//! let mut ours = base.clone();
//! ours.body[1] = "All schools closed.".into();
//! let m = merge(&base, &theirs, &ours, &[]);
//! assert!(m.conflicts.is_empty());
//! assert_eq!(m.content.body, ["Winds of 60 mph.", "All schools closed."]);
//! ```
//!
//! - **Body.** Each side is compared with the base by the compare engine
//!   (`diff`), so a paragraph keeps its identity when it was edited or moved.
//!   The order of paragraphs is merged as a sequence of those identities
//!   (`diff3`); each paragraph both sides kept is merged word by word
//!   (`text`). Overlapping edits, two different insertions at one place, an
//!   edit of a paragraph the other side deleted, and one paragraph moved by
//!   both to different places are conflicts.
//! - **Fields.** Headline and dek merge word by word; section, dateline,
//!   slug, copyright and status as whole values.
//! - **Credits** merge per person (matched by name), **photos** per photo,
//!   lines set aside on import as a list in which nothing is lost.
//!
//! A conflict has a stable `id` for the same three inputs; [`merge`] takes
//! resolutions by id ("keep mine", "take theirs", "keep both", or a free
//! edit), so a writer resolves conflicts by saving again with them.
//! Alerts (changed quotes, numbers, names) of both sides come with the
//! result, so that a merge never hides one.

mod body;
mod diff3;
mod text;

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::{self, Alert, CompareOptions, Comparison, RowKind, Segment, WordDiff};
use crate::model::{Credit, Photo, Status, StoryContent};

use diff3::{diff3, Chunk, Side};
pub(crate) use text::merge_text;

/// Time allowed for a merge's comparisons and word merges; past it, what is
/// left conflicts rather than merging by a coarse guess.
const BUDGET: Duration = Duration::from_millis(200);

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ConflictKind {
    Field,
    Paragraph,
    Credit,
    Photo,
}

/// How a conflict is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Take {
    /// The writer's own version (`ours`).
    Mine,
    /// The latest revision's version.
    Theirs,
    /// Theirs followed by mine (paragraphs and photos).
    Both,
    /// A text the writer typed (paragraphs and text fields).
    Edit,
}

/// Edits that both sides made to the same place, differently. Nothing is
/// saved while one is unresolved. `base`, `theirs` and `ours` are the texts
/// of each side (paragraphs separated by blank lines; `""` for none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Conflict {
    pub id: u32,
    pub kind: ConflictKind,
    /// Where, as the editor reads it: "headline", "paragraph 4" (numbered as
    /// in the latest revision), "credit: Jim Heintz", "photos".
    #[serde(rename = "where")]
    #[ts(rename = "where")]
    pub place: String,
    pub base: String,
    pub theirs: String,
    pub ours: String,
    /// Theirs and ours against the base, word by word, as one inline stream
    /// each (equal, deleted and inserted runs), for the merge view.
    pub theirs_segments: Vec<Segment>,
    pub ours_segments: Vec<Segment>,
    /// The resolutions this conflict can take.
    pub options: Vec<Take>,
}

/// A writer's answer to conflict `id`; `text` for [`Take::Edit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Resolution {
    pub id: u32,
    pub take: Take,
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
}

/// A writer's answers to the conflicts of a merge with revision `theirs`.
/// Conflict ids hold for that revision only: when another one has arrived
/// since, the merge is worked out again and its conflicts asked anew.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Resolved {
    pub theirs: u32,
    pub resolutions: Vec<Resolution>,
}

/// Which side of a merge made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum MergeSide {
    Theirs,
    Ours,
}

/// A changed quote, number or name, and which side changed it. `paragraph`
/// in the alert is the paragraph's index in the merged story, when it is in
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeAlert {
    pub side: MergeSide,
    pub alert: Alert,
}

/// What one side changed against the base, in the units an editor counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SideCounts {
    /// Paragraphs changed, inserted, deleted or moved.
    pub paragraphs: u32,
    /// Fields, credits and photos changed.
    pub fields: u32,
}

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The merged story; meaningful only when `conflicts` is empty (an
    /// unresolved conflict holds theirs in its place).
    pub content: StoryContent,
    /// Conflicts left unresolved, in reading order (fields, credits, photos,
    /// body).
    pub conflicts: Vec<Conflict>,
    pub alerts: Vec<MergeAlert>,
    pub theirs: SideCounts,
    pub ours: SideCounts,
}

/// Merges `theirs` (the latest revision) and `ours` (a writer's edit), both
/// made from `base`, applying `resolutions` to the conflicts they name. All
/// three are normalised stories.
pub fn merge(base: &StoryContent, theirs: &StoryContent, ours: &StoryContent, resolutions: &[Resolution]) -> Merge {
    let deadline = Instant::now() + BUDGET;
    let opts = CompareOptions::default();
    let ct = diff::compare_until(base, theirs, &opts, deadline);
    let co = diff::compare_until(base, ours, &opts, deadline);
    let mut m = Merger {
        resolutions: resolutions.iter().map(|r| (r.id, r)).collect(),
        next_id: 1,
        conflicts: Vec::new(),
        deadline,
    };
    let mut content = StoryContent {
        headline: m.text_field("headline", &base.headline, &theirs.headline, &ours.headline),
        dek: m.text_field("dek", &base.dek, &theirs.dek, &ours.dek),
        section: m.value_field("section", &base.section, &theirs.section, &ours.section),
        dateline: m.value_field("dateline", &base.dateline, &theirs.dateline, &ours.dateline),
        slug: m.value_field("slug", &base.slug, &theirs.slug, &ours.slug),
        copyright: m.value_field("copyright", &base.copyright, &theirs.copyright, &ours.copyright),
        status: m.status(base.status, theirs.status, ours.status),
        credits: m.credits(&base.credits, &theirs.credits, &ours.credits),
        photos: m.photos(&base.photos, &theirs.photos, &ours.photos),
        flagged: union_merge(&base.flagged, &theirs.flagged, &ours.flagged),
        body: Vec::new(),
    };
    let (body, place) = body::merge_body(&mut m, base, theirs, ours, &ct, &co);
    content.body = body;
    content.normalize();
    let mut alerts = Vec::new();
    for (side, c) in [(MergeSide::Theirs, &ct), (MergeSide::Ours, &co)] {
        let key = keys(c);
        for a in &c.alerts {
            let mut alert = a.clone();
            alert.paragraph = a
                .paragraph
                .and_then(|j| key.get(j as usize))
                .and_then(|k| place.get(k))
                .map(|&k| k as u32);
            alerts.push(MergeAlert { side, alert });
        }
    }
    Merge {
        content,
        conflicts: m.conflicts,
        alerts,
        theirs: counts(&ct),
        ours: counts(&co),
    }
}

fn counts(c: &Comparison) -> SideCounts {
    let s = &c.stats;
    SideCounts {
        paragraphs: s.paragraphs_changed + s.paragraphs_inserted + s.paragraphs_deleted + s.paragraphs_moved,
        fields: (c.fields.len() + c.credits.len() + c.photos.len()) as u32,
    }
}

/// A paragraph's identity across the three versions: the base paragraph it
/// descends from (edited or moved), or, for a new one, its text (so that the
/// same paragraph added by both sides is one paragraph).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Base(usize),
    New(String),
}

/// The identity of each paragraph of a side, from its comparison with the base.
fn keys(c: &Comparison) -> Vec<Key> {
    let mut out: Vec<(usize, Key)> = Vec::new();
    for row in &c.rows {
        match (row.kind, &row.left, &row.right) {
            (RowKind::Equal | RowKind::Changed, Some(l), Some(r)) => {
                out.push((r.index as usize, Key::Base(l.index as usize)))
            }
            (RowKind::Moved, None, Some(r)) => out.push((
                r.index as usize,
                Key::Base(row.other_index.expect("a move links both ends") as usize),
            )),
            (RowKind::Inserted, None, Some(r)) => out.push((
                r.index as usize,
                Key::New(r.segments.iter().map(|s| s.text.as_str()).collect()),
            )),
            _ => {}
        }
    }
    out.sort_by_key(|(j, _)| *j);
    debug_assert!(
        out.iter().enumerate().all(|(n, (j, _))| n == *j),
        "every paragraph of a side has one row"
    );
    out.into_iter().map(|(_, k)| k).collect()
}

struct Merger<'r> {
    resolutions: HashMap<u32, &'r Resolution>,
    next_id: u32,
    conflicts: Vec<Conflict>,
    deadline: Instant,
}

/// What a conflict resolved to, if it was.
enum Answer {
    Mine,
    Theirs,
    Both,
    Edit(String),
}

impl Merger<'_> {
    /// Registers a conflict; returns the writer's answer when one was given
    /// (and is allowed), else records it as unresolved.
    fn conflict(
        &mut self,
        kind: ConflictKind,
        place: String,
        base: String,
        theirs: String,
        ours: String,
        options: &[Take],
    ) -> Option<Answer> {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(r) = self.resolutions.get(&id).filter(|r| options.contains(&r.take)) {
            return Some(match r.take {
                Take::Mine => Answer::Mine,
                Take::Theirs => Answer::Theirs,
                Take::Both => Answer::Both,
                Take::Edit => Answer::Edit(r.text.clone().unwrap_or_default()),
            });
        }
        let segments = |side: &str| WordDiff::new(&base, side, false, Some(self.deadline)).combined(false);
        let (theirs_segments, ours_segments) = (segments(&theirs), segments(&ours));
        self.conflicts.push(Conflict {
            id,
            kind,
            place,
            base,
            theirs,
            ours,
            theirs_segments,
            ours_segments,
            options: options.to_vec(),
        });
        None
    }

    fn text_field(&mut self, name: &str, base: &str, theirs: &str, ours: &str) -> String {
        if let Some(t) = merge_text(base, theirs, ours, self.deadline) {
            return t;
        }
        self.field_conflict(name, base, theirs, ours)
    }

    fn value_field(&mut self, name: &str, base: &str, theirs: &str, ours: &str) -> String {
        if let Some(v) = pick(base, theirs, ours) {
            return v.to_string();
        }
        self.field_conflict(name, base, theirs, ours)
    }

    fn field_conflict(&mut self, name: &str, base: &str, theirs: &str, ours: &str) -> String {
        let answer = self.conflict(
            ConflictKind::Field,
            name.into(),
            base.into(),
            theirs.into(),
            ours.into(),
            &[Take::Mine, Take::Theirs, Take::Edit],
        );
        match answer {
            Some(Answer::Mine) => ours.into(),
            Some(Answer::Edit(t)) => t,
            _ => theirs.into(),
        }
    }

    fn status(&mut self, base: Status, theirs: Status, ours: Status) -> Status {
        if let Some(s) = pick(&base, &theirs, &ours) {
            return *s;
        }
        let answer = self.conflict(
            ConflictKind::Field,
            "status".into(),
            base.as_str().into(),
            theirs.as_str().into(),
            ours.as_str().into(),
            &[Take::Mine, Take::Theirs],
        );
        if matches!(answer, Some(Answer::Mine)) {
            ours
        } else {
            theirs
        }
    }

    /// Credits per person: the order merged as a list of names, each person's
    /// credit merged as a value.
    fn credits(&mut self, base: &[Credit], theirs: &[Credit], ours: &[Credit]) -> Vec<Credit> {
        if let Some(v) = pick(base, theirs, ours) {
            return v.to_vec();
        }
        let name = |c: &Credit| c.name.to_lowercase();
        let names = |cs: &[Credit]| cs.iter().map(name).collect::<Vec<_>>();
        let find = |cs: &'_ [Credit], n: &str| cs.iter().find(|c| name(c) == n).cloned();
        let order = union_merge(&names(base), &names(theirs), &names(ours));
        let mut out = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        // Someone one side dropped from the order may still need a say (an
        // edit on the other side): everyone is looked at, in order first.
        let everyone: Vec<String> = order
            .into_iter()
            .chain(names(ours))
            .chain(names(theirs))
            .chain(names(base))
            .collect();
        for n in everyone {
            if seen.contains(&n) {
                continue;
            }
            seen.push(n.clone());
            let (b, t, o) = (find(base, &n), find(theirs, &n), find(ours, &n));
            let value = match pick(&b, &t, &o) {
                Some(v) => v.clone(),
                None => {
                    let who = t
                        .as_ref()
                        .or(o.as_ref())
                        .or(b.as_ref())
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    let answer = self.conflict(
                        ConflictKind::Credit,
                        format!("credit: {who}"),
                        describe_credit(b.as_ref()),
                        describe_credit(t.as_ref()),
                        describe_credit(o.as_ref()),
                        &[Take::Mine, Take::Theirs],
                    );
                    if matches!(answer, Some(Answer::Mine)) {
                        o
                    } else {
                        t
                    }
                }
            };
            out.extend(value);
        }
        out
    }

    /// Photos one by one when neither side added or removed one; otherwise
    /// as a list whose overlapping changes conflict as a whole.
    fn photos(&mut self, base: &[Photo], theirs: &[Photo], ours: &[Photo]) -> Vec<Photo> {
        if let Some(v) = pick(base, theirs, ours) {
            return v.to_vec();
        }
        if base.len() == theirs.len() && base.len() == ours.len() {
            let mut out = Vec::new();
            for i in 0..base.len() {
                match pick(&base[i], &theirs[i], &ours[i]) {
                    Some(p) => out.push(p.clone()),
                    None => {
                        let answer = self.conflict(
                            ConflictKind::Photo,
                            format!("photo {}", i + 1),
                            describe_photo(&base[i]),
                            describe_photo(&theirs[i]),
                            describe_photo(&ours[i]),
                            &[Take::Mine, Take::Theirs, Take::Both],
                        );
                        match answer {
                            Some(Answer::Mine) => out.push(ours[i].clone()),
                            Some(Answer::Both) => out.extend([theirs[i].clone(), ours[i].clone()]),
                            _ => out.push(theirs[i].clone()),
                        }
                    }
                }
            }
            return out;
        }
        merge_list(base, theirs, ours, |out, b, t, o| {
            let list = |ps: &[Photo]| ps.iter().map(describe_photo).collect::<Vec<_>>().join("\n\n");
            let answer = self.conflict(
                ConflictKind::Photo,
                "photos".into(),
                list(&base[b]),
                list(&theirs[t.clone()]),
                list(&ours[o.clone()]),
                &[Take::Mine, Take::Theirs, Take::Both],
            );
            match answer {
                Some(Answer::Mine) => out.extend_from_slice(&ours[o]),
                Some(Answer::Both) => {
                    out.extend_from_slice(&theirs[t]);
                    out.extend_from_slice(&ours[o]);
                }
                _ => out.extend_from_slice(&theirs[t]),
            }
        })
    }
}

/// The one value when at most one side changed it (or both alike).
fn pick<'a, T: PartialEq + ?Sized>(base: &'a T, theirs: &'a T, ours: &'a T) -> Option<&'a T> {
    if theirs == base || theirs == ours {
        Some(ours)
    } else if ours == base {
        Some(theirs)
    } else {
        None
    }
}

/// A three-way merge of a list in which nothing may be lost: where both
/// sides changed the same stretch, theirs comes first, then whatever of ours
/// is not in theirs.
fn union_merge<T: Eq + std::hash::Hash + Clone>(base: &[T], theirs: &[T], ours: &[T]) -> Vec<T> {
    if let Some(v) = pick(base, theirs, ours) {
        return v.to_vec();
    }
    merge_list(base, theirs, ours, |out, _, t, o| {
        out.extend_from_slice(&theirs[t.clone()]);
        for x in &ours[o] {
            if !theirs[t.clone()].contains(x) {
                out.push(x.clone());
            }
        }
    })
}

/// A three-way merge of a list (see `diff3`), `conflict` deciding what the
/// merged list holds where both sides changed the same stretch (given the
/// base, theirs and ours ranges).
fn merge_list<T: Eq + std::hash::Hash + Clone>(
    base: &[T],
    theirs: &[T],
    ours: &[T],
    mut conflict: impl FnMut(&mut Vec<T>, Range<usize>, Range<usize>, Range<usize>),
) -> Vec<T> {
    let mut out = Vec::new();
    for chunk in diff3(base, theirs, ours) {
        match chunk {
            Chunk::Stable(r) => out.extend_from_slice(&base[r]),
            Chunk::Take {
                side: Side::Theirs,
                range,
                ..
            } => out.extend_from_slice(&theirs[range]),
            Chunk::Take {
                side: Side::Ours,
                range,
                ..
            } => out.extend_from_slice(&ours[range]),
            Chunk::Conflict {
                base: b,
                theirs: t,
                ours: o,
            } => conflict(&mut out, b, t, o),
        }
    }
    out
}

fn describe_credit(c: Option<&Credit>) -> String {
    match c {
        None => String::new(),
        Some(c) => {
            let mut parts = vec![c.name.clone(), c.role.as_str().to_string()];
            parts.extend(c.location.clone());
            parts.extend(c.organization.clone());
            parts.join(", ")
        }
    }
}

fn describe_photo(p: &Photo) -> String {
    match (p.caption.is_empty(), p.credit.is_empty()) {
        (_, true) => p.caption.clone(),
        (true, false) => format!("({})", p.credit),
        (false, false) => format!("{} ({})", p.caption, p.credit),
    }
}

#[cfg(test)]
mod tests;
