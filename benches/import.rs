//! Benchmark: `copydesk::import::parse_raw` on hostile pastes of 10 MB.
//!
//! Run with `cargo bench --bench import` (release build).
//!
//! How it measures:
//! 1. For each shape and size the benchmark runs itself again as a child
//!    process (`COPYDESK_IMPORT_CHILD=shape:bytes`), so each import's peak
//!    memory is its own: the child builds the text deterministically, reads
//!    its peak resident set (`VmHWM` in `/proc/self/status`, Linux only)
//!    before and after importing, and times one `parse_raw` call (wall
//!    clock, text building outside the timing).
//! 2. The parent prints, per shape and size, the time, whether the text was
//!    imported or refused, and the child's peak memory (the text alone is
//!    counted in "before"). A child still running after [`CHILD_LIMIT`] is
//!    killed and reported as such: that is how the quadratic importer of
//!    issue 12 showed.
//! 3. Target: every 10 MB shape imports or is refused in under 2 s.
//!
//! Shapes: many short lines (blank-line separated, each a paragraph), the
//! same without blank lines (a line per paragraph), many copyright-like
//! lines, many junk lines ("Share", "Advertisement"), many lines with bidi
//! overrides and zero-width spaces (each marked for review), and one giant
//! paragraph of many wrapped lines after a headline.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_LIMIT: Duration = Duration::from_secs(60);
const SIZES: &[usize] = &[100_000, 1_000_000, 10_000_000];
const SHAPES: &[&str] = &[
    "short-paragraphs",
    "short-lines",
    "copyright-lines",
    "junk-lines",
    "invisible-lines",
    "giant-paragraph",
];
const TARGET: Duration = Duration::from_secs(2);

const METHOD: &str = "one child process per shape and size (so peak memory is the import's own); in it: build the \
text, read VmHWM, time one parse_raw call (wall clock), read VmHWM again; children past 60 s are killed";

fn build(shape: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    let mut n = 0u64;
    if shape == "giant-paragraph" {
        s.push_str("Storm hits the coast\n\n");
    }
    while s.len() < bytes {
        n += 1;
        match shape {
            "short-paragraphs" => s.push_str(&format!("Line {n}\n\n")),
            "short-lines" => s.push_str(&format!("Line {n}\n")),
            "copyright-lines" => s.push_str(&format!("Copyright {} The Associated Press\n\n", 1900 + n % 100)),
            "junk-lines" => s.push_str(if n % 2 == 0 { "Share\n\n" } else { "Advertisement\n\n" }),
            "invisible-lines" => s.push_str(&format!("Winds of \u{202E}{n}\u{202C} mph hit the co\u{200B}ast.\n\n")),
            "giant-paragraph" => s.push_str(&format!("The storm brought winds of {n} mph to the coast on Monday.\n")),
            other => panic!("unknown shape {other}"),
        }
    }
    s
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn child(spec: &str) {
    let (shape, bytes) = spec.split_once(':').expect("shape:bytes");
    let text = build(shape, bytes.parse().expect("bytes"));
    let before = vm_hwm_kb();
    let t = Instant::now();
    let r = copydesk::import::parse_raw(&text);
    let took = t.elapsed();
    let after = vm_hwm_kb();
    let outcome = match &r {
        Ok(d) => format!(
            "imported ({} paragraphs, {} review marks, {} set aside)",
            d.content.body.len(),
            d.review.len(),
            d.content.flagged.len()
        ),
        Err(e) => format!("refused: {e}"),
    };
    drop(r);
    let mem = |k: Option<u64>| k.map_or("n/a".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    println!("{}\t{}\t{}\t{}", took.as_secs_f64(), mem(before), mem(after), outcome);
}

fn main() {
    if let Ok(spec) = std::env::var("COPYDESK_IMPORT_CHILD") {
        child(&spec);
        return;
    }
    println!("import benchmark: {METHOD}");
    println!(
        "target: every 10 MB shape imported or refused in under {} s\n",
        TARGET.as_secs()
    );
    println!(
        "{:<18} {:>9} {:>10} {:>13} {:>13}  outcome",
        "shape", "bytes", "time", "peak before", "peak after"
    );
    let exe = std::env::current_exe().expect("own path");
    let mut all_ok = true;
    for shape in SHAPES {
        for &bytes in SIZES {
            let mut c = Command::new(&exe)
                .env("COPYDESK_IMPORT_CHILD", format!("{shape}:{bytes}"))
                .stdout(Stdio::piped())
                .spawn()
                .expect("child");
            let start = Instant::now();
            let status = loop {
                if let Some(st) = c.try_wait().expect("wait") {
                    break Some(st);
                }
                if start.elapsed() > CHILD_LIMIT {
                    let _ = c.kill();
                    let _ = c.wait();
                    break None;
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            let mut out = String::new();
            if let Some(mut o) = c.stdout.take() {
                let _ = o.read_to_string(&mut out);
            }
            match status {
                None => {
                    println!(
                        "{shape:<18} {bytes:>9} {:>10} {:>13} {:>13}  killed",
                        format!("> {} s", CHILD_LIMIT.as_secs()),
                        "",
                        ""
                    );
                    all_ok &= bytes < 10_000_000;
                }
                Some(st) if !st.success() => {
                    println!("{shape:<18} {bytes:>9} child failed: {st}");
                    all_ok = false;
                }
                Some(_) => {
                    let f: Vec<&str> = out.trim().splitn(4, '\t').collect();
                    let secs: f64 = f[0].parse().unwrap_or(f64::NAN);
                    if bytes >= 10_000_000 && secs >= TARGET.as_secs_f64() {
                        all_ok = false;
                    }
                    println!(
                        "{shape:<18} {bytes:>9} {:>8.3} s {:>13} {:>13}  {}",
                        secs, f[1], f[2], f[3]
                    );
                }
            }
        }
    }
    println!("\ntarget met: {}", if all_ok { "yes" } else { "NO" });
}
