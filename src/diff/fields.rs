//! Fields, credits and photos compare as fields, people and pictures, not as
//! text.

use std::time::Instant;

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::alerts::{alerts_into, AlertScratch};
use super::words::WordDiff;
use super::{Alert, CompareOptions, CreditChange, CreditChangeKind, Field, FieldChange, PhotoChange, PhotoChangeKind};
use crate::model::{Credit, Photo, StoryContent};

/// Changed single-value fields, and alerts for changed quotes, numbers and
/// names in the headline and dek. A field still being compared at
/// `deadline` degrades to its whole before and after (`coarse`, no alerts),
/// as a body row does.
pub(crate) fn compare_fields(
    a: &StoryContent,
    b: &StoryContent,
    opts: &CompareOptions,
    deadline: Instant,
) -> (Vec<FieldChange>, Vec<Alert>) {
    let pairs: [(Field, &str, &str); 6] = [
        (Field::Headline, &a.headline, &b.headline),
        (Field::Dek, &a.dek, &b.dek),
        (Field::Section, &a.section, &b.section),
        (Field::Dateline, &a.dateline, &b.dateline),
        (Field::Status, a.status.as_str(), b.status.as_str()),
        (Field::Copyright, &a.copyright, &b.copyright),
    ];
    let mut changes = Vec::new();
    let mut alerts = Vec::new();
    let mut scratch = AlertScratch::default();
    for (field, before, after) in pairs {
        if before == after {
            continue;
        }
        let wd = WordDiff::new(before, after, opts.ignore_boring, Some(deadline));
        if opts.ignore_boring && !wd.has_changes() {
            continue;
        }
        if matches!(field, Field::Headline | Field::Dek) && !wd.coarse {
            alerts_into(&wd, None, Some(field), &mut scratch, &mut alerts);
        }
        changes.push(FieldChange {
            field,
            before: before.to_string(),
            after: after.to_string(),
            segments: wd.combined(opts.char_level),
            coarse: wd.coarse,
        });
    }
    (changes, alerts)
}

fn describe(c: &Credit) -> String {
    let mut parts = vec![c.role.as_str().to_string()];
    parts.extend(c.location.clone());
    parts.extend(c.organization.clone());
    parts.join(", ")
}

/// The `k`-th credit in `list` of the person `who` names.
fn partner<'l>(list: &'l [Credit], who: &Credit, k: usize) -> Option<&'l Credit> {
    list.iter().filter(|p| same_person(p, who)).nth(k)
}

fn same_person(x: &Credit, y: &Credit) -> bool {
    x.name.to_lowercase() == y.name.to_lowercase()
}

/// People added, removed, with a changed role, location or organization, and
/// people whose place in the credit order changed.
pub(crate) fn compare_credits(a: &[Credit], b: &[Credit]) -> Vec<CreditChange> {
    let mut out = Vec::new();
    let change = |kind, name: &str, before: Option<String>, after: Option<String>| CreditChange {
        kind,
        name: name.to_string(),
        before,
        after,
    };
    // The k-th credit of a name pairs with the k-th of that name on the
    // other side (a name may be credited twice, in two roles).
    let nth = |list: &[Credit], i: usize| list[..i].iter().filter(|p| same_person(p, &list[i])).count();
    for (i, x) in a.iter().enumerate() {
        if partner(b, x, nth(a, i)).is_none() {
            out.push(change(CreditChangeKind::Removed, &x.name, Some(describe(x)), None));
        }
    }
    for (j, y) in b.iter().enumerate() {
        let Some(x) = partner(a, y, nth(b, j)) else {
            out.push(change(CreditChangeKind::Added, &y.name, None, Some(describe(y))));
            continue;
        };
        let (role_x, role_y) = (Some(x.role.as_str().to_string()), Some(y.role.as_str().to_string()));
        for (kind, before, after) in [
            (CreditChangeKind::Role, role_x, role_y),
            (CreditChangeKind::Location, x.location.clone(), y.location.clone()),
            (
                CreditChangeKind::Organization,
                x.organization.clone(),
                y.organization.clone(),
            ),
        ] {
            if before != after {
                out.push(change(kind, &y.name, before, after));
            }
        }
    }
    // Order among the people on both sides: whoever falls outside the
    // longest common order was reordered.
    let common_a: Vec<String> = a
        .iter()
        .filter(|x| b.iter().any(|y| same_person(x, y)))
        .map(|x| x.name.to_lowercase())
        .collect();
    let common_b: Vec<String> = b
        .iter()
        .filter(|y| a.iter().any(|x| same_person(x, y)))
        .map(|y| y.name.to_lowercase())
        .collect();
    for op in capture_diff_slices(Algorithm::Myers, &common_a, &common_b) {
        let (tag, _, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        for k in n {
            let name = &common_b[k];
            let pa = a.iter().position(|x| x.name.to_lowercase() == *name).unwrap();
            let pb = b.iter().position(|y| y.name.to_lowercase() == *name).unwrap();
            out.push(change(
                CreditChangeKind::Reordered,
                &b[pb].name,
                Some((pa + 1).to_string()),
                Some((pb + 1).to_string()),
            ));
        }
    }
    out
}

/// Photos matched by position when caption or credit still agree, else by
/// caption or credit anywhere; the rest added or removed.
pub(crate) fn compare_photos(a: &[Photo], b: &[Photo]) -> Vec<PhotoChange> {
    let (partner, used) = pair_photos(a, b);
    let mut out = Vec::new();
    for (i, x) in a.iter().enumerate() {
        if !used[i] {
            out.push(PhotoChange {
                kind: PhotoChangeKind::Removed,
                index: i as u32,
                before: Some(x.caption.clone()),
                after: None,
            });
        }
    }
    for (j, y) in b.iter().enumerate() {
        match partner[j] {
            None => out.push(PhotoChange {
                kind: PhotoChangeKind::Added,
                index: j as u32,
                before: None,
                after: Some(y.caption.clone()),
            }),
            Some(i) => {
                let x = &a[i];
                for (kind, before, after) in [
                    (PhotoChangeKind::Caption, &x.caption, &y.caption),
                    (PhotoChangeKind::Credit, &x.credit, &y.credit),
                ] {
                    if before != after {
                        out.push(PhotoChange {
                            kind,
                            index: j as u32,
                            before: Some(before.clone()),
                            after: Some(after.clone()),
                        });
                    }
                }
            }
        }
    }
    out
}

/// Pairs photos as [`compare_photos`] does: each newer photo's older
/// partner, and which older photos have one.
pub(crate) fn pair_photos(a: &[Photo], b: &[Photo]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut partner: Vec<Option<usize>> = vec![None; b.len()];
    let mut used = vec![false; a.len()];
    let related = |x: &Photo, y: &Photo| x.caption == y.caption || x.credit == y.credit;
    for (j, y) in b.iter().enumerate() {
        if j < a.len() && related(&a[j], y) {
            partner[j] = Some(j);
            used[j] = true;
        }
    }
    for (j, y) in b.iter().enumerate() {
        if partner[j].is_none() {
            if let Some(i) = (0..a.len()).find(|&i| !used[i] && related(&a[i], y)) {
                partner[j] = Some(i);
                used[i] = true;
            }
        }
    }
    (partner, used)
}
