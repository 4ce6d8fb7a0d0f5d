//! Benchmark: `copydesk::merge::merge` against `git merge-file`.
//!
//! Run with `cargo bench --bench merge` (release build).
//!
//! How it measures:
//! 1. Generates a deterministic 50,000-word story (xorshift from a fixed
//!    seed; paragraphs of 12–40 words from a 3,000-word vocabulary) and two
//!    edits of it, as two writers make them: `theirs` replaces 0.5% of the
//!    words in even paragraphs and moves 2 paragraphs; `ours` replaces 0.5%
//!    of the words in odd paragraphs and inserts 3 new paragraphs. No two
//!    edits touch the same paragraph, so a good merge is clean.
//! 2. Writes the three versions to temp files in the plain-text story format
//!    (one paragraph a line, blank lines between) and parses them back, so
//!    both tools see the same text.
//! 3. Runs [`ROUNDS`] rounds, each timing, one after the other: git's own
//!    start-up (`git merge-file -p` on three tiny files), `git merge-file -p
//!    ours base theirs` on the story files (output to a pipe, read whole),
//!    and [`PER_ROUND`] runs of `merge` (after warm-up runs) — the whole
//!    merge: both comparisons with the base, the order of paragraphs, word
//!    merges, fields, alerts. Taking turns means all see the same load.
//! 4. Prints the medians, git's net time (its story-file median minus its
//!    start-up median), the ratio, how many conflicts each tool found, and
//!    whether `merge` meets the 10 ms target.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::merge::merge;
use copydesk::StoryContent;

const ROUNDS: usize = 21;
const PER_ROUND: usize = 4;
const WARM_UP: usize = 3;
const TARGET: Duration = Duration::from_millis(10);

mod common;
use common::Rng;

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    let syll = [
        "ka", "to", "ri", "men", "sul", "dor", "va", "nel", "pa", "shi", "gro", "lin", "te", "bar", "qu",
    ];
    let mut v: Vec<String> = [
        "Kim", "Putin", "“We", "will”", "$3.5", "million", "6", "miles", "said", "the", "of",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    while v.len() < 3000 {
        let n = 1 + rng.below(3);
        v.push((0..n).map(|_| syll[rng.below(syll.len())]).collect());
    }
    v
}

/// Replaces `n` words in paragraphs of the given parity.
fn edit_words(rng: &mut Rng, vocab: &[String], paras: &mut [Vec<String>], n: usize, parity: usize) {
    for _ in 0..n {
        let p = (rng.below(paras.len() / 2) * 2 + parity).min(paras.len() - 1);
        let w = rng.below(paras[p].len());
        paras[p][w] = vocab[rng.below(vocab.len())].clone();
    }
}

fn join(paras: &[Vec<String>]) -> Vec<String> {
    paras.iter().map(|p| p.join(" ") + ".").collect()
}

fn versions(words: usize) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut rng = Rng(0x6d65_7267_6521);
    let vocab = vocabulary(&mut rng);
    let mut paras: Vec<Vec<String>> = Vec::new();
    let mut left = words;
    while left > 0 {
        let n = (12 + rng.below(29)).min(left);
        paras.push((0..n).map(|_| vocab[rng.below(vocab.len())].clone()).collect());
        left -= n;
    }
    let base = join(&paras);
    let mut t = paras.clone();
    edit_words(&mut rng, &vocab, &mut t, words / 200, 0);
    let mut theirs = join(&t);
    for _ in 0..2 {
        let from = rng.below(theirs.len());
        let p = theirs.remove(from);
        let to = rng.below(theirs.len() + 1);
        theirs.insert(to, p);
    }
    let mut o = paras.clone();
    edit_words(&mut rng, &vocab, &mut o, words / 200, 1);
    let mut ours = join(&o);
    for k in 0..3 {
        let at = rng.below(ours.len() + 1);
        ours.insert(at, format!("A new paragraph, number {k}, added by the second writer."));
    }
    (base, theirs, ours)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs `git merge-file -p ours base theirs`; its time and conflict count.
fn git_merge(ours: &Path, base: &Path, theirs: &Path) -> (Duration, usize) {
    let t = Instant::now();
    let out = Command::new("git")
        .args(["merge-file", "-p"])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .stderr(Stdio::null())
        .output()
        .expect("git runs");
    let elapsed = t.elapsed();
    // Exit status: the number of conflicts (negative on error).
    let conflicts = out.status.code().expect("git exits");
    assert!(conflicts >= 0, "git merge-file failed");
    (elapsed, conflicts as usize)
}

fn story(body: Vec<String>) -> StoryContent {
    StoryContent::new("Benchmark story", body)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (base, theirs, ours) = versions(50_000);
    let write = |name: &str, body: &[String]| {
        let p = dir.path().join(name);
        std::fs::write(&p, copydesk::text::render(&story(body.to_vec()))).expect("write");
        p
    };
    let (pb, pt, po) = (
        write("base.txt", &base),
        write("theirs.txt", &theirs),
        write("ours.txt", &ours),
    );
    let read = |p: &Path| copydesk::text::parse(&std::fs::read_to_string(p).expect("read")).expect("parse");
    let (b, t, o) = (read(&pb), read(&pt), read(&po));
    let tiny: Vec<_> = ["tb", "tt", "to"]
        .iter()
        .map(|n| {
            let p = dir.path().join(n);
            std::fs::write(&p, "x\n").expect("write");
            p
        })
        .collect();

    for _ in 0..WARM_UP {
        drop(merge(&b, &t, &o, &[]));
    }
    let (mut ours_times, mut git_times, mut git_start) = (Vec::new(), Vec::new(), Vec::new());
    let mut git_conflicts = 0;
    for _ in 0..ROUNDS {
        git_start.push(git_merge(&tiny[2], &tiny[0], &tiny[1]).0);
        let (d, c) = git_merge(&po, &pb, &pt);
        git_times.push(d);
        git_conflicts = c;
        for _ in 0..PER_ROUND {
            let started = Instant::now();
            let m = merge(&b, &t, &o, &[]);
            ours_times.push(started.elapsed());
            drop(m);
        }
    }
    let m = merge(&b, &t, &o, &[]);
    let mine = median(ours_times);
    let start = median(git_start);
    let git_net = median(git_times).saturating_sub(start);
    println!(
        "merge of three versions of a 50,000-word story ({} paragraphs)",
        b.body.len()
    );
    println!("method: {ROUNDS} rounds, each git's start-up, git merge-file -p on the story files, {PER_ROUND} timed merges; medians");
    println!(
        "copydesk merge: {:.2} ms ({} conflicts, {} alerts)",
        mine.as_secs_f64() * 1e3,
        m.conflicts.len(),
        m.alerts.len()
    );
    println!(
        "git merge-file: {:.2} ms net of {:.2} ms start-up ({git_conflicts} conflicts)",
        git_net.as_secs_f64() * 1e3,
        start.as_secs_f64() * 1e3
    );
    println!(
        "ratio git / copydesk: {:.1}x",
        git_net.as_secs_f64() / mine.as_secs_f64()
    );
    println!("target <= 10 ms: {}", if mine <= TARGET { "met" } else { "NOT met" });
    assert!(
        m.conflicts.is_empty(),
        "edits in different paragraphs must merge: {:?}",
        m.conflicts
    );
}
