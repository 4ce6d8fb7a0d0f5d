//! The months, once: how AP writes each with a date and what else editors
//! and web pages spell it as. Import's junk and caption patterns and the
//! AP style rules all read this table, through [`expand`] for patterns.

use std::borrow::Cow;

pub struct Month {
    pub full: &'static str,
    /// AP's form with a date ("Sept. 13"); the full name when AP does not
    /// abbreviate it.
    pub ap: &'static str,
    /// Other spellings, without their full stop.
    pub other: &'static [&'static str],
}

const fn m(full: &'static str, ap: &'static str, other: &'static [&'static str]) -> Month {
    Month { full, ap, other }
}

pub const MONTHS: [Month; 12] = [
    m("January", "Jan.", &["Jan"]),
    m("February", "Feb.", &["Feb"]),
    m("March", "March", &["Mar"]),
    m("April", "April", &["Apr"]),
    m("May", "May", &[]),
    m("June", "June", &["Jun"]),
    m("July", "July", &["Jul"]),
    m("August", "Aug.", &["Aug"]),
    m("September", "Sept.", &["Sept", "Sep"]),
    m("October", "Oct.", &["Oct"]),
    m("November", "Nov.", &["Nov"]),
    m("December", "Dec.", &["Dec"]),
];

/// The month `word` names, in any spelling, with or without a full stop
/// (case as written: "may" is a verb).
pub fn find(word: &str) -> Option<&'static Month> {
    let word = word.strip_suffix('.').unwrap_or(word);
    MONTHS.iter().find(|m| m.full == word || m.other.contains(&word))
}

/// `pattern` with `{MONTH}` standing for any month's spelling and
/// `{MONTH_ABBREVIATED}` for the short spellings of the months AP
/// abbreviates ("Sept", "Sep"; not "March"), each without its full stop.
pub fn expand(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("{MONTH") {
        return Cow::Borrowed(pattern);
    }
    let any = alternation(
        MONTHS
            .iter()
            .flat_map(|m| std::iter::once(m.full).chain(m.other.iter().copied())),
    );
    let short = alternation(
        MONTHS
            .iter()
            .filter(|m| m.ap != m.full)
            .flat_map(|m| m.other.iter().copied()),
    );
    Cow::Owned(pattern.replace("{MONTH_ABBREVIATED}", &short).replace("{MONTH}", &any))
}

/// A non-capturing group of `words`, longest first so that "Sept" is
/// preferred to "Sep".
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!("(?:{})", words.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_finds_its_month() {
        assert_eq!(find("Sept.").map(|m| m.full), Some("September"));
        assert_eq!(find("Sep").map(|m| m.ap), Some("Sept."));
        assert_eq!(find("March").map(|m| m.ap), Some("March"));
        assert!(find("may").is_none(), "the verb");
        assert!(find("Marc").is_none());
    }

    #[test]
    fn patterns_name_every_month_and_only_the_abbreviated_short() {
        let any = regex::Regex::new(&format!("^{}$", expand("{MONTH}"))).unwrap();
        let short = regex::Regex::new(&format!("^{}$", expand("{MONTH_ABBREVIATED}"))).unwrap();
        for m in &MONTHS {
            assert!(any.is_match(m.full), "{}", m.full);
            for o in m.other {
                assert!(any.is_match(o), "{o}");
                assert_eq!(short.is_match(o), m.ap != m.full, "{o}");
            }
            assert!(!short.is_match(m.full), "{}", m.full);
        }
        assert_eq!(expand(r"\d{4}"), r"\d{4}");
    }
}
