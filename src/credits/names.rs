//! People's names in credit lines: whether a fragment reads as a name, its
//! proper casing when printed in capitals, surnames, and lists of names
//! ("A, B and C"). The rules are the name tables in [`super::phrasings`].

use std::sync::LazyLock;

use regex::Regex;

use super::phrasings::*;
use crate::model::Credit;

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
            // ("NASA"), unless it is a suffix ("III") or dotted initials.
            let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
            let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            !all_caps || NAME_SUFFIXES.contains(&bare) || bare.contains('.')
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

pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static NAME_SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*").unwrap());

/// Splits "A, B and C" into names.
pub(super) fn split_names(s: &str) -> Vec<String> {
    let s = s.trim().trim_start_matches("and ").trim_end_matches(',').trim();
    NAME_SEP
        .split(s)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// "A", "A and B", "A, B and C".
pub(super) fn join_names<S: AsRef<str>>(names: &[S]) -> String {
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

pub(super) fn same_name(a: &str, b: &str) -> bool {
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

/// Whether `t` ends in a name suffix written with a full stop ("… Jr.",
/// "… RUIZ JR."): that full stop ends no sentence.
pub fn ends_with_dotted_suffix(t: &str) -> bool {
    NAME_SUFFIXES.iter().filter(|x| x.ends_with('.')).any(|x| {
        let at = t.len().saturating_sub(x.len());
        t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case(x) && t[..at].ends_with(' ')
    })
}

/// Credits a person once: when `same` finds `c` among `people` already, that
/// credit gains the location and organisation it lacked (after `also` has
/// merged whatever else the caller wants from `c`); otherwise `c` is added.
pub fn credit_once(
    people: &mut Vec<Credit>,
    c: Credit,
    same: impl Fn(&Credit, &Credit) -> bool,
    also: impl FnOnce(&mut Credit, &Credit),
) {
    match people.iter_mut().find(|m| same(m, &c)) {
        Some(m) => {
            also(m, &c);
            if m.location.is_none() {
                m.location = c.location;
            }
            if m.organization.is_none() {
                m.organization = c.organization;
            }
        }
        None => people.push(c),
    }
}
