//! Aligning the body paragraphs of two revisions into rows.
//!
//! 1. Align paragraphs by content with Patience over 64-bit hashes of the
//!    keys (the text, or with `ignore_boring` the words only). Unchanged
//!    paragraphs cost a hash.
//! 2. Exact moves: a paragraph deleted in one hunk and inserted identically
//!    in another (hash lookup, any size).
//! 3. Pair what is left inside each hunk by similarity into *changed* rows.
//!    A 1 × 1 hunk (one paragraph edited in place, the common case) uses the
//!    word diff's share of unchanged words; so does a small square hunk
//!    whose paragraphs are each edited in place, when that proves the DP
//!    below would pair them in order ([`Work::diagonal`]); other hunks use
//!    bag-of-words Dice on hashed words and an order-preserving DP — only
//!    when the hunk is small enough ([`PAIR_CAP`]), else coarse. Each pair
//!    is then compared in full (word segments, word counts, alerts). Hunks
//!    are independent:
//!    with at least [`PAR_MIN_BYTES`] of their text, contiguous runs of hunks go
//!    to up to [`MAX_THREADS`] threads (`std::thread::scope`, own buffers
//!    each, results joined in hunk order, so the output is the same).
//! 4. Near moves: leftovers ≥ 80% similar across hunks — only when there are
//!    few enough candidate pairs ([`MOVE_CAP`]), else coarse.
//! 5. Rows in order; word-level segments and alerts for moved rows; stats.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use similar::{capture_diff_deadline, Algorithm, DiffTag};

use super::alerts::{alerts_into, AlertScratch};
use super::scan::{count_words, para_hash};
use super::words::{for_each_word, tokenize, Class, WordDiff, WordRun, WordScratch};
use super::{Alert, CompareOptions, Row, RowKind, Segment, SegmentKind, Segments, Side, Stats, Text};

/// Largest deleted × inserted paragraph count of one hunk we pair by
/// similarity; a bigger hunk (typically unrelated texts) stays
/// deleted + inserted.
pub const PAIR_CAP: usize = 40_000;
/// Largest leftover deleted × inserted count we search for near moves.
pub const MOVE_CAP: usize = 250_000;
/// Least similarity for two paragraphs of a hunk to be one changed paragraph.
pub const PAIR_MIN: f32 = 0.45;
/// Least similarity for a paragraph elsewhere to count as moved.
pub const MOVE_MIN: f32 = 0.8;
/// Largest square hunk tried as paragraphs edited in place before pairing
/// by bags ([`Work::diagonal`]); bigger ones rarely are.
const DIAGONAL_MAX: usize = 8;

#[derive(Debug, PartialEq)]
pub(crate) struct BodyResult {
    pub rows: Vec<Row>,
    pub alerts: Vec<Alert>,
    pub stats: Stats,
    pub coarse: bool,
    /// Threads used (1: all on the calling thread).
    pub threads: usize,
    /// The runs of changed words of each changed row, by row index in
    /// order, as `(old, new)` byte ranges of its paragraphs, from the word
    /// diff that made its segments (for `Comparison::changes`); none with
    /// `ignore_boring`, whose word diff hides boring changes.
    pub runs: Vec<(usize, Vec<WordRun>)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fate {
    /// Aligned as equal.
    Equal,
    /// Paired as changed with this index on the other side.
    Paired(usize),
    /// Moved; the move's id.
    Moved(usize),
    Unmatched,
}

enum Block {
    Equal(Range<usize>, Range<usize>),
    Hunk(usize),
}

struct Hunk {
    old: Range<usize>,
    new: Range<usize>,
}

/// The words-only key used with `ignore_boring`.
fn boring_key(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for t in tokenize(p).iter().filter(|t| t.class == Class::Word) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&p[t.start..t.end]);
    }
    out
}

/// A hasher for keys that are already good 64-bit hashes.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

type IdMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Patience alignment of two sequences of paragraph hashes: the runs they
/// share, in order. Recursively: the identical head and tail are shared;
/// of the rest, the values found exactly once on each side are anchors, and
/// the longest increasing run of them (by position on both sides) is
/// shared, with the gaps between aligned the same way; a gap with no such
/// anchors goes to Myers. Returns `None` past the deadline.
fn patience(a: &[u64], b: &[u64], deadline: Instant) -> Option<Vec<Run>> {
    let mut out = Vec::new();
    patience_into(a, b, 0, 0, deadline, &mut out)?;
    Some(out)
}

/// Adds `len` shared paragraphs from `old` and `new` to `out`, joining
/// them to the last run when they continue it.
fn push_run(out: &mut Vec<Run>, old: usize, new: usize, len: usize) {
    if len == 0 {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.old + last.len == old && last.new + last.len == new {
            last.len += len;
            return;
        }
    }
    out.push(Run { old, new, len });
}

/// [`patience`] of `a` and `b`, which start at `ao` and `bo` of the whole
/// sequences, into `out`.
fn patience_into(a: &[u64], b: &[u64], ao: usize, bo: usize, deadline: Instant, out: &mut Vec<Run>) -> Option<()> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    push_run(out, ao, bo, head);
    let (a, b) = (&a[head..], &b[head..]);
    let tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    let (ao, bo) = (ao + head, bo + head);
    // A small hunk with nothing in common (a paragraph or two edited) has
    // nothing to align.
    let small_and_apart = am.len() * bm.len() <= 64 && !am.iter().any(|x| bm.contains(x));
    if !am.is_empty() && !bm.is_empty() && !small_and_apart {
        if Instant::now() >= deadline {
            return None;
        }
        let anchors = unique_pairs(am, bm);
        if anchors.is_empty() {
            let ops = capture_diff_deadline(Algorithm::Myers, am, 0..am.len(), bm, 0..bm.len(), Some(deadline));
            for op in ops {
                let (tag, o, n) = op.as_tag_tuple();
                if tag == DiffTag::Equal {
                    push_run(out, ao + o.start, bo + n.start, o.len());
                }
            }
        } else {
            let (mut i0, mut j0) = (0usize, 0usize);
            for (i, j) in longest_increasing(&anchors) {
                let (i, j) = (i as usize, j as usize);
                patience_into(&am[i0..i], &bm[j0..j], ao + i0, bo + j0, deadline, out)?;
                push_run(out, ao + i, bo + j, 1);
                (i0, j0) = (i + 1, j + 1);
            }
            patience_into(&am[i0..], &bm[j0..], ao + i0, bo + j0, deadline, out)?;
        }
    }
    push_run(out, ao + am.len(), bo + bm.len(), tail);
    Some(())
}

/// One value of [`unique_pairs`]' table: how often it occurs on each side
/// and where it last does. A slot is free while `old_count` is 0 (only old
/// values are inserted).
#[derive(Clone, Copy, Default)]
struct Seen {
    value: u64,
    old_count: u32,
    old_at: u32,
    new_count: u32,
    new_at: u32,
}

/// The values found exactly once in `am` and once in `bm`, as their
/// (old, new) positions in old order.
///
/// An open-addressed table indexed by the hash's own low bits (already well
/// mixed) with linear probing: cheaper than a general map, and each old
/// value's slot is kept so the anchors need no second lookup.
fn unique_pairs(am: &[u64], bm: &[u64]) -> Vec<(u32, u32)> {
    let mask = (2 * am.len()).next_power_of_two() - 1;
    let mut seen = vec![Seen::default(); mask + 1];
    let mut slot_of: Vec<u32> = Vec::with_capacity(am.len());
    for (i, &x) in am.iter().enumerate() {
        let mut k = x as usize & mask;
        while seen[k].old_count != 0 && seen[k].value != x {
            k = (k + 1) & mask;
        }
        let e = &mut seen[k];
        e.value = x;
        e.old_count += 1;
        e.old_at = i as u32;
        slot_of.push(k as u32);
    }
    for (j, &y) in bm.iter().enumerate() {
        let mut k = y as usize & mask;
        while seen[k].old_count != 0 {
            if seen[k].value == y {
                seen[k].new_count += 1;
                seen[k].new_at = j as u32;
                break;
            }
            k = (k + 1) & mask;
        }
    }
    // Walking the old side rather than sorting the table's entries.
    slot_of
        .iter()
        .map(|&k| seen[k as usize])
        .filter(|e| e.old_count == 1 && e.new_count == 1)
        .map(|e| (e.old_at, e.new_at))
        .collect()
}

/// The longest run of `anchors` (in old order) increasing in new position
/// too (patience sorting), built from the end so that among equally long
/// runs the earlier paragraphs stay in place (as Myers would keep them).
fn longest_increasing(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // tops[k]: the anchor starting the best run of k + 1 found so far;
    // next[x]: the anchor after x.
    let mut tops: Vec<usize> = Vec::new();
    let mut next = vec![usize::MAX; anchors.len()];
    for (k, &(_, j)) in anchors.iter().enumerate().rev() {
        // Mostly the anchors come in order, so the run grows by one: check
        // that before searching.
        let pos = match tops.last() {
            Some(&t) if anchors[t].1 <= j => tops.partition_point(|&t| anchors[t].1 > j),
            _ => tops.len(),
        };
        if pos > 0 {
            next[k] = tops[pos - 1];
        }
        if pos == tops.len() {
            tops.push(k);
        } else {
            tops[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tops.len());
    let mut k = tops.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(anchors[k]);
        k = next[k];
    }
    chain
}

/// The paragraph's words (letter/digit runs, as [`tokenize`] finds them)
/// as sorted hashes (a bag of words), appended to `store`; returns where.
fn bag(p: &str, store: &mut Vec<u64>) -> Range<usize> {
    let start = store.len();
    for_each_word(p, |s, e| store.push(para_hash(&p[s..e])));
    store[start..].sort_unstable();
    start..store.len()
}

/// Dice similarity of two bags: 2·common / (|a| + |b|), in 0..=1.
fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Whether two bags could reach `min` similarity at all, by size alone.
fn could_reach(a: usize, b: usize, min: f32) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    (lo + hi) == 0 || 2.0 * lo as f32 / (lo + hi) as f32 >= min
}

/// Order-preserving pairing that maximises total similarity (pairs below
/// `PAIR_MIN` excluded), of the bags `store[olds[x]]` with `store[news[y]]`.
/// Puts (old position, new position) pairs in `out` (cleared first) and
/// returns true, or returns false when the deadline passes first. `sim` and
/// `best` are scratch space (reused: a hunk's tables are small, and there
/// are many hunks).
fn pair_in_order(
    store: &[u64],
    olds: &[Range<usize>],
    news: &[Range<usize>],
    deadline: Instant,
    sim: &mut Vec<f32>,
    best: &mut Vec<f32>,
    out: &mut Vec<(usize, usize)>,
) -> bool {
    let (n, m) = (olds.len(), news.len());
    out.clear();
    sim.clear();
    sim.resize(n * m, 0.0);
    for i in 0..n {
        // The caller has just read the clock, and 8 rows are at most
        // 8 · `PAIR_CAP` / n bag comparisons: every 8th row is often enough.
        if i % 8 == 7 && Instant::now() >= deadline {
            return false;
        }
        let ob = &store[olds[i].clone()];
        for j in 0..m {
            if could_reach(ob.len(), news[j].len(), PAIR_MIN) {
                let s = dice(ob, &store[news[j].clone()]);
                if s >= PAIR_MIN {
                    sim[i * m + j] = s;
                }
            }
        }
    }
    // best[i][j]: best total using olds[i..], news[j..].
    let w = m + 1;
    best.clear();
    best.resize((n + 1) * w, 0.0);
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = sim[i * m + j];
            let take = if s > 0.0 { s + best[(i + 1) * w + j + 1] } else { 0.0 };
            best[i * w + j] = take.max(best[(i + 1) * w + j]).max(best[i * w + j + 1]);
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let s = sim[i * m + j];
        if s > 0.0 && best[i * w + j] == s + best[(i + 1) * w + j + 1] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if best[i * w + j] == best[(i + 1) * w + j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    true
}

fn whole(kind: SegmentKind, text: &str) -> Segments {
    if text.is_empty() {
        Segments::default()
    } else {
        Segments::one(Segment {
            kind,
            text: Text::from(text),
        })
    }
}

/// The side of an equal row whose text is the next `len` bytes of `buf`
/// (from `*at`, which moves past them).
fn equal_side(buf: &Arc<str>, at: &mut usize, len: usize) -> Segments {
    let start = *at;
    *at += len;
    if len == 0 {
        Segments::default()
    } else {
        Segments::one(Segment {
            kind: SegmentKind::Equal,
            text: Text::shared(buf, start..start + len),
        })
    }
}

pub(crate) fn compare_body(a: &[String], b: &[String], opts: &CompareOptions, deadline: Instant) -> BodyResult {
    compare_body_par(a, b, opts, deadline, Par::auto())
}

/// [`compare_body`] with the threads to use given: the five phases of the
/// module documentation, in order.
pub(crate) fn compare_body_par(
    a: &[String],
    b: &[String],
    opts: &CompareOptions,
    deadline: Instant,
    par: Par,
) -> BodyResult {
    // Keys: the paragraphs themselves, or with `ignore_boring` their words
    // only (built then; otherwise no list of keys is made).
    let boring = opts.ignore_boring.then(|| (keys_of(a), keys_of(b)));
    let (ak, bk) = match &boring {
        Some((ak, bk)) => (&ak[..], &bk[..]),
        None => (a, b),
    };
    let ah: Vec<u64> = ak.iter().map(|k| para_hash(k)).collect();
    let bh: Vec<u64> = bk.iter().map(|k| para_hash(k)).collect();
    let (runs, mut coarse) = align(ak, bk, &ah, &bh, deadline);
    let mut layout = Layout::new(&runs, a.len(), b.len());
    let mut moves = layout.exact_moves(&ah, &bh, ak, bk);
    let work = Work { a, b, opts, deadline };
    let mut scratch = Scratch::default();
    let (paired, hunks_coarse, threads) = layout.pair_hunks(&work, par, &mut scratch);
    coarse |= hunks_coarse;
    coarse |= layout.near_moves(a, b, deadline, &mut moves);
    let out = BodyResult {
        rows: Vec::with_capacity(a.len().max(b.len())),
        alerts: Vec::new(),
        stats: Stats::default(),
        coarse,
        threads,
        runs: Vec::new(),
    };
    RowWriter::new(work, &layout, &moves, paired, out, &mut scratch).write()
}

/// The words-only keys of paragraphs, for `ignore_boring`.
fn keys_of(ps: &[String]) -> Vec<String> {
    ps.iter().map(|p| boring_key(p)).collect()
}

/// A run of paragraphs both sides share: where it starts on each side and
/// its length.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    old: usize,
    new: usize,
    len: usize,
}

/// Phase 1: the runs of paragraphs the two sides share (by their keys `ak`,
/// `bk` and the keys' hashes), and whether time ran out. Aligned on the
/// hashes (cheap to compare inside the algorithm); equal hashes are checked
/// against the keys, and on the (astronomically unlikely) collision the
/// keys are aligned instead.
fn align(ak: &[String], bk: &[String], ah: &[u64], bh: &[u64], deadline: Instant) -> (Vec<Run>, bool) {
    // Out of time: all one hunk, and coarse.
    let mut runs = patience(ah, bh, deadline).unwrap_or_default();
    let collided = runs.iter().any(|r| (0..r.len).any(|k| ak[r.old + k] != bk[r.new + k]));
    if collided {
        runs = capture_diff_deadline(Algorithm::Patience, ak, 0..ak.len(), bk, 0..bk.len(), Some(deadline))
            .iter()
            .map(|op| op.as_tag_tuple())
            .filter(|(tag, _, _)| *tag == DiffTag::Equal)
            .map(|(_, o, n)| Run {
                old: o.start,
                new: n.start,
                len: o.len(),
            })
            .collect();
    }
    (runs, Instant::now() >= deadline)
}

/// What became of each paragraph so far, and the alignment's blocks.
struct Layout {
    old_fate: Vec<Fate>,
    new_fate: Vec<Fate>,
    /// The hunk each unaligned paragraph is in (`usize::MAX`: aligned).
    old_hunk: Vec<usize>,
    new_hunk: Vec<usize>,
    hunks: Vec<Hunk>,
    blocks: Vec<Block>,
}

impl Layout {
    /// The equal paragraphs of the `runs` and hunks of the rest, for
    /// `na` old and `nb` new paragraphs.
    fn new(runs: &[Run], na: usize, nb: usize) -> Layout {
        let mut l = Layout {
            old_fate: vec![Fate::Unmatched; na],
            new_fate: vec![Fate::Unmatched; nb],
            old_hunk: vec![usize::MAX; na],
            new_hunk: vec![usize::MAX; nb],
            hunks: Vec::new(),
            blocks: Vec::new(),
        };
        let (mut i0, mut j0) = (0, 0);
        let end = Run {
            old: na,
            new: nb,
            len: 0,
        };
        for &Run { old: i, new: j, len: n } in runs.iter().chain(std::iter::once(&end)) {
            if i > i0 || j > j0 {
                let id = l.hunks.len();
                l.old_hunk[i0..i].fill(id);
                l.new_hunk[j0..j].fill(id);
                l.hunks.push(Hunk { old: i0..i, new: j0..j });
                l.blocks.push(Block::Hunk(id));
            }
            if n > 0 {
                l.old_fate[i..i + n].fill(Fate::Equal);
                l.new_fate[j..j + n].fill(Fate::Equal);
                l.blocks.push(Block::Equal(i..i + n, j..j + n));
            }
            (i0, j0) = (i + n, j + n);
        }
        l
    }

    fn is_move(&self, i: usize, j: usize) -> bool {
        self.old_hunk[i] != self.new_hunk[j]
            && self.old_fate[i] == Fate::Unmatched
            && self.new_fate[j] == Fate::Unmatched
    }

    fn set_move(&mut self, moves: &mut Vec<(usize, usize)>, i: usize, j: usize) {
        self.old_fate[i] = Fate::Moved(moves.len());
        self.new_fate[j] = Fate::Moved(moves.len());
        moves.push((i, j));
    }

    /// Phase 2: exact moves across hunks (`moves[id] = (old, new)`).
    fn exact_moves(&mut self, ah: &[u64], bh: &[u64], ak: &[String], bk: &[String]) -> Vec<(usize, usize)> {
        let mut moves = Vec::new();
        // Unmatched inserted paragraphs by key hash: the first of each hash
        // in the table, the others chained in `next_same` (ascending; a
        // chain may hold colliding keys, so keys are compared too). One
        // taken by a move is no longer unmatched, so later searches pass
        // over it.
        let mut first_by_key: IdMap<usize> = IdMap::default();
        let mut next_same = vec![usize::MAX; bh.len()];
        for j in (0..bh.len()).rev() {
            if self.new_fate[j] == Fate::Unmatched {
                if let Some(prev) = first_by_key.insert(bh[j], j) {
                    next_same[j] = prev;
                }
            }
        }
        if first_by_key.is_empty() {
            return moves;
        }
        for i in 0..ah.len() {
            if self.old_fate[i] != Fate::Unmatched {
                continue;
            }
            let mut j = first_by_key.get(&ah[i]).copied().unwrap_or(usize::MAX);
            while j != usize::MAX {
                if self.is_move(i, j) && bk[j] == ak[i] {
                    self.set_move(&mut moves, i, j);
                    break;
                }
                j = next_same[j];
            }
        }
        moves
    }

    /// Phase 3: pairs inside hunks by similarity, and compares each pair in
    /// full (word diff, counts, alerts, segments); hunks are independent of
    /// each other, so with enough of them they go to several threads. The
    /// pairs in order (hunk by hunk, ascending inside each), whether any
    /// hunk was coarse, and the threads used.
    fn pair_hunks<'a>(&mut self, work: &Work<'a>, par: Par, scratch: &mut Scratch<'a>) -> (Pairs, bool, usize) {
        // Each hunk's unmatched paragraphs: ranges of one list per side.
        let (mut olds, mut news) = (Vec::new(), Vec::new());
        let mut jobs: Vec<Job> = Vec::new();
        for h in &self.hunks {
            let (o0, n0) = (olds.len(), news.len());
            olds.extend(h.old.clone().filter(|&i| self.old_fate[i] == Fate::Unmatched));
            news.extend(h.new.clone().filter(|&j| self.new_fate[j] == Fate::Unmatched));
            if olds.len() > o0 && news.len() > n0 {
                jobs.push((o0..olds.len(), n0..news.len()));
            } else {
                olds.truncate(o0);
                news.truncate(n0);
            }
        }
        let (paired, coarse, threads) = work.hunks(&olds, &news, &jobs, par, scratch);
        for &(i, j, _) in &paired {
            self.old_fate[i] = Fate::Paired(j);
            self.new_fate[j] = Fate::Paired(i);
        }
        (paired, coarse, threads)
    }

    /// Phase 4: near moves among the leftovers, added to `moves`; returns
    /// whether there were too many to search ([`MOVE_CAP`]) or time ran out.
    fn near_moves(&mut self, a: &[String], b: &[String], deadline: Instant, moves: &mut Vec<(usize, usize)>) -> bool {
        let left_old: Vec<usize> = (0..a.len()).filter(|&i| self.old_fate[i] == Fate::Unmatched).collect();
        let left_new: Vec<usize> = (0..b.len()).filter(|&j| self.new_fate[j] == Fate::Unmatched).collect();
        if left_old.is_empty() || left_new.is_empty() {
            return false;
        }
        if left_old.len() * left_new.len() > MOVE_CAP {
            return true;
        }
        // Bags of words of the leftovers: ranges of one store.
        let mut bags: Vec<u64> = Vec::new();
        let nbags: Vec<Range<usize>> = left_new.iter().map(|&j| bag(&b[j], &mut bags)).collect();
        for &i in &left_old {
            if Instant::now() >= deadline {
                return true;
            }
            let ob = bag(&a[i], &mut bags);
            let ob = &bags[ob];
            let mut best: Option<(f32, usize)> = None;
            for (k, &j) in left_new.iter().enumerate() {
                if !self.is_move(i, j) || !could_reach(ob.len(), nbags[k].len(), MOVE_MIN) {
                    continue;
                }
                let s = dice(ob, &bags[nbags[k].clone()]);
                if s >= MOVE_MIN && best.is_none_or(|(bs, _)| s > bs) {
                    best = Some((s, j));
                }
            }
            if let Some((_, j)) = best {
                self.set_move(moves, i, j);
            }
        }
        false
    }
}

/// Each move's (left, right) segments, computed at its first end.
type Sides = (Option<Segments>, Option<Segments>);

/// Phase 5: the rows in order, with word-level segments and alerts for
/// moved rows, and the stats.
struct RowWriter<'w, 'a> {
    work: Work<'a>,
    layout: &'w Layout,
    moves: &'w [(usize, usize)],
    /// Moves numbered in reading order of their old position.
    move_id: Vec<u32>,
    move_sides: Vec<Sides>,
    /// The pairs phase 3 compared, met in the order they come in.
    ready: std::iter::Peekable<std::vec::IntoIter<(usize, usize, Done)>>,
    out: BodyResult,
    scratch: &'w mut Scratch<'a>,
}

impl<'w, 'a> RowWriter<'w, 'a> {
    fn new(
        work: Work<'a>,
        layout: &'w Layout,
        moves: &'w [(usize, usize)],
        paired: Pairs,
        out: BodyResult,
        scratch: &'w mut Scratch<'a>,
    ) -> Self {
        let mut order: Vec<usize> = (0..moves.len()).collect();
        order.sort_by_key(|&m| moves[m].0);
        let mut move_id = vec![0u32; moves.len()];
        for (id, &m) in order.iter().enumerate() {
            move_id[m] = id as u32;
        }
        RowWriter {
            work,
            layout,
            moves,
            move_id,
            move_sides: vec![(None, None); moves.len()],
            ready: paired.into_iter().peekable(),
            out,
            scratch,
        }
    }

    fn write(mut self) -> BodyResult {
        let equal_buf = self.equal_buffer();
        let mut equal_at = 0;
        for block in &self.layout.blocks {
            match block {
                Block::Equal(o, n) => self.equal_rows(o.clone(), n.clone(), &equal_buf, &mut equal_at),
                Block::Hunk(h) => {
                    let h = &self.layout.hunks[*h];
                    self.hunk_rows(h.old.clone(), h.new.clone());
                }
            }
        }
        self.out.stats.paragraphs_moved = self.moves.len() as u32;
        self.out
    }

    /// Whether equal old paragraph `i` and new paragraph `j` are the same
    /// text (not only the same words, when boring changes are ignored).
    fn same(&self, i: usize, j: usize) -> bool {
        !self.work.opts.ignore_boring || self.work.a[i] == self.work.b[j]
    }

    /// The texts of all equal rows in one buffer their segments share (one
    /// allocation rather than one per row): each old paragraph, and the new
    /// one too when it differs.
    fn equal_buffer(&self) -> Arc<str> {
        let (a, b) = (self.work.a, self.work.b);
        let pairs = || {
            self.layout.blocks.iter().flat_map(|block| match block {
                Block::Equal(o, n) => o.clone().zip(n.clone()),
                Block::Hunk(_) => (0..0).zip(0..0),
            })
        };
        let len: usize = pairs()
            .map(|(i, j)| a[i].len() + if self.same(i, j) { 0 } else { b[j].len() })
            .sum();
        let mut text = String::with_capacity(len);
        for (i, j) in pairs() {
            text.push_str(&a[i]);
            if !self.same(i, j) {
                text.push_str(&b[j]);
            }
        }
        Arc::from(text)
    }

    fn equal_rows(&mut self, o: Range<usize>, n: Range<usize>, buf: &Arc<str>, at: &mut usize) {
        for (i, j) in o.zip(n) {
            let l = equal_side(buf, at, self.work.a[i].len());
            let r = if self.same(i, j) {
                l.clone()
            } else {
                equal_side(buf, at, self.work.b[j].len())
            };
            self.push(RowKind::Equal, Some((i, l)), Some((j, r)), None);
        }
    }

    /// The rows of one hunk. Pairs are order-preserving inside a hunk, so
    /// one walk over both ranges meets each pair's two ends together.
    fn hunk_rows(&mut self, o: Range<usize>, n: Range<usize>) {
        let (mut i, mut j) = (o.start, n.start);
        while i < o.end || j < n.end {
            let of = (i < o.end).then(|| self.layout.old_fate[i]);
            let nf = (j < n.end).then(|| self.layout.new_fate[j]);
            match (of, nf) {
                (Some(Fate::Moved(m)), _) => {
                    let segments = self.take_side(m, true);
                    let at = (self.move_id[m], self.moves[m].1 as u32);
                    self.push(RowKind::Moved, Some((i, segments)), None, Some(at));
                    i += 1;
                }
                (_, Some(Fate::Moved(m))) => {
                    let segments = self.take_side(m, false);
                    let at = (self.move_id[m], self.moves[m].0 as u32);
                    self.push(RowKind::Moved, None, Some((j, segments)), Some(at));
                    j += 1;
                }
                (Some(Fate::Paired(pj)), Some(_)) if pj == j => {
                    self.paired_row(i, j);
                    i += 1;
                    j += 1;
                }
                (Some(f), _) if !matches!(f, Fate::Paired(_)) => {
                    self.whole_row(RowKind::Deleted, i);
                    i += 1;
                }
                (_, Some(f)) if !matches!(f, Fate::Paired(_)) => {
                    self.whole_row(RowKind::Inserted, j);
                    j += 1;
                }
                _ => unreachable!("order-preserving pairs cannot cross"),
            }
        }
    }

    /// A changed row (or an equal one, when only boring changes were
    /// found) from the pair compared in phase 3.
    fn paired_row(&mut self, i: usize, j: usize) {
        let mut done = match self.ready.next_if(|p| p.0 == i) {
            Some((_, _, d)) => d,
            None => self.work.pair(i, j, None, self.scratch),
        };
        let runs = std::mem::take(&mut done.runs);
        let (l, r, changed) = done.apply(&mut self.out);
        if changed {
            self.out.stats.paragraphs_changed += 1;
            if !self.work.opts.ignore_boring {
                self.out.runs.push((self.out.rows.len(), runs));
            }
        }
        let kind = if changed { RowKind::Changed } else { RowKind::Equal };
        self.push(kind, Some((i, l.into())), Some((j, r.into())), None);
    }

    /// A wholly deleted old paragraph or inserted new one (`k`).
    fn whole_row(&mut self, kind: RowKind, k: usize) {
        let (stats, texts, seg) = match kind {
            RowKind::Deleted => (
                &mut self.out.stats.paragraphs_deleted,
                self.work.a,
                SegmentKind::Deleted,
            ),
            _ => (
                &mut self.out.stats.paragraphs_inserted,
                self.work.b,
                SegmentKind::Inserted,
            ),
        };
        *stats += 1;
        let words = count_words(&texts[k]);
        let side = Some((k, whole(seg, &texts[k])));
        if kind == RowKind::Deleted {
            self.out.stats.words_removed += words;
            self.push(kind, side, None, None);
        } else {
            self.out.stats.words_added += words;
            self.push(kind, None, side, None);
        }
    }

    /// Move `m`'s segments for one end (`left`: where it was), comparing
    /// its two ends at the first of them.
    fn take_side(&mut self, m: usize, left: bool) -> Segments {
        let sides = &mut self.move_sides[m];
        if sides.0.is_none() && sides.1.is_none() {
            let (i, j) = self.moves[m];
            let (l, r, _) = self.work.pair(i, j, None, self.scratch).apply(&mut self.out);
            self.move_sides[m] = (Some(l.into()), Some(r.into()));
        }
        let sides = &mut self.move_sides[m];
        let side = if left { &mut sides.0 } else { &mut sides.1 };
        side.take().expect("each end of a move is emitted once")
    }

    /// Adds a row; `moved` is a move's (id, other end's index).
    fn push(
        &mut self,
        kind: RowKind,
        left: Option<(usize, Segments)>,
        right: Option<(usize, Segments)>,
        moved: Option<(u32, u32)>,
    ) {
        let side = |(index, segments): (usize, Segments)| Side {
            index: index as u32,
            segments,
        };
        self.out.rows.push(Row {
            kind,
            left: left.map(side),
            right: right.map(side),
            move_id: moved.map(|m| m.0),
            other_index: moved.map(|m| m.1),
        });
    }
}

/// Most threads one comparison uses.
pub const MAX_THREADS: usize = 4;
/// Least estimated work worth pairing and comparing on several threads:
/// bytes of text in the hunks to pair (both sides, plus 64 a hunk).
///
/// Work, not the number of hunks: what threads must beat is a fixed cost
/// (starting them, and waking an idle core, which on VMs and on laptops in
/// deep idle states takes on the order of 0.1–0.3 ms), and what they save
/// grows with the text compared. Measured on the project's 2-vCPU VM in
/// the benchmark's conditions (git runs between comparisons, so the other
/// vCPU is asleep), with 1% of words edited: 155 KB of hunk text (50k
/// words, ~1.1 ms) to 1.24 MB (400k words, ~10 ms) was 1–6% slower on two
/// threads than on one; 1.86 MB (600k words, ~15 ms) was 8–11% faster and
/// 2.5 MB (800k words, ~21 ms) 17–30% faster. Hence the threshold between
/// the last loss and the first win.
pub const PAR_MIN_BYTES: usize = 1_500_000;

/// How many threads a big comparison uses: the available parallelism
/// (asked once per process; on Linux it reads cgroup files), capped at
/// [`MAX_THREADS`].
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_THREADS)
    })
}

/// When to compare pairs on several threads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Par {
    /// Threads to use, the calling one included.
    pub threads: usize,
    /// Least work (bytes of hunk text, see [`PAR_MIN_BYTES`]) to use more
    /// than one thread for.
    pub min_bytes: usize,
}

impl Par {
    pub(crate) fn auto() -> Par {
        Par {
            threads: threads(),
            min_bytes: PAR_MIN_BYTES,
        }
    }
}

/// Buffers reused by every pair one thread compares.
#[derive(Default)]
struct Scratch<'a> {
    alerts: AlertScratch,
    words: WordScratch<'a>,
    /// Bags of words of one hunk (ranges of it).
    bags: Vec<u64>,
    ob: Vec<Range<usize>>,
    nb: Vec<Range<usize>>,
    /// [`pair_in_order`]'s tables and result.
    sim: Vec<f32>,
    best: Vec<f32>,
    found: Vec<(usize, usize)>,
}

/// One old paragraph compared in full with one new one: both sides'
/// segments, whether anything counts as changed, word counts, alerts (at
/// the new index), and whether its word diff ran out of time.
#[derive(Debug)]
struct Done {
    left: Vec<Segment>,
    right: Vec<Segment>,
    changed: bool,
    added: u32,
    removed: u32,
    alerts: Vec<Alert>,
    coarse: bool,
    /// [`WordDiff::runs`] (none with `ignore_boring`).
    runs: Vec<WordRun>,
}

impl Done {
    /// Adds the counts, alerts and `coarse` to `out`; returns the sides.
    fn apply(mut self, out: &mut BodyResult) -> (Vec<Segment>, Vec<Segment>, bool) {
        out.coarse |= self.coarse;
        out.stats.words_added += self.added;
        out.stats.words_removed += self.removed;
        out.alerts.append(&mut self.alerts);
        (self.left, self.right, self.changed)
    }
}

/// A hunk to pair: ranges of the lists of unmatched old and new paragraphs.
type Job = (Range<usize>, Range<usize>);

/// Pairs `(old, new, comparison)`, in order.
type Pairs = Vec<(usize, usize, Done)>;

/// What every pair of one comparison shares (all `Sync`).
#[derive(Clone, Copy)]
struct Work<'a> {
    a: &'a [String],
    b: &'a [String],
    opts: &'a CompareOptions,
    deadline: Instant,
}

impl<'a> Work<'a> {
    /// The word diff of old paragraph `i` with new paragraph `j`.
    fn word_diff(&self, i: usize, j: usize, words: &mut WordScratch<'a>) -> WordDiff<'a> {
        let opts = self.opts;
        WordDiff::new_in(&self.a[i], &self.b[j], opts.ignore_boring, Some(self.deadline), words)
    }

    /// Word-level comparison of old paragraph `i` with new paragraph `j`,
    /// reusing a word diff computed earlier.
    fn pair(&self, i: usize, j: usize, wd: Option<WordDiff<'a>>, scratch: &mut Scratch<'a>) -> Done {
        let wd = wd.unwrap_or_else(|| self.word_diff(i, j, &mut scratch.words));
        let (added, removed) = wd.word_counts();
        let mut alerts = Vec::new();
        alerts_into(&wd, Some(j as u32), None, &mut scratch.alerts, &mut alerts);
        let changed = wd.has_changes() || (!self.opts.ignore_boring && self.a[i] != self.b[j]);
        let (left, right) = wd.sides_in(self.opts.char_level, &mut scratch.words);
        let coarse = wd.coarse;
        let runs = if self.opts.ignore_boring { Vec::new() } else { wd.runs() };
        wd.recycle(&mut scratch.words);
        Done {
            left,
            right,
            changed,
            added,
            removed,
            alerts,
            coarse,
            runs,
        }
    }

    /// Pairs the unmatched old paragraphs `olds` of a hunk with its new
    /// ones `news`, compares each pair in full and adds them to `out`;
    /// returns whether pairing ran out of time or the hunk was too big (the
    /// word diffs' own `coarse` is in their [`Done`]).
    ///
    /// A 1 × 1 hunk (one paragraph edited in place, the common case): its
    /// word diff is needed anyway, and its ratio is the similarity. Bigger
    /// hunks: bag-of-words Dice and an order-preserving DP, only when small
    /// enough ([`PAIR_CAP`]) and in time, else coarse. Every word diff checks
    /// the deadline itself (on every thread).
    fn hunk(&self, olds: &[usize], news: &[usize], scratch: &mut Scratch<'a>, out: &mut Pairs) -> bool {
        if let ([i], [j]) = (olds, news) {
            let (i, j) = (*i, *j);
            let wd = self.word_diff(i, j, &mut scratch.words);
            return if wd.ratio_at_least(PAIR_MIN) {
                out.push((i, j, self.pair(i, j, Some(wd), scratch)));
                false
            } else {
                wd.coarse
            };
        }
        if olds.len() * news.len() > PAIR_CAP || Instant::now() >= self.deadline {
            return true;
        }
        if self.diagonal(olds, news, scratch, out) {
            return false;
        }
        self.by_bags(olds, news, scratch, out)
    }

    /// [`Work::hunk`]'s general case: pairs by bag-of-words Dice and an
    /// order-preserving DP, then compares each pair; returns whether the
    /// deadline passed while pairing.
    fn by_bags(&self, olds: &[usize], news: &[usize], scratch: &mut Scratch<'a>, out: &mut Pairs) -> bool {
        let Scratch {
            bags: store,
            ob,
            nb,
            sim,
            best,
            found,
            ..
        } = scratch;
        store.clear();
        ob.clear();
        nb.clear();
        ob.extend(olds.iter().map(|&i| bag(&self.a[i], store)));
        nb.extend(news.iter().map(|&j| bag(&self.b[j], store)));
        if !pair_in_order(store, ob, nb, self.deadline, sim, best, found) {
            return true;
        }
        let found = std::mem::take(found);
        out.extend(
            found
                .iter()
                .map(|&(x, y)| (olds[x], news[y], self.pair(olds[x], news[y], None, scratch))),
        );
        scratch.found = found;
        false
    }

    /// A square hunk of at most [`DIAGONAL_MAX`] paragraphs a side whose
    /// paragraphs are each edited in place (a run of neighbouring edited
    /// paragraphs, the common bigger hunk): pairs them in order and adds
    /// them to `out`, without bags or the DP, when that is certain to be
    /// the pairing [`pair_in_order`] would find; else adds nothing.
    ///
    /// Why it is certain: a word diff's ratio counts words kept in order,
    /// and Dice counts words in common in any order, over the same words
    /// (letter/digit runs; hash collisions only add to Dice), so Dice is
    /// never below the ratio. If every in-order pair reaches a ratio `t` above
    /// both `PAIR_MIN` and (n − 1)/n, the in-order pairing totals more than
    /// n − 1 from every starting pair on, and any other order-preserving
    /// pairing has at most n − 1 pairs of similarity ≤ 1: the DP takes the
    /// in-order pairs, and each is compared with the word diff made here.
    fn diagonal(&self, olds: &[usize], news: &[usize], scratch: &mut Scratch<'a>, out: &mut Pairs) -> bool {
        let n = olds.len();
        if n != news.len() || n > DIAGONAL_MAX {
            return false;
        }
        // A margin over (n − 1)/n far above f32 rounding in the DP's sums.
        let t = PAIR_MIN.max(1.0 - 1.0 / n as f32 + 1e-3);
        let mut wds: Vec<WordDiff<'a>> = Vec::with_capacity(n);
        for (&i, &j) in olds.iter().zip(news) {
            let wd = self.word_diff(i, j, &mut scratch.words);
            if wd.coarse || !wd.ratio_at_least(t) {
                wd.recycle(&mut scratch.words);
                return false;
            }
            wds.push(wd);
        }
        out.extend(
            olds.iter()
                .zip(news)
                .zip(wds)
                .map(|((&i, &j), wd)| (i, j, self.pair(i, j, Some(wd), scratch))),
        );
        true
    }

    /// [`Work::hunk`] for each hunk, in order: the pairs, whether any hunk
    /// was coarse, and the number of threads used: with enough work ([`Par::min_bytes`]), contiguous runs of hunks (of about equal text
    /// length) go to up to `par.threads` threads, each with its own buffers,
    /// and the results are joined in the original order, so they are the
    /// same as from one thread.
    fn hunks(
        &self,
        olds: &[usize],
        news: &[usize],
        jobs: &[Job],
        par: Par,
        scratch: &mut Scratch<'a>,
    ) -> (Pairs, bool, usize) {
        let run = |chunk: &[Job], scratch: &mut Scratch<'a>| -> (Pairs, bool) {
            let mut out = Pairs::with_capacity(chunk.len());
            let mut coarse = false;
            for (o, n) in chunk {
                coarse |= self.hunk(&olds[o.clone()], &news[n.clone()], scratch, &mut out);
            }
            (out, coarse)
        };
        let threads = par.threads.min(jobs.len()).max(1);
        let cost = |(o, n): &Job| {
            olds[o.clone()].iter().map(|&i| self.a[i].len()).sum::<usize>()
                + news[n.clone()].iter().map(|&j| self.b[j].len()).sum::<usize>()
                + 64
        };
        let total: usize = if threads == 1 { 0 } else { jobs.iter().map(cost).sum() };
        if threads == 1 || total < par.min_bytes {
            let (out, coarse) = run(jobs, scratch);
            return (out, coarse, 1);
        }
        // Cut points by cumulative text length (`cost`).
        let mut cuts = Vec::with_capacity(threads + 1);
        cuts.push(0);
        let mut acc = 0;
        for (k, job) in jobs.iter().enumerate() {
            acc += cost(job);
            if acc * threads >= total * cuts.len() && cuts.len() < threads {
                cuts.push(k + 1);
            }
        }
        cuts.push(jobs.len());
        let chunks: Vec<&[Job]> = cuts
            .windows(2)
            .map(|w| &jobs[w[0]..w[1]])
            .filter(|c| !c.is_empty())
            .collect();
        let (out, coarse) = std::thread::scope(|s| {
            let handles: Vec<_> = chunks[1..]
                .iter()
                .map(|&c| s.spawn(move || run(c, &mut Scratch::default())))
                .collect();
            let (mut out, mut coarse) = run(chunks[0], scratch);
            for h in handles {
                let (mut more, c) = h.join().expect("comparison thread");
                out.append(&mut more);
                coarse |= c;
            }
            (out, coarse)
        });
        (out, coarse, chunks.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whenever [`Work::diagonal`] pairs a hunk, pairing by bags pairs it
    /// the same way with the same comparisons — over random square hunks
    /// of paragraphs edited a little, a lot, swapped or replaced.
    #[test]
    fn diagonal_pairs_as_bags_would() {
        let vocab = [
            "the", "Kim", "said", "6", "miles", "“We", "will”", "talks", "in", "Moscow", "on", "a", "$3.5", "million",
            "of",
        ];
        let mut rng = crate::diff::test_rng(0x9e37_79b9_7f4a_7c15u64);
        let (mut hits, mut misses) = (0, 0);
        for _ in 0..3000 {
            let n = 2 + rng() % 4;
            let mut a: Vec<String> = Vec::new();
            let mut b: Vec<String> = Vec::new();
            for _ in 0..n {
                let words: Vec<&str> = (0..1 + rng() % 12).map(|_| vocab[rng() % vocab.len()]).collect();
                a.push(words.join(" "));
                let mut edited = words.clone();
                for _ in 0..rng() % 4 {
                    let k = rng() % edited.len();
                    edited[k] = vocab[rng() % vocab.len()];
                }
                b.push(edited.join(" "));
            }
            if rng() % 4 == 0 {
                b.swap(0, 1);
            }
            let opts = CompareOptions {
                ignore_boring: rng() % 3 == 0,
                ..CompareOptions::default()
            };
            let work = Work {
                a: &a,
                b: &b,
                opts: &opts,
                deadline: Instant::now() + std::time::Duration::from_secs(60),
            };
            let idx: Vec<usize> = (0..n).collect();
            let (mut fast, mut slow) = (Pairs::new(), Pairs::new());
            if !work.diagonal(&idx, &idx, &mut Scratch::default(), &mut fast) {
                assert!(fast.is_empty());
                misses += 1;
                continue;
            }
            hits += 1;
            assert!(!work.by_bags(&idx, &idx, &mut Scratch::default(), &mut slow));
            let key = |p: &Pairs| {
                p.iter()
                    .map(|(i, j, d)| format!("{i} {j} {:?} {:?} {:?}", d.left, d.right, d.alerts))
                    .collect::<Vec<_>>()
            };
            assert_eq!(key(&fast), key(&slow), "{a:?} → {b:?}");
        }
        // Both branches were taken often enough to mean something.
        assert!(hits > 300 && misses > 300, "{hits} hits, {misses} misses");
    }
}
