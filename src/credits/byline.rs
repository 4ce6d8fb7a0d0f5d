//! Bylines: "By ANNA KOVAC and DAVID OSEI", with the organisation after a
//! bar or on the line under it, parsed into authors and rendered AP style.

use super::names::{is_plausible_name, join_names, one_line, split_names, title_case_name};
use super::phrasings::*;
use crate::model::{Credit, Role};

/// Parses a byline: "By ANNA KOVAC and DAVID OSEI", optionally with the
/// organisation after a comma or bar ("By Anna Kovac, Associated Press") or
/// on a second line ("By ANNA KOVAC\nAssociated Press"). Names come back in
/// title case with role author.
pub fn parse_byline(s: &str) -> Vec<Credit> {
    let mut lines = s.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let org_line = lines.next();
    parse_byline_with_org(first, org_line)
}

/// Parses a byline line with the organisation line printed under it, if any
/// ("Associated Press").
pub fn parse_byline_with_org(s: &str, org_line: Option<&str>) -> Vec<Credit> {
    let mut text = one_line(s);
    if text.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by ")) {
        text = text[3..].to_string();
    }
    let mut org = org_line.map(str::trim).filter(|o| !o.is_empty()).map(canonical_org);
    let mut names = Vec::new();
    let mut parts = text.split(['|', '—']).map(str::trim);
    let names_part = parts.next().unwrap_or("");
    // What follows a bar or dash is the outlet: "By Jane Doe | Houston Chronicle".
    if let Some(outlet) = parts.next().filter(|o| !o.is_empty()) {
        org.get_or_insert_with(|| canonical_org(outlet));
    }
    {
        let part = names_part;
        for item in split_names(part) {
            let name = title_case_name(&item);
            if is_plausible_name(&name, 1) {
                names.push(name);
            } else if let Some(o) = org_of(&item) {
                org.get_or_insert(o);
            }
        }
    }
    names
        .into_iter()
        .map(|name| Credit {
            name,
            role: Role::Author,
            location: None,
            organization: org.clone(),
        })
        .collect()
}

/// An organisation named by a byline item: "Associated Press", or the part
/// before a role word ("AP Business Writer" → "Associated Press").
fn org_of(item: &str) -> Option<String> {
    let item = item.trim();
    if ORGANIZATIONS.iter().any(|(k, _)| k.eq_ignore_ascii_case(item)) {
        return Some(canonical_org(item));
    }
    let first = item.split_whitespace().next()?;
    ORGANIZATIONS
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case(first))
        .then(|| canonical_org(first))
}

/// AP style: "By Anna Kovac and David Osei"; three or more: "By A, B and C".
pub fn render_byline(credits: &[Credit]) -> String {
    let authors: Vec<&str> = credits
        .iter()
        .filter(|c| c.role == Role::Author)
        .map(|c| c.name.as_str())
        .collect();
    if authors.is_empty() {
        String::new()
    } else {
        format!("By {}", join_names(&authors))
    }
}
