//! Text a person cannot see: control characters, bidi overrides and
//! isolates, zero-width characters and other invisible format characters.
//!
//! A right-to-left override can make "50" display as "05"; a zero-width
//! space splits a name so search misses it; an escape sequence printed to a
//! terminal can rewrite the screen. The rule is the one table below: import
//! flags paragraphs holding such characters for review, alerts carry a
//! visible form, and the CLI prints story text to a terminal through
//! [`visible`].

use std::borrow::Cow;

/// (first, last, what it is): every character a reader cannot see. Line
/// feed and tab are layout, not hidden text, and are not listed.
pub const INVISIBLE: &[(char, char, &str)] = &[
    ('\u{0000}', '\u{0008}', "control character"),
    ('\u{000B}', '\u{001F}', "control character"),
    ('\u{007F}', '\u{009F}', "control character"),
    ('\u{00AD}', '\u{00AD}', "soft hyphen"),
    ('\u{061C}', '\u{061C}', "bidi mark"),
    ('\u{180E}', '\u{180E}', "zero-width character"),
    ('\u{200B}', '\u{200D}', "zero-width character"),
    ('\u{200E}', '\u{200F}', "bidi mark"),
    ('\u{2028}', '\u{2029}', "line or paragraph separator"),
    ('\u{202A}', '\u{202E}', "bidi override"),
    ('\u{2060}', '\u{2064}', "zero-width character"),
    ('\u{2066}', '\u{2069}', "bidi isolate"),
    ('\u{206A}', '\u{206F}', "invisible format character"),
    ('\u{FEFF}', '\u{FEFF}', "zero-width no-break space"),
    ('\u{FFF9}', '\u{FFFB}', "invisible format character"),
    ('\u{E0000}', '\u{E007F}', "tag character"),
];

/// What an invisible character is, or `None` for a character one can see.
pub fn kind(c: char) -> Option<&'static str> {
    if (' '..='~').contains(&c) || c == '\n' || c == '\t' {
        return None;
    }
    INVISIBLE
        .iter()
        .find(|(lo, hi, _)| (*lo..=*hi).contains(&c))
        .map(|(_, _, what)| *what)
}

/// The first invisible character in `s`, and what it is.
pub fn first(s: &str) -> Option<(char, &'static str)> {
    s.chars().find_map(|c| kind(c).map(|k| (c, k)))
}

/// Whether `s` holds any invisible character.
pub fn contains(s: &str) -> bool {
    first(s).is_some()
}

/// The visible marker for a character: `⟨U+202E⟩`.
pub fn marker(c: char) -> String {
    format!("⟨U+{:04X}⟩", c as u32)
}

/// `s` with every invisible character replaced by its [`marker`]: what
/// alerts show, and how the CLI prints story text to a terminal (so no
/// escape sequence, carriage return or bidi override in a story can act on
/// the screen). Borrowed unchanged when there is nothing to replace.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !contains(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if kind(c).is_some() {
            out.push_str(&marker(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_covers_the_tricks() {
        for c in [
            '\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\x1b',
            '\r', '\u{9b}',
        ] {
            assert!(kind(c).is_some(), "{c:?}");
        }
        for c in ['a', ' ', '\n', '\t', 'é', '—', '“', '٥', '漢'] {
            assert_eq!(kind(c), None, "{c:?}");
        }
    }

    #[test]
    fn visible_shows_markers() {
        assert_eq!(visible("speed \u{202E}05\u{202C} mph"), "speed ⟨U+202E⟩05⟨U+202C⟩ mph");
        assert_eq!(visible("\x1b[2J\rOK"), "⟨U+001B⟩[2J⟨U+000D⟩OK");
        assert!(matches!(visible("plain\ntext"), Cow::Borrowed(_)));
    }
}
