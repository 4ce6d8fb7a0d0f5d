//! Tauri commands of the text check (spelling, names, AP style): thin
//! wrappers over `copydesk::check`. They are `async`, so checking runs on a
//! worker thread, never the UI's; each story's last findings are kept so a
//! re-check reads only the paragraphs that changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use copydesk::check::{self, Dictionaries, FindingKind, Findings};
use copydesk::diff::{self, FindingChanges};
use copydesk::error::ErrorReport;
use copydesk::ops::RevisionPair;
use copydesk::EditorContent;
use tauri::State;

use crate::state::AppState;

type Res<T> = Result<T, ErrorReport>;

/// Time a check (`check_text`, `check_compare`) may spend on spelling suggestions.
const SUGGEST_BUDGET: Duration = Duration::from_millis(300);

/// The dictionaries (loaded on first use, again after the desk dictionary
/// changes) and each story's last findings.
#[derive(Default)]
pub struct CheckState {
    /// With the number of desk words and people they were loaded with.
    dicts: Mutex<Option<(u64, Arc<Dictionaries>)>>,
    /// By story id; 0 for a new story not saved yet.
    last: Mutex<HashMap<i64, Findings>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl CheckState {
    fn dictionaries(&self, app: &AppState) -> Res<Arc<Dictionaries>> {
        // A save files new people into the directory: their names are words.
        let known = app.with_store(|s| s.known_words_count())?;
        if let Some((n, d)) = lock(&self.dicts).as_ref() {
            if *n == known {
                return Ok(Arc::clone(d));
            }
        }
        let words = app.with_store(|s| s.known_words())?;
        let mut d = Dictionaries::system().map_err(ErrorReport::from)?;
        d.set_desk_words(words);
        let d = Arc::new(d);
        *lock(&self.dicts) = Some((known, Arc::clone(&d)));
        Ok(d)
    }

    /// After the desk dictionary or the people directory changed.
    fn forget_dictionaries(&self) {
        *lock(&self.dicts) = None;
    }
}

/// Checks the editor's text of `story` (saved or not); only the paragraphs
/// changed since the last check of that story are read again.
#[tauri::command(async)]
pub fn check_text(
    state: State<'_, AppState>,
    checks: State<'_, CheckState>,
    story: Option<i64>,
    editor: EditorContent,
) -> Res<Findings> {
    let content = editor.into_content();
    let dicts = checks.dictionaries(&state)?;
    let key = story.unwrap_or(0);
    let previous = lock(&checks.last).remove(&key);
    let mut findings = check::recheck_story(&content, &dicts, previous.as_ref());
    // A story full of unknown words (a wire list of names) would otherwise
    // take seconds here; the next re-check suggests for the rest.
    findings.suggest_spellings_until(&dicts, Some(Instant::now() + SUGGEST_BUDGET));
    lock(&checks.last).insert(key, findings.clone());
    Ok(findings)
}

/// Adds `word` to the desk dictionary (once, for everyone using this
/// database); returns whether it was new. The next check knows it.
#[tauri::command(async)]
pub fn add_desk_word(
    state: State<'_, AppState>,
    checks: State<'_, CheckState>,
    word: String,
    author: String,
) -> Res<bool> {
    let added = state.with_store(|s| s.add_desk_word(&word, &author))?;
    checks.forget_dictionaries();
    Ok(added)
}

/// What revision `b` introduced and fixed relative to `a`, as the check
/// sees it ("r5 introduced 2 style issues, fixed 1").
#[tauri::command(async)]
pub fn check_compare(
    state: State<'_, AppState>,
    checks: State<'_, CheckState>,
    story: i64,
    a: u32,
    b: u32,
) -> Res<FindingChanges> {
    let pair = state.with_store(|s| RevisionPair::load(s, story, a, b))?;
    let dicts = checks.dictionaries(&state)?;
    let older = check::check_story(&pair.old.content, &dicts);
    let newer = check::check_story(&pair.new.content, &dicts);
    let mut changes = diff::finding_changes(&older, &newer, &format!("r{b}"));
    // Suggestions cost some 15 ms a word, and this command holds one of the
    // app's few async workers (as many as cores) while it runs: they are
    // made only for what `b` introduced, the one list that shows them, and
    // only within SUGGEST_BUDGET; past it the rest are listed without one.
    let deadline = Instant::now() + SUGGEST_BUDGET;
    let mut asked: HashMap<String, Option<String>> = HashMap::new();
    for f in changes
        .introduced
        .iter_mut()
        .filter(|f| f.kind == FindingKind::Spelling)
    {
        if Instant::now() > deadline {
            break;
        }
        f.suggestion = asked
            .entry(f.text.clone())
            .or_insert_with(|| dicts.suggest(&f.text))
            .clone();
    }
    Ok(changes)
}
