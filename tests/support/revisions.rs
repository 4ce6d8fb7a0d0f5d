//! Revisions as the diff tests and the diff snapshots build them: one
//! author's revision per edit of a story headlined "H", an hour's minutes
//! apart. Included by path by the two test files that use it.

use chrono::{TimeZone, Utc};
use copydesk::{Revision, RevisionInfo, RevisionKind, Status, StoryContent};

pub fn rev(n: u32, author: &str, body: &[&str]) -> Revision {
    let content = StoryContent::new("H", body.iter().map(|s| s.to_string()).collect());
    Revision {
        info: RevisionInfo {
            story: 1,
            revision: n,
            parent: (n > 1).then(|| n - 1),
            author: author.into(),
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 10, n, 0).unwrap(),
            note: None,
            kind: RevisionKind::Manual,
            restored_from: None,
            merge_base: None,
            words: content.word_count(),
            status: Status::Draft,
            headline: "H".into(),
        },
        content,
    }
}
