//! Properties of the comparison engine, and `blame`, through the public API.

use copydesk::diff::{blame, compare, compare_revisions, CompareOptions, Comparison, RowKind, Segment, SegmentKind};
use copydesk::StoryContent;

#[path = "support/revisions.rs"]
mod revisions;
use proptest::prelude::*;
use revisions::rev;

const VOCAB: &[&str] = &[
    "the",
    "Kim",
    "Putin",
    "said",
    "6",
    "miles",
    "$3.5",
    "million",
    "“we",
    "win”",
    "and",
    "in",
    "Moscow",
    "of",
    "a",
    "talks",
    "5-4",
    "Ana",
    "María",
    "\"yes\"",
    "40",
    "seconds",
    "on",
    "Wednesday.",
    "it",
    "was",
];

fn text(segs: &[Segment], kinds: &[SegmentKind]) -> String {
    segs.iter()
        .filter(|s| kinds.contains(&s.kind))
        .map(|s| s.text.as_str())
        .collect()
}

/// Applies the newer side's changes to the OLDER text: equal runs are taken
/// from the older paragraph (in step with its equal segments), inserted runs
/// from the segments. Panics if the segments do not fit the older text.
fn patch(old: &str, left: &[Segment], right: &[Segment]) -> String {
    assert_eq!(text(left, &[SegmentKind::Equal, SegmentKind::Deleted]), old);
    let common = text(left, &[SegmentKind::Equal]);
    let mut pos = 0;
    let mut out = String::new();
    for s in right {
        match s.kind {
            SegmentKind::Equal => {
                out.push_str(&common[pos..pos + s.text.len()]);
                pos += s.text.len();
            }
            SegmentKind::Inserted => out.push_str(&s.text),
            SegmentKind::Deleted => panic!("deleted segment on the right"),
        }
    }
    assert_eq!(pos, common.len(), "all common text used");
    out
}

/// Rebuilds the newer body from the older body and the rows alone.
fn rebuild_right(a: &[String], c: &Comparison) -> Vec<String> {
    let move_left = |id: u32| {
        c.rows
            .iter()
            .find(|r| r.kind == RowKind::Moved && r.move_id == Some(id) && r.left.is_some())
            .and_then(|r| r.left.clone())
            .expect("old end of move")
    };
    let mut out = Vec::new();
    for row in &c.rows {
        let Some(right) = &row.right else { continue };
        let para = match row.kind {
            RowKind::Equal => a[row.left.as_ref().unwrap().index as usize].clone(),
            RowKind::Changed => {
                let l = row.left.as_ref().unwrap();
                patch(&a[l.index as usize], &l.segments, &right.segments)
            }
            RowKind::Moved => {
                let l = move_left(row.move_id.unwrap());
                assert_eq!(Some(l.index), row.other_index);
                patch(&a[l.index as usize], &l.segments, &right.segments)
            }
            RowKind::Inserted => text(&right.segments, &[SegmentKind::Inserted]),
            RowKind::Deleted => panic!("deleted row with a right side"),
        };
        assert_eq!(right.index as usize, out.len(), "right indices in order");
        out.push(para);
    }
    out
}

#[derive(Debug, Clone)]
enum Edit {
    ReplaceWord(usize, usize, usize),
    InsertWord(usize, usize, usize),
    DeleteWord(usize, usize),
    DeleteParagraph(usize),
    InsertParagraph(usize, Vec<usize>),
    MoveParagraph(usize, usize),
    DuplicateParagraph(usize, usize),
    Punctuate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(p, w, v)| Edit::ReplaceWord(p, w, v)),
        (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(p, w, v)| Edit::InsertWord(p, w, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(p, w)| Edit::DeleteWord(p, w)),
        any::<usize>().prop_map(Edit::DeleteParagraph),
        (any::<usize>(), prop::collection::vec(any::<usize>(), 1..8)).prop_map(|(p, ws)| Edit::InsertParagraph(p, ws)),
        (any::<usize>(), any::<usize>()).prop_map(|(p, q)| Edit::MoveParagraph(p, q)),
        (any::<usize>(), any::<usize>()).prop_map(|(p, q)| Edit::DuplicateParagraph(p, q)),
        any::<usize>().prop_map(Edit::Punctuate),
    ]
}

fn apply(body: &mut Vec<Vec<String>>, e: &Edit) {
    let word = |v: usize| VOCAB[v % VOCAB.len()].to_string();
    let n = body.len();
    match e {
        Edit::InsertParagraph(p, ws) => body.insert(p % (n + 1), ws.iter().map(|&v| word(v)).collect()),
        _ if n == 0 => {}
        Edit::ReplaceWord(p, w, v) => {
            let para = &mut body[p % n];
            if !para.is_empty() {
                let k = w % para.len();
                para[k] = word(*v);
            }
        }
        Edit::InsertWord(p, w, v) => {
            let para = &mut body[p % n];
            let k = w % (para.len() + 1);
            para.insert(k, word(*v));
        }
        Edit::DeleteWord(p, w) => {
            let para = &mut body[p % n];
            if para.len() > 1 {
                let k = w % para.len();
                para.remove(k);
            }
        }
        Edit::DeleteParagraph(p) => {
            body.remove(p % n);
        }
        Edit::MoveParagraph(p, q) => {
            let para = body.remove(p % n);
            body.insert(q % n, para);
        }
        Edit::DuplicateParagraph(p, q) => {
            let para = body[p % n].clone();
            body.insert(q % (n + 1), para);
        }
        Edit::Punctuate(p) => {
            if let Some(last) = body[p % n].last_mut() {
                last.push(',');
            }
        }
    }
}

fn join(body: &[Vec<String>]) -> Vec<String> {
    body.iter().map(|p| p.join(" ")).collect()
}

fn paragraphs() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(0..VOCAB.len(), 1..12), 0..12).prop_map(|ps| {
        ps.into_iter()
            .map(|p| p.into_iter().map(|v| VOCAB[v].to_string()).collect())
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Both sides can be read back from the rows, and the newer side can be
    /// rebuilt from the older text plus the reported changes.
    #[test]
    fn rows_reconstruct_both_sides(
        left in paragraphs(),
        edits in prop::collection::vec(edit(), 0..10),
        ignore_boring in any::<bool>(),
        char_level in any::<bool>(),
    ) {
        let mut right = left.clone();
        for e in &edits {
            apply(&mut right, e);
        }
        let a = StoryContent::new("H", join(&left));
        let b = StoryContent::new("H", join(&right));
        let opts = CompareOptions { ignore_boring, char_level };
        let c = compare(&a, &b, &opts);

        // Each side, in row order, is exactly its revision's body.
        let lefts: Vec<String> = c.rows.iter().filter_map(|r| r.left.as_ref()).map(|s| {
            prop_assert!(s.segments.iter().all(|x| x.kind != SegmentKind::Inserted));
            Ok(text(&s.segments, &[SegmentKind::Equal, SegmentKind::Deleted]))
        }).collect::<Result<_, _>>()?;
        prop_assert_eq!(&lefts, &a.body);
        let left_idx: Vec<u32> = c.rows.iter().filter_map(|r| r.left.as_ref().map(|s| s.index)).collect();
        prop_assert_eq!(left_idx, (0..a.body.len() as u32).collect::<Vec<_>>());
        let rights: Vec<String> = c.rows.iter().filter_map(|r| r.right.as_ref()).map(|s| {
            prop_assert!(s.segments.iter().all(|x| x.kind != SegmentKind::Deleted));
            Ok(text(&s.segments, &[SegmentKind::Equal, SegmentKind::Inserted]))
        }).collect::<Result<_, _>>()?;
        prop_assert_eq!(&rights, &b.body);

        // Without boring-change folding, equal text is the same on both
        // sides, so the older text plus the changes gives the newer text.
        if !ignore_boring {
            prop_assert_eq!(rebuild_right(&a.body, &c), b.body.clone());
        }

        // Every move has exactly its two ends.
        let moved: Vec<u32> = c.rows.iter().filter_map(|r| r.move_id).collect();
        prop_assert_eq!(moved.len(), 2 * c.stats.paragraphs_moved as usize);
        for id in &moved {
            prop_assert_eq!(moved.iter().filter(|m| *m == id).count(), 2);
        }
        if a.body == b.body {
            prop_assert!(c.alerts.is_empty());
            prop_assert!(c.rows.iter().all(|r| r.kind == RowKind::Equal));
        }
    }
}

#[test]
fn revision_comparison_carries_both_sides_and_the_latest_number() {
    let (old, new) = (
        rev(2, "ana", &["One.", "Two."]),
        rev(5, "ben", &["One.", "Two, edited."]),
    );
    let expected = compare(&old.content, &new.content, &CompareOptions::default());
    let got = compare_revisions(old.clone(), new.clone(), 7, &CompareOptions::default());
    assert_eq!((got.older, got.newer, got.latest), (old.info, new.info, 7));
    assert_eq!(got.comparison, expected);
    assert_eq!(got.comparison.stats.paragraphs_changed, 1);
}

#[test]
fn blame_names_who_last_changed_each_paragraph() {
    let history = vec![
        rev(1, "ana", &["One.", "Two.", "Three."]),
        rev(2, "ben", &["One.", "Two, edited.", "Three.", "Four."]),
        rev(3, "cy", &["Three.", "One.", "Two, edited.", "Four.", "Five."]),
    ];
    let blamed = blame(&history);
    let got: Vec<(u32, &str, u32, String)> = blamed
        .iter()
        .map(|a| (a.index, a.text.as_str(), a.revision, a.author.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, "Three.", 1, "ana".to_string()), // moved, not rewritten
            (1, "One.", 1, "ana".to_string()),
            (2, "Two, edited.", 2, "ben".to_string()),
            (3, "Four.", 2, "ben".to_string()),
            (4, "Five.", 3, "cy".to_string()),
        ]
    );
    assert_eq!(blame(&history)[4].created_at, history[2].info.created_at);
    assert!(blame(&[]).is_empty());
}
