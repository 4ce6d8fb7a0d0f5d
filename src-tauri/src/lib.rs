//! The Copydesk desktop app: a window over the `copydesk` core. Every
//! editorial rule lives in the core; this crate only wires commands to it.

mod checking;
mod commands;
mod state;
mod window;

/// Worker threads for the commands. Commands are plain (blocking) code run
/// as tasks on Tauri's async runtime, which by default has one worker per
/// core: on a 2-core machine two long checks (Hunspell's suggestions cost
/// some 15 ms a word) held every worker, and a click to compare waited
/// behind them for seconds. Enough workers for the few long commands an
/// editor can start at once keep every other command answered.
const COMMAND_WORKERS: usize = 8;

pub fn run() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(COMMAND_WORKERS)
        .enable_all()
        .build()
        .expect("the command runtime starts");
    tauri::async_runtime::set(runtime.handle().clone());
    let state = state::AppState::from_args(std::env::args_os());
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // Restores the main window where the editor left it; saves on exit.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // ... inside the screen it opens on (after the plugin above).
        .plugin(window::fit_to_screen())
        .manage(state)
        .manage(checking::CheckState::default())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_stories,
            commands::get_revision,
            commands::create_story,
            commands::save_revision,
            commands::latest_revision,
            commands::review_revisions,
            commands::review_preview,
            commands::restore_revision,
            commands::export_revision,
            commands::save_export,
            commands::parse_import,
            commands::open_story_file,
            commands::import_story,
            commands::create_sample_story,
            commands::restore_flagged,
            commands::credit_preview,
            commands::suggest_people,
            commands::compare_revisions,
            commands::blame,
            commands::sections,
            commands::history_page,
            commands::set_status,
            commands::shelve_story,
            commands::empty_trash,
            commands::duplicate_story,
            commands::name_version,
            commands::unname_version,
            commands::save_draft,
            commands::recovery_drafts,
            commands::discard_draft,
            commands::get_settings,
            commands::save_settings,
            checking::check_text,
            checking::add_desk_word,
            checking::check_compare,
        ])
        .run(tauri::generate_context!())
        .expect("Copydesk could not start its window");
}
