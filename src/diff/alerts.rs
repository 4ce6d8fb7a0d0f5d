//! Alerts: the changes an editor must never miss — a changed quotation, a
//! changed number, a changed proper name.
//!
//! How it works: the text on each side is scanned for *items* (quotes,
//! numbers with their unit or currency, runs of capitalised words). An item
//! raises an alert only when a word-level change touches it, and only when
//! its text before and after differ — so unchanged quotes, numbers and names
//! in a changed paragraph, and moved paragraphs without edits, never alert.
//! Numbers and names are searched for only near the changes, and only when
//! some change could overlap one ([`reach`]): one ordinary lower-case word
//! for another, the common edit, can overlap neither.
//!
//! The rules are the small tables below; changing a rule is a one-line edit
//! with a test beside it.

use std::ops::Range;
use std::sync::LazyLock;

use super::numbers::NumberSearch;
use super::scan::{byte_kinds, each_candidate, Needles};
use super::words::WordDiff;
use super::{Alert, AlertKind, Field};

/// Quotation marks: (opening, closing). A quote left open runs to the end of
/// the paragraph (AP style for quotes continued in the next paragraph).
pub const QUOTE_PAIRS: &[(char, char)] = &[('“', '”'), ('"', '"'), ('«', '»'), ('„', '“')];

/// Signs written before an amount.
pub const CURRENCIES: &[&str] = &["$", "€", "£", "¥", "₽", "US$", "C$", "A$"];

/// Words that belong to the number before them ("6 miles", "$3.5 million").
pub const UNITS: &[&str] = &[
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "percent",
    "percentage points",
    "points",
    "cents",
    "dollars",
    "euros",
    "rubles",
    "pounds",
    "miles",
    "mile",
    "kilometers",
    "kilometres",
    "km",
    "meters",
    "metres",
    "feet",
    "foot",
    "inches",
    "tons",
    "tonnes",
    "kilograms",
    "kg",
    "seconds",
    "second",
    "minutes",
    "minute",
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "decades",
    "people",
    "deaths",
    "dead",
    "injured",
    "votes",
    "troops",
    "soldiers",
    "degrees",
    "mph",
];

// Name particles are the credits' table: names are read the same way when
// credits are parsed and when a changed name raises an alert.
use crate::credits::phrasings::NAME_PARTICLES;

/// Capitalised words that start sentences or names without being names.
pub const NOT_NAMES: &[&str] = &[
    "A",
    "An",
    "The",
    "And",
    "But",
    "Or",
    "So",
    "Yet",
    "If",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "As",
    "With",
    "After",
    "Before",
    "During",
    "Since",
    "While",
    "When",
    "Where",
    "Why",
    "How",
    "What",
    "Who",
    "I",
    "He",
    "She",
    "It",
    "We",
    "They",
    "You",
    "His",
    "Her",
    "Its",
    "Our",
    "Their",
    "My",
    "Your",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "Yes",
    "Also",
    "However",
    "Still",
    "Then",
    "Now",
    "Meanwhile",
    "Although",
    "Though",
    "Despite",
    "Asked",
];

/// An item found in one side's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub kind: AlertKind,
    pub range: Range<usize>,
}

/// The number search of [`CURRENCIES`] and [`UNITS`].
static NUMBERS: LazyLock<NumberSearch> = LazyLock::new(|| NumberSearch::new(CURRENCIES, UNITS));

/// Quotations, including their marks.
#[cfg(test)]
pub(crate) fn quotes(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    quotes_until(text, usize::MAX, &mut out);
    out
}

/// The bytes an opening mark of [`QUOTE_PAIRS`] can start with: its ASCII
/// marks, and any non-ASCII byte (decoded and looked up).
static OPENING_MARKS: LazyLock<Needles<'static>> = LazyLock::new(|| Needles {
    digits: false,
    non_ascii: QUOTE_PAIRS.iter().any(|(open, _)| !open.is_ascii()),
    bytes: QUOTE_PAIRS
        .iter()
        .filter(|(open, _)| open.is_ascii())
        .map(|(open, _)| *open as u8)
        .collect::<Vec<u8>>()
        .leak(),
});

/// Appends the [`quotes`] of `text` that open at or before byte `limit` to
/// `out` (each whole, however far past `limit` it closes).
fn quotes_until(text: &str, limit: usize, out: &mut Vec<Range<usize>>) {
    each_candidate(text.as_bytes(), limit, &OPENING_MARKS, |i| {
        if !text.is_char_boundary(i) {
            return i + 1;
        }
        let ch = text[i..].chars().next().expect("char boundary");
        let after = i + ch.len_utf8();
        match QUOTE_PAIRS.iter().find(|(open, _)| *open == ch) {
            Some(&(_, close)) => {
                let end = text[after..]
                    .find(close)
                    .map_or(text.len(), |j| after + j + close.len_utf8());
                out.push(i..end);
                end
            }
            None => after,
        }
    });
}

/// Numbers with their currency sign and unit.
#[cfg(test)]
pub(crate) fn numbers(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    numbers_into(text, &mut out);
    out
}

/// Appends the [`numbers`] of `text` to `out`.
#[cfg(test)]
fn numbers_into(text: &str, out: &mut Vec<Range<usize>>) {
    NUMBERS.find_into(text, !text.is_ascii(), usize::MAX, out);
}

/// A table of words by first byte, for [`listed`].
type ByFirst = LazyLock<Vec<Vec<&'static str>>>;

fn by_first(table: &[&'static str]) -> Vec<Vec<&'static str>> {
    let mut v = vec![Vec::new(); 256];
    for w in table {
        v[w.as_bytes()[0] as usize].push(*w);
    }
    v
}

static NOT_NAMES_BY_FIRST: ByFirst = LazyLock::new(|| by_first(NOT_NAMES));
static NAME_PARTICLES_BY_FIRST: ByFirst = LazyLock::new(|| by_first(NAME_PARTICLES));

/// Whether the (non-empty) word `w` is in the table.
#[inline]
fn listed(table: &ByFirst, w: &str) -> bool {
    table[w.as_bytes()[0] as usize].contains(&w)
}

/// Proper names: runs of capitalised words (with name particles inside),
/// broken by punctuation, with leading [`NOT_NAMES`] words dropped.
#[cfg(test)]
pub(crate) fn names(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    names_into(text, 0, usize::MAX, &mut Vec::new(), &mut out, |r| r);
    out
}

/// Appends the [`names`] of `text` to `out` (as `item(range + shift)`),
/// with `words` as scratch space: those whose run of words starts at or
/// before byte `limit`, each whole (the same as over all of `text`).
fn names_into<T>(
    text: &str,
    shift: usize,
    limit: usize,
    words: &mut Vec<(Range<usize>, bool)>,
    out: &mut Vec<T>,
    item: impl Fn(Range<usize>) -> T,
) {
    name_words(text, limit, words);
    let mut i = 0;
    // (A run starting after `limit` may have been cut short by
    // `name_words`.)
    while i < words.len() && words[i].0.start <= limit {
        if !is_cap(text, &words[i].0) {
            i += 1;
            continue;
        }
        // The run is the contiguous words i..j.
        let mut j = i + 1;
        while j < words.len() && words[j].1 {
            if is_cap(text, &words[j].0) {
                j += 1;
            } else if is_particle(text, &words[j].0)
                && j + 1 < words.len()
                && words[j + 1].1
                && is_cap(text, &words[j + 1].0)
            {
                j += 2;
            } else {
                break;
            }
        }
        if let Some(f) = (i..j).find(|&k| !listed(&NOT_NAMES_BY_FIRST, &text[words[k].0.clone()])) {
            out.push(item(words[f].0.start + shift..words[j - 1].0.end + shift));
        }
        i = j;
    }
}

/// Whether the word `r` of `text` starts with a capital.
fn is_cap(text: &str, r: &Range<usize>) -> bool {
    text[r.clone()].chars().next().is_some_and(char::is_uppercase)
}

fn is_particle(text: &str, r: &Range<usize>) -> bool {
    listed(&NAME_PARTICLES_BY_FIRST, &text[r.clone()])
}

/// The words of `text` that names are made of, into `words` (cleared
/// first): byte ranges with punctuation trimmed off both ends, and whether
/// only a space separates each from the last (`joined`). The text is cut
/// after each whitespace character (as `split_inclusive(char::is_whitespace)`
/// would); each piece without its whitespace is trimmed of non-alphanumeric
/// characters at both ends. Stops past `limit` where no run can go on.
fn name_words(text: &str, limit: usize, words: &mut Vec<(Range<usize>, bool)>) {
    words.clear();
    let mut prev_clean_end = true;
    let mut i = 0;
    while i < text.len() {
        let start = i;
        let (word, piece_end, next) = trimmed_piece(text, i);
        i = next;
        let Some(w) = word else {
            prev_clean_end = false;
            continue;
        };
        let joined = prev_clean_end && w.start == start;
        prev_clean_end = w.end == piece_end;
        // Past `limit`, a word that cannot go on a run (not joined, or
        // neither capitalised nor a particle) ends every run before it:
        // the words after it are not needed.
        let done = w.start > limit && (!joined || !(is_cap(text, &w) || is_particle(text, &w)));
        words.push((w, joined));
        if done {
            break;
        }
    }
}

/// The piece of `text` from `i` to the next whitespace character: its
/// letters and digits from the first to the last (none when it has none),
/// where the piece ends, and where the next one starts.
fn trimmed_piece(text: &str, mut i: usize) -> (Option<Range<usize>>, usize, usize) {
    let b = text.as_bytes();
    let mut first: Option<usize> = None;
    let mut last_end = i;
    while i < b.len() {
        // ASCII is classified by its byte; other characters are decoded.
        let (alnum, space, len) = match b[i] {
            c if c < 0x80 => (c.is_ascii_alphanumeric(), c.is_ascii_whitespace() || c == 0x0b, 1),
            _ => {
                let ch = text[i..].chars().next().expect("char boundary");
                (ch.is_alphanumeric(), ch.is_whitespace(), ch.len_utf8())
            }
        };
        if space {
            return (first.map(|f| f..last_end), i, i + len);
        }
        if alnum {
            first.get_or_insert(i);
            last_end = i + len;
        }
        i += len;
    }
    (first.map(|f| f..last_end), b.len(), b.len())
}

/// How many words around a change to look for numbers and names: more than
/// a number with its unit or a name reaches beyond the change, so any one
/// touching the change is found whole.
const WINDOW_WORDS: usize = 6;

/// Start of the `n`th whitespace-separated word before byte `at` (0 when
/// there are fewer).
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

/// End of the `n`th whitespace-separated word after byte `at` (the text's
/// end when there are fewer).
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

/// Buffers for finding alerts, reused from one compared pair to the next.
#[derive(Default)]
pub(crate) struct AlertScratch {
    old_marks: Vec<Range<usize>>,
    new_marks: Vec<Range<usize>>,
    old_items: Vec<Item>,
    new_items: Vec<Item>,
    /// Where numbers and names are searched for: around the changes.
    windows: Vec<Range<usize>>,
    ranges: Vec<Range<usize>>,
    words: Vec<(Range<usize>, bool)>,
}

/// Items of the text, with numbers and names searched only near the given
/// byte ranges (quotes can span the paragraph, so they are always searched
/// in full). Windows end at ASCII whitespace, so they are char boundaries.
#[cfg(test)]
pub(crate) fn items_near(text: &str, near: &[Range<usize>]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut scratch = AlertScratch::default();
    items_near_into(
        text,
        near,
        Reach {
            number: true,
            name: true,
        },
        &mut out,
        &mut scratch.windows,
        &mut scratch.ranges,
        &mut scratch.words,
    );
    out
}

/// [`items_near`] into `out` (cleared first), with scratch buffers: quotes,
/// and numbers and names as `reach` asks.
fn items_near_into(
    text: &str,
    near: &[Range<usize>],
    reach: Reach,
    out: &mut Vec<Item>,
    windows: &mut Vec<Range<usize>>,
    ranges: &mut Vec<Range<usize>>,
    words: &mut Vec<(Range<usize>, bool)>,
) {
    out.clear();
    // An item starting after the last change is touched by none (see
    // [`touched`]), so the quote scan stops there.
    let last = near.iter().map(|r| r.end).max().unwrap_or(0);
    ranges.clear();
    quotes_until(text, last, ranges);
    out.extend(ranges.iter().map(|range| Item {
        kind: AlertKind::Quote,
        range: range.clone(),
    }));
    windows.clear();
    if !reach.number && !reach.name {
        return;
    }
    for r in near {
        let (s, e) = (
            words_back(text, r.start, WINDOW_WORDS),
            words_forward(text, r.end, WINDOW_WORDS),
        );
        match windows.last_mut() {
            Some(w) if w.end >= s => w.end = w.end.max(e),
            _ => windows.push(s..e),
        }
    }
    // Numbers and names, like quotes, are searched for only as far as they
    // can start and still be touched (each still found whole, and as over
    // the whole window).
    for w in windows.iter() {
        let part = &text[w.clone()];
        let limit = last - w.start.min(last);
        let (digits, upper, non_ascii) = byte_kinds(part.as_bytes());
        if reach.number && digits {
            ranges.clear();
            NUMBERS.find_into(part, non_ascii, limit, ranges);
            out.extend(ranges.iter().map(|r| Item {
                kind: AlertKind::Number,
                range: r.start + w.start..r.end + w.start,
            }));
        }
        // A name starts with a capital: ASCII, or a non-ASCII letter.
        if reach.name && (upper || non_ascii) {
            names_into(part, w.start, limit, words, out, |range| Item {
                kind: AlertKind::Name,
                range,
            });
        }
    }
}

/// Words that can make a plain word part of a number (every word of every
/// unit, matched as a prefix: "day" also rules out "days" and "daylight").
static UNIT_WORDS_BY_FIRST: ByFirst = LazyLock::new(|| {
    let words: Vec<&'static str> = UNITS.iter().flat_map(|u| u.split(' ')).collect();
    by_first(&words)
});

/// Which kinds of item a change could overlap, as far as one look at its
/// word tells (`true`: could, so they must be searched for).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reach {
    number: bool,
    name: bool,
}

/// What the change at `r` of `text` could overlap. Only a change inside
/// one whitespace-separated word of ASCII characters is looked at (any
/// other could overlap anything):
/// - a number needs a digit, a whole currency sign of [`CURRENCIES`], a
///   separator (`-`, `/`), `%` or a unit inside the word (a number's commas
///   and points sit between digits), so a word with none of them, starting
///   with no unit word, overlaps no number;
/// - a name is a run of capitalised words and particles, so a word whose
///   first letter or digit is no capital and that is no particle overlaps
///   no name.
///
/// The common edit, one ordinary lower-case word for another, overlaps
/// neither, and lets [`alerts_into`] skip both searches.
fn reach(text: &str, r: &Range<usize>) -> Reach {
    const ANY: Reach = Reach {
        number: true,
        name: true,
    };
    let b = text.as_bytes();
    // The same whitespace as names and numbers split on.
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    if r.is_empty() {
        return ANY;
    }
    let start = b[..r.start].iter().rposition(|&c| space(c)).map_or(0, |p| p + 1);
    let end = b[r.start..]
        .iter()
        .position(|&c| space(c))
        .map_or(b.len(), |p| r.start + p);
    let word = &b[start..end];
    if end < r.end || !word.is_ascii() {
        return ANY;
    }
    // ASCII throughout, so every index is a char boundary.
    let whole = &text[start..end];
    let number = word
        .iter()
        .any(|&c| c.is_ascii_digit() || matches!(c, b'%' | b'-' | b'/'))
        || NUMBERS.holds_currency(word)
        || UNIT_WORDS_BY_FIRST[word[0] as usize]
            .iter()
            .any(|u| whole.starts_with(u));
    let name = match word.iter().position(|c| c.is_ascii_alphanumeric()) {
        None => false,
        Some(first) => {
            let last = word
                .iter()
                .rposition(|c| c.is_ascii_alphanumeric())
                .expect("has an alphanumeric byte");
            word[first].is_ascii_uppercase() || listed(&NAME_PARTICLES_BY_FIRST, &text[start + first..start + last + 1])
        }
    };
    Reach { number, name }
}

/// The span from the first to the last item of `kind` touched by a change
/// at `at`: overlapping it, or for a pure insertion/deletion point, strictly
/// inside (or with `inclusive`, at an edge, also across the whitespace
/// before the point). `None` when no item is touched.
fn touched(text: &str, items: &[Item], kind: AlertKind, at: &Range<usize>, inclusive: bool) -> Option<Range<usize>> {
    let back = if at.is_empty() && inclusive {
        text[..at.start].trim_end().len()
    } else {
        0
    };
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
#[cfg(test)]
pub(crate) fn alerts_for(wd: &WordDiff, paragraph: Option<u32>, field: Option<Field>) -> Vec<Alert> {
    let mut out = Vec::new();
    alerts_into(wd, paragraph, field, &mut AlertScratch::default(), &mut out);
    out
}

/// Appends the alerts for one compared pair (paragraph or field) to `out`.
pub(crate) fn alerts_into(
    wd: &WordDiff,
    paragraph: Option<u32>,
    field: Option<Field>,
    scratch: &mut AlertScratch,
    out: &mut Vec<Alert>,
) {
    alerts_with(wd, paragraph, field, scratch, out, true);
}

/// [`alerts_into`]; with `skip_plain` false, numbers and names are searched
/// for even where no change could overlap one ([`reach`]; for tests: the
/// result must be the same).
fn alerts_with(
    wd: &WordDiff,
    paragraph: Option<u32>,
    field: Option<Field>,
    scratch: &mut AlertScratch,
    out: &mut Vec<Alert>,
    skip_plain: bool,
) {
    if !wd.has_changes() || wd.coarse {
        return;
    }
    let AlertScratch {
        old_marks,
        new_marks,
        old_items,
        new_items,
        windows,
        ranges,
        words,
    } = scratch;
    old_marks.clear();
    new_marks.clear();
    for p in wd.pieces.iter().filter(|p| !p.equal) {
        old_marks.push(p.old.clone());
        new_marks.push(p.new.clone());
    }
    // A kind no change could overlap on either side is touched nowhere
    // (and so never inclusively on the other side either): it need not be
    // searched for. Quotes, which can span the paragraph, always are.
    let mut need = Reach {
        number: !skip_plain,
        name: !skip_plain,
    };
    for (o, n) in old_marks.iter().zip(new_marks.iter()) {
        if need.number && need.name {
            break;
        }
        let (x, y) = (reach(wd.old, o), reach(wd.new, n));
        need.number |= x.number || y.number;
        need.name |= x.name || y.name;
    }
    items_near_into(wd.old, old_marks, need, old_items, windows, ranges, words);
    items_near_into(wd.new, new_marks, need, new_items, windows, ranges, words);
    if old_items.is_empty() && new_items.is_empty() {
        return;
    }
    let first = out.len();
    for (o, n) in old_marks.iter().zip(new_marks.iter()) {
        for kind in [AlertKind::Quote, AlertKind::Number, AlertKind::Name] {
            let mut before = touched(wd.old, old_items, kind, o, false);
            let mut after = touched(wd.new, new_items, kind, n, false);
            if before.is_none() && after.is_some() {
                before = touched(wd.old, old_items, kind, o, true);
            } else if after.is_none() && before.is_some() {
                after = touched(wd.new, new_items, kind, n, true);
            }
            if before.is_none() && after.is_none() {
                continue;
            }
            let b = before.clone().map_or("", |r| &wd.old[r]);
            let a = after.clone().map_or("", |r| &wd.new[r]);
            if b == a {
                continue;
            }
            if !out[first..]
                .iter()
                .any(|x| x.kind == kind && x.before == b && x.after == a)
            {
                // Invisible characters next to the item ("\u{202E}05\u{202C}"
                // reads as "50") are not part of it, but change how it reads.
                let bc = before.map_or("", |r| around(wd.old, r));
                let ac = after.map_or("", |r| around(wd.new, r));
                out.push(Alert::new(kind, b, a, paragraph, field, (bc, ac)));
            }
        }
    }
}

/// The whitespace-delimited run of text holding `r`: where characters that
/// change how the item reads (bidi controls, zero-width characters) sit.
fn around(text: &str, r: std::ops::Range<usize>) -> &str {
    let start = text[..r.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[r.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| r.end + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(f: fn(&str) -> Vec<Range<usize>>, text: &str) -> Vec<String> {
        f(text).into_iter().map(|r| text[r].to_string()).collect()
    }

    fn alerts(a: &str, b: &str) -> Vec<(AlertKind, String, String)> {
        let wd = WordDiff::new(a, b, false, None);
        alerts_for(&wd, Some(0), None)
            .into_iter()
            .map(|x| (x.kind, x.before, x.after))
            .collect()
    }

    #[test]
    fn quote_pairs_table() {
        assert_eq!(
            found(quotes, "He said “we win” and \"they lose\"."),
            vec!["“we win”", "\"they lose\""]
        );
        assert_eq!(found(quotes, "«Oui» „Ja“"), vec!["«Oui»", "„Ja“"]);
        // An open quote runs to the end of the paragraph.
        assert_eq!(found(quotes, "She said: “We will go on"), vec!["“We will go on"]);
    }

    #[test]
    fn number_and_unit_tables() {
        assert_eq!(found(numbers, "ran 6 miles"), vec!["6 miles"]);
        assert_eq!(found(numbers, "cost $3.5 million"), vec!["$3.5 million"]);
        assert_eq!(found(numbers, "won 5-4 in 40 seconds"), vec!["5-4", "40 seconds"]);
        assert_eq!(
            found(numbers, "up 2.5 percentage points"),
            vec!["2.5 percentage points"]
        );
        assert_eq!(found(numbers, "about 1,200 people"), vec!["1,200 people"]);
    }

    #[test]
    fn name_heuristics() {
        assert_eq!(
            found(names, "North Korean leader Kim Jong Un met Vladimir Putin."),
            vec!["North Korean", "Kim Jong Un", "Vladimir Putin"]
        );
        assert_eq!(
            found(names, "The Kremlin said Ana María Ruiz, Kim Jong-un agreed."),
            vec!["Kremlin", "Ana María Ruiz", "Kim Jong-un"]
        );
        assert_eq!(
            found(names, "He met Ludwig van Beethoven."),
            vec!["Ludwig van Beethoven"]
        );
        // Sentence-start words from NOT_NAMES are not names.
        assert_eq!(
            found(names, "But they left. In the end it rained."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn items_are_found_whole_near_a_change() {
        let text = "one two three four five six seven eight nine ten Ana María Ruiz ran 6 miles and more words follow here today";
        let near = |word: &str| {
            let at = text.find(word).unwrap();
            items_near(text, std::slice::from_ref(&(at..at + word.len())))
                .iter()
                .map(|i| &text[i.range.clone()])
                .collect::<Vec<_>>()
        };
        assert_eq!(near("María"), vec!["Ana María Ruiz"]);
        // The window (six words each way) reaches the name too; whether a
        // change touches an item is decided later ([`touched`]).
        assert_eq!(near("miles"), vec!["6 miles", "Ana María Ruiz"]);
        // An item starting after the last change cannot be touched by it,
        // so it is not searched for.
        assert_eq!(near("Ruiz"), vec!["Ana María Ruiz"]);
        // Far from the change, nothing is searched.
        assert!(items_near(text, std::slice::from_ref(&(0..3))).is_empty());
    }

    #[test]
    fn what_a_changed_word_could_overlap() {
        let reach_of = |text: &str, word: &str| {
            let at = text.find(word).unwrap();
            let r = reach(text, &(at..at + word.len()));
            (r.number, r.name)
        };
        for (text, word, number, name) in [
            // Ordinary words: neither.
            ("He said so.", "said", false, false),
            ("the talks, then", "talks", false, false),
            ("(quietly) left", "quietly", false, false),
            ("kato's pick", "kato", false, false),
            // Capitals and particles: names only.
            ("met Kim today", "Kim", false, true),
            ("Jong-un spoke", "un", true, true),
            ("Ludwig van Beethoven", "van", false, true),
            // Digits, signs, separators, units: numbers only.
            ("ran 6 miles", "6", true, false),
            ("ran 6 miles", "miles", true, false),
            ("up 2 percentage points", "percentage", true, false),
            ("rose 5 days ago", "days", true, false),
            ("won 5 - 4", "-", true, false),
            ("up 5 % today", "%", true, false),
            // (A hyphen might be a range's, as in "5-4": counted.)
            ("a well-known man", "known", true, false),
            // Both: "US" is a capital and part of "US$3".
            ("paid US$3 then", "US", true, true),
            // Not one ASCII word: anything.
            ("it’s over", "s", true, true),
            ("naïve view", "na", true, true),
            ("the old man", "old man", true, true),
            ("the old man", "", true, true),
        ] {
            assert_eq!(reach_of(text, word), (number, name), "{word:?} in {text:?}");
        }
    }

    /// Skipping the search for a kind no change could overlap changes no
    /// alert: random edits of text full of numbers, units, names, particles
    /// and quotes, with and without the skip.
    #[test]
    fn skipping_what_no_change_could_overlap_loses_no_alert() {
        let vocab = [
            "the",
            "said",
            "kato",
            "ran",
            "van",
            "de",
            "Kim",
            "Jong-un",
            "Un",
            "Ana",
            "María",
            "6",
            "8",
            "miles",
            "mile",
            "days",
            "percentage",
            "points",
            "$3.5",
            "US$",
            "C$",
            "million",
            "5-4",
            "-",
            "/",
            "%",
            "“We",
            "will”",
            "\"yes\"",
            "(AP)",
            "it’s",
            "naïve",
            "up,",
            "down.",
            "km",
            "kmart",
            "Moscow",
            "of",
            "a",
            "well-known",
            "Zürich",
            "élan",
            "٣",
            "–",
            "x\u{a0}Kim",
            "5\u{a0}miles",
        ];
        let plain = [
            "the",
            "said",
            "kato",
            "ran",
            "talks,",
            "over",
            "then",
            "(quietly)",
            "with",
            "from.",
        ];
        let mut rng = crate::diff::test_rng(0x2545_f491_4f6c_dd1du64);
        let (mut skipped, mut alerted) = (0, 0);
        for _ in 0..20_000 {
            let word = |x: usize| {
                if x % 2 == 0 {
                    plain[(x >> 1) % plain.len()]
                } else {
                    vocab[(x >> 1) % vocab.len()]
                }
            };
            let old: Vec<&str> = (0..1 + rng() % 14).map(|_| word(rng())).collect();
            let mut new = old.clone();
            for _ in 0..1 + rng() % 2 {
                let k = rng() % new.len();
                new[k] = word(rng());
            }
            let (a, b) = (old.join(" "), new.join(" "));
            let wd = WordDiff::new(&a, &b, false, None);
            let (mut with, mut without) = (Vec::new(), Vec::new());
            alerts_with(&wd, Some(0), None, &mut AlertScratch::default(), &mut with, true);
            alerts_with(&wd, Some(0), None, &mut AlertScratch::default(), &mut without, false);
            assert_eq!(with, without, "{a:?} → {b:?}");
            // A kind was skipped.
            let changes = || {
                wd.pieces
                    .iter()
                    .filter(|p| !p.equal)
                    .map(|p| (reach(&a, &p.old), reach(&b, &p.new)))
            };
            let number = changes().any(|(x, y)| x.number || y.number);
            let name = changes().any(|(x, y)| x.name || y.name);
            skipped += (wd.has_changes() && !(number && name)) as usize;
            alerted += !without.is_empty() as usize;
        }
        // Both paths were taken often.
        assert!(
            skipped > 3000 && alerted > 3000,
            "{skipped} skipped, {alerted} with alerts"
        );
    }

    #[test]
    fn changed_items_alert() {
        assert_eq!(
            alerts("He ran 6 miles.", "He ran 8 miles."),
            vec![(AlertKind::Number, "6 miles".into(), "8 miles".into())]
        );
        assert_eq!(
            alerts("It cost $3.5 million.", "It cost $3.8 million."),
            vec![(AlertKind::Number, "$3.5 million".into(), "$3.8 million".into())]
        );
        assert_eq!(
            alerts("They won 5-4.", "They won 4-5."),
            vec![(AlertKind::Number, "5-4".into(), "4-5".into())]
        );
        assert_eq!(
            alerts("Ana María Ruiz said no.", "Anna Maria Ruiz said no."),
            vec![(AlertKind::Name, "Ana María Ruiz".into(), "Anna Maria Ruiz".into())]
        );
        assert_eq!(
            alerts(
                "North Korean leader Kim Jong Un spoke.",
                "North Korean leader Kim Jong-un spoke."
            ),
            vec![(AlertKind::Name, "Kim Jong Un".into(), "Kim Jong-un".into())]
        );
        assert_eq!(
            alerts("He said “we will win” today.", "He said “we shall win” today."),
            vec![(AlertKind::Quote, "“we will win”".into(), "“we shall win”".into())]
        );
    }

    #[test]
    fn names_are_found_from_any_word_of_them() {
        // A change in a particle, a whitespace inside a name, or right at
        // either end still finds the name (the capitalised words are within
        // two words of the change).
        let name = |a: &str, b: &str| {
            alerts(a, b)
                .into_iter()
                .filter(|x| x.0 == AlertKind::Name)
                .map(|x| (x.1, x.2))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            name(
                "He met Ludwig van Beethoven today.",
                "He met Ludwig von Beethoven today."
            ),
            vec![("Ludwig van Beethoven".into(), "Ludwig von Beethoven".into())]
        );
        assert_eq!(
            name("Talks with Kim spoke today.", "Talks with Kim Jong spoke today."),
            vec![("Kim".into(), "Kim Jong".into())]
        );
        assert_eq!(
            name("Talks with Jong spoke today.", "Talks with Kim Jong spoke today."),
            vec![("Jong".into(), "Kim Jong".into())]
        );
        assert_eq!(
            name("met Ana María Ruiz there", "met Ana Ruiz there"),
            vec![("Ana María Ruiz".into(), "Ana Ruiz".into())]
        );
        // No capitalised word near the change: no name, even with names
        // elsewhere in the window.
        assert!(name(
            "Putin said that the plan was very good",
            "Putin said that the plan was quite good"
        )
        .is_empty());
    }

    #[test]
    fn unchanged_items_do_not_alert() {
        // Quote, number and name untouched; only an ordinary word changed.
        assert!(alerts(
            "Putin said “no” to 6 miles quickly.",
            "Putin said “no” to 6 miles slowly."
        )
        .is_empty());
        // A word added next to a name does not change the name.
        assert!(alerts("Putin said it.", "Putin also said it.").is_empty());
    }

    #[test]
    fn hand_written_number_search_matches_the_pattern() {
        // Inert characters are no part of any match.
        let special = regex::Regex::new(r"[\d\s–/%$€£¥₽,.-]").unwrap();
        let mut buf = [0u8; 4];
        for ch in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| !c.is_ascii() && NUMBERS.inert(c))
        {
            assert!(!special.is_match(ch.encode_utf8(&mut buf)), "{ch:?}");
        }
        // The hand-written search is held equal to the pattern in
        // `numbers.rs`.
        // Other non-ASCII text goes to the pattern.
        assert_eq!(
            found(numbers, "€40 and 3\u{a0}% and 5–4 and ٣"),
            vec!["€40", "3\u{a0}%", "5–4", "٣"]
        );
    }

    #[test]
    fn searches_up_to_a_limit_find_the_same_items_up_to_it() {
        let pieces = [
            "Kim", "Jong", "Un", "van", "de", "The", "said", "6", "miles", "$3.5", "million", "5-4", "1,200", " ",
            "  ", ",", ".", "-", "María", "é", "“", "€40", "٣",
        ];
        let mut rng = crate::diff::test_rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5_000 {
            let seed = rng() as u64;
            let n = (seed % 16) as usize;
            let text: String = (0..n)
                .map(|k| pieces[((seed >> (k * 3)) as usize + k) % pieces.len()])
                .collect::<Vec<_>>()
                .join(" ");
            let all_names = names(&text);
            let all_numbers = numbers(&text);
            for limit in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut got = Vec::new();
                names_into(&text, 0, limit, &mut Vec::new(), &mut got, |r| r);
                assert_eq!(got[..], all_names[..got.len()], "{text:?} {limit}");
                assert!(
                    all_names.iter().filter(|r| r.start <= limit).all(|r| got.contains(r)),
                    "{text:?} {limit}"
                );
                let mut got = Vec::new();
                NUMBERS.find_into(&text, !text.is_ascii(), limit, &mut got);
                let expected: Vec<_> = all_numbers.iter().filter(|r| r.start <= limit).cloned().collect();
                assert_eq!(got, expected, "{text:?} {limit}");
            }
        }
    }

    #[test]
    fn byte_kinds_finds_digits_capitals_and_non_ascii() {
        for text in [
            "",
            "abc",
            "abcdefgh5",
            "ABC",
            "zzzzzzzzzzzzzzzzQ",
            "é",
            "0",
            "@[`{/:",
            "xxxxxxxx\u{c0}\u{b0}xx",
            "\u{b0}\u{b9}",
        ] {
            let b = text.as_bytes();
            let expected = (
                b.iter().any(u8::is_ascii_digit),
                b.iter().any(u8::is_ascii_uppercase),
                b.iter().any(|&c| c >= 0x80),
            );
            assert_eq!(byte_kinds(b), expected, "{text:?}");
        }
        // Bytes with the high bit set are never counted as digits or capitals.
        let b = [0xb0u8, 0xb9, 0xc1, 0xda, 0xb5, 0xc4, 0xd0, 0xd5, 0xb0];
        assert_eq!(byte_kinds(&b), (false, false, true));
    }

    /// Every entry of the tables is matched: a sign before an amount, a
    /// unit after one; adding one is one line of the table.
    #[test]
    fn every_currency_and_unit_of_the_tables_is_matched() {
        for cur in CURRENCIES {
            for amount in ["5", " 5", "3.5 million"] {
                let text = format!("it paid {cur}{amount} today");
                assert_eq!(found(numbers, &text), vec![format!("{cur}{amount}")], "{text:?}");
            }
        }
        for unit in UNITS {
            let text = format!("about 7 {unit} later");
            assert_eq!(found(numbers, &text), vec![format!("7 {unit}")], "{text:?}");
        }
        let mut units = UNITS.to_vec();
        units.sort_unstable();
        units.dedup();
        assert_eq!(units.len(), UNITS.len(), "a unit listed twice");
    }

    #[test]
    fn numbers_leave_out_trailing_punctuation() {
        assert_eq!(
            found(numbers, "mile marker 9, then 9. And 9; or 9: 9,, 9."),
            vec!["9", "9", "9", "9", "9", "9"]
        );
        assert_eq!(
            found(numbers, "250,000, up 3.5. Cost $3.5 million, won 5-4, 1,200."),
            vec!["250,000", "3.5", "$3.5 million", "5-4", "1,200"]
        );
        assert_eq!(
            alerts(
                "They passed mile marker 9, then stopped.",
                "They passed mile marker nine, then stopped."
            ),
            vec![(AlertKind::Number, "9".into(), "".into())]
        );
        assert_eq!(
            alerts("It cost $3.5 million, he said.", "It cost $3.8 million, he said."),
            vec![(AlertKind::Number, "$3.5 million".into(), "$3.8 million".into())]
        );
        assert_eq!(
            alerts("About 250,000, officials said.", "About 260,000, officials said."),
            vec![(AlertKind::Number, "250,000".into(), "260,000".into())]
        );
    }

    #[test]
    fn a_shortened_number_keeps_its_counterpart() {
        assert_eq!(
            alerts("ran 6 miles today", "ran 6 today"),
            vec![(AlertKind::Number, "6 miles".into(), "6".into())]
        );
    }
}
