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
use super::words::{tokenize, Class, WordDiff, WordRun, WordScratch};
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
/// share, as `(old start, new start, length)` in order. Recursively: the
/// identical head and tail are shared; of the rest, the values found exactly
/// once on each side are anchors, and the longest increasing run of them
/// (by position on both sides) is shared, with the gaps between aligned the
/// same way; a gap with no such anchors goes to Myers. Returns `None` past
/// the deadline.
fn patience(a: &[u64], b: &[u64], deadline: Instant) -> Option<Vec<(usize, usize, usize)>> {
    let mut out = Vec::new();
    patience_into(a, b, 0, 0, deadline, &mut out)?;
    Some(out)
}

fn push_run(out: &mut Vec<(usize, usize, usize)>, i: usize, j: usize, n: usize) {
    if n == 0 {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.0 + last.2 == i && last.1 + last.2 == j {
            last.2 += n;
            return;
        }
    }
    out.push((i, j, n));
}

fn patience_into(
    a: &[u64],
    b: &[u64],
    ao: usize,
    bo: usize,
    deadline: Instant,
    out: &mut Vec<(usize, usize, usize)>,
) -> Option<()> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    push_run(out, ao, bo, head);
    let (a, b) = (&a[head..], &b[head..]);
    let tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    let (ao2, bo2) = (ao + head, bo + head);
    if !am.is_empty() && !bm.is_empty() {
        if am.len() * bm.len() <= 64 && !am.iter().any(|x| bm.contains(x)) {
            // A small hunk with nothing in common (a paragraph or two edited).
        } else {
            if Instant::now() >= deadline {
                return None;
            }
            // value -> (count in a, index in a, count in b, index in b), in
            // an open-addressed table indexed by the hash's own low bits
            // (already well mixed) with linear probing: cheaper than a
            // general map, and each old value's slot is kept so the anchors
            // below need no second lookup. A slot is free while its count
            // in a is 0 (only old values are inserted).
            let mask = (2 * am.len()).next_power_of_two() - 1;
            let mut seen: Vec<(u64, [u32; 4])> = vec![(0, [0; 4]); mask + 1];
            let mut slot_of: Vec<u32> = Vec::with_capacity(am.len());
            for (i, &x) in am.iter().enumerate() {
                let mut k = x as usize & mask;
                while seen[k].1[0] != 0 && seen[k].0 != x {
                    k = (k + 1) & mask;
                }
                let e = &mut seen[k];
                e.0 = x;
                e.1[0] += 1;
                e.1[1] = i as u32;
                slot_of.push(k as u32);
            }
            for (j, &y) in bm.iter().enumerate() {
                let mut k = y as usize & mask;
                while seen[k].1[0] != 0 {
                    if seen[k].0 == y {
                        seen[k].1[2] += 1;
                        seen[k].1[3] = j as u32;
                        break;
                    }
                    k = (k + 1) & mask;
                }
            }
            // Anchors in old order (found by walking the old side rather
            // than sorting the table's entries): their new positions.
            let anchors: Vec<(u32, u32)> = slot_of
                .iter()
                .filter_map(|&k| {
                    let e = seen[k as usize].1;
                    (e[0] == 1 && e[2] == 1).then_some((e[1], e[3]))
                })
                .collect();
            if anchors.is_empty() {
                let ops = capture_diff_deadline(Algorithm::Myers, am, 0..am.len(), bm, 0..bm.len(), Some(deadline));
                for op in ops {
                    let (tag, o, n) = op.as_tag_tuple();
                    if tag == DiffTag::Equal {
                        push_run(out, ao2 + o.start, bo2 + n.start, o.len());
                    }
                }
            } else {
                // Longest increasing run of new positions (patience sorting),
                // built from the end so that among equally long runs the
                // earlier paragraphs stay in place (as Myers would keep
                // them): tops[k] = the anchor starting the best run of
                // k + 1 found so far, next[x] = the anchor after x.
                let mut tops: Vec<usize> = Vec::new();
                let mut next = vec![usize::MAX; anchors.len()];
                for (k, &(_, j)) in anchors.iter().enumerate().rev() {
                    // Mostly the anchors come in order, so the run grows
                    // by one: check that before searching.
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
                let mut k = *tops.last().expect("anchors");
                loop {
                    chain.push(anchors[k]);
                    if next[k] == usize::MAX {
                        break;
                    }
                    k = next[k];
                }
                let (mut i0, mut j0) = (0usize, 0usize);
                for (i, j) in chain {
                    let (i, j) = (i as usize, j as usize);
                    patience_into(&am[i0..i], &bm[j0..j], ao2 + i0, bo2 + j0, deadline, out)?;
                    push_run(out, ao2 + i, bo2 + j, 1);
                    (i0, j0) = (i + 1, j + 1);
                }
                patience_into(&am[i0..], &bm[j0..], ao2 + i0, bo2 + j0, deadline, out)?;
            }
        }
    }
    push_run(out, ao2 + am.len(), bo2 + bm.len(), tail);
    Some(())
}

/// The paragraph's words (letter/digit runs, as [`tokenize`] finds them)
/// as sorted hashes (a bag of words), appended to `store`; returns where.
fn bag(p: &str, store: &mut Vec<u64>) -> Range<usize> {
    let start = store.len();
    store.extend(
        tokenize(p)
            .iter()
            .filter(|t| t.class == Class::Word)
            .map(|t| para_hash(&p[t.start..t.end])),
    );
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

fn words_in(p: &str) -> u32 {
    count_words(p)
}

pub(crate) fn compare_body(a: &[String], b: &[String], opts: &CompareOptions, deadline: Instant) -> BodyResult {
    compare_body_par(a, b, opts, deadline, Par::auto())
}

/// [`compare_body`] with the threads to use given.
pub(crate) fn compare_body_par(
    a: &[String],
    b: &[String],
    opts: &CompareOptions,
    deadline: Instant,
    par: Par,
) -> BodyResult {
    let mut coarse = false;
    // Keys: the paragraphs themselves, or with `ignore_boring` their words
    // only (built then; otherwise no list of keys is made).
    let (ak_boring, bk_boring): (Vec<String>, Vec<String>) = if opts.ignore_boring {
        (
            a.iter().map(|p| boring_key(p)).collect(),
            b.iter().map(|p| boring_key(p)).collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let (ak, bk) = if opts.ignore_boring {
        (&ak_boring[..], &bk_boring[..])
    } else {
        (a, b)
    };
    // Align on 64-bit hashes of the keys (cheap to hash and compare again
    // inside the algorithm); equal hashes are checked against the text, and
    // on the (astronomically unlikely) collision we align on the keys.
    let ah: Vec<u64> = ak.iter().map(|k| para_hash(k)).collect();
    let bh: Vec<u64> = bk.iter().map(|k| para_hash(k)).collect();
    let mut runs = patience(&ah, &bh, deadline).unwrap_or_else(|| {
        // Out of time: all one hunk, and coarse below.
        Vec::new()
    });
    let collided = runs.iter().any(|&(i, j, n)| (0..n).any(|k| ak[i + k] != bk[j + k]));
    if collided {
        runs = capture_diff_deadline(Algorithm::Patience, ak, 0..ak.len(), bk, 0..bk.len(), Some(deadline))
            .iter()
            .map(|op| op.as_tag_tuple())
            .filter(|(tag, _, _)| *tag == DiffTag::Equal)
            .map(|(_, o, n)| (o.start, n.start, o.len()))
            .collect();
    }
    if Instant::now() >= deadline {
        coarse = true;
    }

    // 1. Alignment: equal paragraphs and hunks of the rest.
    let mut old_fate = vec![Fate::Unmatched; a.len()];
    let mut new_fate = vec![Fate::Unmatched; b.len()];
    let mut old_hunk = vec![usize::MAX; a.len()];
    let mut new_hunk = vec![usize::MAX; b.len()];
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let (mut i0, mut j0) = (0, 0);
    for &(i, j, n) in runs.iter().chain(std::iter::once(&(a.len(), b.len(), 0))) {
        if i > i0 || j > j0 {
            let id = hunks.len();
            for x in &mut old_hunk[i0..i] {
                *x = id;
            }
            for x in &mut new_hunk[j0..j] {
                *x = id;
            }
            hunks.push(Hunk { old: i0..i, new: j0..j });
            blocks.push(Block::Hunk(id));
        }
        if n > 0 {
            old_fate[i..i + n].fill(Fate::Equal);
            new_fate[j..j + n].fill(Fate::Equal);
            blocks.push(Block::Equal(i..i + n, j..j + n));
        }
        (i0, j0) = (i + n, j + n);
    }

    // 2. Exact moves across hunks. `moves[id] = (old, new)`.
    let mut moves: Vec<(usize, usize)> = Vec::new();
    // Unmatched inserted paragraphs by key hash: the first of each hash in
    // the table, the others chained in `next_same` (ascending; a chain may
    // hold colliding keys, so keys are compared too). One taken by a move
    // is no longer unmatched, so later searches pass over it.
    let mut first_by_key: IdMap<usize> = IdMap::default();
    let mut next_same = vec![usize::MAX; b.len()];
    for j in (0..b.len()).rev() {
        if new_fate[j] == Fate::Unmatched {
            if let Some(prev) = first_by_key.insert(bh[j], j) {
                next_same[j] = prev;
            }
        }
    }
    if !first_by_key.is_empty() {
        for i in 0..a.len() {
            if old_fate[i] != Fate::Unmatched {
                continue;
            }
            let mut j = first_by_key.get(&ah[i]).copied().unwrap_or(usize::MAX);
            while j != usize::MAX {
                if new_hunk[j] != old_hunk[i] && new_fate[j] == Fate::Unmatched && bk[j] == ak[i] {
                    old_fate[i] = Fate::Moved(moves.len());
                    new_fate[j] = Fate::Moved(moves.len());
                    moves.push((i, j));
                    break;
                }
                j = next_same[j];
            }
        }
    }

    // 3. Pair inside hunks by similarity, and compare each pair in full
    // (word diff, counts, alerts, segments). Hunks are independent of each
    // other, so with enough of them they go to several threads.
    let mut scratch = Scratch::default();
    // Each hunk's unmatched paragraphs: ranges of one list per side.
    let (mut olds, mut news) = (Vec::new(), Vec::new());
    let mut jobs: Vec<Job> = Vec::new();
    for h in &hunks {
        let (o0, n0) = (olds.len(), news.len());
        olds.extend(h.old.clone().filter(|&i| old_fate[i] == Fate::Unmatched));
        news.extend(h.new.clone().filter(|&j| new_fate[j] == Fate::Unmatched));
        if olds.len() > o0 && news.len() > n0 {
            jobs.push((o0..olds.len(), n0..news.len()));
        } else {
            olds.truncate(o0);
            news.truncate(n0);
        }
    }
    let work = Work { a, b, opts, deadline };
    let (paired, hunks_coarse, threads) = work.hunks(&olds, &news, &jobs, par, &mut scratch);
    coarse |= hunks_coarse;
    for &(i, j, _) in &paired {
        old_fate[i] = Fate::Paired(j);
        new_fate[j] = Fate::Paired(i);
    }
    // The rows below meet the pairs in the order they come in (hunk by
    // hunk, ascending inside each).
    let mut ready = paired.into_iter().peekable();

    // 4. Near moves among the leftovers.
    let left_old: Vec<usize> = (0..a.len()).filter(|&i| old_fate[i] == Fate::Unmatched).collect();
    let left_new: Vec<usize> = (0..b.len()).filter(|&j| new_fate[j] == Fate::Unmatched).collect();
    if !left_old.is_empty() && !left_new.is_empty() {
        if left_old.len() * left_new.len() > MOVE_CAP {
            coarse = true;
        } else {
            // Bags of words of the leftovers: ranges of one store.
            let mut bags: Vec<u64> = Vec::new();
            let nbags: Vec<Range<usize>> = left_new.iter().map(|&j| bag(&b[j], &mut bags)).collect();
            for &i in &left_old {
                if Instant::now() >= deadline {
                    coarse = true;
                    break;
                }
                let ob = bag(&a[i], &mut bags);
                let ob = &bags[ob];
                let mut best: Option<(f32, usize)> = None;
                for (k, &j) in left_new.iter().enumerate() {
                    if new_fate[j] != Fate::Unmatched
                        || new_hunk[j] == old_hunk[i]
                        || !could_reach(ob.len(), nbags[k].len(), MOVE_MIN)
                    {
                        continue;
                    }
                    let s = dice(ob, &bags[nbags[k].clone()]);
                    if s >= MOVE_MIN && best.is_none_or(|(bs, _)| s > bs) {
                        best = Some((s, j));
                    }
                }
                if let Some((_, j)) = best {
                    old_fate[i] = Fate::Moved(moves.len());
                    new_fate[j] = Fate::Moved(moves.len());
                    moves.push((i, j));
                }
            }
        }
    }
    // Number moves in reading order of their old position.
    let mut order: Vec<usize> = (0..moves.len()).collect();
    order.sort_by_key(|&m| moves[m].0);
    let mut move_id = vec![0u32; moves.len()];
    for (id, &m) in order.iter().enumerate() {
        move_id[m] = id as u32;
    }

    // 5. Rows.
    let mut out = BodyResult {
        rows: Vec::with_capacity(a.len().max(b.len())),
        alerts: Vec::new(),
        stats: Stats::default(),
        coarse,
        threads,
        runs: Vec::new(),
    };
    // Each move's (left, right) segments, computed at its first end.
    type Sides = (Option<Segments>, Option<Segments>);
    let mut move_sides: Vec<Sides> = vec![(None, None); moves.len()];
    let mut take_side = |out: &mut BodyResult, m: usize, left: bool, scratch: &mut Scratch| -> Segments {
        if move_sides[m].0.is_none() && move_sides[m].1.is_none() {
            let (l, r, _) = work.pair(moves[m].0, moves[m].1, None, scratch).apply(out);
            move_sides[m] = (Some(l.into()), Some(r.into()));
        }
        let side = if left {
            &mut move_sides[m].0
        } else {
            &mut move_sides[m].1
        };
        side.take().expect("each end of a move is emitted once")
    };
    // The texts of all equal rows in one buffer their segments share (one
    // allocation rather than one per row): each old paragraph, and the new
    // one too when it differs (only when boring changes are ignored).
    let same = |i: usize, j: usize| !opts.ignore_boring || a[i] == b[j];
    let equal_pairs = || {
        blocks.iter().flat_map(|block| match block {
            Block::Equal(o, n) => o.clone().zip(n.clone()),
            Block::Hunk(_) => (0..0).zip(0..0),
        })
    };
    let equal_len: usize = equal_pairs()
        .map(|(i, j)| a[i].len() + if same(i, j) { 0 } else { b[j].len() })
        .sum();
    let mut equal_text = String::with_capacity(equal_len);
    for (i, j) in equal_pairs() {
        equal_text.push_str(&a[i]);
        if !same(i, j) {
            equal_text.push_str(&b[j]);
        }
    }
    let equal_buf: Arc<str> = Arc::from(equal_text);
    let mut equal_at = 0;
    for block in &blocks {
        let (o, n) = match block {
            Block::Equal(o, n) => {
                for (i, j) in o.clone().zip(n.clone()) {
                    let l = equal_side(&equal_buf, &mut equal_at, a[i].len());
                    let r = if same(i, j) {
                        l.clone()
                    } else {
                        equal_side(&equal_buf, &mut equal_at, b[j].len())
                    };
                    out.rows.push(Row {
                        kind: RowKind::Equal,
                        left: Some(Side {
                            index: i as u32,
                            segments: l,
                        }),
                        right: Some(Side {
                            index: j as u32,
                            segments: r,
                        }),
                        move_id: None,
                        other_index: None,
                    });
                }
                continue;
            }
            Block::Hunk(h) => (hunks[*h].old.clone(), hunks[*h].new.clone()),
        };
        // Pairs are order-preserving inside a hunk, so one walk over both
        // ranges meets each pair's two ends together.
        let (mut i, mut j) = (o.start, n.start);
        while i < o.end || j < n.end {
            let of = (i < o.end).then(|| old_fate[i]);
            let nf = (j < n.end).then(|| new_fate[j]);
            match (of, nf) {
                (Some(Fate::Moved(m)), _) => {
                    let segments = take_side(&mut out, m, true, &mut scratch);
                    out.rows.push(Row {
                        kind: RowKind::Moved,
                        left: Some(Side {
                            index: i as u32,
                            segments,
                        }),
                        right: None,
                        move_id: Some(move_id[m]),
                        other_index: Some(moves[m].1 as u32),
                    });
                    i += 1;
                }
                (_, Some(Fate::Moved(m))) => {
                    let segments = take_side(&mut out, m, false, &mut scratch);
                    out.rows.push(Row {
                        kind: RowKind::Moved,
                        left: None,
                        right: Some(Side {
                            index: j as u32,
                            segments,
                        }),
                        move_id: Some(move_id[m]),
                        other_index: Some(moves[m].0 as u32),
                    });
                    j += 1;
                }
                (Some(Fate::Paired(pj)), Some(_)) if pj == j => {
                    let mut done = match ready.next_if(|p| p.0 == i) {
                        Some((_, _, d)) => d,
                        None => work.pair(i, j, None, &mut scratch),
                    };
                    let runs = std::mem::take(&mut done.runs);
                    let (l, r, changed) = done.apply(&mut out);
                    if changed {
                        out.stats.paragraphs_changed += 1;
                        if !opts.ignore_boring {
                            out.runs.push((out.rows.len(), runs));
                        }
                    }
                    out.rows.push(Row {
                        kind: if changed { RowKind::Changed } else { RowKind::Equal },
                        left: Some(Side {
                            index: i as u32,
                            segments: l.into(),
                        }),
                        right: Some(Side {
                            index: j as u32,
                            segments: r.into(),
                        }),
                        move_id: None,
                        other_index: None,
                    });
                    i += 1;
                    j += 1;
                }
                (Some(f), _) if !matches!(f, Fate::Paired(_)) => {
                    push_deleted(&mut out, a, i);
                    i += 1;
                }
                (_, Some(f)) if !matches!(f, Fate::Paired(_)) => {
                    push_inserted(&mut out, b, j);
                    j += 1;
                }
                _ => unreachable!("order-preserving pairs cannot cross"),
            }
        }
    }
    out.stats.paragraphs_moved = moves.len() as u32;
    out
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
struct Scratch {
    alerts: AlertScratch,
    words: WordScratch,
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
    /// Word-level comparison of old paragraph `i` with new paragraph `j`,
    /// reusing a word diff computed earlier.
    fn pair(&self, i: usize, j: usize, wd: Option<WordDiff<'a>>, scratch: &mut Scratch) -> Done {
        let wd = wd.unwrap_or_else(|| {
            WordDiff::new_in(
                &self.a[i],
                &self.b[j],
                self.opts.ignore_boring,
                Some(self.deadline),
                &mut scratch.words,
            )
        });
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
    fn hunk(&self, olds: &[usize], news: &[usize], scratch: &mut Scratch, out: &mut Pairs) -> bool {
        if let ([i], [j]) = (olds, news) {
            let (i, j) = (*i, *j);
            let wd = WordDiff::new_in(
                &self.a[i],
                &self.b[j],
                self.opts.ignore_boring,
                Some(self.deadline),
                &mut scratch.words,
            );
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
    fn by_bags(&self, olds: &[usize], news: &[usize], scratch: &mut Scratch, out: &mut Pairs) -> bool {
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
    fn diagonal(&self, olds: &[usize], news: &[usize], scratch: &mut Scratch, out: &mut Pairs) -> bool {
        let n = olds.len();
        if n != news.len() || n > DIAGONAL_MAX {
            return false;
        }
        // A margin over (n − 1)/n far above f32 rounding in the DP's sums.
        let t = PAIR_MIN.max(1.0 - 1.0 / n as f32 + 1e-3);
        let mut wds: Vec<WordDiff<'a>> = Vec::with_capacity(n);
        for (&i, &j) in olds.iter().zip(news) {
            let wd = WordDiff::new_in(
                &self.a[i],
                &self.b[j],
                self.opts.ignore_boring,
                Some(self.deadline),
                &mut scratch.words,
            );
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
        scratch: &mut Scratch,
    ) -> (Pairs, bool, usize) {
        let run = |chunk: &[Job], scratch: &mut Scratch| -> (Pairs, bool) {
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

fn push_deleted(out: &mut BodyResult, a: &[String], i: usize) {
    out.stats.paragraphs_deleted += 1;
    out.stats.words_removed += words_in(&a[i]);
    out.rows.push(Row {
        kind: RowKind::Deleted,
        left: Some(Side {
            index: i as u32,
            segments: whole(SegmentKind::Deleted, &a[i]),
        }),
        right: None,
        move_id: None,
        other_index: None,
    });
}

fn push_inserted(out: &mut BodyResult, b: &[String], j: usize) {
    out.stats.paragraphs_inserted += 1;
    out.stats.words_added += words_in(&b[j]);
    out.rows.push(Row {
        kind: RowKind::Inserted,
        left: None,
        right: Some(Side {
            index: j as u32,
            segments: whole(SegmentKind::Inserted, &b[j]),
        }),
        move_id: None,
        other_index: None,
    });
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
