//! Benchmark: opening a story with 10,000 revisions, as the app does it —
//! the latest revision for the editor and the first page of history.
//!
//! Run with `cargo bench --bench open_story` (release build).
//!
//! How it measures:
//! 1. Builds a database with one 1,200-word story (20 paragraphs) and saves
//!    it 9,999 more times through `Store::save`, each save changing one
//!    paragraph, as autosaves and manual saves by three authors, with a
//!    named version every 500 revisions. The set-up uses the same durable
//!    writes (WAL, synchronous=FULL) as the app, so it takes a while.
//! 2. Times "open": `Store::open` on the file (a fresh connection, as when
//!    the app starts), `revision(story, None)` and `history_page` with the
//!    app's page size (100). The first run is reported on its own (cold
//!    statement cache), then the median and worst of 21 runs.
//! 3. Prints the figures and whether the target (< 200 ms) is met.

use std::time::{Duration, Instant};

use copydesk::{HistoryQuery, RevisionKind, Store, StoryContent};

mod common;
use common::Rng;

const REVISIONS: u32 = 10_000;
const PARAGRAPHS: usize = 20;
const WORDS_PER_PARAGRAPH: usize = 60;
const RUNS: usize = 21;
const TARGET: Duration = Duration::from_millis(200);

fn paragraph(seed: u64, version: u32) -> String {
    let mut rng = Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) ^ u64::from(version));
    (0..WORDS_PER_PARAGRAPH)
        .map(|_| {
            [
                "council", "voted", "budget", "mayor", "said", "the", "city", "on", "Tuesday", "million", "$3.5",
                "plan",
            ][rng.below(12)]
        })
        .collect::<Vec<_>>()
        .join(" ")
        + "."
}

fn open_once(path: &std::path::Path, story: i64) -> Duration {
    let t = Instant::now();
    let store = Store::open(path).expect("open");
    let latest = store.revision(story, None).expect("latest");
    let page = store
        .history_page(
            story,
            &HistoryQuery {
                limit: Some(100),
                ..Default::default()
            },
        )
        .expect("history");
    let elapsed = t.elapsed();
    assert_eq!(latest.info.revision, REVISIONS);
    assert_eq!((page.revisions.len(), page.matching), (100, REVISIONS));
    elapsed
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let built = Instant::now();
    let story = {
        let mut store = Store::open(&path).expect("open");
        let mut body: Vec<String> = (0..PARAGRAPHS).map(|i| paragraph(i as u64, 0)).collect();
        let mut content = StoryContent::new("Council passes the budget", body.clone());
        content.slug = "Council-Budget".into();
        let story = store
            .create_story(&content, "ana", None, RevisionKind::Manual)
            .expect("create")
            .story;
        let authors = ["ana", "ben", "cy"];
        for n in 2..=REVISIONS {
            let i = (n as usize * 7) % PARAGRAPHS;
            body[i] = paragraph(i as u64, n);
            content.body = body.clone();
            let kind = if n % 10 == 0 {
                RevisionKind::Manual
            } else {
                RevisionKind::Autosave
            };
            store
                .save(story, &content, authors[n as usize % 3], None, kind)
                .expect("save");
            if n % 500 == 0 {
                store.name_version(story, n, "Sent to desk", "ana").expect("name");
            }
        }
        story
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "set-up: {REVISIONS} revisions of a {}-word story in {:.1} s; database {:.1} MB",
        PARAGRAPHS * WORDS_PER_PARAGRAPH,
        built.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );

    let first = open_once(&path, story);
    let mut times: Vec<Duration> = (0..RUNS).map(|_| open_once(&path, story)).collect();
    times.sort();
    let median = times[RUNS / 2];
    let worst = times[RUNS - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "open (Store::open + latest revision + first history page of 100): first {:.2} ms, median {:.2} ms, worst {:.2} ms of {RUNS}",
        ms(first),
        ms(median),
        ms(worst)
    );
    let verdict = if worst.max(first) < TARGET { "met" } else { "NOT met" };
    println!("target < {} ms: {verdict}", TARGET.as_millis());
}
