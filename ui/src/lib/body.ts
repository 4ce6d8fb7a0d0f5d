// The editor edits a story's body as one text; the core stores it as
// paragraphs. The core splits the text (`text::paragraphs` in src/text.rs:
// blank lines separate paragraphs, each trimmed) and this is the inverse,
// the one place the UI joins them. The revisions, recovery drafts and
// restored lines the UI loads come from types in src/model.rs and
// src-tauri's commands; once they carry the body text this can go.
export function bodyText(paragraphs: readonly string[]): string {
  return paragraphs.join("\n\n");
}
