//! Benchmark: the bytes a long history takes in the database, against git.
//!
//! Run with `cargo bench --bench storage` (release build; needs `git`).
//!
//! How it measures:
//! 1. Generates a deterministic history (xorshift from a fixed seed): a
//!    5,000-word story (80 paragraphs of 40–80 words from a 400-word
//!    vocabulary, drawn with a skew towards common words, with numbers and
//!    names), then 999 successive edits, each changing 1–4 words in each of
//!    one to three paragraphs.
//! 2. Saves the 1,000 revisions through `Store::save` into a new database,
//!    closes it, `VACUUM`s it, and reports the file size and what the bytes
//!    are: every table and index by SQLite's `dbstat` (pages and payload),
//!    and the bytes of each column (`sum(length(column))`).
//! 3. In the same run, writes the same 1,000 revisions, as the plain-text
//!    story file (headline, dek, paragraphs separated by blank lines), as
//!    1,000 commits of one file in a temp git repository (`git fast-import`),
//!    then runs `git gc` and `git gc --aggressive` and reports the size of
//!    the pack after each (the `.pack` file; the `.idx` beside it is not
//!    counted, as the database has its own indexes counted).
//! 4. Times loading a revision: the database is reopened, then 100 random
//!    revisions are read with `Store::revision` (each checked against the
//!    generated text, outside the timing); median and worst.
//! 5. Prints the ratios and whether the target (database ≤ git gc's pack) and
//!    the stretch target (≤ git gc --aggressive's pack) and the load-time
//!    target (≤ 1 ms) are met.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::{RevisionKind, Store, StoryContent};

const REVISIONS: usize = 1_000;
const PARAGRAPHS: usize = 80;
const LOADS: usize = 100;
const LOAD_TARGET: Duration = Duration::from_millis(1);

/// How the numbers below are measured (printed with them).
const METHOD: &str =
    "one story, 1,000 revisions saved through Store::save (5,000 words, each revision edits 1-4 words \
in 1-3 paragraphs), database VACUUMed after closing, file size; git: the same revisions as 1,000 commits of the \
story's text file via git fast-import, size of the .pack after `git gc` and after `git gc --aggressive`; load: \
Store::revision of 100 random revisions on a reopened database, median and worst";

const VOCABULARY: &str = "the of and to a in that is for on said with was as by at it from his an be has have are \
were which this who not but had its they their after year also new been more one would about two first people \
will than other city when into over last could some state government time up what out there can years \
council mayor budget plan vote police officials million percent week since told report public according \
while during three four under between against before while court federal department school students water \
harbor project residents county board members meeting tuesday wednesday thursday friday monday \
district program funding tax money increase cost costs spending proposal approved approve voted agreed \
president spokesman spokeswoman statement officials official company companies workers union contract \
health hospital patients doctors care services service emergency fire storm rain flood wind power outage \
road roads bridge traffic transit bus buses train rail station airport flight flights passengers \
police officer officers arrested charged suspect investigation case trial judge jury lawyer attorney \
prosecutors defense evidence witness witnesses testimony sentence prison jail release released \
election candidate candidates campaign voters ballot polls party senate house committee bill law \
legislation governor senator representative congress lawmakers republican democrat democrats \
economy economic market markets prices price inflation jobs job unemployment growth business businesses \
housing homes home rent rents tenants landlord landlords development developer construction building \
park parks library libraries museum art music festival event events community neighborhood neighbors \
weather forecast temperatures heat cold snow ice season summer winter spring fall morning afternoon \
evening night hours minutes days months weeks early late recent recently still already just only \
about around nearly almost more most less least many much several few some any each every both \
north south east west downtown central local national international global regional \
says say saying added noted explained announced expected expects planned plans hopes hoped wants \
needs need help helped support supported opposed oppose concerns concern issue issues problem problems \
decision decisions process review study studies data information number numbers rate rates level levels";

const NAMES: &[&str] = &[
    "Ana Ruiz",
    "Ben Okafor",
    "Carla Diaz",
    "Dmitri Volkov",
    "Elena Park",
    "Farid Haddad",
    "Grace Liu",
    "Hugo Meyer",
];

mod common;
use common::Rng;

struct Generator {
    rng: Rng,
    words: Vec<&'static str>,
}

impl Generator {
    fn word(&mut self) -> String {
        match self.rng.below(40) {
            0 => NAMES[self.rng.below(NAMES.len())].to_string(),
            1 => format!("{}", self.rng.below(2_000)),
            2 => format!("${}.{} million", 1 + self.rng.below(90), self.rng.below(10)),
            _ => {
                // Skewed towards the start of the list, as word use is.
                let a = self.rng.below(self.words.len());
                let b = self.rng.below(self.words.len());
                self.words[a.min(b)].to_string()
            }
        }
    }

    fn paragraph(&mut self) -> String {
        let n = 40 + self.rng.below(41);
        let mut words: Vec<String> = (0..n).map(|_| self.word()).collect();
        let mut first = words[0].chars();
        if let Some(c) = first.next() {
            words[0] = c.to_uppercase().chain(first).collect();
        }
        if self.rng.below(3) == 0 {
            let at = n / 2;
            words[at] = format!("\"{}", words[at]);
            words[n - 1] = format!("{}.\"", words[n - 1]);
            return words.join(" ");
        }
        words.join(" ") + "."
    }

    /// Replaces 1–4 words of `p` (a word stays a word: no punctuation moves).
    fn edit(&mut self, p: &str) -> String {
        let mut words: Vec<String> = p.split(' ').map(str::to_string).collect();
        for _ in 0..1 + self.rng.below(4) {
            let i = 1 + self.rng.below(words.len() - 2);
            if words[i].chars().all(|c| c.is_alphanumeric()) {
                words[i] = self.word();
            }
        }
        words.join(" ")
    }
}

/// The 1,000 revisions, as story content.
fn history() -> Vec<StoryContent> {
    let mut g = Generator {
        rng: Rng(0x5eed_cafe_f00d_1234),
        words: VOCABULARY.split_whitespace().collect(),
    };
    let mut body: Vec<String> = (0..PARAGRAPHS).map(|_| g.paragraph()).collect();
    let mut content = StoryContent::new("Council approves harbor plan after long night of debate", body.clone());
    content.slug = "Harbor-Plan".into();
    content.dek = "The $40 million project will rebuild the east piers over four years".into();
    content.section = "City".into();
    content.dateline = "PORTLAND, Maine".into();
    let mut out = vec![content.clone()];
    while out.len() < REVISIONS {
        for _ in 0..1 + g.rng.below(3) {
            let i = g.rng.below(body.len());
            // An edit that happens to change nothing is drawn again.
            let old = body[i].clone();
            while body[i] == old {
                body[i] = g.edit(&old);
            }
        }
        content.body = body.clone();
        out.push(content.clone());
    }
    let words: usize = out[0].body.iter().map(|p| p.split_whitespace().count()).sum();
    assert!((4_500..=5_500).contains(&words), "{words} words");
    out
}

fn story_text(c: &StoryContent) -> String {
    let mut s = format!("{}\n\n{}\n\n", c.headline, c.dek);
    for p in &c.body {
        s.push_str(p);
        s.push_str("\n\n");
    }
    s
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pack_bytes(repo: &Path) -> u64 {
    std::fs::read_dir(repo.join(".git/objects/pack"))
        .expect("pack dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "pack"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum()
}

/// Pack sizes after `git gc` and after `git gc --aggressive`.
fn git_packs(revs: &[StoryContent], dir: &Path) -> (u64, u64) {
    let repo = dir.join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    {
        let mut w = std::io::BufWriter::new(child.stdin.take().unwrap());
        for (n, c) in revs.iter().enumerate() {
            let text = story_text(c);
            let msg = format!("Revision {}", n + 1);
            let when = 1_780_000_000 + n * 60;
            writeln!(w, "commit refs/heads/main").unwrap();
            writeln!(w, "committer Ana Ruiz <ana@example.com> {when} +0000").unwrap();
            writeln!(w, "data {}\n{msg}", msg.len()).unwrap();
            writeln!(w, "M 644 inline story.txt\ndata {}\n{text}", text.len()).unwrap();
        }
        w.flush().unwrap();
    }
    assert!(child.wait().unwrap().success(), "git fast-import failed");
    git(&repo, &["gc", "-q"]);
    let gc = pack_bytes(&repo);
    git(&repo, &["gc", "-q", "--aggressive"]);
    (gc, pack_bytes(&repo))
}

fn kib(b: u64) -> String {
    format!("{:.0} KiB", b as f64 / 1024.0)
}

/// What the bytes of the database are: by table and index, and by column.
fn breakdown(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT name, count(*), sum(pgsize), sum(payload), sum(unused) FROM dbstat
             GROUP BY name ORDER BY sum(pgsize) DESC",
        )
        .unwrap();
    println!(
        "  {:<34} {:>6} {:>10} {:>10} {:>10}",
        "table or index (dbstat)", "pages", "bytes", "payload", "unused"
    );
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (name, pages, bytes, payload, unused) = row.unwrap();
        println!(
            "  {name:<34} {pages:>6} {:>10} {:>10} {:>10}",
            kib(bytes as u64),
            kib(payload as u64),
            kib(unused as u64)
        );
    }
    let tables: Vec<(String, i64)> = conn
        .prepare("SELECT name, (SELECT count(*) FROM pragma_table_info(name)) FROM sqlite_schema WHERE type = 'table' AND name IN ('revisions', 'paragraphs', 'field_sets')")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (table, _) in tables {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let sizes: Vec<String> = cols
            .iter()
            .map(|c| {
                let b: i64 = conn
                    .query_row(
                        &format!("SELECT coalesce(sum(length(CAST({c} AS BLOB))), 0) FROM {table}"),
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                format!("{c} {}", kib(b as u64))
            })
            .collect();
        println!("  {table} ({rows} rows), column bytes: {}", sizes.join(", "));
    }
    // Paragraph rows are either whole (compressed alone) or an edit of the
    // paragraph they replaced: which costs what says where to look next.
    let mut kinds = conn
        .prepare("SELECT base IS NULL, count(*), sum(length(data)) FROM paragraphs GROUP BY 1 ORDER BY 1 DESC")
        .unwrap();
    let kinds = kinds
        .query_map([], |r| {
            Ok((r.get::<_, bool>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })
        .unwrap();
    for kind in kinds {
        let (whole, rows, bytes) = kind.unwrap();
        println!(
            "  paragraph data stored {}: {rows} rows, {} ({} bytes each on average)",
            if whole {
                "whole"
            } else {
                "as an edit of the one replaced"
            },
            kib(bytes as u64),
            bytes / rows.max(1)
        );
    }
}

fn main() {
    let revs = history();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let built = Instant::now();
    let story = {
        let mut store = Store::open(&path).expect("open");
        let story = store
            .create_story(&revs[0], "ana", None, RevisionKind::Manual)
            .expect("create")
            .story;
        for c in &revs[1..] {
            store.save(story, c, "ana", None, RevisionKind::Manual).expect("save");
        }
        story
    };
    let save_time = built.elapsed();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;").unwrap();
    }
    let db = std::fs::metadata(&path).unwrap().len();
    println!("method: {METHOD}");
    println!(
        "history: {REVISIONS} revisions of a {}-word story, {} KiB of text per revision; saved in {:.1} s",
        revs[0].word_count(),
        story_text(&revs[0]).len() / 1024,
        save_time.as_secs_f64()
    );
    println!("database after VACUUM: {} ({db} bytes); where the bytes are:", kib(db));
    breakdown(&path);

    let (gc, aggressive) = git_packs(&revs, dir.path());
    println!(
        "git gc pack: {} ; git gc --aggressive pack: {}",
        kib(gc),
        kib(aggressive)
    );
    println!(
        "database / git gc = {:.2}x ; database / git gc --aggressive = {:.2}x",
        db as f64 / gc as f64,
        db as f64 / aggressive as f64
    );

    let store = Store::open(&path).expect("reopen");
    let mut rng = Rng(0x10ad_5eed);
    let picks: Vec<usize> = (0..LOADS).map(|_| rng.below(REVISIONS)).collect();
    let mut times = Vec::with_capacity(LOADS);
    for &n in &picks {
        let t = Instant::now();
        let rev = store.revision(story, Some(n as u32 + 1)).expect("revision");
        times.push(t.elapsed());
        assert_eq!(rev.content.body, revs[n].body, "revision {} reads back as saved", n + 1);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "load a random revision (Store::revision, {LOADS} runs): median {:.3} ms, worst {:.3} ms",
        ms(times[LOADS / 2]),
        ms(times[LOADS - 1])
    );
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    println!("target: database ≤ git gc pack ({}): {}", kib(gc), verdict(db <= gc));
    println!(
        "stretch: database ≤ git gc --aggressive pack ({}): {}",
        kib(aggressive),
        verdict(db <= aggressive)
    );
    println!(
        "target: load ≤ 1 ms (median): {}",
        verdict(times[LOADS / 2] <= LOAD_TARGET)
    );
}
