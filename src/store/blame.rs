//! Blame from the stored paragraph ids: a walk back from the revision asked
//! for, reading bodies as id lists only (no paragraph text but the
//! revision's own), as far back as its paragraphs go.

use std::collections::hash_map::{Entry, HashMap};

use rusqlite::{params, CachedStatement, Connection};

use super::{packed, Store};
use crate::diff::{Attribution, BlameProgress, Walk};
use crate::error::{Error, Result};

/// Older revisions walked between two progress reports.
pub const BLAME_PROGRESS_EVERY: u32 = 256;

/// Revisions whose bodies are read and decoded at a time.
const BLOCK: u32 = 512;

impl Store {
    /// Who last changed each paragraph of revision `number` of `story` (the
    /// latest when `None`): the same answer as [`crate::diff::blame`] over
    /// revisions 1 through `number`, found by walking back over paragraph
    /// ids, which are equal exactly when the texts are (a save reuses the id
    /// of a text already stored), and stopping once every paragraph's
    /// revision is found. Reads one snapshot: saves made meanwhile (on
    /// another connection) are not seen and, in WAL mode, do not wait.
    /// `progress` hears every [`BLAME_PROGRESS_EVERY`] revisions walked.
    pub fn blame(
        &self,
        story: i64,
        number: Option<u32>,
        mut progress: impl FnMut(BlameProgress),
    ) -> Result<Vec<Attribution>> {
        let tx = self.db(self.conn.unchecked_transaction())?;
        let target = self.revision(story, number)?;
        let number = target.info.revision;
        let damaged = |revision, reason| Error::Damaged {
            story,
            revision,
            reason,
        };
        let mut bodies = self.db(Bodies::new(&tx, story))?;
        let mut walk = Walk::new(number, self.db(bodies.take(number))?.map_err(|e| damaged(number, e))?);
        let mut walked = 0;
        for n in (1..number).rev() {
            if walk.done() {
                break;
            }
            walk.step(n, self.db(bodies.take(n))?.map_err(|e| damaged(n, e))?);
            walked += 1;
            if walked % BLAME_PROGRESS_EVERY == 0 {
                progress(BlameProgress { walked, of: number - 1 });
            }
        }
        let owners = walk.finish();
        let mut infos = HashMap::new();
        infos.insert(number, target.info);
        for &r in &owners {
            if let Entry::Vacant(e) = infos.entry(r) {
                e.insert(self.revision_info(story, r)?);
            }
        }
        drop(bodies);
        self.db(tx.finish())?;
        Ok(target
            .content
            .body
            .into_iter()
            .zip(owners)
            .enumerate()
            .map(|(index, (text, r))| {
                let info = &infos[&r];
                Attribution {
                    index: index as u32,
                    text,
                    revision: r,
                    author: info.author.clone(),
                    created_at: info.created_at,
                }
            })
            .collect())
    }
}

/// The paragraph ids of a story's revisions, asked for newest first. A body
/// is a delta against the one before it, so they are read a block at a
/// time, each decoded forward from the last whole body at or before its
/// start.
struct Bodies<'c> {
    stmt: CachedStatement<'c>,
    story: i64,
    /// Revisions `first..` of the block read last, oldest first.
    block: Vec<Vec<i64>>,
    first: u32,
}

impl<'c> Bodies<'c> {
    fn new(conn: &'c Connection, story: i64) -> rusqlite::Result<Bodies<'c>> {
        Ok(Bodies {
            stmt: conn.prepare_cached(
                "SELECT number, body FROM revisions WHERE story_id = ?1 AND number BETWEEN ?2 AND ?3
                 ORDER BY number",
            )?,
            story,
            block: Vec::new(),
            first: 0,
        })
    }

    /// The ids of revision `n`: each call's `n` one less than the last's
    /// (the first call's any). `Err` says why they cannot be decoded.
    fn take(&mut self, n: u32) -> rusqlite::Result<std::result::Result<Vec<i64>, String>> {
        if n < self.first || self.block.is_empty() {
            let first = n.saturating_sub(BLOCK - 1).max(1);
            match self.read(first, n)? {
                Ok(block) => (self.block, self.first) = (block, first),
                Err(e) => return Ok(Err(e)),
            }
        }
        if n as usize != self.first as usize + self.block.len() - 1 {
            return Ok(Err("its list of paragraphs was asked for out of order".into()));
        }
        Ok(Ok(self.block.pop().expect("checked above")))
    }

    /// The ids of revisions `first..=last`.
    fn read(&mut self, first: u32, last: u32) -> rusqlite::Result<std::result::Result<Vec<Vec<i64>>, String>> {
        // The chain of deltas reaching `first` starts at most this far back.
        let from = first.saturating_sub(packed::MAX_BODY_DEPTH).max(1);
        let mut rows = self.stmt.query(params![self.story, from, last])?;
        let mut raw: Vec<(u32, Vec<u8>)> = Vec::with_capacity((last - from + 1) as usize);
        while let Some(r) = rows.next()? {
            let body = match r.get_ref(1)? {
                rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
                _ => return Ok(Err("its list of paragraphs is not in the current encoding".into())),
            };
            raw.push((r.get(0)?, body));
        }
        if raw.len() != (last - from + 1) as usize || raw.iter().zip(from..).any(|((n, _), m)| *n != m) {
            return Ok(Err("a revision before it is missing".into()));
        }
        let Some(start) = raw.iter().rposition(|(n, b)| *n <= first && packed::body_is_whole(b)) else {
            return Ok(Err(
                "its list of paragraphs is based on a revision that is missing".into()
            ));
        };
        let mut block = Vec::with_capacity((last - first + 1) as usize);
        let mut ids: Option<Vec<i64>> = None;
        for (n, b) in &raw[start..] {
            let Some(next) = packed::body_ids(b, ids.as_deref()) else {
                return Ok(Err("its list of paragraphs cannot be decoded".into()));
            };
            if *n >= first {
                block.push(next.clone());
            }
            ids = Some(next);
        }
        Ok(Ok(block))
    }
}
