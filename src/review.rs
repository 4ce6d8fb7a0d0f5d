//! Reviewing the changes between two revisions one by one.
//!
//! For revisions rA → rB the editor accepts or rejects each numbered change
//! of the comparison (`Comparison::changes`); the result is rB with the
//! rejected changes reverted, saved as a new revision based on rB with a
//! note counting what was accepted and rejected.
//!
//! [`review`] is the one call sequence the CLI and the app use; [`apply`]
//! is the pure part (no store).
//!
//! What a rejected change reverts:
//! - a field: the older value;
//! - a credit added: removed; removed: put back where it was in the older
//!   credit order; role, location, organization: the older value;
//!   reordered: back to its older place;
//! - a photo (paired as the comparison pairs them) added: removed; removed:
//!   put back where it was; caption: the older caption; credit: the older
//!   credit line and the fields it is made from (photographer, sources, via);
//! - an inserted paragraph: left out; a deleted one: kept where it was; a
//!   moved one: stays where it was, with its older text; a run of changed
//!   words: the older words of that run.
//!
//! Only what the comparison reports can be reverted: the slug, lines set
//! aside as junk (`flagged`), a change of letter case in a credited name
//! (people are matched by name ignoring case), photo order and photo
//! fields other than caption and credit line when neither of those changed,
//! stay as in rB.

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::changes::Target;
use crate::diff::{
    compare, pair_photos, CompareOptions, Comparison, CreditChange, CreditChangeKind, Field, PhotoChange,
    PhotoChangeKind, Row, RowKind,
};
use crate::model::{Credit, Photo, RevisionKind, StoryContent};
use crate::revision::SaveOutcome;
use crate::store::Edit;
use crate::{Error, Result, Store};

/// Which changes the editor accepts: the listed ones (`accept`, everything
/// else rejected) or all but the listed ones (`reject`). An empty list
/// means what it says: `accept` nothing (reject everything) or `reject`
/// nothing (accept everything).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", content = "ids", rename_all = "lowercase")]
#[ts(export)]
pub enum Decisions {
    Accept(Vec<u32>),
    Reject(Vec<u32>),
}

impl Decisions {
    /// Whether change `id` is accepted.
    pub fn accepts(&self, id: u32) -> bool {
        match self {
            Decisions::Accept(ids) => ids.contains(&id),
            Decisions::Reject(ids) => !ids.contains(&id),
        }
    }

    /// The listed ids.
    pub fn ids(&self) -> &[u32] {
        match self {
            Decisions::Accept(ids) | Decisions::Reject(ids) => ids,
        }
    }

    /// Checks that every listed id names a change of `comparison`, and
    /// splits its change ids into (accepted, rejected).
    pub fn split(&self, comparison: &Comparison) -> Result<(Vec<u32>, Vec<u32>)> {
        let known: HashSet<u32> = comparison.changes.iter().map(|c| c.id).collect();
        let mut unknown: Vec<u32> = self.ids().iter().copied().filter(|id| !known.contains(id)).collect();
        if !unknown.is_empty() {
            unknown.sort_unstable();
            unknown.dedup();
            let list: Vec<String> = unknown.iter().map(u32::to_string).collect();
            let range = match comparison.changes.len() {
                0 => "there are no changes to review".to_string(),
                1 => "the only change is 1".to_string(),
                n => format!("the changes are numbered 1 to {n}"),
            };
            return Err(Error::Invalid(format!(
                "no change {}: {range}; nothing was saved",
                list.join(", ")
            )));
        }
        Ok(comparison
            .changes
            .iter()
            .map(|c| c.id)
            .partition(|&id| self.accepts(id)))
    }
}

/// What a review did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewOutcome {
    #[ts(type = "number")]
    pub story: i64,
    /// The revisions compared: rA (older) and rB (newer, the base).
    pub older: u32,
    pub newer: u32,
    /// How the save went: saved, merged with later revisions, unchanged (the
    /// story already had this content), or conflicts (nothing stored).
    pub saved: SaveOutcome,
    pub accepted: Vec<u32>,
    pub rejected: Vec<u32>,
    /// The note recorded with the revision.
    pub note: String,
}

/// "1 change", "3 changes".
fn changes(n: usize) -> String {
    if n == 1 {
        "1 change".to_string()
    } else {
        format!("{n} changes")
    }
}

/// Reviews the changes from revision `a` to revision `b` of `story`: keeps
/// the accepted ones, reverts the rejected ones, and saves the result as a
/// revision of kind `review` based on `b` (`Store::save_edit`): when
/// revisions were saved after `b`, the result is merged with them (and
/// stored as kind `merge`), or the overlap is returned as
/// [`SaveOutcome::Conflicts`] and nothing is stored. Unknown change ids are
/// an [`Error::Invalid`] and nothing is saved. Change ids are numbered as a comparison with `opts` numbers them (the
/// compare view passes its own options), so the ids the editor saw are the
/// ids applied.
pub fn review(
    store: &mut Store,
    story: i64,
    a: u32,
    b: u32,
    decisions: Decisions,
    author: &str,
    opts: &CompareOptions,
) -> Result<ReviewOutcome> {
    let older = store.revision(story, Some(a))?.content;
    let newer = store.revision(story, Some(b))?.content;
    let comparison = compare(&older, &newer, opts);
    let (accepted, rejected) = decisions.split(&comparison)?;
    let content = apply(&older, &newer, &comparison, &|id| decisions.accepts(id));
    let note = format!(
        "Review of r{a} → r{b}: accepted {}, rejected {}",
        changes(accepted.len()),
        rejected.len()
    );
    // Based on `b`: revisions saved after it are merged with the review
    // (kind `merge` then), or the overlap comes back as conflicts and
    // nothing is stored.
    let edit = Edit {
        base: Some(b),
        note: Some(&note),
        ..Edit::new(author, RevisionKind::Review)
    };
    let saved = store.save_edit(story, &content, &edit)?;
    Ok(ReviewOutcome {
        story,
        older: a,
        newer: b,
        saved,
        accepted,
        rejected,
        note,
    })
}

/// What a review of `older` → `newer` with `decisions` would save, for the
/// compare view to show the result live; nothing is stored. Unknown change
/// ids are an [`Error::Invalid`].
pub fn preview(
    older: &StoryContent,
    newer: &StoryContent,
    decisions: &Decisions,
    opts: &CompareOptions,
) -> Result<StoryContent> {
    let comparison = compare(older, newer, opts);
    decisions.split(&comparison)?;
    Ok(apply(older, newer, &comparison, &|id| decisions.accepts(id)))
}

/// `newer` with every change of `comparison` that `accepted` refuses
/// reverted to `older`. `comparison` must be `compare(older, newer, …)`
/// (a comparison read back from JSON knows no more what to revert, and its
/// changes are all kept).
pub fn apply(
    older: &StoryContent,
    newer: &StoryContent,
    comparison: &Comparison,
    accepted: &dyn Fn(u32) -> bool,
) -> StoryContent {
    let mut out = newer.clone();
    let mut credit_rejected = vec![false; comparison.credits.len()];
    let mut photo_rejected = vec![false; comparison.photos.len()];
    let mut row_accepted: Vec<Option<bool>> = vec![None; comparison.rows.len()];
    let mut runs: Vec<(usize, Range<usize>, Range<usize>, bool)> = Vec::new();
    for c in &comparison.changes {
        let ok = accepted(c.id);
        match &c.target {
            Target::Unknown => {}
            Target::Field(f) => {
                if !ok {
                    revert_field(&mut out, older, *f);
                }
            }
            Target::Credit(k) => credit_rejected[*k] = !ok,
            Target::Photo(k) => photo_rejected[*k] = !ok,
            Target::Row(r) => row_accepted[*r] = Some(ok),
            Target::Moved { left, right } => {
                row_accepted[*left] = Some(ok);
                row_accepted[*right] = Some(ok);
            }
            Target::Words { row, old, new } => runs.push((*row, old.clone(), new.clone(), ok)),
        }
    }
    out.credits = apply_credits(&older.credits, &newer.credits, &comparison.credits, &credit_rejected);
    out.photos = apply_photos(&older.photos, &newer.photos, &comparison.photos, &photo_rejected);
    out.body = apply_body(&older.body, &newer.body, &comparison.rows, &row_accepted, runs);
    out
}

fn revert_field(out: &mut StoryContent, older: &StoryContent, f: Field) {
    match f {
        Field::Headline => out.headline = older.headline.clone(),
        Field::Dek => out.dek = older.dek.clone(),
        Field::Section => out.section = older.section.clone(),
        Field::Dateline => out.dateline = older.dateline.clone(),
        Field::Status => out.status = older.status,
        Field::Copyright => out.copyright = older.copyright.clone(),
    }
}

fn apply_body(
    a: &[String],
    b: &[String],
    rows: &[Row],
    row_accepted: &[Option<bool>],
    mut runs: Vec<(usize, Range<usize>, Range<usize>, bool)>,
) -> Vec<String> {
    runs.sort_by_key(|r| (r.0, r.2.start));
    let mut runs = runs.into_iter().peekable();
    let mut out = Vec::with_capacity(b.len());
    for (r, row) in rows.iter().enumerate() {
        let i = row.left.as_ref().map(|s| s.index as usize);
        let j = row.right.as_ref().map(|s| s.index as usize);
        // A change without a decision (none known) is kept.
        let rejected = row_accepted[r] == Some(false);
        match (row.kind, i, j) {
            (RowKind::Changed, Some(i), Some(j)) => {
                let (old, new) = (&a[i], &b[j]);
                let mut text = String::with_capacity(new.len());
                let mut at = 0;
                while let Some((_, o, n, ok)) = runs.next_if(|x| x.0 == r) {
                    text.push_str(&new[at..n.start]);
                    text.push_str(if ok { &new[n.clone()] } else { &old[o] });
                    at = n.end;
                }
                text.push_str(&new[at..]);
                out.push(text);
            }
            // Inserted, the right end of a move, or unchanged.
            (_, None, Some(j)) | (RowKind::Equal, _, Some(j)) if !rejected => out.push(b[j].clone()),
            // Deleted, or the left end of a move.
            (_, Some(i), None) if rejected => out.push(a[i].clone()),
            _ => {}
        }
    }
    out
}

fn apply_credits(a: &[Credit], b: &[Credit], changes: &[CreditChange], rejected: &[bool]) -> Vec<Credit> {
    let key = |c: &Credit| c.name.to_lowercase();
    let mut reverted: HashSet<(String, CreditChangeKind)> = HashSet::new();
    for (c, _) in changes.iter().zip(rejected).filter(|(_, r)| **r) {
        reverted.insert((c.name.to_lowercase(), c.kind));
    }
    let is = |name: &str, kind| reverted.contains(&(name.to_string(), kind));
    // The newer credit with its rejected attribute changes reverted.
    let revised = |y: &Credit| {
        let mut y = y.clone();
        let k = key(&y);
        if let Some(x) = a.iter().find(|x| key(x) == k) {
            if is(&k, CreditChangeKind::Role) {
                y.role = x.role;
            }
            if is(&k, CreditChangeKind::Location) {
                y.location = x.location.clone();
            }
            if is(&k, CreditChangeKind::Organization) {
                y.organization = x.organization.clone();
            }
        }
        y
    };
    let mut out: Vec<Credit> = b
        .iter()
        .filter(|y| !is(&key(y), CreditChangeKind::Added) && !is(&key(y), CreditChangeKind::Reordered))
        .map(revised)
        .collect();
    // People going back to their older place, in older order: each after the
    // nearest person before it in the older order who is in the list.
    for (n, x) in a.iter().enumerate() {
        let k = key(x);
        let credit = if is(&k, CreditChangeKind::Removed) {
            x.clone()
        } else if is(&k, CreditChangeKind::Reordered) {
            match b.iter().find(|y| key(y) == k) {
                Some(y) => revised(y),
                None => continue,
            }
        } else {
            continue;
        };
        let at = a[..n]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|o| key(o) == key(p)))
            .map_or(0, |p| p + 1);
        out.insert(at, credit);
    }
    out
}

fn apply_photos(a: &[Photo], b: &[Photo], changes: &[PhotoChange], rejected: &[bool]) -> Vec<Photo> {
    let (partner, _) = pair_photos(a, b);
    let (mut drop_added, mut old_caption, mut old_credit) =
        (vec![false; b.len()], vec![false; b.len()], vec![false; b.len()]);
    let mut restore = vec![false; a.len()];
    for (c, _) in changes.iter().zip(rejected).filter(|(_, r)| **r) {
        let k = c.index as usize;
        match c.kind {
            PhotoChangeKind::Added => drop_added[k] = true,
            PhotoChangeKind::Removed => restore[k] = true,
            PhotoChangeKind::Caption => old_caption[k] = true,
            PhotoChangeKind::Credit => old_credit[k] = true,
        }
    }
    // Each photo with its older index, if it has one.
    let mut out: Vec<(Option<usize>, Photo)> = Vec::with_capacity(b.len());
    for (j, y) in b.iter().enumerate() {
        match partner[j] {
            None if drop_added[j] => {}
            None => out.push((None, y.clone())),
            Some(i) => {
                let (x, mut p) = (&a[i], y.clone());
                if old_caption[j] {
                    p.caption = x.caption.clone();
                }
                if old_credit[j] {
                    p.credit = x.credit.clone();
                    p.photographer = x.photographer.clone();
                    p.sources = x.sources.clone();
                    p.via = x.via.clone();
                }
                out.push((Some(i), p));
            }
        }
    }
    for (i, x) in a.iter().enumerate().filter(|(i, _)| restore[*i]) {
        let at = (0..i)
            .rev()
            .find_map(|k| out.iter().position(|o| o.0 == Some(k)))
            .map_or(0, |p| p + 1);
        out.insert(at, (Some(i), x.clone()));
    }
    out.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests;
