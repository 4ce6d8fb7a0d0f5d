//! What an editor should look at in a story's credits: people credited
//! twice, bylined reporters away from the dateline, photos without a credit.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::names::{is_surname_of, same_name};
use crate::model::{Role, StoryContent};

/// Something about a story's credits an editor should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreditWarning {
    /// "duplicate", "possible_duplicate", "byline_not_at_dateline",
    /// "photo_without_credit".
    pub kind: String,
    /// The person (or photo credit) concerned.
    pub name: String,
    /// What is wrong and what to do, in an editor's words.
    pub message: String,
}

/// The place of a dateline, for comparing with where reporters were:
/// "REYKJAVIK, Iceland (AP)" → "reykjavik".
fn dateline_city(dateline: &str) -> Option<String> {
    let d = dateline.split('(').next()?.trim();
    let city = d.split(',').next()?.trim();
    (!city.is_empty()).then(|| city.to_lowercase())
}

/// Checks a story's credits: a person credited twice (or once by surname and
/// once in full), a byline author who was not at the dateline (AP puts only
/// reporters at the dateline on the byline), a photo without a credit.
pub fn check(content: &StoryContent) -> Vec<CreditWarning> {
    let mut out = Vec::new();
    let cs = &content.credits;
    for (i, a) in cs.iter().enumerate() {
        for b in &cs[..i] {
            if same_name(&a.name, &b.name) {
                out.push(CreditWarning {
                    kind: "duplicate".into(),
                    name: a.name.clone(),
                    message: format!(
                        "{} is credited twice (as {} and as {}); remove one of the credits",
                        a.name,
                        b.role.as_str(),
                        a.role.as_str()
                    ),
                });
            } else if is_surname_of(&a.name, &b.name) || is_surname_of(&b.name, &a.name) {
                out.push(CreditWarning {
                    kind: "possible_duplicate".into(),
                    name: a.name.clone(),
                    message: format!("{} and {} may be the same person; merge them if so", b.name, a.name),
                });
            }
        }
    }
    if let Some(city) = dateline_city(&content.dateline) {
        for c in cs.iter().filter(|c| c.role == Role::Author) {
            let Some(loc) = c.location.as_deref() else { continue };
            let loc_city = loc.split(',').next().unwrap_or("").trim().to_lowercase();
            if loc_city != city {
                out.push(CreditWarning {
                    kind: "byline_not_at_dateline".into(),
                    name: c.name.clone(),
                    message: format!(
                        "{} is on the byline but reported from {loc}, not from the dateline ({}); AP bylines only reporters who were at the dateline — make {} a contributor on the tag line",
                        c.name, content.dateline, c.name
                    ),
                });
            }
        }
    }
    for (i, p) in content.photos.iter().enumerate() {
        if p.credit.trim().is_empty() && p.photographer.is_none() && p.sources.is_empty() {
            out.push(CreditWarning {
                kind: "photo_without_credit".into(),
                name: format!("photo {}", i + 1),
                message: format!(
                    "photo {} has no credit; add the photographer and agency before publishing",
                    i + 1
                ),
            });
        }
    }
    out
}
