//! Tag lines: "X reported from Y. Associated Press journalists A in B
//! contributed.", Reuters' "Reporting by A; Editing by B" and USA TODAY's
//! "Contributing: …", parsed into people with roles, places and
//! organisations, and rendered back in AP style.

use std::sync::LazyLock;

use regex::Regex;

use super::names::{credit_once, is_plausible_name, join_names, one_line, same_name, split_names, title_case_name};
use super::phrasings::*;
use crate::model::{Credit, Role};

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
        credit_once(&mut merged, c, |m, c| same_name(&m.name, &c.name), |_, _| {});
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

static AND_OR_SEMICOLON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+and\s+|\s*;\s*").unwrap());

/// "Litvinova" + "Tallinn, Estonia and Jim Heintz from Kyiv, Ukraine".
fn reported_from(names: &str, rest: &str, out: &mut Vec<Credit>) {
    // Pieces at " and " / ";": a piece with " from " starts a new group; one
    // without continues the place before it ("Trinidad and Tobago") unless it
    // is a name directly followed by a "from" piece ("… and A and B from C").
    let pieces: Vec<&str> = AND_OR_SEMICOLON
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
    // Every word capitalised but for the small words of place names.
    let capitalised = t.starts_with(char::is_uppercase)
        && t.split(',').all(|part| part.trim().starts_with(char::is_uppercase))
        && t.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || PLACE_SMALL_WORDS.contains(&w));
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
