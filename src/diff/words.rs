//! Word-level comparison of two short texts (a paragraph pair or a field).
//!
//! Text is cut into tokens: runs of letters/digits (words), runs of
//! whitespace, and single other characters (punctuation). Whitespace runs all
//! compare equal, so whitespace-only differences never mark a word. The diff
//! result is a list of [`Piece`]s: stretches that are equal on both sides and
//! stretches that changed, from which both sides' segments, the marked byte
//! ranges (for alerts) and word counts are derived.

use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use similar::{capture_diff_deadline, capture_diff_slices, Algorithm, DiffTag};

use super::scan::{common_prefix, common_suffix, count_words};
use super::{Segment, SegmentKind, Text};

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

/// The class and byte length of the character at byte `i` of `s`.
#[inline(always)]
fn class_at(s: &str, i: usize) -> (Class, usize) {
    // ASCII fast path; other characters are decoded.
    match ASCII_CLASS.get(s.as_bytes()[i] as usize) {
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
    }
}

/// The token starting at byte `i` of `s` (a token boundary): its class and end.
#[inline(always)]
fn token_at(s: &str, i: usize, end: usize) -> (Class, usize) {
    let (class, len) = class_at(s, i);
    let mut e = i + len;
    if class != Class::Punct {
        let b = s.as_bytes();
        while e < end {
            // Stay on the ASCII fast path while the run goes on.
            match ASCII_CLASS.get(b[e] as usize) {
                Some(&c) if c == class => e += 1,
                Some(_) => break,
                None => {
                    let (c, l) = class_at(s, e);
                    if c != class {
                        break;
                    }
                    e += l;
                }
            }
        }
    }
    (class, e)
}

/// Cuts text into word, whitespace and punctuation tokens that together cover
/// every byte of it.
pub(crate) fn tokenize(s: &str) -> Vec<Tok> {
    tokenize_range(s, 0, s.len())
}

/// [`tokenize`] for `s[start..end]`, both token boundaries of `s`; token
/// positions are bytes of `s`.
pub(crate) fn tokenize_range(s: &str, start: usize, end: usize) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity((end - start) / 3 + 1);
    tokenize_into(s, start, end, &mut out);
    out
}

/// [`tokenize_range`] into `out` (cleared first).
fn tokenize_into(s: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let mut i = start;
    while i < end {
        let (class, e) = token_at(s, i, end);
        out.push(Tok {
            start: i,
            end: e,
            class,
        });
        i = e;
    }
}

/// Calls `f` with the byte range of each word (letter/digit run) of `s`,
/// without building the list of tokens.
pub(crate) fn for_each_word(s: &str, mut f: impl FnMut(usize, usize)) {
    let mut i = 0;
    while i < s.len() {
        let (class, e) = token_at(s, i, s.len());
        if class == Class::Word {
            f(i, e);
        }
        i = e;
    }
}

/// Whether every character of `s` is of a class `ok` accepts.
fn all_chars(s: &str, ok: impl Fn(Class) -> bool) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (c, l) = class_at(s, i);
        if !ok(c) {
            return false;
        }
        i += l;
    }
    true
}

/// The number of tokens in `s`, counting no further than `max + 1`.
fn count_tokens(s: &str, max: usize) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < s.len() && n <= max {
        i = token_at(s, i, s.len()).1;
        n += 1;
    }
    n
}

/// The identical head and tail of two texts, at token boundaries of both:
/// `(p, old_end, new_end)` with `old[..p] == new[..p]` and
/// `old[old_end..] == new[new_end..]`, `p <= old_end`, `p <= new_end`. Each
/// boundary is decided by characters both texts share, so tokenizing
/// `p..end` gives the same tokens as the whole text does there.
fn identical_ends(old: &str, new: &str) -> (usize, usize, usize) {
    let (ob, nb) = (old.as_bytes(), new.as_bytes());
    let min = ob.len().min(nb.len());
    let mut pre = common_prefix(ob, nb);
    if pre == ob.len() && pre == nb.len() {
        return (pre, pre, pre);
    }
    // Back to a char boundary, then to the start of the token holding the
    // last shared character (a boundary in both: the character at it is
    // shared, and so is the one before).
    while pre > 0 && !old.is_char_boundary(pre) {
        pre -= 1;
    }
    let p = if pre == 0 {
        0
    } else {
        let mut q = pre;
        let prev_start = |q: usize| (1..=4).map(|k| q - k).find(|&x| old.is_char_boundary(x)).expect("char");
        let last = prev_start(q);
        let (class, _) = class_at(old, last);
        q = last;
        if class != Class::Punct {
            while q > 0 {
                let x = prev_start(q);
                if class_at(old, x).0 != class {
                    break;
                }
                q = x;
            }
        }
        q
    };
    // Only as far back as `p` on the shorter side.
    let k = min - p;
    let mut suf = common_suffix(&ob[ob.len() - k..], &nb[nb.len() - k..]);
    // Forward to a char boundary, then to the end of the token holding the
    // first shared character.
    while suf > 0 && !old.is_char_boundary(ob.len() - suf) {
        suf -= 1;
    }
    if suf == 0 {
        return (p, ob.len(), nb.len());
    }
    let mut e = ob.len() - suf;
    let (_, te) = token_at(old, e, ob.len());
    e = te;
    let cut = ob.len() - e;
    (p, ob.len() - cut, nb.len() - cut)
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

fn key<'a>(text: &'a str, t: &Tok, boring: bool) -> &'a str {
    let s = &text[t.start..t.end];
    match t.class {
        Class::Space => " ",
        Class::Punct if boring => match s.chars().next().and_then(fold_quote) {
            Some('"') => "\"",
            Some(_) => "'",
            None => s,
        },
        _ => s,
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

/// Token and segment buffers for [`WordDiff::new_in`] and
/// [`WordDiff::sides_in`], reused from one pair to the next.
#[derive(Default)]
pub(crate) struct WordScratch<'a> {
    ot: Vec<Tok>,
    nt: Vec<Tok>,
    left: Vec<(SegmentKind, RunText)>,
    right: Vec<(SegmentKind, RunText)>,
    /// Both texts, for the one buffer their segments share.
    both: String,
    /// Pieces of a finished diff ([`WordDiff::recycle`]), for the next one.
    pieces: Vec<Piece>,
    /// Token keys of the changed middle, for Myers.
    ok: Vec<&'a str>,
    nk: Vec<&'a str>,
}

/// The changed middle of two texts, as tokens of [`WordScratch`]'s `ot`
/// and `nt`: tokens `head..old_end` of the old text against
/// `head..new_end` of the new; the tokens end at bytes `old_bytes` and
/// `new_bytes` of the texts.
struct Middle {
    head: usize,
    old_end: usize,
    new_end: usize,
    old_bytes: usize,
    new_bytes: usize,
}

impl<'a> WordScratch<'a> {
    /// Appends the pieces of `old` → `new` to `pieces`; returns whether the
    /// diff ran out of time.
    fn diff(
        &mut self,
        old: &'a str,
        new: &'a str,
        boring: bool,
        deadline: Option<Instant>,
        pieces: &mut Vec<Piece>,
    ) -> bool {
        let m = self.middle(old, new, boring);
        let ob = |toks: &[Tok], k: usize| at(toks, k, m.old_bytes);
        let nb = |toks: &[Tok], k: usize| at(toks, k, m.new_bytes);
        let (oh, nh) = (ob(&self.ot, m.head), nb(&self.nt, m.head));
        let (oe, ne) = (ob(&self.ot, m.old_end), nb(&self.nt, m.new_end));
        push_piece(pieces, true, 0..oh, 0..nh);
        let (om, nm) = (m.old_end - m.head, m.new_end - m.head);
        // An empty side, or a middle of at most two tokens a side (a
        // changed word): one change, no diff needed.
        let coarse = if om == 0 || nm == 0 || (om <= 2 && nm <= 2) {
            push_piece(pieces, false, oh..oe, nh..ne);
            false
        } else {
            self.ok.clear();
            self.nk.clear();
            self.ok
                .extend(self.ot[m.head..m.old_end].iter().map(|t| key(old, t, boring)));
            self.nk
                .extend(self.nt[m.head..m.new_end].iter().map(|t| key(new, t, boring)));
            let (ok, nk) = (&self.ok, &self.nk);
            let small = ok.len() + nk.len() <= SMALL_MIDDLE;
            let limit = if small { None } else { deadline };
            let ops = capture_diff_deadline(Algorithm::Myers, ok, 0..ok.len(), nk, 0..nk.len(), limit);
            for op in ops {
                let (tag, o, n) = op.as_tag_tuple();
                let old_range = ob(&self.ot, o.start + m.head)..ob(&self.ot, o.end + m.head);
                let new_range = nb(&self.nt, n.start + m.head)..nb(&self.nt, n.end + m.head);
                push_piece(pieces, tag == DiffTag::Equal, old_range, new_range);
            }
            !small && deadline.is_some_and(|d| Instant::now() >= d)
        };
        push_piece(pieces, true, oe..old.len(), ne..new.len());
        coarse
    }

    /// Tokenizes the part between the texts' identical head and tail (cut
    /// at token boundaries, [`identical_ends`]) into `ot` and `nt`, and
    /// finds the tokens there that differ (comparing in place), so the diff
    /// algorithm, and the keys it needs, see only the middle.
    fn middle(&mut self, old: &str, new: &str, boring: bool) -> Middle {
        let (p, mut oend, mut nend) = identical_ends(old, new);
        let (ot, nt) = (&mut self.ot, &mut self.nt);
        tokenize_into(old, p, oend, ot);
        tokenize_into(new, p, nend, nt);
        let same = |x: &Tok, y: &Tok| same_token(old, x, new, y, boring);
        let mut head = ot.iter().zip(nt.iter()).take_while(|(x, y)| same(x, y)).count();
        if (head == ot.len() || head == nt.len()) && (oend < old.len() || p > 0) {
            // A side's window is all head: over the whole text the head
            // might run on into the identical tail, so decide on the whole
            // text (rare).
            (oend, nend) = (old.len(), new.len());
            tokenize_into(old, 0, old.len(), ot);
            tokenize_into(new, 0, new.len(), nt);
            head = ot.iter().zip(nt.iter()).take_while(|(x, y)| same(x, y)).count();
        }
        let tail = ot[head..]
            .iter()
            .rev()
            .zip(nt[head..].iter().rev())
            .take_while(|(x, y)| same(x, y))
            .count();
        Middle {
            head,
            old_end: ot.len() - tail,
            new_end: nt.len() - tail,
            old_bytes: oend,
            new_bytes: nend,
        }
    }
}

/// Tokens (both sides) of a changed middle small enough to diff without
/// a deadline: its Myers is a few microseconds at worst, and needs no
/// clock reading after it to know whether it was cut short.
const SMALL_MIDDLE: usize = 64;

/// A stretch of text (whole tokens, as byte ranges of each side), equal on
/// both sides or changed.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub equal: bool,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// A run of changed text: its byte ranges in the old and the new text.
pub(crate) type WordRun = (Range<usize>, Range<usize>);

/// The word-level comparison of two texts.
#[derive(Debug, Clone)]
pub(crate) struct WordDiff<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub pieces: Vec<Piece>,
    /// The diff ran out of time and may mark more than really changed.
    pub coarse: bool,
    /// [`WordDiff::word_counts`], once counted.
    counts: std::cell::Cell<Option<(u32, u32)>>,
}

/// Byte position of token index `k` of a window's tokens (`end` past the last).
fn at(toks: &[Tok], k: usize, end: usize) -> usize {
    toks.get(k).map_or(end, |t| t.start)
}

impl<'a> WordDiff<'a> {
    /// Compares two texts word by word. With `boring`, changes made only of
    /// whitespace and punctuation (including straight vs curly quotes) count
    /// as equal. Past `deadline` the whole text is one change (`coarse`).
    ///
    /// Only the part between the texts' identical head and tail (cut at
    /// token boundaries, [`identical_ends`]) is tokenized: a typical edit
    /// touches a word or two of a paragraph.
    pub fn new(old: &'a str, new: &'a str, boring: bool, deadline: Option<Instant>) -> WordDiff<'a> {
        WordDiff::new_in(old, new, boring, deadline, &mut WordScratch::default())
    }

    /// [`WordDiff::new`] with token buffers reused from earlier calls.
    pub(crate) fn new_in(
        old: &'a str,
        new: &'a str,
        boring: bool,
        deadline: Option<Instant>,
        scratch: &mut WordScratch<'a>,
    ) -> WordDiff<'a> {
        let mut pieces: Vec<Piece> = std::mem::take(&mut scratch.pieces);
        pieces.clear();
        let coarse = if deadline.is_some_and(|d| Instant::now() >= d) {
            push_piece(&mut pieces, false, 0..old.len(), 0..new.len());
            true
        } else {
            scratch.diff(old, new, boring, deadline, &mut pieces)
        };
        let mut wd = WordDiff {
            old,
            new,
            pieces,
            coarse,
            counts: Default::default(),
        };
        wd.cleanup(boring);
        wd
    }

    /// Folds a lone whitespace run between two changes into the change (so
    /// `[-x y-]{+p q+}` reads as one edit rather than two), and with `boring`
    /// turns changes made only of whitespace/punctuation into equal pieces.
    fn cleanup(&mut self, boring: bool) {
        let n = self.pieces.len();
        // Nothing to fold: a lone change, or equal text only (the common
        // cases).
        if n <= 1 || (!boring && n <= 2) {
            return;
        }
        // Pieces alternate between equal and changed; without `boring` only
        // an equal piece between two changes can fold.
        if !boring
            && !(1..n - 1).any(|i| self.pieces[i].equal && !self.pieces[i - 1].equal && !self.pieces[i + 1].equal)
        {
            return;
        }
        let mut merged: Vec<Piece> = Vec::with_capacity(n);
        for i in 0..n {
            let p = self.pieces[i].clone();
            let sandwiched = p.equal
                && i > 0
                && i + 1 < n
                && !self.pieces[i - 1].equal
                && !self.pieces[i + 1].equal
                && all_chars(&self.old[p.old.clone()], |c| c == Class::Space);
            let equal = if sandwiched {
                false
            } else if !p.equal && boring {
                all_chars(&self.old[p.old.clone()], |c| c != Class::Word)
                    && all_chars(&self.new[p.new.clone()], |c| c != Class::Word)
            } else {
                p.equal
            };
            push_piece(&mut merged, equal, p.old, p.new);
        }
        // A boring change folded to equal may now sit between two changes.
        self.pieces = merged;
    }

    /// Gives the pieces' buffer to the next [`WordDiff::new_in`] with
    /// `scratch`, rather than to the allocator.
    pub(crate) fn recycle(self, scratch: &mut WordScratch<'_>) {
        scratch.pieces = self.pieces;
    }

    /// Maximal runs of adjacent changed pieces, as `(old, new)` byte ranges:
    /// what an editor accepts or rejects as one change.
    pub fn runs(&self) -> Vec<WordRun> {
        let mut out: Vec<WordRun> = Vec::new();
        let mut prev_changed = false;
        for p in &self.pieces {
            if p.equal {
                prev_changed = false;
                continue;
            }
            match out.last_mut() {
                Some(last) if prev_changed => {
                    last.0.end = p.old.end;
                    last.1.end = p.new.end;
                }
                _ => out.push((p.old.clone(), p.new.clone())),
            }
            prev_changed = true;
        }
        out
    }

    /// Whether any piece is marked as changed.
    pub fn has_changes(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| !p.equal && (!p.old.is_empty() || !p.new.is_empty()))
    }

    /// Similarity as the share of words left unchanged: 2·equal / (old + new).
    pub fn ratio(&self) -> f32 {
        // Equal pieces hold the same words on both sides (equal tokens, or
        // with `boring` no words at all), and the pieces cover both texts:
        // old = equal + removed, new = equal + added.
        let (added, removed) = self.word_counts();
        let equal: u32 = self
            .pieces
            .iter()
            .filter(|p| p.equal)
            .map(|p| count_words(&self.old[p.old.clone()]))
            .sum();
        let total = 2 * equal + added + removed;
        if total == 0 {
            1.0
        } else {
            2.0 * equal as f32 / total as f32
        }
    }

    /// Whether [`WordDiff::ratio`] is at least `min`, counting unchanged
    /// words only until that is certain. The ratio grows with the number
    /// of equal words (the changed ones fixed), so a lower bound of that
    /// number that already reaches `min` decides; else the full ratio does.
    pub fn ratio_at_least(&self, min: f32) -> bool {
        const CHUNK: usize = 64;
        let (added, removed) = self.word_counts();
        let reaches = |equal: u32| {
            let total = 2 * equal + added + removed;
            total == 0 || 2.0 * equal as f32 / total as f32 >= min
        };
        // Equal words counted 64 bytes at a time; a word cut by a chunk
        // boundary is counted in both chunks, so every chunk after a
        // piece's first counts one word less (never below zero): a lower
        // bound.
        let mut lower = 0u32;
        for p in self.pieces.iter().filter(|p| p.equal) {
            let mut start = p.old.start;
            let mut first = true;
            while start < p.old.end {
                let mut end = (start + CHUNK).min(p.old.end);
                while !self.old.is_char_boundary(end) {
                    end += 1;
                }
                let n = count_words(&self.old[start..end]);
                lower += if first { n } else { n.saturating_sub(1) };
                if reaches(lower) {
                    return true;
                }
                first = false;
                start = end;
            }
        }
        self.ratio() >= min
    }

    /// Words (letter/digit runs) removed from the old text and added in the new.
    pub fn word_counts(&self) -> (u32, u32) {
        if let Some(c) = self.counts.get() {
            return c;
        }
        let mut removed = 0;
        let mut added = 0;
        for p in self.pieces.iter().filter(|p| !p.equal) {
            removed += count_words(&self.old[p.old.clone()]);
            added += count_words(&self.new[p.new.clone()]);
        }
        self.counts.set(Some((added, removed)));
        (added, removed)
    }

    /// Segments of the old side (equal + deleted) and the new side (equal +
    /// inserted). Each side's segments concatenate to exactly its text.
    /// All segments share one copy of the two texts.
    #[cfg(test)]
    pub fn sides(&self, char_level: bool) -> (Vec<Segment>, Vec<Segment>) {
        self.sides_in(char_level, &mut WordScratch::default())
    }

    /// [`WordDiff::sides`] with run buffers reused from earlier calls.
    pub(crate) fn sides_in(&self, char_level: bool, scratch: &mut WordScratch<'_>) -> (Vec<Segment>, Vec<Segment>) {
        let mut left = SegBuilder::with(self.old, self.new, std::mem::take(&mut scratch.left));
        let mut right = SegBuilder::with(self.old, self.new, std::mem::take(&mut scratch.right));
        for p in &self.pieces {
            if p.equal {
                left.push(SegmentKind::Equal, OLD, p.old.clone());
                right.push(SegmentKind::Equal, NEW, p.new.clone());
            } else if char_level && self.refinable(p) {
                for (kind, r, side_old) in char_pieces(&self.old[p.old.clone()], &self.new[p.new.clone()]) {
                    let (o, n) = (p.old.start, p.new.start);
                    match (kind, side_old) {
                        (SegmentKind::Equal, true) => left.push(kind, OLD, o + r.start..o + r.end),
                        (SegmentKind::Equal, false) => right.push(kind, NEW, n + r.start..n + r.end),
                        (SegmentKind::Deleted, _) => left.push(kind, OLD, o + r.start..o + r.end),
                        (SegmentKind::Inserted, _) => right.push(kind, NEW, n + r.start..n + r.end),
                    }
                }
            } else {
                left.push(SegmentKind::Deleted, OLD, p.old.clone());
                right.push(SegmentKind::Inserted, NEW, p.new.clone());
            }
        }
        let buf = self.shared_buf(&mut scratch.both);
        let (left, l_runs) = left.finish_keep(&buf);
        let (right, r_runs) = right.finish_keep(&buf);
        (scratch.left, scratch.right) = (l_runs, r_runs);
        (left, right)
    }

    /// One stream for an inline view: equal text (as in the new text),
    /// deleted text, then inserted text for each change.
    pub fn combined(&self, char_level: bool) -> Vec<Segment> {
        let mut out = SegBuilder::new(self.old, self.new, 2 * self.pieces.len());
        for p in &self.pieces {
            if p.equal {
                out.push(SegmentKind::Equal, NEW, p.new.clone());
            } else if char_level && self.refinable(p) {
                for (kind, r, side_old) in char_pieces(&self.old[p.old.clone()], &self.new[p.new.clone()]) {
                    // Equal characters appear once, from the new side.
                    if kind != SegmentKind::Equal || !side_old {
                        let (src, base) = if side_old {
                            (OLD, p.old.start)
                        } else {
                            (NEW, p.new.start)
                        };
                        out.push(kind, src, base + r.start..base + r.end);
                    }
                }
            } else {
                out.push(SegmentKind::Deleted, OLD, p.old.clone());
                out.push(SegmentKind::Inserted, NEW, p.new.clone());
            }
        }
        out.finish_keep(&self.shared_buf(&mut String::new())).0
    }

    /// The old text followed by the new one, in one allocation that every
    /// segment built from them shares (built in `both`).
    fn shared_buf(&self, both: &mut String) -> Arc<str> {
        both.clear();
        both.push_str(self.old);
        both.push_str(self.new);
        Arc::from(both.as_str())
    }

    /// A small change (a word or two on each side) worth refining into
    /// characters, as for a typo fix.
    fn refinable(&self, p: &Piece) -> bool {
        let (os, ns) = (&self.old[p.old.clone()], &self.new[p.new.clone()]);
        !p.old.is_empty()
            && !p.new.is_empty()
            && count_tokens(os, 3) <= 3
            && count_tokens(ns, 3) <= 3
            && count_words(os) <= 1
            && count_words(ns) <= 1
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

const OLD: usize = 0;
const NEW: usize = 1;

/// The text of a segment being built: a byte range of one of the two
/// texts, or (when a run joins text that is not adjacent) owned.
enum RunText {
    Range(usize, Range<usize>),
    Owned(String),
}

/// Segments under construction: a run of one kind is merged into one
/// segment, empty text adds nothing; runs are kept as byte ranges so each
/// segment's text is allocated once, at the end.
struct SegBuilder<'a> {
    src: [&'a str; 2],
    runs: Vec<(SegmentKind, RunText)>,
}

impl<'a> SegBuilder<'a> {
    fn new(old: &'a str, new: &'a str, cap: usize) -> Self {
        SegBuilder {
            src: [old, new],
            runs: Vec::with_capacity(cap),
        }
    }

    /// A builder using `runs` (emptied) as its buffer.
    fn with(old: &'a str, new: &'a str, mut runs: Vec<(SegmentKind, RunText)>) -> Self {
        runs.clear();
        SegBuilder { src: [old, new], runs }
    }

    fn push(&mut self, kind: SegmentKind, src: usize, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        if let Some((k, text)) = self.runs.last_mut() {
            if *k == kind {
                match text {
                    RunText::Range(s, last) if *s == src && last.end == r.start => last.end = r.end,
                    RunText::Range(s, last) => {
                        let mut o = String::with_capacity(last.len() + r.len());
                        o.push_str(&self.src[*s][last.clone()]);
                        o.push_str(&self.src[src][r]);
                        *text = RunText::Owned(o);
                    }
                    RunText::Owned(o) => o.push_str(&self.src[src][r]),
                }
                return;
            }
        }
        self.runs.push((kind, RunText::Range(src, r)));
    }

    /// The segments, and the emptied buffer of runs for reuse. Ranges of
    /// the texts become ranges of `buf` (the old text followed by the new).
    fn finish_keep(mut self, buf: &Arc<str>) -> (Vec<Segment>, Vec<(SegmentKind, RunText)>) {
        // Pushed into a Vec of the exact size (collecting in place would
        // reuse the larger buffer of runs and then shrink it).
        let mut out = Vec::with_capacity(self.runs.len());
        let shift = [0, self.src[OLD].len()];
        for (kind, t) in self.runs.drain(..) {
            let text = match t {
                RunText::Range(s, r) => Text::shared(buf, r.start + shift[s]..r.end + shift[s]),
                RunText::Owned(o) => Text::from(o),
            };
            out.push(Segment { kind, text });
        }
        (out, self.runs)
    }
}

/// Character-level diff of a small change: (kind, byte range, from_old_side)
/// where equal characters come twice, once per side; ranges are of `old`
/// or `new` as the flag says.
fn char_pieces(old: &str, new: &str) -> Vec<(SegmentKind, Range<usize>, bool)> {
    let oc: Vec<(usize, char)> = old.char_indices().collect();
    let nc: Vec<(usize, char)> = new.char_indices().collect();
    let ochars: Vec<char> = oc.iter().map(|c| c.1).collect();
    let nchars: Vec<char> = nc.iter().map(|c| c.1).collect();
    let obyte = |i: usize| oc.get(i).map_or(old.len(), |c| c.0);
    let nbyte = |i: usize| nc.get(i).map_or(new.len(), |c| c.0);
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ochars, &nchars) {
        let (tag, o, n) = op.as_tag_tuple();
        let os = obyte(o.start)..obyte(o.end);
        let ns = nbyte(n.start)..nbyte(n.end);
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
    segs.iter()
        .filter(|s| kinds.contains(&s.kind))
        .map(|s| s.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SegmentKind::*;

    fn marked(segs: &[Segment], kind: SegmentKind) -> Vec<String> {
        segs.iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.text.to_string())
            .collect()
    }

    #[test]
    fn count_words_counts_letter_digit_runs() {
        let mut rng = crate::diff::test_rng(0x9e37_79b9_7f4a_7c15);
        let pieces = [
            "a", "Z", "0", "9", " ", ",", "@", "[", "`", "{", "/", ":", "_", "é", "“", "日本", "\t", "xy", "12",
            "\u{7f}",
        ];
        for _ in 0..20_000 {
            let seed = rng() as u64;
            let n = (seed % 40) as usize;
            let text: String = (0..n)
                .map(|k| pieces[((seed >> (k % 50)) as usize + k * 7) % pieces.len()])
                .collect();
            let expected = tokenize(&text).iter().filter(|t| t.class == Class::Word).count() as u32;
            assert_eq!(count_words(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn tokens_cover_the_text() {
        let s = "Kim’s  “sacred fight,” $3.5 million";
        let toks = tokenize(s);
        let joined: String = toks.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(joined, s);
        assert!(toks
            .iter()
            .any(|t| &s[t.start..t.end] == "  " && t.class == Class::Space));
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
    fn ratio_at_least_agrees_with_ratio() {
        let texts = [
            "", "a", "a b", "He ran 6 miles today.", "He ran 8 miles today.", "Kim’s “sacred fight,” $3.5 million",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen eighteen",
            "völlig verschiedene Wörter hier und dort, immer wieder und wieder verschieden, naïve café Zürich",
            "completely different words",
        ];
        for a in texts {
            for b in texts {
                for boring in [false, true] {
                    let wd = WordDiff::new(a, b, boring, None);
                    for min in [0.0, 0.1, 0.45, 0.5, 0.8, 0.95, 1.0] {
                        assert_eq!(wd.ratio_at_least(min), wd.ratio() >= min, "{a:?} {b:?} {min}");
                    }
                }
            }
        }
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
