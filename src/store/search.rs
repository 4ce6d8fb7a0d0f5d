//! The story list: filtered, sorted, and searched with SQLite FTS5.
//!
//! `story_search` holds each story as of its latest revision (rowid = story
//! id); every save replaces the story's row in the same transaction, so the
//! index never lags behind the stories.

use rusqlite::{params, Transaction};

use super::stories::parse_time;
use super::Store;
use crate::error::Result;
use crate::model::{
    RevisionInfo, SearchMatch, SortKey, Status, StoryContent, StoryFilter, StoryPage, StorySummary, StoryView, TextPart,
};

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

/// Makes `story`'s list row and search row say what `info` and `content`
/// (its newest revision, saved at `now`) hold, then does a bounded step of
/// index merging, so that the segments and tombstones each save leaves do
/// not pile up.
pub(super) fn index_story(
    tx: &Transaction,
    info: &RevisionInfo,
    now: &str,
    content: &StoryContent,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE stories SET latest = ?2, updated_at = ?3, last_author = ?4, status = ?5, words = ?6,
                            headline = ?7, slug = ?8, section = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        info.story,
        info.revision,
        now,
        info.author,
        info.status.as_str(),
        info.words,
        content.headline,
        content.slug,
        content.section
    ])?;
    tx.prepare_cached("DELETE FROM story_search WHERE rowid = ?1")?
        .execute([info.story])?;
    tx.prepare_cached(
        "INSERT INTO story_search (rowid, slug, headline, dek, section, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        info.story,
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

/// The ORDER BY of the list: the chosen key, then the newest first, then
/// the highest id, so that every page boundary falls in one fixed order.
fn order_by(sort: SortKey, ascending: bool, searching: bool) -> String {
    let dir = if ascending { "ASC" } else { "DESC" };
    let key = match sort {
        SortKey::Slug => "s.slug COLLATE NOCASE".to_string(),
        SortKey::Headline => "s.headline COLLATE NOCASE".to_string(),
        SortKey::Section => "s.section COLLATE NOCASE".to_string(),
        SortKey::Status => {
            let rank = Status::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| format!("WHEN '{}' THEN {i}", s.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            format!("CASE s.status {rank} END")
        }
        SortKey::LastEditor => "s.last_author COLLATE NOCASE".to_string(),
        SortKey::Words => "s.words".to_string(),
        SortKey::Relevance if searching => {
            // bm25 is smaller for better matches: best first unless reversed.
            let dir = if ascending { "DESC" } else { "ASC" };
            return format!("bm25(story_search, {WEIGHTS}) {dir}, s.updated_at DESC, s.id DESC");
        }
        SortKey::Updated | SortKey::Relevance => return format!("s.updated_at {dir}, s.id DESC"),
    };
    format!("{key} {dir}, s.updated_at DESC, s.id DESC")
}

/// The index (schema 9) that reads the unsearched list in `filter`'s order.
/// Named outright: without statistics SQLite's planner sees every index on
/// `shelf` as equally good and may pick one that sorts all 100,000 rows.
fn list_index(filter: &StoryFilter) -> &'static str {
    match filter.sort {
        SortKey::Updated | SortKey::Relevance if filter.status.is_some() => "stories_by_status",
        SortKey::Updated | SortKey::Relevance => "stories_by_updated",
        SortKey::Slug => "stories_by_slug",
        SortKey::Headline => "stories_by_headline",
        SortKey::Section => "stories_by_section",
        SortKey::Status => "stories_by_status",
        SortKey::LastEditor => "stories_by_last_author",
        SortKey::Words => "stories_by_words",
    }
}

/// A filter as SQL: the tables and the condition shared by the page and
/// its count, and their parameters in order.
struct Selection {
    condition: String,
    params: Vec<Box<dyn rusqlite::ToSql>>,
    query: Option<String>,
}

impl Selection {
    fn of(filter: &StoryFilter) -> Selection {
        let query = filter.text.as_deref().and_then(fts_query);
        let shelf = match filter.view {
            StoryView::Active => 0,
            StoryView::Archived => 1,
            StoryView::Trash => 2,
        };
        let section = filter
            .section
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let mut condition = String::from("s.shelf = ?1");
        let mut params: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(shelf)];
        if let Some(q) = &query {
            params.push(Box::new(q.clone()));
            condition.push_str(" AND story_search MATCH ?2");
        }
        if let Some(status) = filter.status {
            params.push(Box::new(status.as_str()));
            condition.push_str(&format!(" AND s.status = ?{}", params.len()));
        }
        if let Some(section) = section {
            params.push(Box::new(section));
            condition.push_str(&format!(" AND s.section = ?{}", params.len()));
        }
        Selection {
            condition,
            params,
            query,
        }
    }

    /// The FROM clause; `index`, when not searching, is the index to read
    /// the stories by.
    fn from(&self, index: Option<&str>) -> String {
        match (&self.query, index) {
            (Some(_), _) => "story_search JOIN stories AS s ON s.id = story_search.rowid".to_string(),
            (None, Some(index)) => format!("stories AS s INDEXED BY {index}"),
            (None, None) => "stories AS s".to_string(),
        }
    }

    fn params(&self) -> Vec<&dyn rusqlite::ToSql> {
        self.params.iter().map(|p| p.as_ref()).collect()
    }
}

const SUMMARY_COLUMNS: &str = "s.id, s.created_at, s.headline, s.status, s.latest, s.updated_at, s.last_author,
     s.words, s.slug, s.section, s.archived_at, s.trashed_at";

impl Store {
    /// One page of the stories on a shelf (active, archived, trash), each as
    /// of its latest revision, filtered, searched and sorted as `filter`
    /// says, from `filter.offset`, at most `filter.page_size()` of them; and
    /// how many match in all.
    pub fn list_page(&self, filter: &StoryFilter) -> Result<StoryPage> {
        let selection = Selection::of(filter);
        let stories = self.list(filter, &selection, filter.page_size())?;
        let mut stmt = self.db(self.conn.prepare_cached(&format!(
            "SELECT count(*) FROM {} WHERE {}",
            selection.from(None),
            selection.condition
        )))?;
        let total: u32 = self.db(stmt.query_row(&selection.params()[..], |r| r.get(0)))?;
        Ok(StoryPage {
            stories,
            total,
            offset: filter.offset,
        })
    }

    /// Every story `filter` matches, from `filter.offset` on, whatever its
    /// page size (for callers that need them all, such as tests).
    pub fn list_stories(&self, filter: &StoryFilter) -> Result<Vec<StorySummary>> {
        self.list(filter, &Selection::of(filter), u32::MAX)
    }

    fn list(&self, filter: &StoryFilter, selection: &Selection, limit: u32) -> Result<Vec<StorySummary>> {
        let searching = selection.query.is_some();
        let mut params = selection.params();
        let (limit, offset) = (i64::from(limit), i64::from(filter.offset));
        params.extend([&limit as &dyn rusqlite::ToSql, &offset]);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {} WHERE {} ORDER BY {} LIMIT ?{} OFFSET ?{}",
            selection.from(Some(list_index(filter))),
            selection.condition,
            order_by(filter.sort, filter.ascending, searching),
            params.len() - 1,
            params.len()
        );
        let mut stmt = self.db(self.conn.prepare_cached(&sql))?;
        let rows = stmt.query_map(&params[..], |r| {
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
            })
        });
        let rows = self.db(rows.and_then(|m| m.collect::<rusqlite::Result<Vec<_>>>()))?;
        let mut stories = rows
            .into_iter()
            .map(|raw| self.summary(raw))
            .collect::<Result<Vec<_>>>()?;
        if let (Some(query), Some(first), Some(last)) = (
            &selection.query,
            stories.iter().map(|s| s.id).min(),
            stories.iter().map(|s| s.id).max(),
        ) {
            // Marked headlines and excerpts only for the rows shown (FTS5
            // re-reads and re-tokenises each story's text to make them), in
            // one pass: a query per row would expand a prefix into its
            // terms once a row. The rowid range narrows the pass; `+rowid`
            // keeps the id list out of FTS5's hands, which would run the
            // match once an id.
            let ids = serde_json::to_string(&stories.iter().map(|s| s.id).collect::<Vec<_>>()).expect("ids serialise");
            let mut stmt = self.db(self.conn.prepare_cached(&format!(
                "SELECT rowid, highlight(story_search, 1, char(2), char(3)),
                        snippet(story_search, 4, char(2), char(3), '…', {EXCERPT_WORDS}),
                        snippet(story_search, 2, char(2), char(3), '…', {EXCERPT_WORDS})
                 FROM story_search WHERE story_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3
                  AND +rowid IN (SELECT value FROM json_each(?4))"
            )))?;
            let marked = stmt.query_map(params![query, first, last, ids], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    SearchMatch {
                        headline: marked_parts(&r.get::<_, String>(1)?),
                        // The excerpt is where the body matched, else the
                        // dek: a match in the headline or slug is on show
                        // already.
                        excerpt: [r.get::<_, Option<String>>(2)?, r.get(3)?]
                            .into_iter()
                            .flatten()
                            .find(|s| s.contains(HIT_START))
                            .as_deref()
                            .map(marked_parts)
                            .unwrap_or_default(),
                    },
                ))
            });
            let mut marked: std::collections::HashMap<i64, SearchMatch> =
                self.db(marked.and_then(|m| m.collect::<rusqlite::Result<_>>()))?;
            for story in &mut stories {
                story.matches = marked.remove(&story.id);
            }
        }
        Ok(stories)
    }

    /// The sections used by stories not in the trash, for the section filter.
    pub fn sections(&self) -> Result<Vec<String>> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT DISTINCT section FROM stories WHERE shelf < 2 AND section != ''
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
            matches: None,
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
