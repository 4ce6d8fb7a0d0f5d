//! Benchmark: checking a 5,000-word story (spelling, names, AP style).
//!
//! Run with `cargo bench --bench check` (release build).
//!
//! How it measures:
//! 1. Loads the system's Hunspell dictionary (hunspell-en-us) once, as the
//!    app does at start, and reports how long that took.
//! 2. Builds a story of about 5,000 words from the paragraphs of the
//!    AP-style fixture, each paragraph made unique (so nothing is reused
//!    from another paragraph), with a few planted errors.
//! 3. Times a full check (`check_story`, nothing cached): the first run on
//!    its own, then the median and worst of 21 runs.
//! 4. Times a re-check after one paragraph changed (`recheck_story`).
//! 5. Times Hunspell's suggestions for the misspellings, which the check
//!    leaves to `Findings::suggest_spellings` (on demand).
//! 6. Prints the figures and whether the target (full check <= 20 ms) is met.

use std::time::{Duration, Instant};

use copydesk::check::{check_story, recheck_story, Dictionaries};
use copydesk::StoryContent;

const WORDS: u32 = 5_000;
const RUNS: usize = 21;
const TARGET: Duration = Duration::from_millis(20);

fn median_and_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], *times.last().expect("runs"))
}

fn main() {
    let t = Instant::now();
    let dicts = Dictionaries::system().expect("hunspell-en-us is installed");
    let load = t.elapsed();

    let fixture = include_str!("../tests/fixtures/check/ap-style.txt");
    let draft = copydesk::import::parse_raw(fixture).expect("fixture imports");
    let paragraphs = draft.content.body;
    let mut body = Vec::new();
    let mut i = 0usize;
    let mut content = StoryContent::new("Benchmark", Vec::new());
    while content.word_count() < WORDS {
        let p = &paragraphs[i % paragraphs.len()];
        let planted = if i % 7 == 3 {
            " The councel met at 10 AM in the the hall."
        } else {
            ""
        };
        body.push(format!("{p}{planted} Update {i} followed."));
        content = StoryContent::new("Benchmark", body.clone());
        i += 1;
    }
    let words = content.word_count();

    let t = Instant::now();
    let first = check_story(&content, &dicts);
    let cold = t.elapsed();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let f = check_story(&content, &dicts);
        times.push(t.elapsed());
        assert_eq!(f.counts, first.counts);
    }
    let (median, worst) = median_and_worst(times);

    let mut edited = content.clone();
    let mut re_times = Vec::new();
    for run in 0..RUNS {
        edited.body[10] = format!("{} A new sentance {run}.", content.body[10]);
        let t = Instant::now();
        let f = recheck_story(&edited, &dicts, Some(&first));
        re_times.push(t.elapsed());
        assert_eq!(f.paragraphs_checked, 1);
    }
    let (re_median, re_worst) = median_and_worst(re_times);

    let mut suggested = first.clone();
    let t = Instant::now();
    suggested.suggest_spellings(&dicts);
    let suggest = t.elapsed();

    println!("check: {words} words in {} paragraphs", content.body.len());
    println!(
        "  findings: {} spelling, {} style, {} names to check",
        first.counts.spelling, first.counts.style, first.counts.names
    );
    println!("  dictionary load (once, at start): {load:.1?}");
    println!("  full check, first run: {cold:.2?}");
    println!("  full check, median of {RUNS}: {median:.2?} (worst {worst:.2?})");
    println!("  re-check, one paragraph changed, median of {RUNS}: {re_median:.2?} (worst {re_worst:.2?})");
    println!(
        "  spelling suggestions for the {} misspellings (on demand, not part of the check): {suggest:.1?}",
        first.counts.spelling
    );
    println!(
        "  target: full check <= {TARGET:?}: {}",
        if median <= TARGET { "met" } else { "NOT met" }
    );
}
