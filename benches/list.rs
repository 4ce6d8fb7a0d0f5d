//! Benchmark: the story list and its search on a desk of 100,000 stories,
//! against the query the list ran before schema 9 (the reference), in the
//! same run on the same database.
//!
//! Run with `cargo bench --bench list` (release build). Set
//! `COPYDESK_LIST_BENCH_DB` to a database made earlier by
//! `copydesk dev-generate --stories 100000` to skip building one, and
//! `COPYDESK_CLI` to time another build of the CLI than cargo's.
//!
//! How it measures:
//! 1. Builds the desk with `generate::generate_desk` (seed 1): 100,000
//!    made-up stories saved through the store, 10,000 a transaction.
//! 2. Times `Store::list_page` (the app's first page of 100, with the total)
//!    in the default order and by each sort key both ways, and searched for
//!    a common word, a rare one and a prefix: the median and worst of
//!    `RUNS`, on one open store, as the app asks.
//! 3. Times the reference: the pre-schema-9 SQL (each story's latest
//!    revision found by a correlated `max(number)`, fields by
//!    `json_extract`, every row sorted, and for a search the highlight and
//!    snippets of every hit), kept below as it was, reading every row as
//!    the old `list_stories` did. Prints the ratio.
//! 4. Times `copydesk list --search WORDS` as a whole process (start, open,
//!    first page of 50, print), as an editor at a terminal sees it.
//! 5. Prints the figures against the targets: a search's first page within
//!    100 ms in the core (the app's 150 ms after the last keystroke, less
//!    its 50 ms wait), the CLI's first page within 50 ms.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use copydesk::{SortKey, Status, Store, StoryFilter};

const STORIES: u32 = 100_000;
const RUNS: usize = 9;
const CORE_SEARCH_TARGET: Duration = Duration::from_millis(100);
const CLI_TARGET: Duration = Duration::from_millis(50);

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Median and worst of `RUNS` runs of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[RUNS / 2], times[RUNS - 1], last.expect("ran"))
}

// ---- The reference: the list query as it was before schema 9 ----------

const WEIGHTS: &str = "3.0, 5.0, 2.0, 2.0, 1.0";

fn old_order_by(sort: SortKey, ascending: bool, searching: bool) -> String {
    let dir = if ascending { "ASC" } else { "DESC" };
    let status_rank = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| format!("WHEN '{}' THEN {i}", s.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let key = match sort {
        SortKey::Slug => "slug COLLATE NOCASE".to_string(),
        SortKey::Headline => "f.headline COLLATE NOCASE".to_string(),
        SortKey::Section => "section COLLATE NOCASE".to_string(),
        SortKey::Status => {
            format!("CASE replace(replace(r.status, 'review', 'editing'), 'spiked', 'killed') {status_rank} END")
        }
        SortKey::LastEditor => "r.author COLLATE NOCASE".to_string(),
        SortKey::Words => "r.words".to_string(),
        SortKey::Relevance if searching => {
            let dir = if ascending { "DESC" } else { "ASC" };
            return format!("bm25(story_search, {WEIGHTS}) {dir}, r.created_at DESC, s.id DESC");
        }
        SortKey::Updated | SortKey::Relevance => "r.created_at".to_string(),
    };
    format!("{key} {dir}, r.created_at DESC, s.id DESC")
}

/// The old `list_stories` on the active shelf: every matching row, read
/// whole (the old summaries were built from all of them). Returns the
/// number of rows. (The section filter spells out the expression its
/// `section` alias stood for: on schema 9 the alias clashes with the
/// stories table's own column.)
fn reference(conn: &rusqlite::Connection, text: Option<&str>, sort: SortKey, ascending: bool) -> usize {
    // What `fts_query` makes of the bench's plain words: each a prefix.
    let query = text.map(|t| {
        t.split_whitespace()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let searching = query.is_some();
    let (search_join, search_cols, search_where) = if searching {
        (
            "JOIN story_search ON story_search.rowid = s.id",
            "highlight(story_search, 1, char(2), char(3)),
             snippet(story_search, 4, char(2), char(3), '…', 14),
             snippet(story_search, 2, char(2), char(3), '…', 14)",
            "AND story_search MATCH ?3",
        )
    } else {
        ("", "NULL, NULL, NULL", "AND ?3 IS NULL")
    };
    let sql = format!(
        "SELECT s.id, s.created_at, f.headline, r.status, r.number, r.created_at, r.author, r.words,
                coalesce(json_extract(f.fields, '$.slug'), '') AS slug,
                coalesce(json_extract(f.fields, '$.section'), '') AS section,
                s.archived_at, s.trashed_at, {search_cols}
         FROM stories AS s
         JOIN revisions AS r ON r.story_id = s.id
          AND r.number = (SELECT max(number) FROM revisions WHERE story_id = s.id)
         JOIN field_sets AS f ON f.id = r.field_set
         {search_join}
         WHERE s.archived_at IS NULL AND s.trashed_at IS NULL
           AND (?1 IS NULL OR r.status = ?1)
           AND (?2 IS NULL OR coalesce(json_extract(f.fields, '$.section'), '') = ?2)
           {search_where}
         ORDER BY {}",
        old_order_by(sort, ascending, searching)
    );
    let mut stmt = conn.prepare_cached(&sql).expect("reference query");
    let rows = stmt
        .query_map(rusqlite::params![None::<String>, None::<String>, query], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(12)?,
                r.get::<_, Option<String>>(13)?,
            ))
        })
        .expect("reference rows")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("reference rows");
    rows.len()
}

fn build(path: &Path) {
    let t = Instant::now();
    let mut store = Store::open(path).expect("open");
    copydesk::generate::generate_desk(&mut store, STORIES, 1).expect("generate");
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "built {STORIES} stories in {:.1} s ({:.0} MB)",
        t.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = match std::env::var_os("COPYDESK_LIST_BENCH_DB") {
        Some(p) => p.into(),
        None => {
            let p = dir.path().join("list.db");
            build(&p);
            p
        }
    };
    let store = Store::open(&path).expect("open");
    let conn = rusqlite::Connection::open(&path).expect("reference connection");
    let everyone = store.list_page(&StoryFilter::default()).expect("list").total;
    println!("desk: {everyone} stories on the desk, {}", path.display());
    println!();
    println!(
        "{:<34} {:>8} {:>11} {:>11} {:>13} {:>7}",
        "first page (100) of", "total", "median", "worst", "reference", "ratio"
    );

    let sorts = [
        (SortKey::Updated, false),
        (SortKey::Updated, true),
        (SortKey::Slug, true),
        (SortKey::Slug, false),
        (SortKey::Headline, true),
        (SortKey::Headline, false),
        (SortKey::Section, true),
        (SortKey::Section, false),
        (SortKey::Status, true),
        (SortKey::Status, false),
        (SortKey::LastEditor, true),
        (SortKey::LastEditor, false),
        (SortKey::Words, false),
        (SortKey::Words, true),
    ];
    let searches = [
        ("common word", "council"),
        ("mid word", "tsunami"),
        ("rare word", "okonkwo"),
        ("prefix", "gov"),
        ("two words", "harbor bridge"),
    ];
    let mut worst_search = Duration::ZERO;
    let mut cases: Vec<(String, Option<&str>, SortKey, bool)> = sorts
        .iter()
        .map(|&(sort, asc)| {
            (
                format!("{sort:?} {}", if asc { "asc" } else { "desc" }),
                None,
                sort,
                asc,
            )
        })
        .collect();
    cases.extend(searches.iter().map(|&(what, text)| {
        (
            format!("search {what} \"{text}\""),
            Some(text),
            SortKey::Relevance,
            false,
        )
    }));
    for (label, text, sort, ascending) in cases {
        let filter = StoryFilter {
            text: text.map(str::to_string),
            sort,
            ascending,
            ..Default::default()
        };
        let (median, worst, page) = time(|| store.list_page(&filter).expect("page"));
        let (ref_median, _, ref_rows) = time(|| reference(&conn, text, sort, ascending));
        assert_eq!(
            ref_rows as u32, page.total,
            "{label}: the reference finds the same stories"
        );
        assert_eq!(page.stories.len() as u32, page.total.min(100));
        if text.is_some() {
            worst_search = worst_search.max(median);
        }
        println!(
            "{label:<34} {:>8} {:>11} {:>11} {:>13} {:>6.0}×",
            page.total,
            ms(median),
            ms(worst),
            ms(ref_median),
            ref_median.as_secs_f64() / median.as_secs_f64()
        );
    }

    println!();
    // `$COPYDESK_CLI` names another build of the CLI (a copy made right
    // after building, where several builds share one target directory).
    let cli = std::env::var_os("COPYDESK_CLI").unwrap_or_else(|| env!("CARGO_BIN_EXE_copydesk").into());
    let mut worst_cli = Duration::ZERO;
    for (what, text) in searches {
        let (median, worst, out) = time(|| {
            Command::new(&cli)
                .args(["--db"])
                .arg(&path)
                .args(["list", "--search", text])
                .output()
                .expect("run copydesk")
        });
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let last = stdout.lines().last().unwrap_or_default().to_string();
        worst_cli = worst_cli.max(median);
        println!(
            "copydesk list --search {:<16} median {:>10}, worst {:>10}  ({what}: {last})",
            format!("\"{text}\""),
            ms(median),
            ms(worst)
        );
    }
    println!();
    let verdict = |d: Duration, target: Duration| if d <= target { "met" } else { "NOT met" };
    println!(
        "target: a search's first page in the core within {} (the app's 150 ms after the last keystroke less its 50 ms wait): slowest median {} — {}",
        ms(CORE_SEARCH_TARGET),
        ms(worst_search),
        verdict(worst_search, CORE_SEARCH_TARGET)
    );
    println!(
        "target: copydesk list --search, first page as a whole process within {}: slowest median {} — {}",
        ms(CLI_TARGET),
        ms(worst_cli),
        verdict(worst_cli, CLI_TARGET)
    );
}
