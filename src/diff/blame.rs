//! Who wrote each paragraph of the latest revision.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffTag};
use ts_rs::TS;

use crate::model::Revision;

/// The revision that last wrote a paragraph of the latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attribution {
    /// Paragraph position in the latest revision's body.
    pub index: u32,
    pub text: String,
    pub revision: u32,
    pub author: String,
    pub created_at: DateTime<Utc>,
}

/// Annotates the body paragraphs of the last revision of `history` (oldest
/// first) with the revision that last changed each one. A paragraph that
/// stayed the same, or was only moved, keeps its older attribution; an edited
/// paragraph belongs to the revision that edited it. Empty history, empty
/// result.
pub fn blame(history: &[Revision]) -> Vec<Attribution> {
    // For each paragraph of the current revision: index into `history`.
    let mut owner: Vec<usize> = Vec::new();
    let mut prev: &[String] = &[];
    for (r, rev) in history.iter().enumerate() {
        let body = &rev.content.body;
        let mut next = vec![r; body.len()];
        let mut unmatched_old: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut unmatched_new = Vec::new();
        for op in capture_diff_slices(Algorithm::Patience, prev, body) {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                for (i, j) in o.zip(n) {
                    next[j] = owner[i];
                }
            } else {
                for i in o.rev() {
                    unmatched_old.entry(prev[i].as_str()).or_default().push(i);
                }
                unmatched_new.extend(n);
            }
        }
        // Moved paragraphs keep their owner.
        for j in unmatched_new {
            if let Some(i) = unmatched_old.get_mut(body[j].as_str()).and_then(|v| v.pop()) {
                next[j] = owner[i];
            }
        }
        owner = next;
        prev = body;
    }
    prev.iter()
        .zip(owner)
        .enumerate()
        .map(|(index, (text, r))| {
            let info = &history[r].info;
            Attribution {
                index: index as u32,
                text: text.clone(),
                revision: info.revision,
                author: info.author.clone(),
                created_at: info.created_at,
            }
        })
        .collect()
}
