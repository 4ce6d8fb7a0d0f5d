//! Word-level comparison of two short texts (a paragraph pair or a field).
//!
//! Text is cut into tokens: runs of letters/digits (words), runs of
//! whitespace, and single other characters (punctuation). Whitespace runs all
//! compare equal, so whitespace-only differences never mark a word. The diff
//! result is a list of [`Piece`]s: stretches that are equal on both sides and
//! stretches that changed, from which both sides' segments, the marked byte
//! ranges (for alerts) and word counts are derived.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use similar::{capture_diff_deadline, capture_diff_slices, Algorithm, DiffTag};

use super::{Segment, SegmentKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Word,
    Space,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub class: Class,
}

/// The class of each ASCII byte (as `char::is_alphanumeric` and
/// `char::is_whitespace` would say).
static ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Punct; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            Class::Space
        } else {
            Class::Punct
        };
        i += 1;
    }
    t
};

/// Cuts text into word, whitespace and punctuation tokens that together cover
/// every byte of it.
pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    let bytes = s.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(s.len() / 3);
    let mut i = 0;
    while i < bytes.len() {
        // ASCII fast path; other characters are decoded.
        let b = bytes[i];
        let (class, len) = match ASCII_CLASS.get(b as usize) {
            Some(&c) => (c, 1),
            None => {
                let ch = s[i..].chars().next().expect("char boundary");
                let class = if ch.is_alphanumeric() {
                    Class::Word
                } else if ch.is_whitespace() {
                    Class::Space
                } else {
                    Class::Punct
                };
                (class, ch.len_utf8())
            }
        };
        let end = i + len;
        match out.last_mut() {
            Some(last) if last.class == class && class != Class::Punct && last.end == i => last.end = end,
            _ => out.push(Tok { start: i, end, class }),
        }
        i = end;
    }
    out
}

/// Straight and curly quotes (and primes) compared as one when boring changes
/// are ignored.
fn fold_quote(ch: char) -> Option<char> {
    match ch {
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => Some('"'),
        '‘' | '’' | '‚' | '‛' | '′' => Some('\''),
        _ => None,
    }
}

fn key<'a>(text: &'a str, t: &Tok, boring: bool) -> Cow<'a, str> {
    let s = &text[t.start..t.end];
    match t.class {
        Class::Space => Cow::Borrowed(" "),
        Class::Punct if boring => match s.chars().next().and_then(fold_quote) {
            Some(q) => Cow::Owned(q.to_string()),
            None => Cow::Borrowed(s),
        },
        _ => Cow::Borrowed(s),
    }
}

/// Whether two tokens compare equal, as their [`key`]s would.
fn same_token(a: &str, x: &Tok, b: &str, y: &Tok, boring: bool) -> bool {
    if x.class != y.class {
        return false;
    }
    let (xs, ys) = (&a[x.start..x.end], &b[y.start..y.end]);
    match x.class {
        Class::Space => true,
        Class::Punct if boring => {
            let fold = |s: &str| s.chars().next().and_then(fold_quote);
            match (fold(xs), fold(ys)) {
                (None, None) => xs == ys,
                (p, q) => p == q,
            }
        }
        _ => xs == ys,
    }
}

/// A stretch of tokens, equal on both sides or changed.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub equal: bool,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// The word-level comparison of two texts.
#[derive(Debug, Clone)]
pub(crate) struct WordDiff<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub ot: Vec<Tok>,
    pub nt: Vec<Tok>,
    pub pieces: Vec<Piece>,
    /// The diff ran out of time and may mark more than really changed.
    pub coarse: bool,
}

impl<'a> WordDiff<'a> {
    /// Compares two texts word by word. With `boring`, changes made only of
    /// whitespace and punctuation (including straight vs curly quotes) count
    /// as equal. Past `deadline` the whole text is one change (`coarse`).
    pub fn new(old: &'a str, new: &'a str, boring: bool, deadline: Option<Instant>) -> WordDiff<'a> {
        Self::with_tokens(old, new, tokenize(old), tokenize(new), boring, deadline)
    }

    /// [`WordDiff::new`] for texts already tokenized.
    pub fn with_tokens(old: &'a str, new: &'a str, ot: Vec<Tok>, nt: Vec<Tok>, boring: bool, deadline: Option<Instant>) -> WordDiff<'a> {
        let expired = deadline.is_some_and(|d| Instant::now() >= d);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut coarse = false;
        if expired {
            coarse = true;
            pieces.push(Piece { equal: false, old: 0..ot.len(), new: 0..nt.len() });
        } else {
            // Most edits touch a word or two: strip the common head and
            // tail first (comparing in place) so the diff algorithm, and the
            // keys it needs, see only the middle.
            let same = |x: &Tok, y: &Tok| same_token(old, x, new, y, boring);
            let head = ot.iter().zip(&nt).take_while(|(x, y)| same(x, y)).count();
            let tail = ot[head..].iter().rev().zip(nt[head..].iter().rev()).take_while(|(x, y)| same(x, y)).count();
            let (oe, ne) = (ot.len() - tail, nt.len() - tail);
            push_piece(&mut pieces, true, 0..head, 0..head);
            // An empty side, or a middle of at most two tokens a side (a
            // changed word): one change, no diff needed.
            if head == oe || head == ne || (oe - head <= 2 && ne - head <= 2) {
                push_piece(&mut pieces, false, head..oe, head..ne);
            } else {
                let ok: Vec<Cow<str>> = ot[head..oe].iter().map(|t| key(old, t, boring)).collect();
                let nk: Vec<Cow<str>> = nt[head..ne].iter().map(|t| key(new, t, boring)).collect();
                let ops = capture_diff_deadline(Algorithm::Myers, &ok, 0..ok.len(), &nk, 0..nk.len(), deadline);
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    coarse = true;
                }
                for op in ops {
                    let (tag, o, n) = op.as_tag_tuple();
                    push_piece(&mut pieces, tag == DiffTag::Equal, o.start + head..o.end + head, n.start + head..n.end + head);
                }
            }
            push_piece(&mut pieces, true, oe..ot.len(), ne..nt.len());
        }
        let mut wd = WordDiff { old, new, ot, nt, pieces, coarse };
        wd.cleanup(boring);
        wd
    }

    fn all_of(toks: &[Tok], r: &Range<usize>, ok: impl Fn(Class) -> bool) -> bool {
        toks[r.clone()].iter().all(|t| ok(t.class))
    }

    /// Folds a lone whitespace run between two changes into the change (so
    /// `[-x y-]{+p q+}` reads as one edit rather than two), and with `boring`
    /// turns changes made only of whitespace/punctuation into equal pieces.
    fn cleanup(&mut self, boring: bool) {
        let mut merged: Vec<Piece> = Vec::with_capacity(self.pieces.len());
        let n = self.pieces.len();
        for i in 0..n {
            let p = self.pieces[i].clone();
            let sandwiched = p.equal
                && i > 0
                && i + 1 < n
                && !self.pieces[i - 1].equal
                && !self.pieces[i + 1].equal
                && Self::all_of(&self.ot, &p.old, |c| c == Class::Space);
            let equal = if sandwiched {
                false
            } else if !p.equal && boring {
                Self::all_of(&self.ot, &p.old, |c| c != Class::Word)
                    && Self::all_of(&self.nt, &p.new, |c| c != Class::Word)
            } else {
                p.equal
            };
            push_piece(&mut merged, equal, p.old, p.new);
        }
        // A boring change folded to equal may now sit between two changes.
        self.pieces = merged;
    }

    /// Whether any piece is marked as changed.
    pub fn has_changes(&self) -> bool {
        self.pieces.iter().any(|p| !p.equal && (!p.old.is_empty() || !p.new.is_empty()))
    }

    fn bytes(toks: &[Tok], text: &str, r: &Range<usize>) -> Range<usize> {
        if r.is_empty() {
            let at = toks.get(r.start).map_or(text.len(), |t| t.start);
            at..at
        } else {
            toks[r.start].start..toks[r.end - 1].end
        }
    }

    /// Byte ranges of each change: (in old, in new). A pure insertion has an
    /// empty old range at the point of insertion, and vice versa.
    pub fn marks(&self) -> Vec<(Range<usize>, Range<usize>)> {
        self.pieces
            .iter()
            .filter(|p| !p.equal)
            .map(|p| (Self::bytes(&self.ot, self.old, &p.old), Self::bytes(&self.nt, self.new, &p.new)))
            .collect()
    }

    /// Similarity as the share of words left unchanged: 2·equal / (old + new).
    pub fn ratio(&self) -> f32 {
        let words = |toks: &[Tok], r: &Range<usize>| toks[r.clone()].iter().filter(|t| t.class == Class::Word).count();
        let equal: usize = self.pieces.iter().filter(|p| p.equal).map(|p| words(&self.ot, &p.old)).sum();
        let total = words(&self.ot, &(0..self.ot.len())) + words(&self.nt, &(0..self.nt.len()));
        if total == 0 {
            1.0
        } else {
            2.0 * equal as f32 / total as f32
        }
    }

    /// Words (letter/digit runs) removed from the old text and added in the new.
    pub fn word_counts(&self) -> (u32, u32) {
        let mut removed = 0;
        let mut added = 0;
        for p in self.pieces.iter().filter(|p| !p.equal) {
            removed += self.ot[p.old.clone()].iter().filter(|t| t.class == Class::Word).count() as u32;
            added += self.nt[p.new.clone()].iter().filter(|t| t.class == Class::Word).count() as u32;
        }
        (added, removed)
    }

    /// Segments of the old side (equal + deleted) and the new side (equal +
    /// inserted). Each side's segments concatenate to exactly its text.
    pub fn sides(&self, char_level: bool) -> (Vec<Segment>, Vec<Segment>) {
        let mut left = Vec::new();
        let mut right = Vec::new();
        for p in &self.pieces {
            let o = Self::bytes(&self.ot, self.old, &p.old);
            let n = Self::bytes(&self.nt, self.new, &p.new);
            let (os, ns) = (&self.old[o], &self.new[n]);
            if p.equal {
                push_seg(&mut left, SegmentKind::Equal, os);
                push_seg(&mut right, SegmentKind::Equal, ns);
            } else if char_level && self.refinable(p) {
                for (kind, text, side_old) in char_pieces(os, ns) {
                    match (kind, side_old) {
                        (SegmentKind::Equal, true) => push_seg(&mut left, kind, text),
                        (SegmentKind::Equal, false) => push_seg(&mut right, kind, text),
                        (SegmentKind::Deleted, _) => push_seg(&mut left, kind, text),
                        (SegmentKind::Inserted, _) => push_seg(&mut right, kind, text),
                    }
                }
            } else {
                push_seg(&mut left, SegmentKind::Deleted, os);
                push_seg(&mut right, SegmentKind::Inserted, ns);
            }
        }
        (left, right)
    }

    /// One stream for an inline view: equal text (as in the new text),
    /// deleted text, then inserted text for each change.
    pub fn combined(&self, char_level: bool) -> Vec<Segment> {
        let mut out = Vec::new();
        for p in &self.pieces {
            let os = &self.old[Self::bytes(&self.ot, self.old, &p.old)];
            let ns = &self.new[Self::bytes(&self.nt, self.new, &p.new)];
            if p.equal {
                push_seg(&mut out, SegmentKind::Equal, ns);
            } else if char_level && self.refinable(p) {
                for (kind, text, side_old) in char_pieces(os, ns) {
                    // Equal characters appear once, from the new side.
                    if kind != SegmentKind::Equal || !side_old {
                        push_seg(&mut out, kind, text);
                    }
                }
            } else {
                push_seg(&mut out, SegmentKind::Deleted, os);
                push_seg(&mut out, SegmentKind::Inserted, ns);
            }
        }
        out
    }

    /// A small change (a word or two on each side) worth refining into
    /// characters, as for a typo fix.
    fn refinable(&self, p: &Piece) -> bool {
        let words = |toks: &[Tok], r: &Range<usize>| toks[r.clone()].iter().filter(|t| t.class == Class::Word).count();
        !p.old.is_empty()
            && !p.new.is_empty()
            && p.old.len() <= 3
            && p.new.len() <= 3
            && words(&self.ot, &p.old) <= 1
            && words(&self.nt, &p.new) <= 1
    }
}

fn push_piece(pieces: &mut Vec<Piece>, equal: bool, old: Range<usize>, new: Range<usize>) {
    if old.is_empty() && new.is_empty() {
        return;
    }
    if let Some(last) = pieces.last_mut() {
        if last.equal == equal && last.old.end == old.start && last.new.end == new.start {
            last.old.end = old.end;
            last.new.end = new.end;
            return;
        }
    }
    pieces.push(Piece { equal, old, new });
}

/// Appends text to a segment list, merging with the last segment of the same
/// kind; empty text adds nothing.
pub(crate) fn push_seg(out: &mut Vec<Segment>, kind: SegmentKind, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.kind == kind {
            last.text.push_str(text);
            return;
        }
    }
    out.push(Segment { kind, text: text.to_string() });
}

/// Character-level diff of a small change: (kind, text, from_old_side) where
/// equal characters come twice, once per side.
fn char_pieces<'s>(old: &'s str, new: &'s str) -> Vec<(SegmentKind, &'s str, bool)> {
    let oc: Vec<(usize, char)> = old.char_indices().collect();
    let nc: Vec<(usize, char)> = new.char_indices().collect();
    let ochars: Vec<char> = oc.iter().map(|c| c.1).collect();
    let nchars: Vec<char> = nc.iter().map(|c| c.1).collect();
    let obyte = |i: usize| oc.get(i).map_or(old.len(), |c| c.0);
    let nbyte = |i: usize| nc.get(i).map_or(new.len(), |c| c.0);
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ochars, &nchars) {
        let (tag, o, n) = op.as_tag_tuple();
        let os = &old[obyte(o.start)..obyte(o.end)];
        let ns = &new[nbyte(n.start)..nbyte(n.end)];
        if tag == DiffTag::Equal {
            out.push((SegmentKind::Equal, os, true));
            out.push((SegmentKind::Equal, ns, false));
        } else {
            out.push((SegmentKind::Deleted, os, true));
            out.push((SegmentKind::Inserted, ns, false));
        }
    }
    out
}

/// Concatenated text of the segments of the given kinds.
#[cfg(test)]
pub(crate) fn text_of(segs: &[Segment], kinds: &[SegmentKind]) -> String {
    segs.iter().filter(|s| kinds.contains(&s.kind)).map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SegmentKind::*;

    fn marked(segs: &[Segment], kind: SegmentKind) -> Vec<String> {
        segs.iter().filter(|s| s.kind == kind).map(|s| s.text.clone()).collect()
    }

    #[test]
    fn tokens_cover_the_text() {
        let s = "Kim’s  “sacred fight,” $3.5 million";
        let toks = tokenize(s);
        let joined: String = toks.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(joined, s);
        assert!(toks.iter().any(|t| &s[t.start..t.end] == "  " && t.class == Class::Space));
    }

    #[test]
    fn a_changed_word_is_marked_on_both_sides() {
        let wd = WordDiff::new("He ran 6 miles today.", "He ran 8 miles today.", false, None);
        let (l, r) = wd.sides(false);
        assert_eq!(marked(&l, Deleted), vec!["6"]);
        assert_eq!(marked(&r, Inserted), vec!["8"]);
        assert_eq!(text_of(&l, &[Equal, Deleted]), "He ran 6 miles today.");
        assert_eq!(text_of(&r, &[Equal, Inserted]), "He ran 8 miles today.");
        assert_eq!(wd.word_counts(), (1, 1));
    }

    #[test]
    fn whitespace_only_differences_mark_nothing() {
        let wd = WordDiff::new("one  two\nthree", "one two three", false, None);
        assert!(!wd.has_changes());
        let (l, r) = wd.sides(false);
        assert_eq!(text_of(&l, &[Equal]), "one  two\nthree");
        assert_eq!(text_of(&r, &[Equal]), "one two three");
    }

    #[test]
    fn boring_changes_count_only_when_not_ignored() {
        let (a, b) = ("He said, “yes.”", "He said \"yes\"");
        assert!(WordDiff::new(a, b, false, None).has_changes());
        assert!(!WordDiff::new(a, b, true, None).has_changes());
        // A changed word is never boring.
        assert!(WordDiff::new("He said yes.", "He said no.", true, None).has_changes());
    }

    #[test]
    fn adjacent_word_changes_read_as_one_edit() {
        let wd = WordDiff::new("a quick brown fox", "a slow red fox", false, None);
        let (l, r) = wd.sides(false);
        assert_eq!(marked(&l, Deleted), vec!["quick brown"]);
        assert_eq!(marked(&r, Inserted), vec!["slow red"]);
    }

    #[test]
    fn char_level_refines_a_typo() {
        let wd = WordDiff::new("the goverment said", "the government said", false, None);
        let (l, r) = wd.sides(true);
        assert_eq!(marked(&l, Deleted), Vec::<String>::new());
        assert_eq!(marked(&r, Inserted), vec!["n"]);
        assert_eq!(text_of(&r, &[Equal, Inserted]), "the government said");
        let (_, r) = wd.sides(false);
        assert_eq!(marked(&r, Inserted), vec!["government"]);
        let c = wd.combined(true);
        assert_eq!(marked(&c, Inserted), vec!["n"]);
        assert_eq!(text_of(&c, &[Equal, Inserted]), "the government said");
    }

    #[test]
    fn expired_deadline_marks_everything() {
        let past = Instant::now() - std::time::Duration::from_millis(1);
        let wd = WordDiff::new("a b c", "a b d", false, Some(past));
        assert!(wd.coarse);
        let (l, _) = wd.sides(false);
        assert_eq!(marked(&l, Deleted), vec!["a b c"]);
    }
}
