//! Benchmark: `copydesk diff --files` against `git diff --no-index
//! --word-diff=porcelain`, both as whole processes, on a 50,000-word pair.
//!
//! Run with `cargo bench --bench cli` (builds the release CLI), or give a
//! built CLI with `COPYDESK_CLI=/path/to/copydesk cargo bench --bench cli`.
//!
//! How it measures:
//! 1. Generates the 50,000-word pair of the compare benchmark (same seed:
//!    1% of words replaced, 3 paragraphs moved) and writes both sides as
//!    story files (the plain-text format). The CLI is copied to the temp
//!    directory first, so a build running beside the benchmark cannot
//!    replace it half-way.
//! 2. Runs [`WARM_UP`] untimed rounds, then [`ROUNDS`] rounds, each timing
//!    one after the other: git, then `copydesk diff --files OLD NEW` with
//!    `--json`, with text output (no colour: stdout is a pipe) and with
//!    `--format html`. Each is a whole process (start, read, check,
//!    compare, print) with its output read from a pipe to the end, as a
//!    script would. Taking turns means all see the same machine load.
//! 3. Prints, per output format, the medians and the ratio git / copydesk
//!    against the target: at least 3× faster than git.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::StoryContent;

mod common;
#[path = "common/stories.rs"]
mod stories;

const ROUNDS: usize = 41;
const WARM_UP: usize = 3;
const WORDS: usize = 50_000;
const TARGET: f64 = 3.0;

/// The CLI's output formats, as arguments after `diff --files OLD NEW`.
const FORMATS: [(&str, &[&str]); 3] = [("--json", &["--json"]), ("text", &[]), ("html", &["--format", "html"])];

/// Runs `cmd` to the end with its output read through a pipe; the time it
/// took and the bytes it printed.
fn time(cmd: &mut Command) -> (Duration, usize) {
    let t = Instant::now();
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the command runs");
    let d = t.elapsed();
    // git diff exits 1 when the files differ.
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (d, out.stdout.len())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn cli_path() -> PathBuf {
    std::env::var_os("COPYDESK_CLI")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_copydesk")))
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cli = dir.path().join("copydesk");
    std::fs::copy(cli_path(), &cli).expect("the CLI is there to copy");
    let (old_body, new_body) = stories::story_pair(WORDS, 0x5eed_0000 + WORDS as u64);
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    for (path, body) in [(&old, old_body), (&new, new_body)] {
        let story = StoryContent::new("Benchmark story", body);
        std::fs::write(path, copydesk::text::render(&story)).unwrap();
    }
    let git = || {
        let mut c = Command::new("git");
        c.args(["diff", "--no-index", "--word-diff=porcelain"])
            .arg(&old)
            .arg(&new);
        c
    };
    let ours = |extra: &[&str]| {
        let mut c = Command::new(&cli);
        c.args(["diff", "--files"]).arg(&old).arg(&new).args(extra);
        // Settings and database are not read by `diff --files`; keep the
        // user's out of it all the same.
        c.env("COPYDESK_SETTINGS", dir.path().join("settings.json"));
        c
    };
    println!(
        "method: {WORDS}-word pair ({} and {} bytes), {ROUNDS} rounds after {WARM_UP} warm-up ones, each: git diff \
         --no-index --word-diff=porcelain, then copydesk diff --files in each format; every run a whole process, its \
         output read from a pipe; medians",
        file_len(&old),
        file_len(&new)
    );
    let mut git_times = Vec::new();
    let mut our_times = vec![Vec::new(); FORMATS.len()];
    let mut sizes = vec![0; FORMATS.len() + 1];
    for round in 0..WARM_UP + ROUNDS {
        let (g, n) = time(&mut git());
        sizes[0] = n;
        let timed = round >= WARM_UP;
        if timed {
            git_times.push(g);
        }
        for (i, (_, args)) in FORMATS.iter().enumerate() {
            let (d, n) = time(&mut ours(args));
            sizes[i + 1] = n;
            if timed {
                our_times[i].push(d);
            }
        }
    }
    let git_ms = ms(median(git_times));
    println!("git output: {} bytes", sizes[0]);
    let mut all_met = true;
    for (i, (name, _)) in FORMATS.iter().enumerate() {
        let ours_ms = ms(median(std::mem::take(&mut our_times[i])));
        let ratio = git_ms / ours_ms;
        let met = ratio >= TARGET;
        all_met &= met;
        println!(
            "{name:<6} copydesk {ours_ms:.2} ms, git {git_ms:.2} ms, ratio {ratio:.2}× (target ≥ {TARGET}×: {}; {} bytes out)",
            if met { "met" } else { "NOT met" },
            sizes[i + 1]
        );
    }
    println!("all targets met: {all_met}");
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}
