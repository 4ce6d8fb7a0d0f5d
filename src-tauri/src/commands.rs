//! Tauri commands: each a few lines calling the core. `async` keeps database
//! and diff work off the main thread, so the window never freezes.

use copydesk::error::ErrorReport;
use copydesk::revision::{default_author, SaveOutcome};
use copydesk::store::StoryFilter;
use copydesk::{text, AppInfo, Revision, RevisionInfo, RevisionKind, Role, Status, StoryContent, StorySummary};
use tauri::State;

use crate::state::AppState;

type Res<T> = Result<T, ErrorReport>;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db.display().to_string(),
        default_author: default_author(),
        statuses: Status::ALL.to_vec(),
        roles: Role::ALL.to_vec(),
    })
}

#[tauri::command(async)]
pub fn list_stories(state: State<'_, AppState>, search: Option<String>, status: Option<Status>) -> Res<Vec<StorySummary>> {
    state.with_store(|s| s.list_stories(&StoryFilter { text: search, status }))
}

#[tauri::command(async)]
pub fn history(state: State<'_, AppState>, story: i64) -> Res<Vec<RevisionInfo>> {
    state.with_store(|s| s.history(story))
}

#[tauri::command(async)]
pub fn get_revision(state: State<'_, AppState>, story: i64, revision: Option<u32>) -> Res<Revision> {
    state.with_store(|s| s.revision(story, revision))
}

/// `body_text` is the editor's body, paragraphs separated by blank lines; the
/// core splits it, so the UI holds no rule about what a paragraph is.
#[tauri::command(async)]
pub fn create_story(
    state: State<'_, AppState>,
    mut content: StoryContent,
    body_text: String,
    author: String,
    note: Option<String>,
) -> Res<RevisionInfo> {
    content.body = text::paragraphs(&body_text);
    state.with_store(|s| s.create_story(&content, &author, note.as_deref(), RevisionKind::Manual))
}

#[tauri::command(async)]
pub fn save_revision(
    state: State<'_, AppState>,
    story: i64,
    mut content: StoryContent,
    body_text: String,
    author: String,
    note: Option<String>,
) -> Res<SaveOutcome> {
    content.body = text::paragraphs(&body_text);
    state.with_store(|s| s.save(story, &content, &author, note.as_deref(), RevisionKind::Manual))
}

#[tauri::command(async)]
pub fn restore_revision(state: State<'_, AppState>, story: i64, revision: u32, author: String) -> Res<SaveOutcome> {
    state.with_store(|s| s.restore(story, revision, &author, None))
}
