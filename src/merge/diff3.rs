//! Three-way merge of sequences (diff3): where the two sides' changes to a
//! common base do not overlap, both apply; where they do, a conflict.
//!
//! Each side is aligned with the base (longest common subsequence, Myers);
//! the base is then cut into stable runs (matched in both sides, in step)
//! and the unstable chunks between them. A chunk changed by one side only
//! takes that side; changed alike by both takes either; changed differently
//! by both is a conflict. This is the classic algorithm of GNU diff3 and
//! `git merge-file`, on any items that compare equal.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

/// One piece of a three-way merge, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Chunk {
    /// Base items the two sides kept, in step.
    Stable(Range<usize>),
    /// Items of one side (or both alike), replacing `base`.
    Take { base: Range<usize>, side: Side, range: Range<usize> },
    /// The sides replaced the same base items (or inserted at the same
    /// place) differently.
    Conflict { base: Range<usize>, theirs: Range<usize>, ours: Range<usize> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Theirs,
    Ours,
}

/// For each base item, its partner in `side` when the alignment matched it.
fn matches<T: Eq + std::hash::Hash>(base: &[T], side: &[T]) -> Vec<Option<usize>> {
    let mut m = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in old.zip(new) {
                m[i] = Some(j);
            }
        }
    }
    m
}

/// Cuts a three-way merge of `theirs` and `ours`, both edited from `base`,
/// into chunks (see the module docs).
pub(crate) fn diff3<T: Eq + std::hash::Hash>(base: &[T], theirs: &[T], ours: &[T]) -> Vec<Chunk> {
    let mt = matches(base, theirs);
    let mo = matches(base, ours);
    let mut out: Vec<Chunk> = Vec::new();
    let (mut i, mut t, mut o) = (0, 0, 0);
    loop {
        // The next base item both sides kept.
        let next = (i..base.len()).find(|&k| mt[k].is_some() && mo[k].is_some());
        let (bk, tk, ok) = match next {
            Some(k) => (k, mt[k].unwrap(), mo[k].unwrap()),
            None => (base.len(), theirs.len(), ours.len()),
        };
        if bk == i && tk == t && ok == o {
            if bk == base.len() {
                break;
            }
            // In step on all three: stable.
            match out.last_mut() {
                Some(Chunk::Stable(r)) if r.end == i => r.end = i + 1,
                _ => out.push(Chunk::Stable(i..i + 1)),
            }
            (i, t, o) = (i + 1, t + 1, o + 1);
            continue;
        }
        let (b, th, ou) = (i..bk, t..tk, o..ok);
        let theirs_same = theirs[th.clone()] == base[b.clone()];
        let ours_same = ours[ou.clone()] == base[b.clone()];
        out.push(if theirs_same && ours_same {
            Chunk::Stable(b.clone())
        } else if theirs_same {
            Chunk::Take { base: b.clone(), side: Side::Ours, range: ou }
        } else if ours_same || theirs[th.clone()] == ours[ou.clone()] {
            Chunk::Take { base: b.clone(), side: Side::Theirs, range: th }
        } else {
            Chunk::Conflict { base: b.clone(), theirs: th, ours: ou }
        });
        (i, t, o) = (bk, tk, ok);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies the chunks, conflicts written as `<theirs|ours>`.
    fn apply(base: &str, theirs: &str, ours: &str) -> String {
        let (b, t, o): (Vec<char>, Vec<char>, Vec<char>) = (base.chars().collect(), theirs.chars().collect(), ours.chars().collect());
        let mut s = String::new();
        for c in diff3(&b, &t, &o) {
            match c {
                Chunk::Stable(r) => s.extend(&b[r]),
                Chunk::Take { side: Side::Theirs, range, .. } => s.extend(&t[range]),
                Chunk::Take { side: Side::Ours, range, .. } => s.extend(&o[range]),
                Chunk::Conflict { theirs, ours, .. } => {
                    s.push('<');
                    s.extend(&t[theirs]);
                    s.push('|');
                    s.extend(&o[ours]);
                    s.push('>');
                }
            }
        }
        s
    }

    #[test]
    fn disjoint_edits_both_apply() {
        assert_eq!(apply("abcdef", "aXcdef", "abcdeY"), "aXcdeY");
        assert_eq!(apply("abcdef", "abcdef", "abZdef"), "abZdef");
        assert_eq!(apply("abc", "", "abc"), "");
        assert_eq!(apply("", "x", ""), "x");
    }

    #[test]
    fn the_same_edit_on_both_sides_is_taken_once() {
        assert_eq!(apply("abcdef", "abXdef", "abXdef"), "abXdef");
    }

    #[test]
    fn overlapping_edits_conflict() {
        assert_eq!(apply("abcdef", "abXdef", "abYdef"), "ab<X|Y>def");
        // Both inserted at the same place.
        assert_eq!(apply("ab", "aXb", "aYb"), "a<X|Y>b");
    }
}
