//! Tauri commands: each a few lines calling the core. `async` keeps database
//! and diff work off the main thread, so the window never freezes.

use copydesk::compare_view::{self, ComparisonView};
use copydesk::credits::{self, CreditPreview};
use copydesk::diff::{Attribution, BlameProgress, CompareOptions};
use copydesk::error::{ErrorKind, ErrorReport};
use copydesk::export::{self, Format};
use copydesk::import::{self, ImportDraft, OpenedStory};
use copydesk::merge::Resolved;
use copydesk::ops::{self, RevisionPair, ToExport};
use copydesk::review::{self, Decisions, ReviewOutcome};
use copydesk::revision::SaveOutcome;
use copydesk::settings::{Settings, SettingsView};
use copydesk::store::Edit;
use copydesk::{
    AppInfo, EditorContent, HistoryPage, HistoryQuery, NamedVersion, Person, RecoveryDraft, Revision, RevisionInfo,
    RevisionKind, ShelfAction, Status, StoryContent, StoryFilter, StoryPage,
};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type Res<T> = Result<T, ErrorReport>;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(AppInfo::new(&state.db()))
}

#[tauri::command(async)]
pub fn list_stories(state: State<'_, AppState>, filter: StoryFilter) -> Res<StoryPage> {
    state.with_list(|s| s.list_page(&filter))
}

#[tauri::command(async)]
pub fn sections(state: State<'_, AppState>) -> Res<Vec<String>> {
    state.with_store(|s| s.sections())
}

#[tauri::command(async)]
pub fn history_page(state: State<'_, AppState>, story: i64, query: HistoryQuery) -> Res<HistoryPage> {
    state.with_store(|s| s.history_page(story, &query))
}

#[tauri::command(async)]
pub fn set_status(
    state: State<'_, AppState>,
    story: i64,
    status: Status,
    author: String,
    note: Option<String>,
) -> Res<SaveOutcome> {
    state.with_store(|s| s.set_status(story, status, &author, note.as_deref()))
}

/// Archive, unarchive, trash or untrash a story.
#[tauri::command(async)]
pub fn shelve_story(state: State<'_, AppState>, story: i64, action: ShelfAction, author: String) -> Res<()> {
    state.with_store(|s| s.shelve(story, action, &author))
}

/// Deletes the stories in the trash for good (the UI asks first).
#[tauri::command(async)]
pub fn empty_trash(state: State<'_, AppState>) -> Res<u32> {
    state.with_store(|s| s.empty_trash())
}

#[tauri::command(async)]
pub fn duplicate_story(state: State<'_, AppState>, story: i64, author: String) -> Res<RevisionInfo> {
    state.with_store(|s| s.duplicate(story, &author))
}

#[tauri::command(async)]
pub fn name_version(
    state: State<'_, AppState>,
    story: i64,
    revision: u32,
    name: String,
    author: String,
) -> Res<NamedVersion> {
    state.with_store(|s| s.name_version(story, revision, &name, &author))
}

#[tauri::command(async)]
pub fn unname_version(state: State<'_, AppState>, story: i64, revision: u32, name: String) -> Res<()> {
    state.with_store(|s| s.unname_version(story, revision, &name))
}

/// Keeps the editor's unsaved text for crash recovery (`story` none: a new
/// story). Called a few seconds after each edit.
#[tauri::command(async)]
pub fn save_draft(state: State<'_, AppState>, story: Option<i64>, base: Option<u32>, editor: EditorContent) -> Res<()> {
    let content = editor.into_content();
    state.with_store(|s| s.save_draft(story, base, &content))
}

/// Unsaved edits left by a session that ended without saving them.
#[tauri::command(async)]
pub fn recovery_drafts(state: State<'_, AppState>) -> Res<Vec<RecoveryDraft>> {
    state.with_store(|s| s.drafts())
}

#[tauri::command(async)]
pub fn discard_draft(state: State<'_, AppState>, story: Option<i64>) -> Res<()> {
    state.with_store(|s| s.discard_draft(story))
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Res<SettingsView> {
    let (settings, problem) = Settings::load_or_defaults(&state.settings_path);
    Ok(SettingsView {
        settings,
        path: state.settings_path.display().to_string(),
        db_in_use: state.db().display().to_string(),
        db_fixed: state.db_fixed,
        problem: problem.map(|e| e.to_string()),
    })
}

/// Stores new settings. A new database location is opened first; if it
/// cannot be, nothing is saved and the error says why; it is switched to
/// only after the settings are written.
#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Res<SettingsView> {
    let settings = settings.checked().map_err(ErrorReport::from)?;
    let save = || settings.save(&state.settings_path).map_err(ErrorReport::from);
    let wanted = copydesk::settings::db_path(None, &settings);
    if !state.db_fixed && wanted != state.db() {
        // The new database is used only once the settings naming it are on disk.
        state.switch_db(wanted, save)?;
    } else {
        save()?;
    }
    get_settings(state)
}

#[tauri::command(async)]
pub fn get_revision(state: State<'_, AppState>, story: i64, revision: Option<u32>) -> Res<Revision> {
    state.with_store(|s| s.revision(story, revision))
}

/// Saves the editor's new story as revision 1; its recovery draft goes in
/// the same transaction.
#[tauri::command(async)]
pub fn create_story(
    state: State<'_, AppState>,
    editor: EditorContent,
    author: String,
    note: Option<String>,
) -> Res<RevisionInfo> {
    let mut content = editor.into_content();
    content.fill_slug();
    state.with_store(|s| s.create_drafted_story(&content, &author, note.as_deref()))
}

/// Saves the editor's text as an edit of revision `base` (the one the
/// editor loaded): merged with any revision saved since, or answered with
/// the conflicts, which the editor resolves and sends back in `resolved`.
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)]
pub fn save_revision(
    state: State<'_, AppState>,
    story: i64,
    base: u32,
    editor: EditorContent,
    author: String,
    note: Option<String>,
    autosave: bool,
    resolved: Option<Resolved>,
) -> Res<SaveOutcome> {
    let content = editor.into_content();
    let kind = if autosave {
        RevisionKind::Autosave
    } else {
        RevisionKind::Manual
    };
    let edit = Edit {
        base: Some(base),
        author: &author,
        note: note.as_deref(),
        kind,
        resolved: resolved.as_ref(),
    };
    state.with_store(|s| s.save_edit(story, &content, &edit))
}

/// Who saved the latest revision of `story`, and when: what the editor
/// polls to notice a revision saved elsewhere (another window, the CLI).
#[tauri::command(async)]
pub fn latest_revision(state: State<'_, AppState>, story: i64) -> Res<RevisionInfo> {
    state.with_store(|s| s.latest_info(story))
}

#[tauri::command(async)]
pub fn restore_revision(state: State<'_, AppState>, story: i64, revision: u32, author: String) -> Res<SaveOutcome> {
    state.with_store(|s| s.restore(story, revision, &author, None))
}

/// Reads under the store lock, renders after it.
fn exported(state: &AppState, story: i64, revision: Option<u32>, format: Format) -> Res<ops::Exported> {
    let source = state.with_store(|s| ToExport::load(s, story, revision))?;
    Ok(source.render(format)?)
}

/// The export as text, for the preview in the export dialog.
#[tauri::command(async)]
pub fn export_revision(state: State<'_, AppState>, story: i64, revision: Option<u32>, format: Format) -> Res<String> {
    exported(&state, story, revision, format).map(|e| e.text)
}

/// Asks where to save (the native dialog runs here, in Rust) and writes the
/// export there. `None` when the editor cancels.
#[tauri::command(async)]
pub fn save_export(
    app: AppHandle,
    state: State<'_, AppState>,
    story: i64,
    revision: Option<u32>,
    format: Format,
) -> Res<Option<String>> {
    let exported = exported(&state, story, revision, format)?;
    let picked = app
        .dialog()
        .file()
        .set_title("Export story")
        .set_file_name(exported.file_name())
        .add_filter(format.as_str(), &[format.extension()])
        .blocking_save_file();
    let Some(picked) = picked else { return Ok(None) };
    let path = picked
        .into_path()
        .map_err(|e| ErrorReport::new(ErrorKind::Io, e.to_string()))?;
    export::write_file(&path, &exported.text)?;
    Ok(Some(path.display().to_string()))
}

/// Parses pasted text for the import preview; nothing is stored.
#[tauri::command(async)]
pub fn parse_import(text: String) -> Res<ImportDraft> {
    import::parse_raw(&text).map_err(ErrorReport::from)
}

/// Asks for a story file (the native dialog runs here, in Rust), reads it
/// with the same checks as the CLI and parses it for the preview. `None` when
/// the editor cancels.
#[tauri::command(async)]
pub fn open_story_file(app: AppHandle) -> Res<Option<OpenedStory>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import a story")
        .add_filter("Stories", &["txt", "text", "md", "json", "xml"])
        .blocking_pick_file();
    let Some(picked) = picked else { return Ok(None) };
    let path = picked
        .into_path()
        .map_err(|e| ErrorReport::new(ErrorKind::Io, e.to_string()))?;
    Ok(Some(ops::open_story_file(&path)?))
}

/// Adds the sample story (three revisions) for a new editor to explore;
/// returns its latest revision.
#[tauri::command(async)]
pub fn create_sample_story(state: State<'_, AppState>) -> Res<RevisionInfo> {
    state.with_store(copydesk::sample::create)
}

/// Stores an accepted import as a new story at revision 1.
#[tauri::command(async)]
pub fn import_story(
    state: State<'_, AppState>,
    content: StoryContent,
    author: String,
    note: Option<String>,
) -> Res<RevisionInfo> {
    state.with_store(|s| s.create_story(&content, &author, note.as_deref(), RevisionKind::Import))
}

/// Puts a set-aside line back into the body where it was found, in the
/// editor's text as it stands.
#[tauri::command(async)]
pub fn restore_flagged(editor: EditorContent, index: u32) -> Res<StoryContent> {
    let mut content = editor.into_content();
    if !content.restore_flagged(index as usize) {
        return Err(ErrorReport::new(
            ErrorKind::Invalid,
            format!("there is no set-aside line {index}"),
        ));
    }
    Ok(content)
}

/// The byline, tag line and photo credits as they will print, and the
/// credit checks, for the live preview in the credits panel.
#[tauri::command(async)]
pub fn credit_preview(content: StoryContent) -> Res<CreditPreview> {
    Ok(credits::preview(&content))
}

/// People from the directory for autocompletion.
#[tauri::command(async)]
pub fn suggest_people(state: State<'_, AppState>, prefix: String) -> Res<Vec<Person>> {
    state.with_store(|s| s.suggest_people(&prefix, 12))
}

/// Compares two revisions of a story (`a` older, `b` newer). The store lock
/// is held only to read them; the comparison runs after, on this worker
/// thread, never on the main one.
#[tauri::command(async)]
pub fn compare_revisions(
    state: State<'_, AppState>,
    story: i64,
    a: u32,
    b: u32,
    options: CompareOptions,
) -> Res<ComparisonView> {
    let (old, new, latest) = state.with_store(|s| {
        Ok((
            s.revision(story, Some(a))?,
            s.revision(story, Some(b))?,
            s.latest_number(story)?,
        ))
    })?;
    Ok(compare_view::compare_revisions(old, new, latest, &options))
}

/// Saves a review of the changes from revision `a` to `b`: `b` with the
/// rejected changes reverted, on base `b` (merged with anything saved since).
#[tauri::command(async)]
pub fn review_revisions(
    state: State<'_, AppState>,
    story: i64,
    a: u32,
    b: u32,
    decisions: Decisions,
    options: CompareOptions,
    author: String,
) -> Res<ReviewOutcome> {
    state.with_store(|s| review::review(s, story, a, b, decisions, &author, &options))
}

/// What such a review would save, for the live result; nothing is stored.
/// The store lock is held only to read the two revisions.
#[tauri::command(async)]
pub fn review_preview(
    state: State<'_, AppState>,
    story: i64,
    a: u32,
    b: u32,
    decisions: Decisions,
    options: CompareOptions,
) -> Res<StoryContent> {
    let pair = state.with_store(|s| RevisionPair::load(s, story, a, b))?;
    Ok(review::preview(
        &pair.old.content,
        &pair.new.content,
        &decisions,
        &options,
    )?)
}

/// Who last changed each paragraph of revision `revision` (latest if none).
/// On the read-only connection, so that saves never wait for it; how far
/// the walk back has got goes to `progress`.
#[tauri::command(async)]
pub fn blame(
    state: State<'_, AppState>,
    story: i64,
    revision: Option<u32>,
    progress: tauri::ipc::Channel<BlameProgress>,
) -> Res<Vec<Attribution>> {
    state.with_reader(|s| {
        s.blame(story, revision, |p| {
            // A view closed meanwhile no longer listens; the walk goes on.
            let _ = progress.send(p);
        })
    })
}
