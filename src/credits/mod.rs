//! Bylines, tag lines and photo credits: parsed from pasted text into
//! `Credit`s and `Photo`s, and rendered back in AP style.
//!
//! ```
//! use copydesk::credits::{parse_tagline, render_tagline};
//! let credits = parse_tagline(
//!     "Litvinova reported from Tallinn, Estonia. Associated Press journalist Jim Heintz in Kyiv, Ukraine, contributed.",
//! );
//! assert_eq!(credits[0].name, "Litvinova");
//! assert_eq!(credits[1].location.as_deref(), Some("Kyiv, Ukraine"));
//! assert_eq!(parse_tagline(&render_tagline(&credits)), credits);
//! ```
//!
//! The phrasings (role words, "reported from", organisations, photo credit
//! shapes) are tables in [`phrasings`]. Parsing never invents a person: a
//! fragment that does not read as a name is skipped.

pub mod phrasings;

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Credit, Photo, Role, StoryContent};
use phrasings::*;

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

// ---------------------------------------------------------------- names

/// Whether a fragment reads as a person's name: 1–6 capitalised words
/// (particles such as "van" allowed inside), no digits, no words that never
/// appear in names, not a place.
pub fn is_plausible_name(s: &str, min_words: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() < min_words.max(1) || words.len() > 6 || is_region(s) {
        return false;
    }
    let n = words.len();
    words.iter().enumerate().all(|(i, w)| {
        let bare = w.trim_end_matches([',', '.']);
        if bare.is_empty() || NOT_NAME_WORDS.contains(&bare) {
            return false;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return false;
        }
        let first = w.chars().next().unwrap();
        if first.is_uppercase() {
            // An all-capitals word of two or more letters is an acronym
            // ("NASA"), unless it is a Roman numeral or dotted initials.
            let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
            let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            !all_caps || matches!(bare, "II" | "III" | "IV") || bare.contains('.')
        } else {
            let particle = NAME_PARTICLES.contains(&bare)
                || bare
                    .split_once('-')
                    .is_some_and(|(p, rest)| NAME_PARTICLES.contains(&p) && rest.starts_with(char::is_uppercase));
            particle && i > 0 && i + 1 < n
        }
    })
}

/// Proper casing of a name written in capitals: "ANNA KOVAC" → "Anna
/// Kovac", "SEAN McDONALD" → "Sean McDonald", "KATHLEEN O'BRIEN-WALSH" →
/// "Kathleen O'Brien-Walsh", "ANA MARIA DE LA CRUZ" → "Ana Maria de la Cruz",
/// "CARLOS RUIZ JR." → "Carlos Ruiz Jr.". Words already in mixed case are
/// kept ("Hanneke de Vries", "DeShawn"). The rules are the tables
/// `NAME_PARTICLES`, `NAME_SUFFIXES`, `NAME_CAP_PREFIXES` and `MAC_NAMES`.
pub fn title_case_name(s: &str) -> String {
    let s = one_line(s);
    let words: Vec<&str> = s.split(' ').collect();
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if !capitalised_word(w) {
                return w.to_string();
            }
            let bare = w.trim_end_matches('.');
            if let Some(sfx) = NAME_SUFFIXES
                .iter()
                .find(|x| x.trim_end_matches('.').eq_ignore_ascii_case(bare))
            {
                if i > 0 {
                    return sfx.to_string();
                }
            }
            let lower = w.to_lowercase();
            if i > 0 && i + 1 < n && NAME_PARTICLES.contains(&lower.as_str()) {
                return lower;
            }
            if let Some(m) = MAC_NAMES.iter().find(|m| m.eq_ignore_ascii_case(w)) {
                return m.to_string();
            }
            let mut out = String::new();
            let mut cap = true;
            for c in w.chars() {
                if cap {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                cap = matches!(c, '-' | '\'' | '’' | '.');
                if !cap {
                    cap = NAME_CAP_PREFIXES.iter().any(|p| out == *p) && w.chars().count() > p_len(&out) + 1;
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn p_len(s: &str) -> usize {
    s.chars().count()
}

/// A word written in capitals, maybe with a lower-case prefix letter of a
/// capitalising prefix ("McDONALD"); one capital letter alone is an initial.
fn capitalised_word(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 {
        return false;
    }
    let rest_caps = |from: usize| letters[from..].iter().all(|c| c.is_uppercase());
    rest_caps(0)
        || NAME_CAP_PREFIXES
            .iter()
            .any(|p| w.starts_with(p) && letters.len() > p_len(p) + 1 && rest_caps(p_len(p)))
        || (w.starts_with("Mac") && letters.len() > 4 && rest_caps(3))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static NAME_SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*").unwrap());

/// Splits "A, B and C" into names.
fn split_names(s: &str) -> Vec<String> {
    let s = s.trim().trim_start_matches("and ").trim_end_matches(',').trim();
    NAME_SEP
        .split(s)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// "A", "A and B", "A, B and C".
fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter().map(|s| s.as_ref()).collect::<Vec<_>>().join(", "),
            last.as_ref()
        ),
    }
}

fn same_name(a: &str, b: &str) -> bool {
    one_line(a).to_lowercase() == one_line(b).to_lowercase()
}

/// Whether one name is the surname of the other ("Litvinova", "Dasha Litvinova").
/// A surname may have a particle or two ("De Vries" of "Hanneke de Vries",
/// "de la Cruz" of "Ana Maria de la Cruz").
pub fn is_surname_of(short: &str, full: &str) -> bool {
    let s: Vec<String> = short.split_whitespace().map(str::to_lowercase).collect();
    let f: Vec<String> = full.split_whitespace().map(str::to_lowercase).collect();
    let particles = s.len().saturating_sub(1);
    !s.is_empty()
        && f.len() > s.len()
        && s[..particles].iter().all(|w| NAME_PARTICLES.contains(&w.as_str()))
        && f.ends_with(&s)
}

// ---------------------------------------------------------------- byline

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

// ---------------------------------------------------------------- tag line

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "St", "Mt", "Ft", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Mr", "Mrs", "Ms", "U.S",
    "U.N", "U.K",
];

fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '.' {
            continue;
        }
        let next_is_space = chars.get(k + 1).is_some_and(|&(_, n)| n.is_whitespace());
        let then_upper = chars.get(k + 2).is_some_and(|&(_, n)| n.is_uppercase());
        if !(next_is_space && then_upper) {
            continue;
        }
        let token = text[start..i].rsplit(char::is_whitespace).next().unwrap_or("");
        let single_initial = token.chars().count() == 1 && token.chars().all(char::is_uppercase);
        if single_initial || ABBREVIATIONS.contains(&token) {
            continue;
        }
        out.push(text[start..i].trim().to_string());
        start = i + 1;
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last.trim_end_matches('.').trim().to_string());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Parses a tag line into credits: "X reported from Y" gives authors with a
/// location; "Associated Press journalists A in B; C and D in E contributed"
/// gives contributors; Reuters-style "Reporting by A; Editing by B" clauses
/// are understood too. Fragments that are not names are skipped.
pub fn parse_tagline(s: &str) -> Vec<Credit> {
    let mut text = one_line(s);
    text = text.trim_start_matches('_').trim().to_string();
    if text.starts_with('(') && text.ends_with(')') {
        text = text[1..text.len() - 1].trim().to_string();
    }
    let mut out: Vec<Credit> = Vec::new();
    for sentence in split_sentences(&text) {
        let lower = sentence.to_ascii_lowercase();
        if BY_CLAUSES.iter().any(|(k, _)| lower.starts_with(k)) {
            for clause in sentence.split(';') {
                by_clause(clause.trim(), &mut out);
            }
        } else if let Some(i) = lower.find(&format!(" {REPORTED_FROM} ")) {
            reported_from(&sentence[..i], &sentence[i + REPORTED_FROM.len() + 2..], &mut out);
        } else {
            contributed(&sentence, &mut out);
        }
    }
    // One person once: a later mention adds what the first lacked.
    let mut merged: Vec<Credit> = Vec::new();
    for c in out {
        match merged.iter_mut().find(|m| same_name(&m.name, &c.name)) {
            Some(m) => {
                if m.location.is_none() {
                    m.location = c.location;
                }
                if m.organization.is_none() {
                    m.organization = c.organization;
                }
            }
            None => merged.push(c),
        }
    }
    merged
}

fn by_clause(clause: &str, out: &mut Vec<Credit>) {
    let lower = clause.to_ascii_lowercase();
    let Some((key, role)) = BY_CLAUSES.iter().find(|(k, _)| lower.starts_with(k)) else {
        return;
    };
    let mut list = clause[key.len()..].trim();
    // USA TODAY style: "Contributing: Jane Doe and John Roe, USA TODAY Network".
    let mut organization = None;
    if let Some((names, last)) = list.rsplit_once(',') {
        let last = last.trim();
        let caps_word = last
            .split_whitespace()
            .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_uppercase()));
        let known = ORGANIZATIONS.iter().any(|(k, _)| k.eq_ignore_ascii_case(last));
        let placed = PREP.is_match(names);
        if !last.is_empty()
            && !is_plausible_name(last, 1)
            && !is_region(last)
            && last.starts_with(char::is_uppercase)
            && (known || caps_word || !placed)
        {
            organization = Some(canonical_org(last));
            list = names;
        }
    }
    for (name, location) in parse_groups(list) {
        out.push(Credit {
            name,
            role: *role,
            location,
            organization: organization.clone(),
        });
    }
}

/// "Litvinova" + "Tallinn, Estonia and Jim Heintz from Kyiv, Ukraine".
fn reported_from(names: &str, rest: &str, out: &mut Vec<Credit>) {
    // Pieces at " and " / ";": a piece with " from " starts a new group; one
    // without continues the place before it ("Trinidad and Tobago") unless it
    // is a name directly followed by a "from" piece ("… and A and B from C").
    let pieces: Vec<&str> = Regex::new(r"\s+and\s+|\s*;\s*")
        .unwrap()
        .split(rest)
        .map(|p| p.trim().trim_end_matches(',').trim())
        .collect();
    let mut groups: Vec<(Vec<String>, String)> = vec![(split_names(names), String::new())];
    let mut pending: Vec<String> = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        if let Some((who, place)) = piece.split_once(" from ") {
            let mut who_names = std::mem::take(&mut pending);
            who_names.extend(split_names(who));
            groups.push((who_names, place.trim().to_string()));
        } else if groups.len() == 1 && groups[0].1.is_empty() {
            groups[0].1 = piece.to_string();
        } else if pieces.get(k + 1).is_some_and(|n| n.contains(" from "))
            && is_plausible_name(piece, 2)
            && !in_place_with_and(&groups.last().unwrap().1, piece)
        {
            pending.push(piece.to_string());
        } else {
            let last = groups.last_mut().unwrap();
            last.1 = format!("{} and {}", last.1, piece);
        }
    }
    for (names, place) in groups {
        let place = place.trim().trim_end_matches(',').to_string();
        for name in names {
            let name = title_case_name(&name);
            if is_plausible_name(&name, 1) && is_plausible_place(&place) {
                out.push(Credit {
                    name,
                    role: Role::Author,
                    location: Some(place.clone()),
                    organization: None,
                });
            }
        }
    }
}

fn in_place_with_and(before: &str, after: &str) -> bool {
    let (before, after) = (before.trim().to_lowercase(), after.trim().to_lowercase());
    PLACES_WITH_AND.iter().any(|p| {
        let p = p.to_lowercase();
        let (a, b) = p.split_once(" and ").unwrap_or((&p, ""));
        before.ends_with(a) && after.starts_with(b)
    })
}

/// "Associated Press journalists A in B; C in D, contributed" and friends.
fn contributed(sentence: &str, out: &mut Vec<Credit>) {
    let lower = sentence.to_ascii_lowercase();
    // The last "contributed" phrase ends the list; "from X" may follow.
    let Some((at, phrase)) = CONTRIBUTED
        .iter()
        .filter_map(|p| find_word(&lower, p).map(|i| (i, *p)))
        .min_by_key(|(i, p)| (*i, usize::MAX - p.len()))
    else {
        return;
    };
    let tail = sentence[at + phrase.len()..].trim();
    let from = if let Some(rest) = tail.strip_prefix("from ") {
        Some(rest.trim().trim_end_matches(',').to_string())
    } else if tail.is_empty() {
        None
    } else {
        return; // "contributed" used some other way: not a tag line
    };
    let body = sentence[..at].trim().trim_end_matches(',').trim();
    let body_lower = body.to_ascii_lowercase();
    // Find the role word ("journalists", "AP Sports Writers"), if any.
    let mut best: Option<(usize, usize, Role)> = None;
    for (sing, plural, role) in ROLE_WORDS {
        for w in [plural, sing] {
            if let Some(i) = find_word(&body_lower, w) {
                let better = match best {
                    None => true,
                    Some((bi, bl, _)) => i < bi || (i == bi && w.len() > bl),
                };
                if better {
                    best = Some((i, w.len(), *role));
                }
            }
        }
    }
    let (org, role, list) = match best {
        Some((i, len, role)) => {
            let prefix = body[..i].trim();
            let org = (!prefix.is_empty()).then(|| canonical_org(prefix));
            if org.as_deref().is_some_and(|o| o.split_whitespace().count() > 6) {
                return;
            }
            (org, role, &body[i + len..])
        }
        None => (None, Role::Contributor, body),
    };
    // "A in B and journalist C in D": a role word after "and" starts a group
    // of its own, whose first name may be a single name ("journalist Zahir").
    let mut groups: Vec<(Role, &str)> = Vec::new();
    let mut start = 0;
    let mut role_here = role;
    for c in AND_ROLE.captures_iter(list) {
        let m = c.get(0).unwrap();
        groups.push((role_here, &list[start..m.start()]));
        let word = c[1].to_lowercase();
        role_here = ROLE_WORDS
            .iter()
            .find(|(s, p, _)| *s == word || *p == word)
            .map(|r| r.2)
            .unwrap_or(role);
        start = m.end();
    }
    groups.push((role_here, &list[start..]));
    for (role, list) in groups {
        for (name, location) in parse_groups(list) {
            let location = location.or_else(|| from.clone());
            out.push(Credit {
                name,
                role,
                location,
                organization: org.clone(),
            });
        }
    }
}

/// ", and journalist " / " and photographers " inside a contributor list.
static AND_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = ROLE_WORDS.iter().flat_map(|(s, p, _)| [*s, *p]).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&format!(
        r"(?i)[,;]?\s+and\s+(?:AP\s+|Associated Press\s+)?({})\s+",
        words.join("|")
    ))
    .unwrap()
});

/// Byte offset of `word` in `hay` at word boundaries.
fn find_word(hay: &str, word: &str) -> Option<usize> {
    hay.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before_ok = i == 0 || !hay[..i].chars().next_back().unwrap().is_alphanumeric();
        let end = i + word.len();
        let after_ok = end == hay.len() || !hay[end..].chars().next().unwrap().is_alphanumeric();
        before_ok && after_ok
    })
}

static PREP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\s({})\s", PLACE_PREPOSITIONS.join("|"))).unwrap());

/// "A in B; C and D in E, F at G" → [(A, B), (C, E), (D, E), (F, G)].
/// Names without a place come back with `None`.
fn parse_groups(list: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for chunk in list.split(';') {
        let chunk = chunk
            .trim()
            .trim_start_matches("and ")
            .trim()
            .trim_end_matches(',')
            .trim();
        if chunk.is_empty() {
            continue;
        }
        let preps: Vec<(usize, usize)> = PREP.find_iter(chunk).map(|m| (m.start(), m.end())).collect();
        if preps.is_empty() {
            push_names(&mut out, chunk, None, 1);
            continue;
        }
        let mut names_text = chunk[..preps[0].0].to_string();
        let mut min_words = 1;
        for (k, &(_, seg_start)) in preps.iter().enumerate() {
            let seg_end = preps.get(k + 1).map(|p| p.0).unwrap_or(chunk.len());
            let seg = &chunk[seg_start..seg_end];
            let last = k + 1 == preps.len();
            match split_place(seg) {
                Some((place, next)) => {
                    push_names(&mut out, &names_text, Some(place), min_words);
                    if last {
                        push_names(&mut out, &next, None, 2);
                    }
                    names_text = next;
                }
                None => {
                    // What stands before the next place is not names: end the
                    // place at its first boundary and skip the fragment.
                    let place = if last { clean_place(seg) } else { first_place_part(seg) };
                    push_names(&mut out, &names_text, Some(place), min_words);
                    names_text = String::new();
                }
            }
            min_words = 2;
        }
    }
    out
}

fn clean_place(s: &str) -> String {
    s.trim().trim_end_matches(',').trim().to_string()
}

/// A place starts with a capital ("Tallinn, Estonia") or "the" and a
/// capital ("the United Nations"), and is not long.
pub fn is_plausible_place(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix("the ").unwrap_or(t);
    // Every word capitalised but for the small words of place names
    // ("Port of Spain", "Trinidad and Tobago", "Stratford-upon-Avon").
    let small = [
        "of", "and", "the", "de", "la", "el", "del", "on", "upon", "am", "an", "der", "du", "sur",
    ];
    let capitalised = t.starts_with(char::is_uppercase)
        && t.split(',').all(|part| part.trim().starts_with(char::is_uppercase))
        && t.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || small.contains(&w));
    (capitalised && (1..=8).contains(&t.split_whitespace().count()) && !t.contains(['!', '?', '"', '“', '”']))
        || is_region(t)
}

fn push_names(out: &mut Vec<(String, Option<String>)>, names: &str, place: Option<String>, min_words: usize) {
    if place.as_deref().is_some_and(|p| !is_plausible_place(p)) {
        return;
    }
    for n in split_names(names) {
        let n = title_case_name(&n);
        if is_plausible_name(&n, min_words) {
            out.push((n, place.clone()));
        }
    }
}

static PLACE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",\s*and\s+|,\s*|\s+and\s+").unwrap());

/// Splits "the United Nations, Dake Kang and Ng Han Guan" into the place and
/// the names that follow it, at the first boundary after which everything
/// reads as names (of two words or more, none of them a place).
fn split_place(seg: &str) -> Option<(String, String)> {
    for m in PLACE_END.find_iter(seg) {
        let place = clean_place(&seg[..m.start()]);
        let rest = seg[m.end()..].trim();
        if place.is_empty() || rest.is_empty() {
            continue;
        }
        if m.as_str().trim() == "and" && in_place_with_and(&place, rest) {
            continue;
        }
        let names = split_names(rest);
        if !names.is_empty() && names.iter().all(|n| is_plausible_name(n, 2)) {
            return Some((place, rest.to_string()));
        }
    }
    None
}

/// The place at the start of "Tallinn, Estonia and the wire desk": up to the
/// first boundary that does not continue it with a region.
fn first_place_part(seg: &str) -> String {
    for m in PLACE_END.find_iter(seg) {
        let place = clean_place(&seg[..m.start()]);
        let rest = seg[m.end()..].trim();
        let first = split_names(rest).into_iter().next().unwrap_or_default();
        if !place.is_empty() && !is_region(&first) && !in_place_with_and(&place, rest) {
            return place;
        }
    }
    clean_place(seg)
}

/// AP style tag line: "Litvinova reported from Tallinn, Estonia. Associated
/// Press journalists Jim Heintz in Tallinn, Estonia; Aamer Madhani and
/// Matthew Lee in Washington; and Jon Gambrell in Dubai, United Arab
/// Emirates, contributed." Authors without a place are on the byline, not
/// here.
pub fn render_tagline(credits: &[Credit]) -> String {
    let mut sentences = Vec::new();
    // Authors who worked away from the dateline.
    let mut places: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in credits.iter().filter(|c| c.role == Role::Author) {
        if let Some(loc) = c.location.as_deref() {
            match places.iter_mut().find(|(p, _)| *p == loc) {
                Some((_, names)) => names.push(&c.name),
                None => places.push((loc, vec![&c.name])),
            }
        }
    }
    if !places.is_empty() {
        let parts: Vec<String> = places
            .iter()
            .enumerate()
            .map(|(i, (place, names))| {
                let verb = if i == 0 { REPORTED_FROM } else { "from" };
                format!("{} {verb} {place}", join_names(names))
            })
            .collect();
        sentences.push(format!("{}.", parts.join(" and ")));
    }
    // Everyone else, grouped by organisation and role.
    type Group<'a> = ((Option<&'a str>, Role), Vec<&'a Credit>);
    let mut groups: Vec<Group> = Vec::new();
    for c in credits.iter().filter(|c| c.role != Role::Author) {
        let key = (c.organization.as_deref(), c.role);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(c),
            None => groups.push((key, vec![c])),
        }
    }
    for ((org, role), people) in groups {
        let mut entries: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
        for p in &people {
            let loc = p.location.as_deref();
            match entries.iter_mut().find(|(l, _)| *l == loc) {
                Some((_, v)) => v.push(&p.name),
                None => entries.push((loc, vec![&p.name])),
            }
        }
        // People without a place go last, so no place is read as theirs.
        entries.sort_by_key(|(l, _)| l.is_none());
        let texts: Vec<String> = entries
            .iter()
            .map(|(loc, names)| match loc {
                Some(l) => format!("{} {} {l}", join_names(names), preposition_for(l)),
                None => join_names(names),
            })
            .collect();
        let list = match texts.as_slice() {
            [a] => a.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}; and {last}", init.join("; ")),
            [] => continue,
        };
        let trailing_comma = entries.last().and_then(|(l, _)| *l).is_some_and(|l| l.contains(','));
        let mut prefix = String::new();
        if let Some(o) = org {
            prefix.push_str(o);
            prefix.push(' ');
        }
        if org.is_some() || role != Role::Contributor {
            prefix.push_str(role_word(role, people.len() > 1));
            prefix.push(' ');
        }
        let mut s = format!("{prefix}{list}{} contributed.", if trailing_comma { "," } else { "" });
        if let Some(f) = s.get(0..1) {
            s = f.to_uppercase() + &s[1..];
        }
        sentences.push(s);
    }
    sentences.join(" ")
}

// ---------------------------------------------------------------- photos

/// Parses a photo credit line: "(AP Photo/Evan Vucci)", "Jane Doe/The
/// Houston Chronicle via AP", "Vladimir Smirnov, Sputnik, Kremlin Pool Photo
/// via AP", "Chip Somodevilla/Getty Images", "REUTERS/Evelyn Hockstein"…
/// `None` when the text is not a credit (a caption, a sentence). The caption
/// comes back empty and `credit` is the AP rendering of the parsed fields.
pub fn parse_photo_credit(s: &str) -> Option<Photo> {
    let mut t = one_line(s);
    if t.starts_with('(') && t.ends_with(')') {
        t = t[1..t.len() - 1].trim().to_string();
    }
    for lead in PHOTO_LEAD_INS {
        if t.get(..lead.len()).is_some_and(|b| b.eq_ignore_ascii_case(lead)) {
            t = t[lead.len()..].trim().to_string();
        }
    }
    let words = t.split_whitespace().count();
    if t.is_empty() || words > 15 || t.contains("://") || t.contains("www.") || t.contains(['“', '”', '"']) {
        return None;
    }
    // Credit lines never end a sentence; a name may end in "Jr.".
    let suffix = NAME_SUFFIXES
        .iter()
        .any(|x| x.ends_with('.') && t.ends_with(&format!(" {x}")));
    if t.ends_with(['.', '!', '?', ':', ';', ',']) && !suffix {
        return None;
    }
    // Credit lines are names and outlets: every word capitalised but for a
    // few small words. A sentence ("Open 24/7 for walk-ins") is not one.
    if !t.split_whitespace().all(|w| {
        let bare = w.trim_matches(['(', ')', ',']);
        w.starts_with(|c: char| c.is_uppercase() || c == '(' || c == '/')
            || PHOTO_CREDIT_SMALL_WORDS.contains(&bare)
            || NAME_PARTICLES.contains(&bare)
    }) || t.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut via = None;
    if let Some(i) = t.rfind(" via ") {
        via = Some(t[i + 5..].trim().to_string());
        t = t[..i].trim().to_string();
    }
    // "(AP Photo/Evan Vucci, File)": a file photo, kept as a last source.
    let file = match t.strip_suffix(&format!(", {PHOTO_FILE}")) {
        Some(rest) => {
            t = rest.trim().to_string();
            true
        }
        None => false,
    };
    let mut photographer = None;
    let mut sources: Vec<String> = Vec::new();
    if let Some((left, right)) = t.split_once('/') {
        let (left, right) = (left.trim(), right.trim());
        if left.is_empty() || right.is_empty() {
            return None;
        }
        if let Some(agency) = PHOTO_AGENCY_FIRST.iter().find(|a| a.eq_ignore_ascii_case(left)) {
            sources.push(agency.to_string());
            if let Some(name) = photographer_name(right) {
                photographer = Some(name);
            } else {
                sources.push(right.to_string());
            }
        } else {
            if let Some(name) = photographer_name(left) {
                photographer = Some(name);
            } else {
                sources.push(left.to_string());
            }
            sources.extend(right.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()));
        }
    } else {
        let items: Vec<String> = t
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect();
        let first_name = items.first().and_then(|f| photographer_name(f));
        let marked = via.is_some()
            || items
                .iter()
                .skip(1)
                .any(|i| PHOTO_SOURCE_WORDS.iter().any(|w| i.contains(w)))
            || (items.len() == 1 && PHOTO_SOURCE_WORDS.iter().any(|w| items[0].contains(w)));
        if !marked {
            return None;
        }
        if first_name.is_some() && (items.len() >= 2 || via.is_some()) {
            photographer = first_name;
            sources.extend(items.into_iter().skip(1));
        } else {
            sources = items;
        }
    }
    if file {
        sources.push(PHOTO_FILE.to_string());
    }
    let mut photo = Photo {
        caption: String::new(),
        credit: String::new(),
        photographer,
        sources,
        via,
    };
    photo.credit = render_photo_credit(&photo);
    Some(photo)
}

/// A photographer's name in a credit, properly cased ("PIETER VAN DER BERG"
/// → "Pieter van der Berg"): two words at least.
fn photographer_name(s: &str) -> Option<String> {
    let name = title_case_name(s);
    is_plausible_name(&name, 2).then_some(name)
}

/// The credit line of one photo, rendered from its fields in AP style:
/// "(AP Photo/Evan Vucci)", "Jane Doe/Houston Chronicle via AP", "Vladimir
/// Smirnov, Sputnik, Kremlin Pool Photo via AP". A photo with no structured
/// fields keeps the credit as printed.
pub fn render_photo_credit(photo: &Photo) -> String {
    let name = photo.photographer.as_deref().filter(|n| !n.trim().is_empty());
    let mut sources: Vec<&str> = photo
        .sources
        .iter()
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
        .collect();
    let via = photo.via.as_deref().filter(|v| !v.trim().is_empty());
    if name.is_none() && sources.is_empty() && via.is_none() {
        return photo.credit.clone();
    }
    let file = sources.len() > 1 && sources.last() == Some(&PHOTO_FILE);
    if file {
        sources.pop();
    }
    let mut s = match (name, sources.as_slice()) {
        (Some(n), [src]) if PHOTO_AGENCY_FIRST.contains(src) => format!("{src}/{n}"),
        (Some(n), [src]) => format!("{n}/{src}"),
        (Some(n), []) => n.to_string(),
        (Some(n), many) => format!("{n}, {}", many.join(", ")),
        (None, many) => many.join(", "),
    };
    if file {
        s = format!("{s}, {PHOTO_FILE}");
    }
    if let Some(v) = via {
        if s.is_empty() {
            s = format!("via {v}");
        } else {
            s = format!("{s} via {v}");
        }
    }
    if sources.first().is_some_and(|f| PHOTO_IN_PARENS.contains(f)) {
        s = format!("({s})");
    }
    s
}

// ---------------------------------------------------------------- checks

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

#[cfg(test)]
mod tests;

/// The credits of a story as they will print, with what the editor should
/// check: what the credits panel shows live while the editor types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreditPreview {
    pub byline: String,
    pub tagline: String,
    /// One rendered credit per photo, in order.
    pub photo_credits: Vec<String>,
    pub warnings: Vec<CreditWarning>,
}

/// Renders a story's credits in AP style and checks them.
pub fn preview(content: &StoryContent) -> CreditPreview {
    CreditPreview {
        byline: render_byline(&content.credits),
        tagline: render_tagline(&content.credits),
        photo_credits: content.photos.iter().map(render_photo_credit).collect(),
        warnings: check(content),
    }
}

/// Re-renders each photo's printed credit from its structured fields, so an
/// edit to the photographer or sources is what prints.
pub fn refresh_photo_credits(content: &mut StoryContent) {
    for p in &mut content.photos {
        p.credit = render_photo_credit(p);
    }
}
