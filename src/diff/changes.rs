//! The numbered list of changes an editor accepts or rejects one by one.
//!
//! Built from what the comparison found, in reading order: changed fields
//! (headline, dek, section, dateline, status, copyright), then credit
//! changes, then photo changes, then the body row by row — an inserted,
//! deleted or moved paragraph is one change (a move at the first of its two
//! rows), and a changed paragraph gives one change per run of changed words.
//! Ids start at 1.
//!
//! Each change also carries (out of the JSON) what `review::apply` needs to
//! revert it: the field, the index of the credit or photo change, the rows,
//! and for a word run its byte ranges on each side.

use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use super::body::BodyResult;
use super::words::{WordDiff, WordRun};
use super::{Change, ChangeKind, CreditChange, Field, FieldChange, PhotoChange, Row, RowKind, Side, Text};

/// What a [`Change`] changed, precisely enough to revert it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Target {
    /// Not known (a change read back from JSON).
    #[default]
    Unknown,
    Field(Field),
    /// Index into `Comparison::credits`.
    Credit(usize),
    /// Index into `Comparison::photos`.
    Photo(usize),
    /// A wholly inserted or deleted paragraph: its row.
    Row(usize),
    /// A move: the row where the paragraph was and the row where it went.
    Moved {
        left: usize,
        right: usize,
    },
    /// A run of changed words in a changed row: byte ranges of the older and
    /// newer paragraph.
    Words {
        row: usize,
        old: Range<usize>,
        new: Range<usize>,
    },
}

/// A change being built: its kind, where, before and after (ranges of the
/// shared buffer), target, and the text to share for a whole paragraph.
type Pending = (ChangeKind, [Range<usize>; 3], Target, Option<Text>);

/// The text of a row's side when it is one segment of all of `text` (a
/// wholly inserted or deleted paragraph), to share rather than copy.
fn whole(side: &Option<Side>, text: &str) -> Option<Text> {
    match side.as_ref().map(|s| s.segments.as_slice()) {
        Some([one]) if one.text.len() == text.len() => Some(one.text.clone()),
        _ => None,
    }
}

/// The changes of a comparison, numbered from 1 in reading order. `a`/`b`
/// are the older and newer body `body`'s rows index (its `runs` are the
/// word runs of its changed rows).
pub(crate) fn build(
    fields: &[FieldChange],
    credits: &[CreditChange],
    photos: &[PhotoChange],
    body: &BodyResult,
    a: &[String],
    b: &[String],
    deadline: Instant,
) -> Vec<Change> {
    let mut list = ChangeList::default();
    for f in fields {
        list.push(
            ChangeKind::Field,
            format_args!("{}", f.field.name()),
            &f.before,
            &f.after,
            Target::Field(f.field),
            None,
        );
    }
    for (k, c) in credits.iter().enumerate() {
        let place = format_args!("credit: {} ({})", c.name, c.kind.name());
        let (before, after) = (c.before.as_deref().unwrap_or(""), c.after.as_deref().unwrap_or(""));
        list.push(ChangeKind::Credit, place, before, after, Target::Credit(k), None);
    }
    for (k, p) in photos.iter().enumerate() {
        let place = format_args!("photo {} {}", p.index + 1, p.kind.name());
        let (before, after) = (p.before.as_deref().unwrap_or(""), p.after.as_deref().unwrap_or(""));
        list.push(ChangeKind::Photo, place, before, after, Target::Photo(k), None);
    }
    list.body(body, a, b, deadline);
    list.finish()
}

/// Changes being built. All their text goes into one buffer their `Text`s
/// share: one allocation, not three a change (a comparison may have
/// thousands); a wholly inserted or deleted paragraph shares its row's
/// text instead.
#[derive(Default)]
struct ChangeList {
    buf: String,
    pending: Vec<Pending>,
}

impl ChangeList {
    fn push(
        &mut self,
        kind: ChangeKind,
        place: std::fmt::Arguments<'_>,
        before: &str,
        after: &str,
        target: Target,
        shared: Option<Text>,
    ) {
        let buf = &mut self.buf;
        let start = buf.len();
        let _ = buf.write_fmt(place);
        let place = start..buf.len();
        buf.push_str(before);
        let before = place.end..buf.len();
        buf.push_str(after);
        let after = before.end..buf.len();
        self.pending.push((kind, [place, before, after], target, shared));
    }

    /// The body's changes, row by row: a wholly inserted or deleted
    /// paragraph, a move (at the first of its two rows), or a changed
    /// paragraph's runs of changed words.
    fn body(&mut self, body: &BodyResult, a: &[String], b: &[String], deadline: Instant) {
        let rows = &body.rows;
        let move_rows = move_rows(rows);
        let mut move_seen = vec![false; move_rows.len()];
        let mut runs = body.runs.iter().peekable();
        for (r, row) in rows.iter().enumerate() {
            let left = row.left.as_ref().map(|s| s.index as usize);
            let right = row.right.as_ref().map(|s| s.index as usize);
            match (row.kind, left, right) {
                (RowKind::Inserted, _, Some(j)) => {
                    let shared = whole(&row.right, &b[j]);
                    let text = if shared.is_some() { "" } else { &b[j] };
                    self.push(
                        ChangeKind::Inserted,
                        format_args!("paragraph {}", j + 1),
                        "",
                        text,
                        Target::Row(r),
                        shared,
                    );
                }
                (RowKind::Deleted, Some(i), _) => {
                    let shared = whole(&row.left, &a[i]);
                    let text = if shared.is_some() { "" } else { &a[i] };
                    self.push(
                        ChangeKind::Deleted,
                        format_args!("paragraph {} (deleted)", i + 1),
                        text,
                        "",
                        Target::Row(r),
                        shared,
                    );
                }
                (RowKind::Moved, _, _) => {
                    let Some(m) = row.move_id.map(|m| m as usize) else {
                        continue;
                    };
                    if !std::mem::replace(&mut move_seen[m], true) {
                        if let (Some(lr), Some(rr)) = move_rows[m] {
                            self.moved(rows, lr, rr, a, b);
                        }
                    }
                }
                (RowKind::Changed, Some(i), Some(j)) => {
                    // The runs of the word diff that made the row's
                    // segments; with `ignore_boring` (none kept) a word diff
                    // that sees every change, so that a rejected run
                    // reverts exactly.
                    let fresh;
                    let row_runs: &[WordRun] = match runs.next_if(|(row, _)| *row == r) {
                        Some((_, kept)) => kept,
                        None => {
                            fresh = WordDiff::new(&a[i], &b[j], false, Some(deadline)).runs();
                            &fresh
                        }
                    };
                    self.words(r, j, &a[i], &b[j], row_runs);
                }
                _ => {}
            }
        }
    }

    /// A move from row `lr` (where the paragraph was) to row `rr`.
    fn moved(&mut self, rows: &[Row], lr: usize, rr: usize, a: &[String], b: &[String]) {
        let i = rows[lr].left.as_ref().map_or(0, |s| s.index as usize);
        let j = rows[rr].right.as_ref().map_or(0, |s| s.index as usize);
        let place = format_args!("paragraph {} → {}", i + 1, j + 1);
        let target = Target::Moved { left: lr, right: rr };
        self.push(ChangeKind::Moved, place, &a[i], &b[j], target, None);
    }

    /// The runs of changed words of changed row `r` (new paragraph `j`).
    fn words(&mut self, r: usize, j: usize, old: &str, new: &str, runs: &[WordRun]) {
        for (o, n) in runs {
            let target = Target::Words {
                row: r,
                old: o.clone(),
                new: n.clone(),
            };
            self.push(
                ChangeKind::Words,
                format_args!("paragraph {}", j + 1),
                &old[o.clone()],
                &new[n.clone()],
                target,
                None,
            );
        }
    }

    /// The changes, numbered from 1.
    fn finish(self) -> Vec<Change> {
        let buf: Arc<str> = Arc::from(self.buf);
        self.pending
            .into_iter()
            .zip(1..)
            .map(|((kind, [place, before, after], target, shared), id)| {
                let (mut before, mut after) = (Text::shared(&buf, before), Text::shared(&buf, after));
                match (kind, shared) {
                    (ChangeKind::Inserted, Some(t)) => after = t,
                    (ChangeKind::Deleted, Some(t)) => before = t,
                    _ => {}
                }
                Change {
                    id,
                    kind,
                    place: Text::shared(&buf, place),
                    before,
                    after,
                    target,
                }
            })
            .collect()
    }
}

/// Each move's two rows (where the paragraph was, where it went), by move
/// id.
fn move_rows(rows: &[Row]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if let (RowKind::Moved, Some(m)) = (row.kind, row.move_id) {
            let m = m as usize;
            if out.len() <= m {
                out.resize(m + 1, (None, None));
            }
            if row.left.is_some() {
                out[m].0 = Some(r);
            } else {
                out[m].1 = Some(r);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions, CreditChangeKind};
    use crate::model::{Credit, Photo, Role, StoryContent};

    fn summary(c: &[Change]) -> Vec<(u32, ChangeKind, &str, &str, &str)> {
        c.iter()
            .map(|c| (c.id, c.kind, c.place.as_str(), c.before.as_str(), c.after.as_str()))
            .collect()
    }

    const P0: &str = "North Korean leader Kim Jong Un vowed full support for Russia on Wednesday.";
    const P1: &str = "The two leaders met at the Vostochny Cosmodrome in the Amur region.";
    const P2: &str = "Kim said at the start of the talks, which lasted 40 seconds, that he was glad.";
    const P3: &str = "Putin gave Kim a tour of the launch site, officials said on Thursday morning.";
    const P4: &str = "Analysts say the meeting could bring weapons deals that would worry the West.";

    #[test]
    fn every_kind_gets_an_id_in_reading_order() {
        let mut a = StoryContent::new(
            "Kim visits Russia",
            vec![P0.into(), P1.into(), P2.into(), P3.into(), P4.into()],
        );
        a.dek = "A rare trip".into();
        a.credits = vec![
            Credit {
                name: "Jim Heintz".into(),
                role: Role::Author,
                ..Default::default()
            },
            Credit {
                name: "Ana Ruiz".into(),
                role: Role::Contributor,
                ..Default::default()
            },
        ];
        a.photos = vec![Photo {
            caption: "Kim arrives".into(),
            credit: "AP".into(),
            ..Default::default()
        }];
        let mut b = a.clone();
        b.headline = "Kim visits Putin".into();
        b.credits[0].role = Role::Contributor;
        b.credits.remove(1);
        b.photos[0].caption = "Kim arrives by train".into();
        // P1 edited in two places, P2 deleted, P4 moved before P0, a new
        // paragraph at the end.
        let p1b = P1.replace("two leaders", "two men").replace("Amur region", "far east");
        b.body = vec![
            P4.into(),
            P0.into(),
            p1b.clone(),
            P3.into(),
            "A new closing paragraph about nothing much.".into(),
        ];
        let c = compare(&a, &b, &CompareOptions::default());
        assert_eq!(c.credits[0].kind, CreditChangeKind::Removed);
        assert_eq!(
            summary(&c.changes),
            vec![
                (
                    1,
                    ChangeKind::Field,
                    "headline",
                    "Kim visits Russia",
                    "Kim visits Putin"
                ),
                (2, ChangeKind::Credit, "credit: Ana Ruiz (removed)", "contributor", ""),
                (
                    3,
                    ChangeKind::Credit,
                    "credit: Jim Heintz (role)",
                    "author",
                    "contributor"
                ),
                (
                    4,
                    ChangeKind::Photo,
                    "photo 1 caption",
                    "Kim arrives",
                    "Kim arrives by train"
                ),
                (5, ChangeKind::Moved, "paragraph 5 → 1", P4, P4),
                (6, ChangeKind::Words, "paragraph 3", "leaders", "men"),
                (7, ChangeKind::Words, "paragraph 3", "Amur region", "far east"),
                (8, ChangeKind::Deleted, "paragraph 3 (deleted)", P2, ""),
                (
                    9,
                    ChangeKind::Inserted,
                    "paragraph 5",
                    "",
                    "A new closing paragraph about nothing much."
                ),
            ]
        );
    }

    #[test]
    fn adjacent_changed_words_are_one_run() {
        let a = StoryContent::new("H", vec!["one two three four five six".into()]);
        let b = StoryContent::new("H", vec!["one 2 3 four five 6".into()]);
        let c = compare(&a, &b, &CompareOptions::default());
        assert_eq!(
            summary(&c.changes),
            vec![
                (1, ChangeKind::Words, "paragraph 1", "two three", "2 3"),
                (2, ChangeKind::Words, "paragraph 1", "six", "6")
            ]
        );
    }

    #[test]
    fn changes_serialise_with_where_and_without_targets() {
        let a = StoryContent::new("Old", vec![]);
        let b = StoryContent::new("New", vec![]);
        let c = compare(&a, &b, &CompareOptions::default());
        let v = serde_json::to_value(&c.changes).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{"id": 1, "kind": "field", "where": "headline", "before": "Old", "after": "New"}])
        );
        let back: Vec<Change> = serde_json::from_value(v).unwrap();
        assert_eq!(back[0].place, "headline");
    }
}
