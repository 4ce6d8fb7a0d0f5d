//! The story list: filtered, sorted, and searched with SQLite FTS5.
//!
//! `story_search` holds each story as of its latest revision (rowid = story
//! id); every save replaces the story's row in the same transaction, so the
//! index never lags behind the stories.

use rusqlite::{params, Transaction};

use super::stories::parse_time;
use super::Store;
use crate::error::Result;
use crate::model::{SearchMatch, SortKey, Status, StoryContent, StoryFilter, StorySummary, StoryView, TextPart};

/// Marks FTS5 puts around matched words. Control characters, so story text
/// (which the store keeps free of them in practice) cannot fake a match.
const HIT_START: char = '\u{2}';
const HIT_END: char = '\u{3}';
/// Words of context an excerpt shows around the best match.
const EXCERPT_WORDS: u32 = 14;
/// How much a match in each column counts (slug, headline, dek, section,
/// body): a word in the headline says more about a story than one in its
/// 40th paragraph.
const WEIGHTS: &str = "3.0, 5.0, 2.0, 2.0, 1.0";

/// Pages of index merging done after each save (see `schema::V6`): enough
/// to keep a story's repeated saves folded into a few segments, bounded
/// however large the desk's index is.
const MERGE_PAGES: u32 = 16;

/// Replaces the search row of `story` with `content` (its newest revision),
/// then does a bounded step of index merging, so that the segments and
/// tombstones each save leaves do not pile up.
pub(super) fn index_story(tx: &Transaction, story: i64, content: &StoryContent) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM story_search WHERE rowid = ?1")?
        .execute([story])?;
    tx.prepare_cached(
        "INSERT INTO story_search (rowid, slug, headline, dek, section, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        story,
        content.slug,
        content.headline,
        content.dek,
        content.section,
        content.body.join("\n")
    ])?;
    tx.prepare_cached("INSERT INTO story_search (story_search, rank) VALUES ('merge', ?1)")?
        .execute([MERGE_PAGES])?;
    Ok(())
}

/// Turns what the editor typed into an FTS5 query: every word must match,
/// as a prefix ("vlad" finds "Vladivostok"); text in double quotes must
/// match as a phrase. FTS5 syntax characters in the input are never passed
/// through, so any input is a valid query. `None` when nothing searchable
/// was typed.
pub fn fts_query(input: &str) -> Option<String> {
    let mut terms = Vec::new();
    for (i, part) in input.split('"').enumerate() {
        let words: Vec<&str> = part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        if i % 2 == 1 {
            terms.push(format!("\"{}\"", words.join(" ")));
        } else {
            terms.extend(words.iter().map(|w| format!("\"{w}\"*")));
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Splits FTS5 highlighted text into plain and matched parts.
fn marked_parts(s: &str) -> Vec<TextPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    for piece in s.split([HIT_START, HIT_END]) {
        if !piece.is_empty() {
            parts.push(TextPart {
                text: piece.to_string(),
                hit,
            });
        }
        hit = !hit;
    }
    // split() alternates only if the marks alternate; they do, FTS5 writes
    // them in pairs. An unmatched text is one plain part.
    parts
}

fn order_by(sort: SortKey, ascending: bool, searching: bool) -> String {
    let dir = if ascending { "ASC" } else { "DESC" };
    let status_rank = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| format!("WHEN '{}' THEN {i}", s.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let key = match sort {
        SortKey::Slug => "slug COLLATE NOCASE".to_string(),
        SortKey::Headline => "f.headline COLLATE NOCASE".to_string(),
        SortKey::Section => "section COLLATE NOCASE".to_string(),
        // Older databases say "review" and "spiked" for editing and killed.
        SortKey::Status => {
            format!("CASE replace(replace(r.status, 'review', 'editing'), 'spiked', 'killed') {status_rank} END")
        }
        SortKey::LastEditor => "r.author COLLATE NOCASE".to_string(),
        SortKey::Words => "r.words".to_string(),
        SortKey::Relevance if searching => {
            // bm25 is smaller for better matches: best first unless reversed.
            let dir = if ascending { "DESC" } else { "ASC" };
            return format!("bm25(story_search, {WEIGHTS}) {dir}, r.created_at DESC, s.id DESC");
        }
        SortKey::Updated | SortKey::Relevance => "r.created_at".to_string(),
    };
    format!("{key} {dir}, r.created_at DESC, s.id DESC")
}

impl Store {
    /// The stories on one shelf (active, archived, trash), each as of its
    /// latest revision, filtered, searched and sorted as `filter` says.
    pub fn list_stories(&self, filter: &StoryFilter) -> Result<Vec<StorySummary>> {
        let query = filter.text.as_deref().and_then(fts_query);
        let searching = query.is_some();
        let view = match filter.view {
            StoryView::Active => "s.archived_at IS NULL AND s.trashed_at IS NULL",
            StoryView::Archived => "s.archived_at IS NOT NULL AND s.trashed_at IS NULL",
            StoryView::Trash => "s.trashed_at IS NOT NULL",
        };
        let (search_join, search_cols, search_where) = if searching {
            (
                "JOIN story_search ON story_search.rowid = s.id",
                format!(
                    "highlight(story_search, 1, char(2), char(3)),
                     snippet(story_search, 4, char(2), char(3), '…', {EXCERPT_WORDS}),
                     snippet(story_search, 2, char(2), char(3), '…', {EXCERPT_WORDS})"
                ),
                "AND story_search MATCH ?3",
            )
        } else {
            ("", "NULL, NULL, NULL".to_string(), "AND ?3 IS NULL")
        };
        let sql = format!(
            "SELECT s.id, s.created_at, f.headline, r.status, r.number, r.created_at, r.author, r.words,
                    coalesce(json_extract(f.fields, '$.slug'), '') AS slug,
                    coalesce(json_extract(f.fields, '$.section'), '') AS section,
                    s.archived_at, s.trashed_at, {search_cols}
             FROM stories AS s
             JOIN revisions AS r ON r.story_id = s.id
              AND r.number = (SELECT max(number) FROM revisions WHERE story_id = s.id)
             JOIN field_sets AS f ON f.id = r.field_set
             {search_join}
             WHERE {view}
               AND (?1 IS NULL OR r.status = ?1 OR (?1 = 'editing' AND r.status = 'review')
                    OR (?1 = 'killed' AND r.status = 'spiked'))
               AND (?2 IS NULL OR section = ?2)
               {search_where}
             ORDER BY {}",
            order_by(filter.sort, filter.ascending, searching)
        );
        let section = filter.section.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let mut stmt = self.db(self.conn.prepare_cached(&sql))?;
        let rows = stmt.query_map(params![filter.status.map(Status::as_str), section, query], |r| {
            Ok(RawSummary {
                id: r.get(0)?,
                created: r.get(1)?,
                headline: r.get(2)?,
                status: r.get(3)?,
                revisions: r.get(4)?,
                updated: r.get(5)?,
                last_author: r.get(6)?,
                words: r.get(7)?,
                slug: r.get(8)?,
                section: r.get(9)?,
                archived: r.get(10)?,
                trashed: r.get(11)?,
                headline_marked: r.get(12)?,
                // The excerpt is where the body matched, else the dek: a
                // match in the headline or slug is on show already.
                excerpt_marked: [r.get::<_, Option<String>>(13)?, r.get(14)?]
                    .into_iter()
                    .flatten()
                    .find(|s| s.contains(HIT_START)),
            })
        });
        let rows = self.db(rows.and_then(|m| m.collect::<rusqlite::Result<Vec<_>>>()))?;
        rows.into_iter().map(|raw| self.summary(raw)).collect()
    }

    /// The sections used by stories not in the trash, for the section filter.
    pub fn sections(&self) -> Result<Vec<String>> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT DISTINCT json_extract(f.fields, '$.section') AS section
             FROM stories AS s JOIN revisions AS r ON r.story_id = s.id
              AND r.number = (SELECT max(number) FROM revisions WHERE story_id = s.id)
             JOIN field_sets AS f ON f.id = r.field_set
             WHERE s.trashed_at IS NULL AND coalesce(section, '') != ''
             ORDER BY section COLLATE NOCASE",
        ))?;
        let sections = self.db(stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>())?;
        Ok(sections)
    }

    fn summary(&self, raw: RawSummary) -> Result<StorySummary> {
        let time = |s: &str| parse_time(s).map_err(|e| self.corrupt(&e));
        let opt_time = |s: Option<String>| s.as_deref().map(time).transpose();
        Ok(StorySummary {
            id: raw.id,
            status: Status::parse(&raw.status)
                .ok_or_else(|| self.corrupt(&format!("unknown status {}", raw.status)))?,
            revisions: raw.revisions,
            words: raw.words,
            created_at: time(&raw.created)?,
            updated_at: time(&raw.updated)?,
            last_author: raw.last_author,
            archived_at: opt_time(raw.archived)?,
            trashed_at: opt_time(raw.trashed)?,
            matches: raw.headline_marked.map(|h| SearchMatch {
                headline: marked_parts(&h),
                excerpt: raw.excerpt_marked.as_deref().map(marked_parts).unwrap_or_default(),
            }),
            headline: raw.headline,
            slug: raw.slug,
            section: raw.section,
        })
    }
}

struct RawSummary {
    id: i64,
    created: String,
    headline: String,
    status: String,
    revisions: u32,
    updated: String,
    last_author: String,
    words: u32,
    slug: String,
    section: String,
    archived: Option<String>,
    trashed: Option<String>,
    headline_marked: Option<String>,
    excerpt_marked: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_prefix_terms_and_quotes_phrases() {
        assert_eq!(fts_query("kim vlad").unwrap(), r#""kim"* "vlad"*"#);
        assert_eq!(
            fts_query(r#"summit "Kim Jong Un""#).unwrap(),
            r#""summit"* "Kim Jong Un""#
        );
    }

    #[test]
    fn fts_syntax_in_the_input_is_never_passed_through() {
        assert_eq!(
            fts_query("a* OR (b) NEAR:c -d").unwrap(),
            r#""a"* "OR"* "b"* "NEAR"* "c"* "d"*"#
        );
        assert_eq!(fts_query("\"unclosed").unwrap(), r#""unclosed""#);
        assert_eq!(fts_query("  ** () \" "), None);
    }

    #[test]
    fn highlights_split_into_parts() {
        let parts = marked_parts("Kim \u{2}meets\u{3} Putin \u{2}in\u{3}");
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(
            shown,
            vec![("Kim ", false), ("meets", true), (" Putin ", false), ("in", true)]
        );
    }
}
