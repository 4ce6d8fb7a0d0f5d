// Our commands are ACL-checked only when declared here and granted in
// capabilities/default.json; keep the two lists in step with commands.rs.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_stories",
    "get_revision",
    "create_story",
    "save_revision",
    "latest_revision",
    "review_revisions",
    "review_preview",
    "restore_revision",
    "export_revision",
    "save_export",
    "parse_import",
    "open_story_file",
    "import_story",
    "create_sample_story",
    "restore_flagged",
    "credit_preview",
    "suggest_people",
    "compare_revisions",
    "blame",
    "sections",
    "history_page",
    "set_status",
    "shelve_story",
    "empty_trash",
    "duplicate_story",
    "name_version",
    "unname_version",
    "save_draft",
    "recovery_drafts",
    "discard_draft",
    "get_settings",
    "save_settings",
    "check_text",
    "add_desk_word",
    "check_compare",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
