//! `copydesk`: the command-line face of the Copydesk core, for scripting and
//! tests. Every command takes `--db PATH`; `--json` prints exactly one JSON
//! document on stdout; failures go to stderr and exit non-zero.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use copydesk::export::{self, Format};
use copydesk::diff::{self, CompareOptions};
use copydesk::{credits, import};
use copydesk::revision::{default_author, SaveOutcome};
use copydesk::store::{resolve_path, StoryFilter};
use copydesk::{text, Error, Result, RevisionKind, Status, Store};

#[derive(Parser)]
#[command(name = "copydesk", version, about = "Keep every draft of a story, compare any two, credit everyone right")]
struct Cli {
    /// The database file [default: $COPYDESK_DB, else copydesk.db in your data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Print exactly one JSON document on stdout
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a story file as a new story (revision 1)
    Import {
        file: PathBuf,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Save a story file as the next revision of STORY
    Save {
        story: i64,
        file: PathBuf,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// List the stories, most recently changed first
    List {
        /// Only stories whose headline or text contains these words
        #[arg(long)]
        search: Option<String>,
        /// Only stories in this workflow status
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
    },
    /// The revisions of a story, newest first
    History { story: i64 },
    /// Show a revision of a story (the latest by default)
    Show {
        story: i64,
        #[arg(long)]
        revision: Option<u32>,
    },
    /// Append a revision whose content equals revision N
    Restore {
        story: i64,
        revision: u32,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Compare two revisions of a story, or two story files
    #[command(after_help = "Examples:\n  copydesk diff 1 2 3\n  copydesk diff --files old.txt new.txt --format html -o redline.html")]
    Diff {
        /// The story, then the older and newer revision numbers
        #[arg(required_unless_present = "files", num_args = 3, value_names = ["STORY", "A", "B"])]
        revisions: Vec<i64>,
        /// Compare two plain-text story files instead (no database)
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "revisions")]
        files: Option<Vec<PathBuf>>,
        /// terminal (default) or html (a standalone printable redline page)
        #[arg(long, default_value = "terminal", value_parser = ["terminal", "html"])]
        format: String,
        /// Ignore whitespace, punctuation-only and straight/curly quote changes
        #[arg(long)]
        ignore_boring: bool,
        /// Show small changed words character by character (typo fixes)
        #[arg(long)]
        char_level: bool,
        /// Write to this file instead of stdout
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Who last changed each paragraph of a revision (the latest by default)
    Blame {
        story: i64,
        #[arg(long)]
        revision: Option<u32>,
    },
    /// Export a revision (the latest by default)
    Export {
        story: i64,
        #[arg(long)]
        revision: Option<u32>,
        /// text, markdown, html, ninjs (2.2) or ninjs3 (3.1)
        #[arg(long, default_value = "text", value_parser = parse_format)]
        format: Format,
        /// Write to this file instead of stdout
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

fn parse_status(s: &str) -> std::result::Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        let all: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown status {s:?}; use one of {}", all.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copydesk: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open(db: Option<&Path>) -> Result<Store> {
    Store::open(&resolve_path(db))
}

fn print_json(v: &Value) {
    println!("{}", serde_json::to_string_pretty(v).expect("JSON values serialise"));
}

fn to_value<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).expect("our types serialise")
}

/// Merges the fields of several JSON objects into one, later keys winning.
fn merged(parts: &[Value]) -> Value {
    let mut out = serde_json::Map::new();
    for p in parts {
        if let Value::Object(m) = p {
            out.extend(m.clone());
        }
    }
    Value::Object(out)
}

fn run(cli: Cli) -> Result<()> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Import { file, author, note } => {
            // Read and check the file before touching the database, so a bad
            // file leaves it exactly as it was.
            let raw = text::read_story_file(&file)?;
            let draft = import::parse_raw(&raw).map_err(|e| not_a_story(&file, e))?;
            let author = author.unwrap_or_else(default_author);
            let note = note.unwrap_or_else(|| format!("Imported from {}", file_name(&file)));
            let mut store = open(db)?;
            let info = store.create_story(&draft.content, &author, Some(&note), RevisionKind::Import)?;
            // What was stored, not what was parsed: the two differ only by
            // normalisation, but the JSON must describe revision 1 exactly.
            let content = store.revision(info.story, Some(info.revision))?.content;
            let warnings = credits::check(&content);
            if cli.json {
                print_json(&merged(&[
                    json!({"story": info.story, "revision": info.revision}),
                    to_value(&content),
                    json!({"review": draft.review, "warnings": warnings}),
                ]));
            } else {
                println!(
                    "Imported story {} at revision {}: {} ({} paragraphs, {} words)",
                    info.story,
                    info.revision,
                    content.headline,
                    content.body.len(),
                    info.words
                );
                for f in &content.flagged {
                    println!("  set aside ({}): {}", f.reason, f.text);
                }
                for r in &draft.review {
                    println!("  check paragraph {}: {}", r.paragraph + 1, r.reason);
                }
                for w in &warnings {
                    println!("  credits: {}", w.message);
                }
            }
        }
        Command::Save { story, file, author, note } => {
            let raw = text::read_story_file(&file)?;
            let content = text::parse(&raw).map_err(|e| not_a_story(&file, e))?;
            let author = author.unwrap_or_else(default_author);
            let mut store = open(db)?;
            let outcome = store.save(story, &content, &author, note.as_deref(), RevisionKind::Manual)?;
            report_outcome(&outcome, cli.json);
        }
        Command::List { search, status } => {
            let store = open(db)?;
            let stories = store.list_stories(&StoryFilter { text: search, status })?;
            if cli.json {
                print_json(&to_value(&stories));
            } else if stories.is_empty() {
                println!("No stories yet. Import one with `copydesk import FILE`.");
            } else {
                println!("{:>5}  {:<9}  {:>4}  {:<20}  HEADLINE", "ID", "STATUS", "REVS", "UPDATED (UTC)");
                for s in stories {
                    println!(
                        "{:>5}  {:<9}  {:>4}  {:<20}  {}",
                        s.id,
                        s.status.as_str(),
                        s.revisions,
                        s.updated_at.format("%Y-%m-%d %H:%M:%S"),
                        s.headline
                    );
                }
            }
        }
        Command::History { story } => {
            let store = open(db)?;
            let history = store.history(story)?;
            if cli.json {
                print_json(&to_value(&history));
            } else {
                for r in history {
                    let restored = r.restored_from.map(|n| format!(" (restores {n})")).unwrap_or_default();
                    println!(
                        "r{:<4} {}  {:<16} {:<8}{} {:>6} words  {}",
                        r.revision,
                        r.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
                        r.author,
                        r.kind.as_str(),
                        restored,
                        r.words,
                        r.note.as_deref().unwrap_or("")
                    );
                }
            }
        }
        Command::Show { story, revision } => {
            let store = open(db)?;
            let rev = store.revision(story, revision)?;
            if cli.json {
                print_json(&merged(&[to_value(&rev.info), to_value(&rev.content)]));
            } else {
                let i = &rev.info;
                println!(
                    "Story {}, revision {} by {} at {} ({})",
                    i.story,
                    i.revision,
                    i.author,
                    i.created_at.to_rfc3339(),
                    i.kind.as_str()
                );
                println!();
                print!("{}", text::render(&rev.content));
            }
        }
        Command::Restore { story, revision, author, note } => {
            let author = author.unwrap_or_else(default_author);
            let mut store = open(db)?;
            let outcome = store.restore(story, revision, &author, note.as_deref())?;
            report_outcome(&outcome, cli.json);
        }
        Command::Diff { revisions, files, format, ignore_boring, char_level, output } => {
            let opts = CompareOptions { ignore_boring, char_level };
            let (old, new, title) = match files {
                Some(f) => {
                    let read = |p: &Path| text::read_story_file(p).and_then(|t| text::parse(&t).map_err(|e| not_a_story(p, e)));
                    let title = format!("{} → {}", file_name(&f[0]), file_name(&f[1]));
                    (read(&f[0])?, read(&f[1])?, title)
                }
                None => {
                    let (story, a, b) = (revisions[0], revision_number(revisions[1])?, revision_number(revisions[2])?);
                    let store = open(db)?;
                    let title = format!("Story {story}: revision {a} → {b}");
                    (store.revision(story, Some(a))?.content, store.revision(story, Some(b))?.content, title)
                }
            };
            let comparison = diff::compare(&old, &new, &opts);
            let rendered = if cli.json {
                serde_json::to_string_pretty(&comparison).expect("comparisons serialise") + "\n"
            } else if format == "html" {
                diff::render_html(&comparison, &title)
            } else {
                let color = output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                diff::render_terminal(&comparison, color)
            };
            match output {
                Some(path) => export::write_file(&path, &rendered)?,
                None => {
                    let _ = std::io::stdout().lock().write_all(rendered.as_bytes());
                }
            }
        }
        Command::Blame { story, revision } => {
            let store = open(db)?;
            let history = store.revisions_through(story, revision)?;
            let lines = diff::blame(&history);
            if cli.json {
                print_json(&to_value(&lines));
            } else {
                for l in lines {
                    println!(
                        "r{:<4} {:<16} {}  ¶{:<3} {}",
                        l.revision,
                        l.author,
                        l.created_at.format("%Y-%m-%d %H:%M"),
                        l.index + 1,
                        l.text.replace('\n', " ")
                    );
                }
            }
        }
        Command::Export { story, revision, format, output } => {
            let store = open(db)?;
            let rev = store.revision(story, revision)?;
            let out = export::export(&rev, store.story_created_at(story)?, format)?;
            write_output(output.as_deref(), &out, cli.json, &rev.info)?;
        }
    }
    Ok(())
}

fn report_outcome(outcome: &SaveOutcome, json: bool) {
    let info = outcome.info();
    if json {
        let tag = if outcome.is_saved() { "saved" } else { "unchanged" };
        print_json(&merged(&[json!({"outcome": tag}), to_value(info)]));
    } else if outcome.is_saved() {
        println!("Saved story {} revision {} by {}", info.story, info.revision, info.author);
    } else {
        println!(
            "No changes: story {} already has this content as revision {}; nothing saved.",
            info.story, info.revision
        );
    }
}

fn write_output(output: Option<&Path>, text: &str, json: bool, info: &copydesk::RevisionInfo) -> Result<()> {
    match output {
        Some(path) => {
            export::write_file(path, text)?;
            if json {
                print_json(&json!({"story": info.story, "revision": info.revision, "output": path}));
            } else if std::io::stderr().is_terminal() {
                eprintln!("Wrote story {} revision {} to {}", info.story, info.revision, path.display());
            }
        }
        None if json => print_json(&json!({"story": info.story, "revision": info.revision, "text": text})),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
        }
    }
    Ok(())
}

fn revision_number(n: i64) -> Result<u32> {
    u32::try_from(n).ok().filter(|&n| n >= 1).ok_or_else(|| Error::Invalid(format!("{n} is not a revision number")))
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

fn not_a_story(path: &Path, e: Error) -> Error {
    match e {
        Error::InvalidText(reason) => Error::NotAStory { path: path.to_path_buf(), reason },
        other => other,
    }
}
