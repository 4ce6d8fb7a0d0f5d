//! Who wrote each paragraph of a revision.
//!
//! Two ways to the same answer. [`blame`] is the plain one, kept as the
//! reference: it aligns every consecutive pair of a whole history, oldest
//! first, so it needs every revision's text. [`Walk`] goes back from the
//! revision asked for, one older body at a time, and stops as soon as every
//! paragraph's introducing revision is found. It needs the bodies only as
//! keys that are equal exactly when the texts are (the store's paragraph
//! ids), and while neither of two bodies repeats a paragraph it pairs them
//! by key alone: with no repeats, the alignment below pairs each paragraph
//! with its one equal counterpart whether it stayed in place or moved.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffTag};
use ts_rs::TS;

use crate::model::Revision;

/// The revision that last wrote a paragraph of the latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attribution {
    /// Paragraph position in the latest revision's body.
    pub index: u32,
    pub text: String,
    pub revision: u32,
    pub author: String,
    pub created_at: DateTime<Utc>,
}

/// How far a blame has walked back: `walked` older revisions looked at, of
/// at most `of` (a walk stops early once every paragraph is attributed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BlameProgress {
    pub walked: u32,
    pub of: u32,
}

/// Annotates the body paragraphs of the last revision of `history` (oldest
/// first) with the revision that last changed each one. A paragraph that
/// stayed the same, or was only moved, keeps its older attribution; an edited
/// paragraph belongs to the revision that edited it. Empty history, empty
/// result.
///
/// This reads the whole history; the store's `Store::blame` gives the same
/// answer by walking back only as far as needed (see [`Walk`]).
pub fn blame(history: &[Revision]) -> Vec<Attribution> {
    // For each paragraph of the current revision: index into `history`.
    let mut owner: Vec<usize> = Vec::new();
    let mut prev: &[String] = &[];
    for (r, rev) in history.iter().enumerate() {
        let body = &rev.content.body;
        owner = carried_over(prev, body)
            .into_iter()
            .map(|from| from.map_or(r, |i| owner[i]))
            .collect();
        prev = body;
    }
    prev.iter()
        .zip(owner)
        .enumerate()
        .map(|(index, (text, r))| {
            let info = &history[r].info;
            Attribution {
                index: index as u32,
                text: text.clone(),
                revision: info.revision,
                author: info.author.clone(),
                created_at: info.created_at,
            }
        })
        .collect()
}

/// For each paragraph of `new`, the paragraph of `old` it is the same as, if
/// any: the rule both ways of blaming follow. Paragraphs the Patience
/// alignment keeps are paired in place; of the rest, a paragraph equal to an
/// unpaired old one was moved and is paired with it.
fn carried_over<T: Eq + Hash>(old: &[T], new: &[T]) -> Vec<Option<usize>> {
    let mut from = vec![None; new.len()];
    let mut unmatched_old: HashMap<&T, Vec<usize>> = HashMap::new();
    let mut unmatched_new = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, old, new) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in o.zip(n) {
                from[j] = Some(i);
            }
        } else {
            for i in o.rev() {
                unmatched_old.entry(&old[i]).or_default().push(i);
            }
            unmatched_new.extend(n);
        }
    }
    for j in unmatched_new {
        if let Some(i) = unmatched_old.get_mut(&new[j]).and_then(|v| v.pop()) {
            from[j] = Some(i);
        }
    }
    from
}

/// Blame by walking back from one revision: give it that revision's body,
/// then each older body in turn ([`Walk::step`]) until [`Walk::done`] or
/// the first revision, then [`Walk::finish`].
///
/// Equal to [`blame`] over the same history: a paragraph's owner there is
/// its predecessor's owner as long as [`carried_over`] pairs it with one,
/// and the revision where the chain of pairings breaks otherwise. The walk
/// follows each chain back from the end and stops at its break.
#[derive(Debug)]
pub struct Walk<K> {
    /// The body of the revision the walk is at.
    body: Vec<K>,
    revision: u32,
    /// Whether no key repeats in `body`.
    distinct: bool,
    /// Paragraphs of the first revision not yet attributed: their index
    /// there and their position in `body`.
    pending: Vec<(usize, usize)>,
    /// Per paragraph of the first revision: the revision that wrote it, 0
    /// while pending.
    owner: Vec<u32>,
}

impl<K: Eq + Hash> Walk<K> {
    /// Starts at revision `revision`, whose body is `body`.
    pub fn new(revision: u32, body: Vec<K>) -> Walk<K> {
        let distinct = positions(&body).is_some();
        Walk {
            pending: (0..body.len()).map(|i| (i, i)).collect(),
            owner: vec![0; body.len()],
            body,
            revision,
            distinct,
        }
    }

    /// Whether every paragraph is attributed: older revisions cannot change
    /// the answer.
    pub fn done(&self) -> bool {
        self.pending.is_empty()
    }

    /// Steps back to revision `revision` (the one before the walk's), whose
    /// body is `body`.
    pub fn step(&mut self, revision: u32, body: Vec<K>) {
        if body == self.body {
            // A status change or an edit outside the body: all stays.
            self.revision = revision;
            return;
        }
        let index = positions(&body);
        let distinct = index.is_some();
        match index.filter(|_| self.distinct) {
            Some(index) => {
                for (owner, at) in &mut self.pending {
                    match index.get(&self.body[*at]) {
                        Some(&i) => *at = i,
                        None => self.owner[*owner] = self.revision,
                    }
                }
            }
            None => {
                let from = carried_over(&body, &self.body);
                for (owner, at) in &mut self.pending {
                    match from[*at] {
                        Some(i) => *at = i,
                        None => self.owner[*owner] = self.revision,
                    }
                }
            }
        }
        let owner = &self.owner;
        self.pending.retain(|&(p, _)| owner[p] == 0);
        self.body = body;
        self.revision = revision;
        self.distinct = distinct;
    }

    /// Per paragraph of the first revision, the revision that wrote it.
    /// Paragraphs still pending were there since the revision the walk is
    /// at (the first revision, when it got there).
    pub fn finish(mut self) -> Vec<u32> {
        for (p, _) in self.pending {
            self.owner[p] = self.revision;
        }
        self.owner
    }
}

/// Each key's position in `body`; `None` when a key repeats.
fn positions<K: Eq + Hash>(body: &[K]) -> Option<HashMap<&K, usize>> {
    let mut index = HashMap::with_capacity(body.len());
    for (i, k) in body.iter().enumerate() {
        if index.insert(k, i).is_some() {
            return None;
        }
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Owners by walking back over `bodies` (revision 1 first) from the
    /// last, stopping early as the store does.
    fn walk(bodies: &[Vec<&str>]) -> Vec<u32> {
        let n = bodies.len() as u32;
        let mut w = Walk::new(n, bodies[n as usize - 1].clone());
        for r in (1..n).rev() {
            if w.done() {
                break;
            }
            w.step(r, bodies[r as usize - 1].clone());
        }
        w.finish()
    }

    fn reference(bodies: &[Vec<&str>]) -> Vec<u32> {
        let history: Vec<Revision> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let mut r = Revision {
                    info: crate::RevisionInfo {
                        story: 1,
                        revision: i as u32 + 1,
                        parent: None,
                        author: format!("a{i}"),
                        created_at: DateTime::<Utc>::UNIX_EPOCH,
                        note: None,
                        kind: crate::RevisionKind::Manual,
                        restored_from: None,
                        merge_base: None,
                        words: 0,
                        status: crate::Status::Draft,
                        headline: String::new(),
                    },
                    content: crate::StoryContent::new("H", vec![]),
                };
                r.content.body = b.iter().map(|s| s.to_string()).collect();
                r
            })
            .collect();
        blame(&history).iter().map(|a| a.revision).collect()
    }

    #[test]
    fn a_walk_stops_at_each_paragraphs_introduction() {
        let bodies = vec![
            vec!["One.", "Two.", "Three."],
            vec!["One.", "Two, edited.", "Three.", "Four."],
            vec!["Three.", "One.", "Two, edited.", "Four.", "Five."],
        ];
        assert_eq!(walk(&bodies), [1, 1, 2, 2, 3]);
        assert_eq!(walk(&bodies), reference(&bodies));
        // Everything new in the last revision: no step needed.
        let mut w = Walk::new(7, vec!["a", "b"]);
        w.step(6, vec!["c"]);
        assert!(w.done());
        assert_eq!(w.finish(), [7, 7]);
    }

    #[test]
    fn repeated_paragraphs_follow_the_alignment() {
        // Which of two equal paragraphs was kept decides who owns the rest.
        let bodies = vec![
            vec!["A.", "B.", "A."],
            vec!["A.", "C.", "B.", "A."],
            vec!["A.", "B."],
            vec!["B.", "A.", "A.", "B."],
        ];
        assert_eq!(walk(&bodies), reference(&bodies));
    }

    /// A random history over a small vocabulary, so that paragraphs move,
    /// vanish and come back: bodies with repeats and without, mixed.
    fn histories() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
        const WORDS: &[&str] = &["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H."];
        let repeating = prop::collection::vec(prop::sample::select(WORDS), 0..7);
        let distinct = prop::sample::subsequence(WORDS, 0..=WORDS.len()).prop_shuffle();
        prop::collection::vec(prop_oneof![repeating, distinct.clone(), distinct], 1..12)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn walking_back_agrees_with_the_reference(bodies in histories()) {
            prop_assert_eq!(walk(&bodies), reference(&bodies));
        }
    }
}
