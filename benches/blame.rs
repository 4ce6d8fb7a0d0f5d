//! Benchmark: blame of a 10,000-revision story, the walk back over stored
//! paragraph ids (`Store::blame`) against the reference (`diff::blame` over
//! `Store::revisions_through`, what the app and CLI did before), in the same
//! run.
//!
//! Run with `cargo bench --bench blame` (release build). `COPYDESK_CLI`
//! may name the `copydesk` binary to time (default: the one cargo built).
//!
//! How it measures:
//! 1. Builds a database (in /dev/shm when there is one: the set-up's
//!    durable writes are slow on disk and change nothing read later) with
//!    one story of 28 paragraphs (about 1,200 words) and a tag line, saved
//!    10,000 times through `Store::save` by three authors: each save changes
//!    1–4 words in each of 1–3 paragraphs, or (about one save in ten)
//!    inserts, deletes or moves a paragraph, the story staying between 22
//!    and 34 paragraphs; one save in 97 changes only the headline. The tag
//!    line is edited once, at revision 6,000: blaming the latest revision
//!    walks back about 4,000 revisions, blaming revision 5,000 (the middle)
//!    walks back to revision 1, the longest walk there is.
//! 2. For each of the two revisions, in this process: the walk on a fresh
//!    read-only connection (first run, then the median and worst of 21),
//!    and the reference (median of 3); both must give the same
//!    attributions.
//! 3. Peak memory: each way runs once more in a child process of its own,
//!    which reads its peak resident set (`VmHWM` in `/proc/self/status`,
//!    Linux only) after opening the database and after the blame.
//! 4. The CLI as a process, `copydesk --db … blame 1 [--revision 5000]`
//!    (start-up, opening the database, printing included): median of 5,
//!    with its peak memory from `/usr/bin/time -f %M` when that exists.
//! 5. Target: the walk (in process, worst of the runs) ≤ 100 ms.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Rng;
use copydesk::diff::{self, Attribution};
use copydesk::{RevisionKind, Store, StoryContent};

const REVISIONS: u32 = 10_000;
const PARAGRAPHS: usize = 28;
const TAG_LINE_EDITED_AT: u32 = 6_000;
const TARGETS: [u32; 2] = [REVISIONS, REVISIONS / 2];
const RUNS: usize = 21;
const REFERENCE_RUNS: usize = 3;
const CLI_RUNS: usize = 5;
const TARGET: Duration = Duration::from_millis(100);

const VOCABULARY: &str = "the council voted on Tuesday to approve a $40 million plan for harbor said Mayor Ana Ruiz \
                          residents who packed hall opponents called it rushed budget will pay new pier and seawall \
                          after storm last year officials expect work begin in spring with state money vote was 7-2 \
                          city manager";

fn word(rng: &mut Rng) -> &'static str {
    let n = VOCABULARY.split(' ').count();
    VOCABULARY.split(' ').nth(rng.below(n)).expect("below the count")
}

fn paragraph(rng: &mut Rng) -> String {
    let n = 25 + rng.below(36);
    let mut p = (0..n).map(|_| word(rng)).collect::<Vec<_>>().join(" ");
    p.push('.');
    p
}

/// Changes 1–4 words of `p`.
fn edit_words(rng: &mut Rng, p: &str) -> String {
    let mut w: Vec<&str> = p.trim_end_matches('.').split(' ').collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(w.len());
        w[at] = word(rng);
    }
    w.join(" ") + "."
}

/// The story's body at each save, by the rules in the module comment.
fn build(path: &Path) -> i64 {
    let mut rng = Rng(0x5eed_b1a3e);
    let mut store = Store::open(path).expect("open");
    let mut body: Vec<String> = (0..PARAGRAPHS).map(|_| paragraph(&mut rng)).collect();
    body.push("The Associated Press contributed to this report.".into());
    let mut c = StoryContent::new("Council approves harbor plan", body.clone());
    let story = store
        .create_story(&c, "ana", None, RevisionKind::Manual)
        .expect("create")
        .story;
    let authors = ["ana", "ben", "cy"];
    let mut n = 2;
    while n <= REVISIONS {
        // The tag line stays last; the rest is the story proper.
        let last = body.len() - 1;
        if n == TAG_LINE_EDITED_AT {
            body[last] = "Staff writer Ben Ode contributed to this report.".into();
        } else if n % 97 == 0 {
            c.headline = format!("Council approves harbor plan ({n})");
        } else {
            match rng.below(100) {
                0..=3 if last < PARAGRAPHS + 6 => body.insert(rng.below(last + 1), paragraph(&mut rng)),
                4..=7 if last > PARAGRAPHS - 6 => {
                    body.remove(rng.below(last));
                }
                8..=10 => {
                    let p = body.remove(rng.below(last));
                    body.insert(rng.below(last), p);
                }
                _ => {
                    for _ in 0..1 + rng.below(3) {
                        let i = rng.below(last);
                        body[i] = edit_words(&mut rng, &body[i]);
                    }
                }
            }
        }
        c.body = body.clone();
        let kind = if n % 10 == 0 {
            RevisionKind::Manual
        } else {
            RevisionKind::Autosave
        };
        // A move back to where the paragraph was, or a word replaced by
        // itself, stores nothing: then the next edit makes revision `n`.
        let saved = store
            .save(story, &c, authors[n as usize % 3], None, kind)
            .expect("save");
        if saved.is_saved() {
            n += 1;
        }
    }
    story
}

fn walk(store: &Store, story: i64, n: u32) -> Vec<Attribution> {
    store.blame(story, Some(n), |_| {}).expect("blame")
}

fn reference(store: &Store, story: i64, n: u32) -> Vec<Attribution> {
    diff::blame(&store.revisions_through(story, Some(n)).expect("history"))
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("n/a".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0))
}

/// In a child process: one blame, the way `way` says; prints the time and
/// the peak memory after opening and after the blame.
fn child(spec: &str) {
    let mut f = spec.splitn(4, ':');
    let (way, story, n, path) = (
        f.next().unwrap(),
        f.next().unwrap(),
        f.next().unwrap(),
        f.next().unwrap(),
    );
    let (story, n): (i64, u32) = (story.parse().unwrap(), n.parse().unwrap());
    let store = Store::open_read_only(Path::new(path)).expect("open");
    let before = vm_hwm_kb();
    let t = Instant::now();
    let got = match way {
        "walk" => walk(&store, story, n),
        _ => reference(&store, story, n),
    };
    let took = t.elapsed();
    let after = vm_hwm_kb();
    assert!(!got.is_empty());
    println!("{}\t{}\t{}", took.as_secs_f64(), mb(before), mb(after));
}

fn in_child(way: &str, story: i64, n: u32, path: &Path) -> String {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .env("COPYDESK_BLAME_CHILD", format!("{way}:{story}:{n}:{}", path.display()))
        .stderr(Stdio::inherit())
        .output()
        .expect("child");
    assert!(out.status.success(), "child {way} failed");
    let s = String::from_utf8(out.stdout).expect("utf-8");
    let f: Vec<&str> = s.trim().split('\t').collect();
    format!(
        "{:.1} ms, peak memory {} after opening, {} after the blame",
        f[0].parse::<f64>().unwrap_or(f64::NAN) * 1e3,
        f[1],
        f[2]
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    if let Ok(spec) = std::env::var("COPYDESK_BLAME_CHILD") {
        child(&spec);
        return;
    }
    // Durable writes make the set-up slow and change nothing read later:
    // build in memory-backed /dev/shm where there is one.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    let path = dir.path().join("bench.db");
    let built = Instant::now();
    let story = build(&path);
    println!(
        "set-up: {REVISIONS} revisions of a {PARAGRAPHS}-paragraph story in {:.1} s; database {:.1} MB",
        built.elapsed().as_secs_f64(),
        std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
    );
    println!(
        "walk: Store::blame on a fresh read-only connection, first run then median and worst of {RUNS}; \
reference: diff::blame(revisions_through) on the same connection, median of {REFERENCE_RUNS}\n"
    );
    let cli = std::env::var("COPYDESK_CLI").unwrap_or_else(|_| env!("CARGO_BIN_EXE_copydesk").to_string());
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut met = true;
    for n in TARGETS {
        let store = Store::open_read_only(&path).expect("open");
        let t = Instant::now();
        let got = walk(&store, story, n);
        let first = t.elapsed();
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                walk(&store, story, n);
                t.elapsed()
            })
            .collect();
        times.sort();
        let (median, worst) = (times[RUNS / 2], times[RUNS - 1].max(first));
        let mut ref_times = Vec::new();
        let mut expected = Vec::new();
        for _ in 0..REFERENCE_RUNS {
            let t = Instant::now();
            expected = reference(&store, story, n);
            ref_times.push(t.elapsed());
        }
        ref_times.sort();
        let ref_median = ref_times[REFERENCE_RUNS / 2];
        assert_eq!(got, expected, "the walk and the reference disagree on revision {n}");
        let oldest = got.iter().map(|a| a.revision).min().unwrap_or(n);
        println!(
            "revision {n} ({} paragraphs, the oldest from r{oldest}: the walk looks at {} older revisions; same \
attributions as the reference: yes)",
            got.len(),
            n - oldest.max(2) + 1
        );
        println!(
            "  walk       first {:.2} ms, median {:.2} ms, worst {:.2} ms",
            ms(first),
            ms(median),
            ms(worst)
        );
        println!(
            "  reference  median {:.1} ms  → walk is {:.0}× faster",
            ms(ref_median),
            ref_median.as_secs_f64() / median.as_secs_f64()
        );
        println!("  child, walk       {}", in_child("walk", story, n, &path));
        println!("  child, reference  {}", in_child("reference", story, n, &path));

        let mut args = vec![
            "--db".to_string(),
            path.display().to_string(),
            "blame".into(),
            story.to_string(),
        ];
        if n != REVISIONS {
            args.extend(["--revision".into(), n.to_string()]);
        }
        let mut cli_times = Vec::new();
        let mut peak = None;
        for _ in 0..CLI_RUNS {
            let t = Instant::now();
            let out = if gnu_time {
                Command::new("/usr/bin/time")
                    .args(["-f", "%M", &cli])
                    .args(&args)
                    .output()
            } else {
                Command::new(&cli).args(&args).output()
            }
            .expect("run the CLI");
            cli_times.push(t.elapsed());
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), got.len());
            peak = String::from_utf8_lossy(&out.stderr)
                .trim()
                .lines()
                .last()
                .and_then(|l| l.parse().ok());
        }
        cli_times.sort();
        println!(
            "  CLI        median {:.1} ms of {CLI_RUNS} (process start and printing included), peak memory {}\n",
            ms(cli_times[CLI_RUNS / 2]),
            mb(peak)
        );
        met &= worst <= TARGET;
    }
    println!(
        "target ≤ {} ms (walk, worst in process): {}",
        TARGET.as_millis(),
        if met { "met" } else { "NOT met" }
    );
}
