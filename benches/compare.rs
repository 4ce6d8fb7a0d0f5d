//! Benchmark: `copydesk::diff::compare` against `git diff --word-diff`.
//!
//! Run with `cargo bench --bench compare` (release build).
//!
//! How it measures:
//! 1. Generates deterministic story pairs (xorshift from a fixed seed) of
//!    5,000 and 50,000 words: paragraphs of 12–40 words from a 3,000-word
//!    vocabulary sprinkled with names, numbers and quotes; the newer revision
//!    has 1% of its words replaced and 3 paragraphs moved elsewhere.
//! 2. Writes both revisions to temp files in the plain-text story format
//!    (paragraphs separated by blank lines) and parses them back, so both
//!    tools see the same text.
//! 3. Runs [`GIT_RUNS`] rounds, each timing, one after the other: git's
//!    own start-up cost (`git diff --no-index --word-diff=porcelain` on two
//!    tiny files), the same command on the story files (output captured
//!    through a pipe), and [`COMPARE_PER_ROUND`] runs of `compare`. Taking
//!    turns means all three see the same machine load: on a shared virtual
//!    machine speed drifts from second to second, and timing ours first and
//!    git's later skewed the ratio either way by up to 30%.
//! 4. `compare`: warm-up runs first (caches, allocator, page faults), then
//!    the median of all its timed runs, each timed on its own with its
//!    result dropped outside the timing — the whole comparison: alignment,
//!    pairing, moves, word segments, alerts. Nothing is kept between runs.
//!    `compare` may use several threads (up to the available parallelism,
//!    capped at 4) when the edited paragraphs hold megabytes of text (not
//!    at the sizes here); git runs on
//!    one. The threads `compare` used are printed with each size, and the
//!    available parallelism up front. git's net time is the median of its
//!    story-file runs minus the median of its start-up runs, so process
//!    start does not count against git.
//! 5. Prints each timing, the ratio git-net / compare, and whether the
//!    targets are met: ≥ 3× faster than git at 5k words, ≥ 5× at 50k.
//!    Also times two unrelated 50k-word texts (worst of 5), and the same as
//!    one paragraph each, against the 100 ms deadline target.
//!
//! On this project's 2-vCPU virtual machine a second thread right after git
//! has run, as in the rounds above, must first wake the other vCPU; measured
//! so, two threads only beat one from about 1.5 MB of edited paragraphs
//! (`PAR_MIN_BYTES` in `src/diff/body.rs`), so both sizes here run on one.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::diff::{compare, CompareOptions};
use copydesk::StoryContent;

/// Rounds per size: each runs git's start-up, git on the story files, and
/// [`COMPARE_PER_ROUND`] comparisons, so all three see the same machine
/// load (on a shared virtual machine the speed drifts from second to second).
const GIT_RUNS: usize = 31;
/// Timed runs of `compare` per round (after [`WARM_UP`] untimed ones).
const COMPARE_PER_ROUND: usize = 4;
const WARM_UP: usize = 5;

/// How the numbers below are measured (printed with them).
const METHOD: &str = "31 rounds per size, each: `git diff --no-index --word-diff=porcelain` on two tiny files (git's \
start-up), the same on the story files, then 4 timed compare runs; compare: median of its 124 runs after 5 warm-up \
runs, result dropped outside the timing, wall-clock time (compare may use several threads, git one); git net: median \
of the story-file runs minus median of the start-up runs";

mod common;
#[path = "common/stories.rs"]
mod stories;
use stories::story_pair;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn git_diff(old: &Path, new: &Path) -> Duration {
    let t = Instant::now();
    let status = Command::new("git")
        .args(["diff", "--no-index", "--word-diff=porcelain"])
        .arg(old)
        .arg(new)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .expect("git runs");
    let d = t.elapsed();
    // Exit status 1 means "differences found".
    assert!(status.status.code().is_some_and(|c| c <= 1), "git diff failed");
    d
}

fn main() {
    // `COMPARE_PROFILE=1 cargo bench --bench compare`: only run `compare` on
    // the 50k-word pair (300 times), for a profiler.
    if std::env::var_os("COMPARE_PROFILE").is_some() {
        let (a, b) = story_pair(50_000, 0x5eed_0000 + 50_000);
        let (a, mut b) = (StoryContent::new("A", a), StoryContent::new("B", b));
        // `COMPARE_PROFILE=same`: identical texts, the cost of alignment and
        // equal rows alone.
        if std::env::var("COMPARE_PROFILE").as_deref() == Ok("same") {
            b = a.clone();
        }
        for _ in 0..300 {
            std::hint::black_box(compare(&a, &b, &CompareOptions::default()));
        }
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let tiny_a = dir.path().join("tiny-a.txt");
    let tiny_b = dir.path().join("tiny-b.txt");
    std::fs::write(&tiny_a, "H\n\none\n").unwrap();
    std::fs::write(&tiny_b, "H\n\ntwo\n").unwrap();

    println!("method: {METHOD}");
    println!(
        "available parallelism: {} (compare uses at most 4 threads)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut all_met = true;
    for (words, target) in [(5_000usize, 3.0f64), (50_000, 5.0)] {
        let (old_body, new_body) = story_pair(words, 0x5eed_0000 + words as u64);
        let a = StoryContent::new("Benchmark story", old_body);
        let b = StoryContent::new("Benchmark story", new_body);
        let old_path = dir.path().join(format!("old-{words}.txt"));
        let new_path = dir.path().join(format!("new-{words}.txt"));
        std::fs::write(&old_path, copydesk::text::render(&a)).unwrap();
        std::fs::write(&new_path, copydesk::text::render(&b)).unwrap();
        let a = copydesk::text::parse(&std::fs::read_to_string(&old_path).unwrap()).unwrap();
        let b = copydesk::text::parse(&std::fs::read_to_string(&new_path).unwrap()).unwrap();

        let opts = CompareOptions::default();
        let warm = compare(&a, &b, &opts);
        let threads = copydesk::diff::last_threads();
        for _ in 1..WARM_UP {
            std::hint::black_box(compare(&a, &b, &opts));
        }
        // Interleave git's start-up, git's real runs and ours so all see the
        // same load.
        git_diff(&tiny_a, &tiny_b);
        git_diff(&old_path, &new_path);
        let mut starts = Vec::new();
        let mut runs = Vec::new();
        let mut mine = Vec::new();
        for _ in 0..GIT_RUNS {
            starts.push(git_diff(&tiny_a, &tiny_b));
            runs.push(git_diff(&old_path, &new_path));
            // Running git evicts our data from the CPU caches; one untimed
            // run warms them again, as the warm-up does before the first round.
            std::hint::black_box(compare(&a, &b, &opts));
            for _ in 0..COMPARE_PER_ROUND {
                let t = Instant::now();
                let c = compare(&a, &b, &opts);
                let d = t.elapsed();
                std::hint::black_box(c);
                mine.push(d);
            }
        }
        let ours = median(mine);
        let startup = median(starts);
        let git = median(runs);
        let git_net = git.saturating_sub(startup);
        let ratio = git_net.as_secs_f64() / ours.as_secs_f64();
        let met = ratio >= target;
        all_met &= met;
        println!(
            "{words:>6} words: compare {:.3} ms ({threads} thread{}, coarse={}, {} rows, {} moved, {} changed, {} alerts) | git start-up {:.2} ms, git --word-diff {:.2} ms, net {:.2} ms | git-net/compare {:.1}x, target >= {target}x: {}",
            ms(ours),
            if threads == 1 { "" } else { "s" },
            warm.coarse,
            warm.rows.len(),
            warm.stats.paragraphs_moved,
            warm.stats.paragraphs_changed,
            warm.alerts.len(),
            ms(startup),
            ms(git),
            ms(git_net),
            ratio,
            if met { "MET" } else { "NOT MET" }
        );
    }

    // Deadline: two unrelated 50k-word texts.
    let (a, _) = story_pair(50_000, 1);
    let (b, _) = story_pair(50_000, 2);
    let (a, b) = (StoryContent::new("A", a), StoryContent::new("B", b));
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(compare(&a, &b, &CompareOptions::default()));
            t.elapsed()
        })
        .collect();
    let worst = *times.iter().max().unwrap();
    let c = compare(&a, &b, &CompareOptions::default());
    println!(
        "unrelated 50k-word texts: worst of 5 {:.2} ms (coarse={}), target < 100 ms: {}",
        ms(worst),
        c.coarse,
        if worst < Duration::from_millis(100) {
            "MET"
        } else {
            "NOT MET"
        }
    );
    // The same texts as one paragraph each: the word diff itself must stop.
    let a1 = StoryContent::new("A", vec![a.body.join(" ")]);
    let b1 = StoryContent::new("B", vec![b.body.join(" ")]);
    let t = Instant::now();
    let c1 = compare(&a1, &b1, &CompareOptions::default());
    let single = t.elapsed();
    println!(
        "unrelated 50k-word single paragraphs: {:.2} ms (coarse={}), target < 100 ms: {}",
        ms(single),
        c1.coarse,
        if single < Duration::from_millis(100) {
            "MET"
        } else {
            "NOT MET"
        }
    );
    let deadline_met = worst < Duration::from_millis(100) && single < Duration::from_millis(100);
    println!(
        "targets {}",
        if all_met && deadline_met {
            "all met"
        } else {
            "NOT all met"
        }
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
