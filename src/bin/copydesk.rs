//! `copydesk`: the command-line face of the Copydesk core, for scripting and
//! tests. Every command takes `--db PATH`; `--json` prints exactly one JSON
//! document on stdout; failures go to stderr and exit non-zero.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use copydesk::diff::{self, CompareOptions};
use copydesk::export::{self, Format};
use copydesk::invisible::visible;
use copydesk::merge::MergeSide;
use copydesk::ops::{self, RevisionPair, ToExport};
use copydesk::revision::{default_author, SaveOutcome};
use copydesk::settings::{self, Settings};
use copydesk::store::Edit;
use copydesk::{check, credits, review};
use copydesk::{text, Error, HistoryQuery, Result, RevisionKind, SortKey, Status, Store, StoryFilter, StoryView};

/// Revisions asked for at a time by `history` with a filter.
const HISTORY_CLI_PAGE: usize = 1_000;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Keep every draft of a story, compare any two, credit everyone right"
)]
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
    /// Save a story file as the next revision of STORY, merged with any revision
    /// saved since the one it was exported from (its `Revision:` line)
    #[command(
        after_help = "Exit codes: 0 saved (or merged, or nothing changed), 3 conflicts (nothing saved), 1 other errors."
    )]
    Save {
        story: i64,
        file: PathBuf,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// Save the file as it is on top of the latest revision, replacing what
        /// was saved since its base (the note records what it overwrote)
        #[arg(long)]
        force: bool,
    },
    /// List the stories, most recently changed first
    List {
        /// Full-text search: stories with all these words (prefixes), best match first
        #[arg(long)]
        search: Option<String>,
        /// Only stories in this workflow status
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        /// Only stories in this section
        #[arg(long)]
        section: Option<String>,
        /// active (default), archived or trash
        #[arg(long, default_value = "active", value_parser = parse_view)]
        view: StoryView,
        /// slug, headline, section, status, last_editor, updated, words or relevance
        #[arg(long, value_parser = parse_sort)]
        sort: Option<SortKey>,
        /// Smallest first (default: newest, largest first)
        #[arg(long)]
        ascending: bool,
        /// Stories to show (default 50, at most 1000)
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Matching stories to skip before the first one shown
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// The revisions of a story, newest first
    History {
        story: i64,
        /// Only revisions by this author
        #[arg(long)]
        author: Option<String>,
        /// Only revisions of this kind (manual, autosave, status, correction…)
        #[arg(long, value_parser = parse_kind)]
        kind: Option<RevisionKind>,
        /// At most this many (newest first)
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Move a story to another workflow status (draft, editing, copyedit, ready, published, withheld, killed)
    Status {
        story: i64,
        #[arg(value_parser = parse_status)]
        status: Status,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Pin a name ("Legal approved") on a revision
    Name {
        story: i64,
        revision: u32,
        name: String,
    },
    /// Add the sample story (a pasted local story, a copy edit and an update)
    /// to try import, credits, history and compare
    Sample,
    /// Copy a story's latest revision into a new story, in draft
    Duplicate {
        story: i64,
        #[arg(long)]
        author: Option<String>,
    },
    /// Hide a story from the working list (kept whole; `unarchive` brings it back)
    Archive {
        story: i64,
    },
    Unarchive {
        story: i64,
    },
    /// Move a story to the trash (kept until the trash is emptied)
    Trash {
        story: i64,
    },
    /// Take a story out of the trash
    Untrash {
        story: i64,
    },
    /// Delete every story in the trash for good
    EmptyTrash {
        /// Say you mean it: this is the one command that deletes stories
        #[arg(long)]
        yes: bool,
    },
    /// Check the database: SQLite's integrity and references, and every
    /// revision whole (its paragraphs present, matching their hashes).
    /// Exits non-zero on any problem
    Check,
    /// Back up the database while it is in use
    Backup {
        /// Where to write the copy [default: backups/copydesk-YYYYMMDD-HHMMSS.db beside the database]
        path: Option<PathBuf>,
    },
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
    #[command(
        after_help = "Examples:\n  copydesk diff 1 2 3\n  copydesk diff --files old.txt new.txt --format html -o redline.html"
    )]
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
    /// Accept or reject each change from revision A to B (numbered as in `diff --json`)
    #[command(
        group = clap::ArgGroup::new("decisions").required(true).args(["accept", "reject"]),
        after_help = "Saves B with the rejected changes reverted, as a new revision.\n\nExamples:\n  copydesk review 1 2 4 --accept 1,3    (everything else rejected)\n  copydesk review 1 2 4 --reject 2      (everything else accepted)\n  copydesk review 1 2 4 --accept \"\"     (reject everything)"
    )]
    Review {
        story: i64,
        a: i64,
        b: i64,
        /// Accept these changes (comma-separated ids) and reject the rest; "" rejects everything
        #[arg(long, value_name = "IDS")]
        accept: Option<String>,
        /// Reject these changes (comma-separated ids) and accept the rest; "" accepts everything
        #[arg(long, value_name = "IDS")]
        reject: Option<String>,
        #[arg(long)]
        author: Option<String>,
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
    /// Check a revision's spelling and AP style (the latest by default):
    /// misspellings, names to check and style rules, with suggestions
    #[command(
        visible_aliases = ["check-text", "lint"],
        after_help = "Exit codes: 0 (findings or not), 4 spelling or style findings with --strict, 1 errors.\n\nExamples:\n  copydesk check-style 1\n  copydesk check-style 1 --revision 5 --against 4 --json"
    )]
    CheckStyle {
        story: i64,
        #[arg(long)]
        revision: Option<u32>,
        /// Also say what the revision introduced and fixed relative to revision A
        #[arg(long, value_name = "A")]
        against: Option<u32>,
        /// Exit 4 when there is any spelling or style finding (names to check aside)
        #[arg(long)]
        strict: bool,
    },
    /// The desk dictionary: words the spelling check accepts for everyone using this database
    Dictionary {
        #[command(subcommand)]
        action: DictionaryAction,
    },
    /// For development: add N made-up stories (the scale tests' and benchmarks' desk)
    #[command(name = "dev-generate", hide = true)]
    DevGenerate {
        #[arg(long)]
        stories: u32,
        /// The same seed makes the same stories
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum DictionaryAction {
    /// Add words (each stored once, whatever its case)
    Add {
        #[arg(required = true)]
        words: Vec<String>,
        #[arg(long)]
        author: Option<String>,
    },
    /// Take words out
    Remove {
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// List the words, alphabetically
    List,
}

/// The exit code of `check-style --strict` when it finds something.
const EXIT_FINDINGS: i32 = 4;

/// The system's Hunspell dictionary with the desk's words from `store`.
fn dictionaries(store: &Store) -> Result<check::Dictionaries> {
    let mut dicts = check::Dictionaries::system()?;
    dicts.set_desk_words(store.known_words()?);
    Ok(dicts)
}

/// One finding as a line: where, which rule, what, and the suggestion.
fn finding_line(f: &check::Finding) -> String {
    let place = match f.field {
        check::CheckedField::Headline => "headline".into(),
        check::CheckedField::Dek => "dek".into(),
        check::CheckedField::Body => format!("¶{}", f.paragraph + 1),
        check::CheckedField::Dateline => "dateline".into(),
        check::CheckedField::Credits => format!("credit {}", f.paragraph + 1),
    };
    let suggestion = f.suggestion.as_deref().map(|s| format!(" → {s:?}")).unwrap_or_default();
    let also = if f.also.is_empty() {
        String::new()
    } else {
        format!(" (and {} more)", f.also.len())
    };
    let kind = match f.kind {
        check::FindingKind::Spelling => "spelling",
        check::FindingKind::Name => "name",
        check::FindingKind::Style => "style",
    };
    format!(
        "{place:<9} {}-{:<5} {kind:<8} {:<16} {:?}{suggestion}{also}  {}",
        f.start, f.end, f.rule, f.text, f.message
    )
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

fn parse_view(s: &str) -> std::result::Result<StoryView, String> {
    serde_json::from_value(json!(s)).map_err(|_| format!("unknown view {s:?}; use active, archived or trash"))
}

fn parse_sort(s: &str) -> std::result::Result<SortKey, String> {
    serde_json::from_value(json!(s.replace('-', "_"))).map_err(|_| {
        format!("unknown sort {s:?}; use slug, headline, section, status, last_editor, updated, words or relevance")
    })
}

fn parse_kind(s: &str) -> std::result::Result<RevisionKind, String> {
    RevisionKind::parse(s).ok_or_else(|| {
        let all: Vec<_> = RevisionKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {s:?}; use one of {}", all.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copydesk: {e}");
            match e {
                Error::Conflicts { .. } => ExitCode::from(3),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// The editor's settings (author, database); a damaged settings file is
/// reported and otherwise ignored, as the app does.
fn user_settings() -> Settings {
    let (settings, problem) = Settings::load_or_defaults(&settings::default_path());
    if let Some(e) = problem {
        eprintln!("copydesk: {e}; using the defaults");
    }
    settings
}

fn open(db: Option<&Path>) -> Result<Store> {
    Store::open(&settings::db_path(db, &user_settings()))
}

/// `--author`, else the name in the settings, else the login name.
fn author_or_default(author: Option<String>) -> String {
    author.or_else(|| user_settings().author).unwrap_or_else(default_author)
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

/// What every subcommand gets from the global options.
struct Ctx<'a> {
    db: Option<&'a Path>,
    json: bool,
}

impl Ctx<'_> {
    /// `value` as the one JSON document with `--json`, else as `human` says.
    fn print<T: serde::Serialize>(&self, value: &T, human: impl FnOnce(&T)) {
        if self.json {
            print_json(&to_value(value));
        } else {
            human(value);
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let cx = Ctx {
        db: cli.db.as_deref(),
        json: cli.json,
    };
    let cx = &cx;
    match cli.command {
        Command::Import { file, author, note } => import_file(cx, &file, author, note),
        Command::Save {
            story,
            file,
            author,
            note,
            force,
        } => save(cx, story, &file, author, note, force),
        Command::List {
            search,
            status,
            section,
            view,
            sort,
            ascending,
            limit,
            offset,
        } => list(cx, search, status, section, view, sort, ascending, limit, offset),
        Command::DevGenerate { stories, seed } => dev_generate(cx, stories, seed),
        Command::Status {
            story,
            status,
            author,
            note,
        } => signed_save(cx, author, |s, a| s.set_status(story, status, a, note.as_deref())),
        Command::Name { story, revision, name } => name_version(cx, story, revision, &name),
        Command::Sample => sample(cx),
        Command::Duplicate { story, author } => duplicate(cx, story, author),
        Command::Archive { story } => shelf(cx, story, "archived", |s| s.archive(story, &author_or_default(None))),
        Command::Unarchive { story } => shelf(cx, story, "unarchived", |s| s.unarchive(story)),
        Command::Trash { story } => shelf(cx, story, "moved to the trash", |s| {
            s.trash(story, &author_or_default(None))
        }),
        Command::Untrash { story } => shelf(cx, story, "taken out of the trash", |s| s.untrash(story)),
        Command::EmptyTrash { yes } => empty_trash(cx, yes),
        Command::Check => check_db(cx),
        Command::Backup { path } => backup(cx, path.as_deref()),
        Command::History {
            story,
            author,
            kind,
            limit,
        } => history(cx, story, author, kind, limit),
        Command::Show { story, revision } => show(cx, story, revision),
        Command::Restore {
            story,
            revision,
            author,
            note,
        } => signed_save(cx, author, |s, a| s.restore(story, revision, a, note.as_deref())),
        Command::Diff {
            revisions,
            files,
            format,
            ignore_boring,
            char_level,
            output,
        } => {
            let opts = CompareOptions {
                ignore_boring,
                char_level,
            };
            compare(cx, &revisions, files.as_deref(), &format, &opts, output.as_deref())
        }
        Command::Review {
            story,
            a,
            b,
            accept,
            reject,
            author,
        } => review_changes(cx, story, (a, b), accept, reject, author),
        Command::Blame { story, revision } => blame(cx, story, revision),
        Command::Export {
            story,
            revision,
            format,
            output,
        } => export_revision(cx, story, revision, format, output.as_deref()),
        Command::CheckStyle {
            story,
            revision,
            against,
            strict,
        } => check_style(cx, story, revision, against, strict),
        Command::Dictionary { action } => dictionary(cx, action),
    }
}

fn import_file(cx: &Ctx, file: &Path, author: Option<String>, note: Option<String>) -> Result<()> {
    // Read and check the file before touching the database, so a bad
    // file leaves it exactly as it was.
    let draft = ops::open_story_file(file)?.draft;
    let author = author_or_default(author);
    let note = note.unwrap_or_else(|| format!("Imported from {}", file_name(file)));
    let mut store = open(cx.db)?;
    let info = store.create_story(&draft.content, &author, Some(&note), RevisionKind::Import)?;
    // What was stored, not what was parsed: the two differ only by
    // normalisation, but the JSON must describe revision 1 exactly.
    let content = store.revision(info.story, Some(info.revision))?.content;
    let warnings = credits::check(&content);
    if cx.json {
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
            visible(&content.headline),
            content.body.len(),
            info.words
        );
        for f in &content.flagged {
            println!("  set aside ({}): {}", visible(&f.reason), visible(&f.text));
        }
        for r in &draft.review {
            println!("  check paragraph {}: {}", r.paragraph + 1, r.reason);
        }
        for w in &warnings {
            println!("  credits: {}", w.message);
        }
    }
    Ok(())
}

fn save(cx: &Ctx, story: i64, file: &Path, author: Option<String>, note: Option<String>, force: bool) -> Result<()> {
    let (content, base) = text::read_story(file, text::parse_with_base)?;
    let author = author_or_default(author);
    let mut store = open(cx.db)?;
    let mut edit = Edit {
        base,
        note: note.as_deref(),
        ..Edit::new(&author, RevisionKind::Manual)
    };
    let forced_note;
    if force {
        let latest = store.latest_number(story)?;
        if let Some(b) = base.filter(|&b| b < latest) {
            let replaced = if b + 1 == latest {
                format!("r{latest}")
            } else {
                format!("r{}–r{latest}", b + 1)
            };
            forced_note = format!(
                "{}Saved with --force over {replaced}, which this file (exported from r{b}) had not seen",
                note.as_deref().map(|n| format!("{n}. ")).unwrap_or_default()
            );
            edit.note = Some(&forced_note);
        }
        edit.base = None;
    }
    let outcome = store.save_edit(story, &content, &edit)?;
    report_save(&outcome, cx.json)
}

#[allow(clippy::too_many_arguments)]
fn list(
    cli: &Ctx,
    search: Option<String>,
    status: Option<Status>,
    section: Option<String>,
    view: StoryView,
    sort: Option<SortKey>,
    ascending: bool,
    limit: u32,
    offset: u32,
) -> Result<()> {
    let db = cli.db;
    let store = open(db)?;
    let sort = sort.unwrap_or(if search.is_some() {
        SortKey::Relevance
    } else {
        SortKey::Updated
    });
    let filter = StoryFilter {
        text: search,
        status,
        section,
        view,
        sort,
        ascending,
        offset,
        limit: Some(limit),
    };
    let page = store.list_page(&filter)?;
    // 100000 as "100,000": totals on a large desk read at a glance.
    let thousands = |n: u32| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let filtered = filter.text.is_some() || status.is_some() || filter.section.is_some();
    let stories = &page.stories;
    if cli.json {
        print_json(&to_value(&page));
    } else if stories.is_empty() && page.total > 0 {
        println!("No stories past {offset}: {} match.", thousands(page.total));
    } else if stories.is_empty() && (filtered || view != StoryView::Active) {
        println!("No story matches.");
    } else if stories.is_empty() {
        println!("No stories yet. Import one with `copydesk import FILE`.");
    } else {
        println!(
            "{:>5}  {:<20}  {:<9}  {:>4}  {:>6}  {:<16}  {:<16}  HEADLINE",
            "ID", "SLUG", "STATUS", "REVS", "WORDS", "UPDATED (UTC)", "LAST EDITOR"
        );
        for s in stories {
            println!(
                "{:>5}  {:<20}  {:<9}  {:>4}  {:>6}  {:<16}  {:<16}  {}",
                s.id,
                visible(&s.slug),
                s.status.as_str(),
                s.revisions,
                s.words,
                s.updated_at.format("%Y-%m-%d %H:%M"),
                visible(&s.last_author),
                visible(&s.headline)
            );
        }
        println!(
            "showing {}–{} of {}",
            thousands(offset + 1),
            thousands(offset + stories.len() as u32),
            thousands(page.total)
        );
    }
    Ok(())
}

fn dev_generate(cx: &Ctx, stories: u32, seed: u64) -> Result<()> {
    let made = copydesk::generate::generate_desk(&mut open(cx.db)?, stories, seed)?;
    cx.print(&json!({ "created": made }), |_| {
        println!("Added {made} generated stories")
    });
    Ok(())
}

/// A status change or a restore: signed by `--author` (else the editor),
/// then reported.
fn signed_save(
    cx: &Ctx,
    author: Option<String>,
    save: impl FnOnce(&mut Store, &str) -> Result<SaveOutcome>,
) -> Result<()> {
    let author = author_or_default(author);
    let outcome = save(&mut open(cx.db)?, &author)?;
    report_outcome(&outcome, cx.json);
    Ok(())
}

fn name_version(cx: &Ctx, story: i64, revision: u32, name: &str) -> Result<()> {
    let mut store = open(cx.db)?;
    let named = store.name_version(story, revision, name, &author_or_default(None))?;
    cx.print(&named, |n| {
        println!("Named story {story} revision {revision} \"{}\"", n.name)
    });
    Ok(())
}

fn sample(cx: &Ctx) -> Result<()> {
    let mut store = open(cx.db)?;
    let info = copydesk::sample::create(&mut store)?;
    cx.print(&info, |i| {
        println!(
            "Added the sample story as story {} ({} revisions): {}",
            i.story, i.revision, i.headline
        )
    });
    Ok(())
}

fn duplicate(cx: &Ctx, story: i64, author: Option<String>) -> Result<()> {
    let mut store = open(cx.db)?;
    let info = store.duplicate(story, &author_or_default(author))?;
    cx.print(&info, |i| {
        println!("Copied story {story} to story {} (revision 1, draft)", i.story)
    });
    Ok(())
}

/// Runs an archive/trash action and reports it.
fn shelf(cx: &Ctx, story: i64, done: &str, f: impl FnOnce(&mut Store) -> Result<()>) -> Result<()> {
    f(&mut open(cx.db)?)?;
    cx.print(&json!({ "story": story, "done": done }), |_| {
        println!("Story {story} {done}")
    });
    Ok(())
}

fn empty_trash(cx: &Ctx, yes: bool) -> Result<()> {
    if !yes {
        return Err(Error::Invalid(
            "emptying the trash deletes its stories for good; run `copydesk empty-trash --yes` if you mean it".into(),
        ));
    }
    let n = open(cx.db)?.empty_trash()?;
    cx.print(&json!({ "deleted": n }), |_| {
        println!("Deleted {n} stories from the trash")
    });
    Ok(())
}

fn check_db(cx: &Ctx) -> Result<()> {
    let report = open(cx.db)?.check()?;
    cx.print(&report, print_check);
    report.into_result()?;
    Ok(())
}

fn backup(cx: &Ctx, path: Option<&Path>) -> Result<()> {
    let written = open(cx.db)?.backup(path)?;
    cx.print(&json!({ "backup": written }), |_| {
        println!("Backed up to {}", written.display())
    });
    Ok(())
}

fn history(cx: &Ctx, story: i64, author: Option<String>, kind: Option<RevisionKind>, limit: Option<u32>) -> Result<()> {
    let store = open(cx.db)?;
    let history = if author.is_some() || kind.is_some() || limit.is_some() {
        // Page by page: one page is capped (at 10,000), and a story
        // autosaved all day has more revisions than that.
        let mut all = Vec::new();
        let mut before = None;
        loop {
            let want = limit.map_or(HISTORY_CLI_PAGE, |l| (l as usize - all.len()).min(HISTORY_CLI_PAGE));
            if want == 0 {
                break;
            }
            let page = store.history_page(
                story,
                &HistoryQuery {
                    author: author.clone(),
                    kind,
                    before,
                    limit: Some(want as u32),
                },
            )?;
            before = page.revisions.last().map(|r| r.revision);
            let more = page.more && !page.revisions.is_empty();
            all.extend(page.revisions);
            if !more {
                break;
            }
        }
        all
    } else {
        store.history(story)?
    };
    if cx.json {
        print_json(&to_value(&history));
        return Ok(());
    }
    for r in history {
        let restored = match (r.restored_from, r.merge_base, r.parent) {
            (Some(n), _, _) => format!(" (restores {n})"),
            (_, Some(b), Some(p)) => format!(" (merge of r{b} and r{p})"),
            _ => String::new(),
        };
        println!(
            "r{:<4} {}  {:<16} {:<8}{} {:>6} words  {}",
            r.revision,
            r.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
            visible(&r.author),
            r.kind.as_str(),
            restored,
            r.words,
            visible(r.note.as_deref().unwrap_or(""))
        );
    }
    Ok(())
}

fn show(cx: &Ctx, story: i64, revision: Option<u32>) -> Result<()> {
    let rev = open(cx.db)?.revision(story, revision)?;
    if cx.json {
        print_json(&merged(&[to_value(&rev.info), to_value(&rev.content)]));
        return Ok(());
    }
    let i = &rev.info;
    println!(
        "Story {}, revision {} by {} at {} ({})",
        i.story,
        i.revision,
        visible(&i.author),
        i.created_at.to_rfc3339(),
        i.kind.as_str()
    );
    println!();
    // Human output: what the story holds, with anything that could
    // act on a terminal (escape sequences, bidi overrides) shown
    // as markers; `export` and `--json` give the exact text.
    print!("{}", visible(&text::render(&rev.content)));
    Ok(())
}

/// `diff`: two revisions of a story (`revisions`: story, a, b) or two story
/// files.
fn compare(
    cx: &Ctx,
    revisions: &[i64],
    files: Option<&[PathBuf]>,
    format: &str,
    opts: &CompareOptions,
    output: Option<&Path>,
) -> Result<()> {
    let (old, new, title) = match files {
        Some(f) => {
            let title = format!("{} → {}", file_name(&f[0]), file_name(&f[1]));
            // Each file is read, checked and parsed on a thread of its own:
            // for long stories that is most of the time before comparing.
            let (old, new) = std::thread::scope(|s| {
                let new = s.spawn(|| text::read_story(&f[1], text::parse));
                let old = text::read_story(&f[0], text::parse);
                (old, new.join().expect("reading a story file does not panic"))
            });
            (old?, new?, title)
        }
        None => {
            let (story, a, b) = (
                revisions[0],
                revision_number(revisions[1])?,
                revision_number(revisions[2])?,
            );
            let pair = RevisionPair::load(&open(cx.db)?, story, a, b)?;
            let title = format!("Story {story}: revision {a} → {b}");
            (pair.old.content, pair.new.content, title)
        }
    };
    let comparison = diff::compare(&old, &new, opts);
    write_to(output, |out| {
        if cx.json {
            // Straight to the output: a 50,000-word comparison is a
            // megabyte or two of JSON, not worth building as a string.
            // Buffered again on this side of the `dyn Write`: the serialiser
            // writes a few bytes at a time.
            let mut json = std::io::BufWriter::with_capacity(1 << 16, out);
            serde_json::to_writer_pretty(&mut json, &comparison)?;
            json.write_all(b"\n")?;
            json.flush()
        } else if format == "html" {
            out.write_all(diff::render_html(&comparison, &title).as_bytes())
        } else {
            let color = output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            out.write_all(diff::render_terminal(&comparison, color).as_bytes())
        }
    })?;
    // The process ends here: the stories and the comparison are a great
    // many small allocations, not worth freeing one by one first.
    std::mem::forget((old, new, comparison));
    Ok(())
}

/// Runs `write` on the file `path` names (created or replaced), else on
/// stdout, buffered. A closed stdout (`| head`) is not an error worth
/// reporting; a file that cannot be written is.
fn write_to(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let written = match path {
        Some(path) => std::fs::File::create(path).and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            write(&mut out)?;
            out.flush()
        }),
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let _ = write(&mut out).and_then(|()| out.flush());
            Ok(())
        }
    };
    written.map_err(|e| Error::Io {
        path: path.map(Path::to_path_buf).unwrap_or_default(),
        reason: e.to_string(),
    })
}

fn review_changes(
    cx: &Ctx,
    story: i64,
    (a, b): (i64, i64),
    accept: Option<String>,
    reject: Option<String>,
    author: Option<String>,
) -> Result<()> {
    let decisions = match (accept, reject) {
        (Some(ids), None) => review::Decisions::Accept(change_ids(&ids)?),
        (None, Some(ids)) => review::Decisions::Reject(change_ids(&ids)?),
        _ => return Err(Error::Invalid("give one of --accept or --reject".into())),
    };
    let (a, b) = (revision_number(a)?, revision_number(b)?);
    let author = author_or_default(author);
    let mut store = open(cx.db)?;
    let done = review::review(&mut store, story, a, b, decisions, &author, &Default::default())?;
    let info = done.saved.info();
    if let SaveOutcome::Conflicts { conflicts, .. } = &done.saved {
        let places: Vec<&str> = conflicts.iter().map(|c| c.place.as_str()).collect();
        return Err(Error::Invalid(format!(
            "the review of r{a} → r{b} overlaps what was saved since (revision {}) at: {}; nothing was saved. Review against the latest revision instead",
            info.revision,
            places.join(", ")
        )));
    }
    if cx.json {
        print_json(&json!({
            "story": done.story,
            "revision": info.revision,
            "outcome": to_value(&done.saved)["outcome"],
            "kind": info.kind,
            "older": done.older,
            "newer": done.newer,
            "accepted": done.accepted,
            "rejected": done.rejected,
            "note": done.note,
        }));
    } else if done.saved.is_saved() {
        let merged = match &done.saved {
            SaveOutcome::Merged { merge, .. } => format!(" (merged with revision {})", merge.theirs.revision),
            _ => String::new(),
        };
        println!(
            "{}; saved story {} revision {}{merged}",
            done.note, done.story, info.revision
        );
    } else {
        println!(
            "{}; story {} already has this content as revision {}: nothing saved",
            done.note, done.story, info.revision
        );
    }
    Ok(())
}

fn blame(cli: &Ctx, story: i64, revision: Option<u32>) -> Result<()> {
    let db = cli.db;
    let store = open(db)?;
    let lines = store.blame(story, revision, |_| {})?;
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
    Ok(())
}

fn export_revision(cx: &Ctx, story: i64, revision: Option<u32>, format: Format, output: Option<&Path>) -> Result<()> {
    let exported = ToExport::load(&open(cx.db)?, story, revision)?.render(format)?;
    write_output(output, &exported, cx.json)
}

fn check_style(cx: &Ctx, story: i64, revision: Option<u32>, against: Option<u32>, strict: bool) -> Result<()> {
    let store = open(cx.db)?;
    let rev = store.revision(story, revision)?;
    let dicts = dictionaries(&store)?;
    let mut findings = check::check_story(&rev.content, &dicts);
    findings.suggest_spellings(&dicts);
    let changes = match against {
        Some(a) => {
            let older = store.revision(story, Some(a))?;
            let older_findings = check::check_story(&older.content, &dicts);
            Some(diff::finding_changes(
                &older_findings,
                &findings,
                &format!("r{}", rev.info.revision),
            ))
        }
        None => None,
    };
    if cx.json {
        let mut out = json!({
            "story": story,
            "revision": rev.info.revision,
            "findings": to_value(&findings.findings),
            "counts": to_value(&findings.counts),
        });
        if let Some(c) = &changes {
            out["changes"] = to_value(c);
        }
        print_json(&out);
    } else {
        for f in &findings.findings {
            println!("{}", finding_line(f));
        }
        let c = findings.counts;
        println!(
            "story {story}, r{}: {} spelling, {} style, {} names to check",
            rev.info.revision, c.spelling, c.style, c.names
        );
        if let Some(c) = &changes {
            println!("{}", c.summary);
        }
    }
    if strict && findings.counts.spelling + findings.counts.style > 0 {
        std::io::stdout().flush().ok();
        std::process::exit(EXIT_FINDINGS);
    }
    Ok(())
}

fn dictionary(cx: &Ctx, action: DictionaryAction) -> Result<()> {
    let mut store = open(cx.db)?;
    match action {
        DictionaryAction::Add { words, author } => {
            let author = author_or_default(author);
            let mut added = Vec::new();
            for w in &words {
                if store.add_desk_word(w, &author)? {
                    added.push(w.trim().to_string());
                }
            }
            if cx.json {
                print_json(&json!({ "added": added, "words": store.desk_words()? }));
            } else if added.is_empty() {
                println!("already in the desk dictionary");
            } else {
                println!("added to the desk dictionary: {}", added.join(", "));
            }
        }
        DictionaryAction::Remove { words } => {
            let mut removed = Vec::new();
            for w in &words {
                if store.remove_desk_word(w)? {
                    removed.push(w.trim().to_string());
                }
            }
            if cx.json {
                print_json(&json!({ "removed": removed, "words": store.desk_words()? }));
            } else {
                println!("removed from the desk dictionary: {}", removed.join(", "));
            }
        }
        DictionaryAction::List => {
            let words = store.desk_words()?;
            if cx.json {
                print_json(&json!({ "words": words }));
            } else {
                for w in words {
                    println!("{w}");
                }
            }
        }
    }
    Ok(())
}

fn print_check(r: &copydesk::store::CheckReport) {
    println!("Checked {}: {} revisions", r.path, r.revisions_checked);
    for line in &r.integrity {
        println!("integrity: {line}");
    }
    for line in &r.foreign_keys {
        println!("broken reference: {line}");
    }
    for d in &r.damaged {
        println!("story {}, revision {}: {}", d.story, d.revision, d.reason);
    }
    if r.older_format_revisions > 0 {
        println!(
            "{} revisions from before slugs existed: content hash not compared (their paragraphs were)",
            r.older_format_revisions
        );
    }
    if r.orphan_paragraphs > 0 {
        println!(
            "{} unused paragraphs (harmless; emptying the trash removes them)",
            r.orphan_paragraphs
        );
    }
    match &r.advice {
        None => println!("No problems found"),
        Some(advice) => println!("{advice}"),
    }
}

/// Reports a save that may have merged or met conflicts; conflicts are an
/// error (exit code 3) after they are listed.
fn report_save(outcome: &SaveOutcome, json: bool) -> Result<()> {
    match outcome {
        SaveOutcome::Merged { info, merge } => {
            if json {
                print_json(&merged(&[
                    to_value(info),
                    json!({"outcome": "merged", "merged": [merge.base, merge.theirs.revision], "alerts": merge.alerts}),
                ]));
            } else {
                println!(
                    "Merged this file (edits on revision {}) with revision {} by {}: saved story {} revision {}",
                    merge.base, merge.theirs.revision, merge.theirs.author, info.story, info.revision
                );
                for a in &merge.alerts {
                    let who = match a.side {
                        MergeSide::Theirs => format!("r{} ({})", merge.theirs.revision, merge.theirs.author),
                        MergeSide::Ours => "this file".to_string(),
                    };
                    println!(
                        "  check: {who} changed {:?} “{}” → “{}”",
                        a.alert.kind, a.alert.before, a.alert.after
                    );
                }
            }
            Ok(())
        }
        SaveOutcome::Conflicts {
            info,
            base,
            conflicts,
            alerts,
        } => {
            if json {
                print_json(&json!({
                    "story": info.story, "outcome": "conflicts", "base": base, "theirs": info.revision,
                    "conflicts": conflicts, "alerts": alerts,
                }));
            } else {
                eprintln!(
                    "This file holds edits on revision {base}; revision {} by {} was saved since, and they overlap:",
                    info.revision, info.author
                );
                for c in conflicts {
                    eprintln!(
                        "  {} changed by both r{} ({}) and this file",
                        c.place, info.revision, info.author
                    );
                }
            }
            Err(Error::Conflicts {
                theirs: info.revision,
                count: conflicts.len(),
            })
        }
        _ => {
            report_outcome(outcome, json);
            Ok(())
        }
    }
}

fn report_outcome(outcome: &SaveOutcome, json: bool) {
    let info = outcome.info();
    if json {
        let tag = if outcome.is_saved() { "saved" } else { "unchanged" };
        print_json(&merged(&[json!({"outcome": tag}), to_value(info)]));
    } else if outcome.is_saved() {
        println!(
            "Saved story {} revision {} by {}",
            info.story, info.revision, info.author
        );
    } else {
        println!(
            "No changes: story {} already has this content as revision {}; nothing saved.",
            info.story, info.revision
        );
    }
}

fn write_output(output: Option<&Path>, exported: &ops::Exported, json: bool) -> Result<()> {
    let (story, revision) = (exported.story, exported.revision);
    match output {
        Some(path) => {
            export::write_file(path, &exported.text)?;
            if json {
                print_json(&json!({"story": story, "revision": revision, "output": path}));
            } else if std::io::stderr().is_terminal() {
                eprintln!("Wrote story {story} revision {revision} to {}", path.display());
            }
        }
        None if json => print_json(&json!({"story": story, "revision": revision, "text": exported.text})),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(exported.text.as_bytes());
        }
    }
    Ok(())
}

/// Comma-separated change ids ("1,3"); "" is none.
fn change_ids(s: &str) -> Result<Vec<u32>> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<u32>()
                .map_err(|_| Error::Invalid(format!("{t:?} is not a change number; give ids like 1,3")))
        })
        .collect()
}

fn revision_number(n: i64) -> Result<u32> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| Error::Invalid(format!("{n} is not a revision number")))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
