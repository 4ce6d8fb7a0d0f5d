//! Alerts: the changes an editor must never miss — a changed quotation, a
//! changed number, a changed proper name.
//!
//! How it works: the text on each side is scanned for *items* (quotes,
//! numbers with their unit or currency, runs of capitalised words). An item
//! raises an alert only when a word-level change touches it, and only when
//! its text before and after differ — so unchanged quotes, numbers and names
//! in a changed paragraph, and moved paragraphs without edits, never alert.
//!
//! The rules are the small tables below; changing a rule is a one-line edit
//! with a test beside it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::words::WordDiff;
use super::{Alert, AlertKind, Field};

/// Quotation marks: (opening, closing). A quote left open runs to the end of
/// the paragraph (AP style for quotes continued in the next paragraph).
pub const QUOTE_PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('"', '"'),
    ('«', '»'),
    ('„', '“'),
];

/// Signs written before an amount.
pub const CURRENCIES: &[&str] = &["$", "€", "£", "¥", "₽", "US$", "C$", "A$"];

/// Words that belong to the number before them ("6 miles", "$3.5 million").
pub const UNITS: &[&str] = &[
    "million", "billion", "trillion", "thousand", "hundred",
    "percent", "percentage points", "points", "cents", "dollars", "euros", "rubles", "pounds",
    "miles", "mile", "kilometers", "kilometres", "km", "meters", "metres", "feet", "foot", "inches",
    "tons", "tonnes", "kilograms", "kg", "pounds",
    "seconds", "second", "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
    "months", "month", "years", "year", "decades",
    "people", "deaths", "dead", "injured", "votes", "troops", "soldiers", "degrees", "mph",
];

/// Lower-case words that may sit inside a name ("Ludwig van Beethoven").
pub const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "y",
];

/// Capitalised words that start sentences or names without being names.
pub const NOT_NAMES: &[&str] = &[
    "A", "An", "The", "And", "But", "Or", "So", "Yet", "If", "In", "On", "At", "By", "For", "From", "To", "Of",
    "As", "With", "After", "Before", "During", "Since", "While", "When", "Where", "Why", "How", "What", "Who",
    "I", "He", "She", "It", "We", "They", "You", "His", "Her", "Its", "Our", "Their", "My", "Your",
    "This", "That", "These", "Those", "There", "Here", "Some", "Many", "Most", "All", "No", "Not", "Yes",
    "Also", "However", "Still", "Then", "Now", "Meanwhile", "Although", "Though", "Despite", "Asked",
];

/// An item found in one side's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub kind: AlertKind,
    pub range: Range<usize>,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let esc = |list: &[&str]| {
        let mut v: Vec<String> = list.iter().map(|s| regex::escape(s)).collect();
        // Longest first, so "percentage points" wins over "points".
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v.join("|")
    };
    // Thousands separators only between digits: a comma after a number is
    // sentence punctuation ("mile marker 9, then"), not part of it.
    let num = r"\d(?:[\d,]*\d)?(?:\.\d+)?";
    Regex::new(&format!(
        r"(?:(?:{cur})\s?)?{num}(?:\s?[-–/]\s?{num})?(?:\s?%)?(?:\s+(?:{units})(?-u:\b))?",
        cur = esc(CURRENCIES),
        units = esc(UNITS),
    ))
    .expect("number pattern")
});

/// Quotations, including their marks.
pub(crate) fn quotes(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Every opening mark is `"` or a non-ASCII character: skip the rest
        // without decoding.
        // Skip 8 plain ASCII bytes at a time (no `"`, no high bit).
        while i + 8 <= bytes.len() {
            let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
            let q = w ^ 0x2222_2222_2222_2222;
            let has_quote = q.wrapping_sub(0x0101_0101_0101_0101) & !q & 0x8080_8080_8080_8080;
            if (w & 0x8080_8080_8080_8080) | has_quote != 0 {
                break;
            }
            i += 8;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if (b != b'"' && b < 0x80) || !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let ch = text[i..].chars().next().expect("char boundary");
        let after = i + ch.len_utf8();
        match QUOTE_PAIRS.iter().find(|(open, _)| *open == ch) {
            Some(&(_, close)) => {
                let end = text[after..].find(close).map_or(text.len(), |j| after + j + close.len_utf8());
                out.push(i..end);
                i = end;
            }
            None => i = after,
        }
    }
    out
}

/// Numbers with their currency sign and unit.
pub(crate) fn numbers(text: &str) -> Vec<Range<usize>> {
    NUMBER.find_iter(text).map(|m| m.range()).collect()
}

/// Whether `w` is in `table` (short words: compare lengths first, then bytes).
#[inline]
fn listed(table: &[&str], w: &str) -> bool {
    table.iter().any(|t| t.len() == w.len() && t.as_bytes() == w.as_bytes())
}

/// Proper names: runs of capitalised words (with name particles inside),
/// broken by punctuation, with leading [`NOT_NAMES`] words dropped.
pub(crate) fn names(text: &str) -> Vec<Range<usize>> {
    // Words with their byte ranges, punctuation trimmed off both ends;
    // `joined` says whether only a space separates this word from the last.
    // The text is cut after each whitespace character (as
    // `split_inclusive(char::is_whitespace)` would); each piece without its
    // whitespace is trimmed of non-alphanumeric characters at both ends.
    let mut words: Vec<(Range<usize>, bool)> = Vec::new();
    let mut prev_clean_end = true;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut first: Option<usize> = None;
        let mut last_end = start;
        let w_end;
        loop {
            if i >= b.len() {
                w_end = b.len();
                break;
            }
            let c = b[i];
            let (alnum, space, len) = if c < 0x80 {
                (c.is_ascii_alphanumeric(), matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), 1)
            } else {
                let ch = text[i..].chars().next().expect("char boundary");
                (ch.is_alphanumeric(), ch.is_whitespace(), ch.len_utf8())
            };
            if space {
                w_end = i;
                i += len;
                break;
            }
            if alnum {
                first.get_or_insert(i);
                last_end = i + len;
            }
            i += len;
        }
        let Some(s) = first else {
            prev_clean_end = false;
            continue;
        };
        words.push((s..last_end, prev_clean_end && s == start));
        prev_clean_end = last_end == w_end;
    }
    let is_cap = |r: &Range<usize>| {
        let c = b[r.start];
        if c < 0x80 {
            c.is_ascii_uppercase()
        } else {
            text[r.clone()].chars().next().is_some_and(char::is_uppercase)
        }
    };
    let is_particle = |r: &Range<usize>| listed(NAME_PARTICLES, &text[r.clone()]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_cap(&words[i].0) {
            i += 1;
            continue;
        }
        // The run is the contiguous words i..j.
        let mut j = i + 1;
        while j < words.len() && words[j].1 {
            if is_cap(&words[j].0) {
                j += 1;
            } else if is_particle(&words[j].0) && j + 1 < words.len() && words[j + 1].1 && is_cap(&words[j + 1].0) {
                j += 2;
            } else {
                break;
            }
        }
        if let Some(f) = (i..j).find(|&k| !listed(NOT_NAMES, &text[words[k].0.clone()])) {
            out.push(words[f].0.start..words[j - 1].0.end);
        }
        i = j;
    }
    out
}

/// How many words around a change to look for numbers and names: more than
/// a number with its unit or a name reaches beyond the change, so any one
/// touching the change is found whole.
const WINDOW_WORDS: usize = 6;

/// Start of the `n`th whitespace-separated word before byte `at`.
fn words_back(text: &str, at: usize, n: usize) -> usize {
    let b = text.as_bytes();
    let mut i = at.min(b.len());
    for _ in 0..n {
        while i > 0 && b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        while i > 0 && !b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
    }
    i
}

/// End of the `n`th whitespace-separated word after byte `at`.
fn words_forward(text: &str, at: usize, n: usize) -> usize {
    let b = text.as_bytes();
    let mut i = at.min(b.len());
    for _ in 0..n {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
    }
    i
}

/// Items of the text, with numbers and names searched only near the given
/// byte ranges (quotes can span the paragraph, so they are always searched
/// in full). Windows end at ASCII whitespace, so they are char boundaries.
pub(crate) fn items_near(text: &str, near: &[Range<usize>]) -> Vec<Item> {
    let mut out: Vec<Item> = quotes(text).into_iter().map(|range| Item { kind: AlertKind::Quote, range }).collect();
    let mut windows: Vec<Range<usize>> = Vec::new();
    for r in near {
        let s = words_back(text, r.start, WINDOW_WORDS);
        let e = words_forward(text, r.end, WINDOW_WORDS);
        match windows.last_mut() {
            Some(w) if w.end >= s => w.end = w.end.max(e),
            _ => windows.push(s..e),
        }
    }
    for w in windows {
        let part = &text[w.clone()];
        let shift = |r: Range<usize>| r.start + w.start..r.end + w.start;
        if part.bytes().any(|b| b.is_ascii_digit()) {
            out.extend(numbers(part).into_iter().map(|r| Item { kind: AlertKind::Number, range: shift(r) }));
        }
        // A name starts with a capital: ASCII, or a non-ASCII letter.
        if part.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            out.extend(names(part).into_iter().map(|r| Item { kind: AlertKind::Name, range: shift(r) }));
        }
    }
    out
}

/// The span from the first to the last item of `kind` touched by a change
/// at `at`: overlapping it, or for a pure insertion/deletion point, strictly
/// inside (or with `inclusive`, at an edge, also across the whitespace
/// before the point). `None` when no item is touched.
fn touched(text: &str, items: &[Item], kind: AlertKind, at: &Range<usize>, inclusive: bool) -> Option<Range<usize>> {
    let back = if at.is_empty() && inclusive { text[..at.start].trim_end().len() } else { 0 };
    let mut span: Option<Range<usize>> = None;
    for it in items.iter().filter(|it| it.kind == kind) {
        let r = &it.range;
        let hit = if at.is_empty() {
            if inclusive {
                (r.start <= at.start && at.start <= r.end) || (r.start <= back && back <= r.end)
            } else {
                r.start < at.start && at.start < r.end
            }
        } else {
            r.start < at.end && at.start < r.end
        };
        if hit {
            match &mut span {
                None => span = Some(r.clone()),
                Some(s) => s.end = r.end,
            }
        }
    }
    span
}

/// Alerts for one compared pair (paragraph or field).
pub(crate) fn alerts_for(wd: &WordDiff, paragraph: Option<u32>, field: Option<Field>) -> Vec<Alert> {
    if !wd.has_changes() || wd.coarse {
        return Vec::new();
    }
    let marks = wd.marks();
    let old_items = items_near(wd.old, &marks.iter().map(|m| m.0.clone()).collect::<Vec<_>>());
    let new_items = items_near(wd.new, &marks.iter().map(|m| m.1.clone()).collect::<Vec<_>>());
    let mut out: Vec<Alert> = Vec::new();
    if old_items.is_empty() && new_items.is_empty() {
        return out;
    }
    for (o, n) in marks {
        for kind in [AlertKind::Quote, AlertKind::Number, AlertKind::Name] {
            let mut before = touched(wd.old, &old_items, kind, &o, false);
            let mut after = touched(wd.new, &new_items, kind, &n, false);
            if before.is_none() && after.is_some() {
                before = touched(wd.old, &old_items, kind, &o, true);
            } else if after.is_none() && before.is_some() {
                after = touched(wd.new, &new_items, kind, &n, true);
            }
            let b = before.map_or("", |r| &wd.old[r]);
            let a = after.map_or("", |r| &wd.new[r]);
            if b == a {
                continue;
            }
            if !out.iter().any(|x| x.kind == kind && x.before == b && x.after == a) {
                out.push(Alert { kind, before: b.to_string(), after: a.to_string(), paragraph, field });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(f: fn(&str) -> Vec<Range<usize>>, text: &str) -> Vec<String> {
        f(text).into_iter().map(|r| text[r].to_string()).collect()
    }

    fn alerts(a: &str, b: &str) -> Vec<(AlertKind, String, String)> {
        let wd = WordDiff::new(a, b, false, None);
        alerts_for(&wd, Some(0), None).into_iter().map(|x| (x.kind, x.before, x.after)).collect()
    }

    #[test]
    fn quote_pairs_table() {
        assert_eq!(found(quotes, "He said “we win” and \"they lose\"."), vec!["“we win”", "\"they lose\""]);
        assert_eq!(found(quotes, "«Oui» „Ja“"), vec!["«Oui»", "„Ja“"]);
        // An open quote runs to the end of the paragraph.
        assert_eq!(found(quotes, "She said: “We will go on"), vec!["“We will go on"]);
    }

    #[test]
    fn number_and_unit_tables() {
        assert_eq!(found(numbers, "ran 6 miles"), vec!["6 miles"]);
        assert_eq!(found(numbers, "cost $3.5 million"), vec!["$3.5 million"]);
        assert_eq!(found(numbers, "won 5-4 in 40 seconds"), vec!["5-4", "40 seconds"]);
        assert_eq!(found(numbers, "up 2.5 percentage points"), vec!["2.5 percentage points"]);
        assert_eq!(found(numbers, "about 1,200 people"), vec!["1,200 people"]);
    }

    #[test]
    fn name_heuristics() {
        assert_eq!(found(names, "North Korean leader Kim Jong Un met Vladimir Putin."), vec!["North Korean", "Kim Jong Un", "Vladimir Putin"]);
        assert_eq!(found(names, "The Kremlin said Ana María Ruiz, Kim Jong-un agreed."), vec!["Kremlin", "Ana María Ruiz", "Kim Jong-un"]);
        assert_eq!(found(names, "He met Ludwig van Beethoven."), vec!["Ludwig van Beethoven"]);
        // Sentence-start words from NOT_NAMES are not names.
        assert_eq!(found(names, "But they left. In the end it rained."), Vec::<String>::new());
    }

    #[test]
    fn items_are_found_whole_near_a_change() {
        let text = "one two three four five six seven eight nine ten Ana María Ruiz ran 6 miles and more words follow here today";
        let at = text.find("Ruiz").unwrap();
        let got: Vec<&str> = items_near(text, std::slice::from_ref(&(at..at + 4))).iter().map(|i| &text[i.range.clone()]).collect();
        assert_eq!(got, vec!["6 miles", "Ana María Ruiz"]);
        // Far from the change, nothing is searched.
        assert!(items_near(text, std::slice::from_ref(&(0..3))).is_empty());
    }

    #[test]
    fn changed_items_alert() {
        assert_eq!(alerts("He ran 6 miles.", "He ran 8 miles."), vec![(AlertKind::Number, "6 miles".into(), "8 miles".into())]);
        assert_eq!(alerts("It cost $3.5 million.", "It cost $3.8 million."), vec![(AlertKind::Number, "$3.5 million".into(), "$3.8 million".into())]);
        assert_eq!(alerts("They won 5-4.", "They won 4-5."), vec![(AlertKind::Number, "5-4".into(), "4-5".into())]);
        assert_eq!(alerts("Ana María Ruiz said no.", "Anna Maria Ruiz said no."), vec![(AlertKind::Name, "Ana María Ruiz".into(), "Anna Maria Ruiz".into())]);
        assert_eq!(alerts("North Korean leader Kim Jong Un spoke.", "North Korean leader Kim Jong-un spoke."), vec![(AlertKind::Name, "Kim Jong Un".into(), "Kim Jong-un".into())]);
        assert_eq!(
            alerts("He said “we will win” today.", "He said “we shall win” today."),
            vec![(AlertKind::Quote, "“we will win”".into(), "“we shall win”".into())]
        );
    }

    #[test]
    fn unchanged_items_do_not_alert() {
        // Quote, number and name untouched; only an ordinary word changed.
        assert!(alerts("Putin said “no” to 6 miles quickly.", "Putin said “no” to 6 miles slowly.").is_empty());
        // A word added next to a name does not change the name.
        assert!(alerts("Putin said it.", "Putin also said it.").is_empty());
    }

    #[test]
    fn numbers_leave_out_trailing_punctuation() {
        assert_eq!(found(numbers, "mile marker 9, then 9. And 9; or 9: 9,, 9."), vec!["9", "9", "9", "9", "9", "9"]);
        assert_eq!(found(numbers, "250,000, up 3.5. Cost $3.5 million, won 5-4, 1,200."), vec!["250,000", "3.5", "$3.5 million", "5-4", "1,200"]);
        assert_eq!(
            alerts("They passed mile marker 9, then stopped.", "They passed mile marker nine, then stopped."),
            vec![(AlertKind::Number, "9".into(), "".into())]
        );
        assert_eq!(alerts("It cost $3.5 million, he said.", "It cost $3.8 million, he said."), vec![(AlertKind::Number, "$3.5 million".into(), "$3.8 million".into())]);
        assert_eq!(alerts("About 250,000, officials said.", "About 260,000, officials said."), vec![(AlertKind::Number, "250,000".into(), "260,000".into())]);
    }

    #[test]
    fn a_shortened_number_keeps_its_counterpart() {
        assert_eq!(alerts("ran 6 miles today", "ran 6 today"), vec![(AlertKind::Number, "6 miles".into(), "6".into())]);
    }
}
