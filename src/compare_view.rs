//! A comparison as the compare view shows it.
//!
//! [`diff::Comparison`] is the full result (the CLI's `diff --json`); the
//! app's compare view needs less of it, and in a shape it can draw a row of
//! at a time without working anything out. A 50,000-word comparison as
//! `Comparison` JSON sends every unchanged paragraph twice (left and right)
//! as a list of one-segment objects, and leaves the view to rebuild inline
//! word runs, find the row of each alert and change, and link the two ends
//! of each move. [`view`] sends each text once, marks changed words by
//! length rather than by repeating the text, and answers those questions
//! here, once:
//!
//! - each row carries its paragraph text once (left only where it differs
//!   from right), with `cuts` marking inserted and deleted runs;
//! - changed rows carry the inline stream from [`WordDiff::combined`],
//!   the same word diff the paragraph's sides come from;
//! - a move's row names the row of its other end;
//! - each alert and each numbered change names its row.
//!
//! Cut lengths count UTF-16 code units, the unit of a JavaScript string, so
//! the view slices the text without converting.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::changes::Target;
use crate::diff::{
    self, Alert, Change, CompareOptions, Comparison, CreditChange, FieldChange, PhotoChange, Row, RowKind, SegmentKind,
    Side, Stats, WordDiff,
};
use crate::model::{Revision, RevisionInfo};

/// Text with its changed runs. `cuts` splits `text`, in order, into runs
/// of the given kind and length in UTF-16 code units; no cuts means the
/// whole text is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Runs {
    pub text: String,
    #[serde(default)]
    pub cuts: Vec<(SegmentKind, u32)>,
}

/// One row of the aligned body (see [`diff::Row`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ViewRow {
    pub kind: RowKind,
    /// The paragraph's index in the older revision, when the row has a left side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub old: Option<u32>,
    /// The paragraph's index in the newer revision, when the row has a right side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub new: Option<u32>,
    /// The left side's text, left out when it is exactly `right` (an
    /// unchanged paragraph): a row with `old` and no `left` shows `right`
    /// on both sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub left: Option<Runs>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub right: Option<Runs>,
    /// Changed rows: one stream for the inline view, unchanged text once (as
    /// in the newer revision), each change's deleted then inserted words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub inline: Option<Runs>,
    /// Moves: the row of the other end and that end's paragraph index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub other_row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub other_index: Option<u32>,
}

/// Two stored revisions compared, as the compare view shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComparisonView {
    pub older: RevisionInfo,
    pub newer: RevisionInfo,
    /// The story's latest revision number (the revision pickers' bound).
    pub latest: u32,
    pub fields: Vec<FieldChange>,
    pub credits: Vec<CreditChange>,
    pub photos: Vec<PhotoChange>,
    pub rows: Vec<ViewRow>,
    pub alerts: Vec<Alert>,
    /// The row of each alert (same order), none for a field's alert.
    pub alert_rows: Vec<Option<u32>>,
    /// Every change, numbered from 1 in reading order, for review.
    pub changes: Vec<Change>,
    /// The row of each change (same order): for a move, the row where the
    /// paragraph went; none for fields, credits and photos.
    pub change_rows: Vec<Option<u32>>,
    pub stats: Stats,
    /// See [`Comparison::coarse`].
    pub coarse: bool,
}

/// Compares two stored revisions of one story, `older` on the left, for the
/// compare view.
pub fn compare_revisions(older: Revision, newer: Revision, latest: u32, opts: &CompareOptions) -> ComparisonView {
    let comparison = diff::compare(&older.content, &newer.content, opts);
    view(comparison, older.info, newer.info, latest, opts)
}

/// `c` as the compare view shows it; `opts` must be the options it was made with.
pub fn view(
    c: Comparison,
    older: RevisionInfo,
    newer: RevisionInfo,
    latest: u32,
    opts: &CompareOptions,
) -> ComparisonView {
    // The inline streams redo the word diff of each changed paragraph, with
    // the comparison's own budget: past it a paragraph shows whole, deleted
    // then inserted, as the comparison itself would.
    let deadline = Instant::now() + diff::BUDGET;
    let mut move_rows: Vec<[Option<u32>; 2]> = Vec::new();
    for (r, row) in c.rows.iter().enumerate() {
        if let (RowKind::Moved, Some(m)) = (row.kind, row.move_id) {
            let m = m as usize;
            if move_rows.len() <= m {
                move_rows.resize(m + 1, [None, None]);
            }
            move_rows[m][usize::from(row.right.is_some())] = Some(r as u32);
        }
    }
    let mut new_rows: Vec<Option<u32>> = Vec::new();
    for (r, row) in c.rows.iter().enumerate() {
        if let Some(side) = &row.right {
            let i = side.index as usize;
            if new_rows.len() <= i {
                new_rows.resize(i + 1, None);
            }
            new_rows[i] = Some(r as u32);
        }
    }
    let rows = c
        .rows
        .iter()
        .map(|row| view_row(row, &move_rows, opts, deadline))
        .collect();
    let alert_rows = c
        .alerts
        .iter()
        .map(|a| match (a.field, a.paragraph) {
            (None, Some(p)) => new_rows.get(p as usize).copied().flatten(),
            _ => None,
        })
        .collect();
    let change_rows = c
        .changes
        .iter()
        .map(|ch| match &ch.target {
            Target::Row(r) | Target::Words { row: r, .. } | Target::Moved { right: r, .. } => Some(*r as u32),
            Target::Unknown | Target::Field(_) | Target::Credit(_) | Target::Photo(_) => None,
        })
        .collect();
    ComparisonView {
        older,
        newer,
        latest,
        fields: c.fields,
        credits: c.credits,
        photos: c.photos,
        rows,
        alerts: c.alerts,
        alert_rows,
        changes: c.changes,
        change_rows,
        stats: c.stats,
        coarse: c.coarse,
    }
}

fn view_row(row: &Row, move_rows: &[[Option<u32>; 2]], opts: &CompareOptions, deadline: Instant) -> ViewRow {
    let left = row.left.as_ref().map(runs_of_side);
    let right = row.right.as_ref().map(runs_of_side);
    let inline = match (row.kind, &left, &right) {
        (RowKind::Changed, Some(l), Some(r)) => {
            let wd = WordDiff::new(&l.text, &r.text, opts.ignore_boring, Some(deadline));
            Some(runs(&wd.combined(opts.char_level)))
        }
        _ => None,
    };
    let other_row = match (row.kind, row.move_id) {
        (RowKind::Moved, Some(m)) => move_rows
            .get(m as usize)
            .and_then(|ends| ends[usize::from(row.right.is_none())]),
        _ => None,
    };
    // An unchanged paragraph is sent once.
    let left = match (&left, &right) {
        (Some(l), Some(r)) if l == r => None,
        _ => left,
    };
    ViewRow {
        kind: row.kind,
        old: row.left.as_ref().map(|s| s.index),
        new: row.right.as_ref().map(|s| s.index),
        left,
        right,
        inline,
        other_row,
        other_index: row.other_index,
    }
}

fn runs_of_side(side: &Side) -> Runs {
    runs(&side.segments)
}

/// The segments' text, once, with a cut for each run (none when all equal).
fn runs(segments: &[diff::Segment]) -> Runs {
    let mut text = String::with_capacity(segments.iter().map(|s| s.text.len()).sum());
    let mut cuts: Vec<(SegmentKind, u32)> = Vec::with_capacity(segments.len());
    for s in segments {
        text.push_str(&s.text);
        let n = s.text.encode_utf16().count() as u32;
        match cuts.last_mut() {
            Some((kind, len)) if *kind == s.kind => *len += n,
            _ if n > 0 => cuts.push((s.kind, n)),
            _ => {}
        }
    }
    if cuts.iter().all(|(kind, _)| *kind == SegmentKind::Equal) {
        cuts.clear();
    }
    Runs { text, cuts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::compare;
    use crate::StoryContent;

    fn info(revision: u32) -> RevisionInfo {
        RevisionInfo {
            story: 1,
            revision,
            parent: None,
            author: "Ana Ruiz".into(),
            created_at: chrono::Utc::now(),
            note: None,
            kind: crate::model::RevisionKind::Manual,
            restored_from: None,
            merge_base: None,
            words: 0,
            status: crate::model::Status::default(),
            headline: "H".into(),
        }
    }

    fn view_of(a: &[&str], b: &[&str], opts: CompareOptions) -> (Comparison, ComparisonView) {
        let a = StoryContent::new("H", a.iter().map(|s| s.to_string()).collect());
        let b = StoryContent::new("H", b.iter().map(|s| s.to_string()).collect());
        let c = compare(&a, &b, &opts);
        let v = view(c.clone(), info(1), info(2), 2, &opts);
        (c, v)
    }

    /// The runs back as (kind, text) pieces, slicing by UTF-16 lengths as the view does.
    fn pieces(r: &Runs) -> Vec<(SegmentKind, String)> {
        if r.cuts.is_empty() {
            return vec![(SegmentKind::Equal, r.text.clone())];
        }
        let units: Vec<u16> = r.text.encode_utf16().collect();
        let mut at = 0usize;
        let out = r
            .cuts
            .iter()
            .map(|(kind, n)| {
                let piece = String::from_utf16(&units[at..at + *n as usize]).unwrap();
                at += *n as usize;
                (*kind, piece)
            })
            .collect();
        assert_eq!(at, units.len(), "cuts cover the whole text");
        out
    }

    #[test]
    fn unchanged_paragraphs_are_sent_once_and_changed_ones_carry_the_core_inline_stream() {
        let (c, v) = view_of(
            &["Same words here.", "The course stretched 6 miles along the water."],
            &["Same words here.", "The course stretched 8 miles along the water."],
            CompareOptions::default(),
        );
        assert_eq!(v.rows.len(), c.rows.len());
        let equal = &v.rows[0];
        assert_eq!((equal.kind, equal.old, equal.new), (RowKind::Equal, Some(0), Some(0)));
        assert_eq!(equal.left, None);
        assert_eq!(equal.right.as_ref().unwrap().text, "Same words here.");
        assert!(equal.right.as_ref().unwrap().cuts.is_empty());

        let changed = &v.rows[1];
        assert_eq!(changed.kind, RowKind::Changed);
        let left = changed.left.as_ref().unwrap();
        let right = changed.right.as_ref().unwrap();
        assert_eq!(left.text, "The course stretched 6 miles along the water.");
        assert_eq!(right.text, "The course stretched 8 miles along the water.");
        let left_segments: Vec<_> = c.rows[1]
            .left
            .as_ref()
            .unwrap()
            .segments
            .iter()
            .map(|s| (s.kind, s.text.to_string()))
            .collect();
        assert_eq!(pieces(left), left_segments);
        let inline = pieces(changed.inline.as_ref().unwrap());
        assert_eq!(
            inline,
            vec![
                (SegmentKind::Equal, "The course stretched ".to_string()),
                (SegmentKind::Deleted, "6".to_string()),
                (SegmentKind::Inserted, "8".to_string()),
                (SegmentKind::Equal, " miles along the water.".to_string()),
            ]
        );
        let a = "The course stretched 6 miles along the water.";
        let b = "The course stretched 8 miles along the water.";
        let core: Vec<_> = WordDiff::new(a, b, false, None)
            .combined(false)
            .into_iter()
            .map(|s| (s.kind, s.text.to_string()))
            .collect();
        assert_eq!(inline, core);
    }

    #[test]
    fn cut_lengths_count_utf16_units() {
        let (_, v) = view_of(
            &["Fans 🎉 cheered “loudly” at 6 pm."],
            &["Fans 🎉 cheered “loudly” at 7 pm."],
            CompareOptions::default(),
        );
        let row = &v.rows[0];
        let inline = pieces(row.inline.as_ref().unwrap());
        assert_eq!(
            inline[0],
            (SegmentKind::Equal, "Fans 🎉 cheered “loudly” at ".to_string())
        );
        assert_eq!(inline[1], (SegmentKind::Deleted, "6".to_string()));
        assert_eq!(inline[2], (SegmentKind::Inserted, "7".to_string()));
        // The emoji is two UTF-16 units: the first cut is longer than its char count.
        let first = row.inline.as_ref().unwrap().cuts[0].1 as usize;
        assert_eq!(first, "Fans 🎉 cheered “loudly” at ".chars().count() + 1);
    }

    #[test]
    fn a_boring_change_keeps_both_texts_and_whole_rows_are_cut_by_kind() {
        let opts = CompareOptions {
            ignore_boring: true,
            char_level: false,
        };
        let (_, v) = view_of(
            &["He said \"yes\".", "Gone paragraph."],
            &["He said “yes”.", "New paragraph."],
            opts,
        );
        let boring = v
            .rows
            .iter()
            .find(|r| r.kind == RowKind::Equal)
            .expect("a boring change is equal");
        assert_eq!(boring.left.as_ref().unwrap().text, "He said \"yes\".");
        assert_eq!(boring.right.as_ref().unwrap().text, "He said “yes”.");
        let (_, v) = view_of(
            &["Kept.", "Alpha beta gamma."],
            &["Kept.", "Alpha beta gamma.", "Zulu yankee."],
            CompareOptions::default(),
        );
        let inserted = v.rows.iter().find(|r| r.kind == RowKind::Inserted).unwrap();
        assert_eq!((inserted.old, inserted.new), (None, Some(2)));
        assert_eq!(
            pieces(inserted.right.as_ref().unwrap()),
            vec![(SegmentKind::Inserted, "Zulu yankee.".to_string())]
        );
        assert_eq!(inserted.inline, None);
    }

    #[test]
    fn moves_alerts_and_changes_name_their_rows() {
        let a = [
            "One opening paragraph stays.",
            "The quote that moves, said Kim.",
            "Another paragraph stays too.",
            "The race raised 250 dollars.",
            "A closing paragraph stays.",
        ];
        let b = [
            "One opening paragraph stays.",
            "Another paragraph stays too.",
            "The race raised 300 dollars.",
            "The quote that moves, said Kim.",
            "A closing paragraph stays.",
        ];
        let (c, v) = view_of(&a, &b, CompareOptions::default());
        let moved: Vec<usize> = (0..v.rows.len())
            .filter(|&r| v.rows[r].kind == RowKind::Moved)
            .collect();
        assert!(!moved.is_empty());
        for &r in &moved {
            let row = &v.rows[r];
            let other = row.other_row.expect("a move names its other end") as usize;
            let end = &v.rows[other];
            assert_eq!(end.kind, RowKind::Moved);
            assert_eq!(end.other_row, Some(r as u32), "the two ends name each other");
            // One end has only the left side, the other only the right.
            assert_ne!(row.right.is_some(), end.right.is_some());
            assert_eq!(row.other_index, end.new.or(end.old));
            assert_eq!(c.rows[r].move_id, c.rows[other].move_id);
        }

        let number = c
            .alerts
            .iter()
            .position(|al| al.before.contains("250"))
            .expect("the number alert");
        let row = v.alert_rows[number].unwrap() as usize;
        assert_eq!(v.rows[row].new, c.alerts[number].paragraph);

        assert_eq!(v.changes.len(), v.change_rows.len());
        for (ch, row) in v.changes.iter().zip(&v.change_rows) {
            let row = &v.rows[row.unwrap() as usize];
            match ch.kind {
                diff::ChangeKind::Moved => assert!(row.kind == RowKind::Moved && row.right.is_some()),
                diff::ChangeKind::Words => assert_eq!(row.kind, RowKind::Changed),
                k => panic!("unexpected change {k:?}"),
            }
        }
    }

    #[test]
    fn field_changes_have_no_row() {
        let a = StoryContent::new("Old headline", vec!["Body.".into()]);
        let b = StoryContent::new("New headline", vec!["Body.".into()]);
        let opts = CompareOptions::default();
        let v = view(compare(&a, &b, &opts), info(1), info(2), 2, &opts);
        assert_eq!(v.changes.len(), 1);
        assert_eq!(v.change_rows, vec![None]);
    }
}
