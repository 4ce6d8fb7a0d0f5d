//! Three-way merge of one text (a paragraph, a headline) at the level of
//! words: each side's edits are the runs the word diff marks changed
//! against the base; edits on different words both apply, edits on the same
//! words (or insertions at the same place) conflict unless they are the same.

use std::ops::Range;
use std::time::Instant;

use crate::diff::WordDiff;

/// One side's edit: base bytes `old` become `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit<'a> {
    old: Range<usize>,
    new: &'a str,
}

/// The changed runs of `side` against `base`, in order; `None` when the word
/// diff ran out of time (its runs would be too coarse to merge by).
fn edits<'a>(base: &str, side: &'a str, deadline: Instant) -> Option<Vec<Edit<'a>>> {
    let wd = WordDiff::new(base, side, false, Some(deadline));
    if wd.coarse {
        return None;
    }
    let mut out: Vec<Edit> = Vec::new();
    let mut new_start = None;
    for p in &wd.pieces {
        if p.equal {
            new_start = None;
            continue;
        }
        match (out.last_mut(), new_start) {
            // Runs of changed pieces with nothing equal between them are
            // one edit.
            (Some(last), Some(ns)) if last.old.end == p.old.start => {
                last.old.end = p.old.end;
                last.new = &side[ns..p.new.end];
            }
            _ => {
                new_start = Some(p.new.start);
                out.push(Edit { old: p.old.clone(), new: &side[p.new.clone()] });
            }
        }
    }
    Some(out)
}

/// Whether two edits touch the same base words: ranges that overlap, or an
/// insertion at the edge or inside of the other edit (which side's words come
/// first would be a guess).
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        a.start <= b.end && b.start <= a.end
    } else {
        a.start < b.end && b.start < a.end
    }
}

/// Merges `theirs` and `ours`, both edited from `base`, word by word;
/// `None` when their edits overlap (a conflict) or could not be worked out in
/// time.
pub(crate) fn merge_text(base: &str, theirs: &str, ours: &str, deadline: Instant) -> Option<String> {
    if theirs == base || theirs == ours {
        return Some(ours.to_string());
    }
    if ours == base {
        return Some(theirs.to_string());
    }
    let et = edits(base, theirs, deadline)?;
    let eo = edits(base, ours, deadline)?;
    let mut all: Vec<&Edit> = Vec::with_capacity(et.len() + eo.len());
    let (mut i, mut j) = (0, 0);
    while i < et.len() || j < eo.len() {
        match (et.get(i), eo.get(j)) {
            (Some(a), Some(b)) if a == b => {
                all.push(a);
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if overlap(&a.old, &b.old) => return None,
            (Some(a), Some(b)) => {
                if a.old.start <= b.old.start {
                    all.push(a);
                    i += 1;
                } else {
                    all.push(b);
                    j += 1;
                }
            }
            (Some(a), None) => {
                all.push(a);
                i += 1;
            }
            (None, Some(b)) => {
                all.push(b);
                j += 1;
            }
            (None, None) => unreachable!("the loop runs while either side has edits"),
        }
    }
    let mut out = String::with_capacity(base.len() + 64);
    let mut at = 0;
    for e in all {
        out.push_str(&base[at..e.old.start]);
        out.push_str(e.new);
        at = e.old.end;
    }
    out.push_str(&base[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(base: &str, theirs: &str, ours: &str) -> Option<String> {
        merge_text(base, theirs, ours, Instant::now() + std::time::Duration::from_secs(5))
    }

    #[test]
    fn edits_of_different_words_both_apply() {
        assert_eq!(
            m(
                "Winds of 90 mph hit the coast on Tuesday.",
                "Winds of 60 mph hit the coast on Tuesday.",
                "Winds of 90 mph hit the coast on Wednesday."
            )
            .as_deref(),
            Some("Winds of 60 mph hit the coast on Wednesday.")
        );
        // Neighbouring words, with only a space between them.
        assert_eq!(m("the quick brown fox", "the slow brown fox", "the quick red fox").as_deref(), Some("the slow red fox"));
    }

    #[test]
    fn edits_of_the_same_words_conflict() {
        assert_eq!(m("He said 90 mph.", "He said 60 mph.", "He said 70 mph."), None);
        // Two insertions at the same place: which first would be a guess.
        assert_eq!(m("a storm hit", "a big storm hit", "a huge storm hit"), None);
    }

    #[test]
    fn the_same_edit_on_both_sides_is_made_once() {
        assert_eq!(m("He said 90 mph.", "He said 60 mph.", "He said 60 mph.").as_deref(), Some("He said 60 mph."));
        assert_eq!(
            m("one two three four", "one 2 three four five", "one 2 three 4").as_deref(),
            None,
            "an insertion at the end of the other side's changed word is an overlap"
        );
        assert_eq!(m("one two three four", "one 2 three four", "one 2 three 4").as_deref(), Some("one 2 three 4"));
    }
}
