//! The recognisers of a raw paste, as small rules: what reads as a
//! dateline, byline, copyright line, rule, tag line, caption, section label
//! or headline. Where a rule is about credits it is built from the credit
//! tables (`credits::phrasings`), so a phrase added there is recognised
//! here too. Web junk has its own table in [`super::junk`].

use std::sync::LazyLock;

use regex::Regex;

use crate::credits;
use crate::credits::phrasings::{BY_CLAUSES, CONTRIBUTED, ORGANIZATIONS, REPORTED_FROM};
use crate::model::{Credit, Photo};

/// Words a slug made from a headline leaves out: they say nothing about the
/// story ("Kim and Putin to meet in Vladivostok" → "Kim-Putin-Meet").
pub const SLUG_SKIP: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "at", "with", "is", "as", "by", "from", "after",
];

pub(super) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*)*(?:,\s+[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*)*)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([A-Za-z][A-Za-z .]*\))?)\s*[—–-]{1,2}\s+(\S[\s\S]*)$",
    )
    .unwrap()
});
pub(super) static BYLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:by)\s+\S").unwrap());
/// "Copyright The Associated Press", "Copyright 2024 The Associated Press.
/// All rights reserved.", "© 2024 The Daily Courier": the mark, maybe a
/// year, then a capitalised owner ("Copyright law…" is a sentence).
pub(super) static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:copyright)\s*(?:©\s*)?|©\s*|\([cC]\)\s*)(?:\d{4}(?:[-–]\d{4})?,?\s+)?(?:[Bb]y\s+)?[A-Z]")
        .unwrap()
});
pub(super) static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:_{3,}|—{2,}|\*\s*\*\s*\*|#{3})$").unwrap());
/// What marks a paragraph as a tag line: the credit tables' own phrases,
/// "contributed" or "reported from" anywhere, or a "Reporting by"-style
/// clause opening it (see `credits::phrasings`).
pub(super) static TAG_CUE: LazyLock<Regex> = LazyLock::new(|| {
    let phrases: Vec<String> = CONTRIBUTED
        .iter()
        .chain([&REPORTED_FROM])
        .map(|p| regex::escape(p))
        .collect();
    let clauses: Vec<String> = BY_CLAUSES
        .iter()
        .map(|(k, _)| {
            // "contributing:" ends in a colon, which no word boundary follows.
            let boundary = if k.ends_with(char::is_alphanumeric) { r"\b" } else { "" };
            format!("{}{boundary}", regex::escape(k))
        })
        .collect();
    Regex::new(&format!(
        r"(?i)\b(?:{})\b|^\(?(?:{})",
        phrases.join("|"),
        clauses.join("|")
    ))
    .unwrap()
});
pub(super) static HTML: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>").unwrap());
pub(super) static CAPTION_CUE: LazyLock<Regex> = LazyLock::new(|| {
    // A caption ends in its date: "… 2024.", or without the year "… on
    // Tuesday, March 4." / "… on Friday."
    Regex::new(&crate::months::expand(
        r"(?i), (?:left|right|center|centre|top|bottom|foreground|background),|\b(?:19|20)\d\d\.?$|\b{MONTH}\.? \d{1,2}\.$|\bpictured\b|\bposes?\b|\(AP Photo",
    ))
    .unwrap()
});
pub(super) static TRAILING_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(((?:AP Photo|AP|Photo by)[^()]*|[^()]* via AP)\)$").unwrap());

/// A dateline at the start of a paragraph: ("REYKJAVIK, Iceland (AP)", rest).
pub fn split_dateline(p: &str) -> Option<(String, String)> {
    let c = DATELINE.captures(p)?;
    let dl = c.get(1)?.as_str().trim();
    // The city must be in capitals ("HOUSTON", "ST. LOUIS"), two letters at least.
    let city = dl.split([',', '(']).next()?.trim();
    let letters = city.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || city.chars().any(|c| c.is_lowercase()) || city.split_whitespace().count() > 4 {
        return None;
    }
    Some((dl.to_string(), c.get(2)?.as_str().trim().to_string()))
}

pub(super) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(super) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')', ':'])
}

/// A section label: 1–3 capitalised words without sentence punctuation.
pub(super) fn section_like(s: &str) -> bool {
    let t = s.trim();
    let n = words(t);
    (1..=3).contains(&n)
        && !t.contains(['\n', '?', '!', ',', ';', ':', '"', '“', '”'])
        && (!t.ends_with('.') || t.split_whitespace().last().is_some_and(|w| w.matches('.').count() > 1))
        && t.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || matches!(w, "&" | "and" | "of"))
}

/// This story's headline, under a section label: one line, no more than 30
/// words, not a finished sentence. A question or a single word is a
/// headline too.
pub(super) fn headline_like(s: &str) -> bool {
    let t = s.trim();
    !t.contains('\n') && (1..=30).contains(&words(t)) && !t.ends_with(['.', '…', ';', ','])
}

/// Another story's headline in a promo block (a teaser): stricter than
/// [`headline_like`], since what it takes is set aside: 3–20 words starting
/// with a capital or a figure, no closing punctuation or quotation at all.
pub(super) fn teaser_headline(s: &str) -> bool {
    let t = s.trim();
    headline_like(t)
        && (3..=20).contains(&words(t))
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !t.ends_with(['!', '?', ':', '"', '”', '’', ')'])
        && !t.starts_with(['"', '“'])
}

pub(super) fn byline_of(s: &str) -> Option<Vec<Credit>> {
    let t = s.trim();
    if !BYLINE.is_match(t)
        || words(t) > 16
        || t.contains('\n')
        || t.ends_with('.') && !credits::ends_with_dotted_suffix(t)
    {
        return None;
    }
    let cs = credits::parse_byline(t);
    (!cs.is_empty()).then_some(cs)
}

pub(super) fn org_line(s: &str) -> bool {
    let t = s.trim();
    ORGANIZATIONS.iter().any(|(k, _)| k.eq_ignore_ascii_case(t))
}

/// Lower-case words in a copyright owner's name ("Bank of the West").
const COPYRIGHT_OWNER_SMALL_WORDS: &[&str] = &["of", "the", "and", "&", "for", "de", "la"];

/// Sentences that may follow the owner in a copyright line.
const COPYRIGHT_BOILERPLATE: &[&str] = &[
    "all rights reserved",
    "this material may not be published, broadcast, rewritten or redistributed",
];

pub(super) fn is_copyright(s: &str) -> bool {
    let t = s.trim();
    let Some(m) = COPYRIGHT.find(t) else { return false };
    if t.contains('\n') || words(t) > 30 {
        return false;
    }
    // The owner: a few capitalised words ("The Associated Press", "Gannett
    // Co., Inc."), then only boilerplate sentences.
    let rest = &t[m.end() - 1..];
    let mut sentences = rest.split(". ").map(|x| x.trim().trim_end_matches('.'));
    let owner = sentences.next().unwrap_or("");
    let owner_ok = (1..=8).contains(&words(owner))
        && owner
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || COPYRIGHT_OWNER_SMALL_WORDS.contains(&w));
    owner_ok && sentences.all(|x| COPYRIGHT_BOILERPLATE.contains(&x.to_lowercase().as_str()))
}

pub(super) fn caption_like(s: &str) -> bool {
    let t = s.trim();
    words(t) >= 4 && CAPTION_CUE.is_match(t)
}

/// What a header is built of besides headline and dek: a byline, an
/// agency line, a photo credit, a dateline, a caption with its credit.
pub(super) fn structural(b: &str) -> bool {
    byline_of(b).is_some()
        || org_line(b)
        || credits::parse_photo_credit(b).is_some()
        || split_dateline(b).is_some()
        || caption_with_credit(b).is_some()
}

/// A caption printed with its credit at the end: "… 2024. (AP Photo/X)".
pub(super) fn caption_with_credit(b: &str) -> Option<Photo> {
    let m = TRAILING_CREDIT.find(b)?;
    let mut photo = credits::parse_photo_credit(m.as_str())?;
    let caption = b[..m.start()].trim();
    (words(caption) >= 4 && split_dateline(b).is_none()).then(|| {
        photo.caption = caption.to_string();
        photo
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_shapes() {
        assert!(teaser_headline("Israel and Hezbollah move closer to a cease-fire"));
        assert!(!teaser_headline(
            "Kim and Putin then met together with their delegations."
        ));
        assert!(!teaser_headline("Russia"));
    }

    #[test]
    fn a_story_headline_may_be_what_a_teaser_may_not() {
        for h in ["Russia", "Why are prices rising?", "Fire at the docks: “We ran”"] {
            assert!(headline_like(h) && !teaser_headline(h), "{h}");
        }
        for h in ["It ended.", "Two lines\nof text"] {
            assert!(!headline_like(h), "{h}");
        }
    }

    #[test]
    fn a_byline_may_end_in_any_dotted_suffix_in_any_case() {
        for b in ["By Carlos Ruiz Jr.", "By CARLOS RUIZ JR.", "By John Smith Sr."] {
            assert!(byline_of(b).is_some(), "{b}");
        }
        assert!(byline_of("By the end of the day it was over.").is_none());
    }

    #[test]
    fn tag_cues_come_from_the_credit_tables() {
        for (clause, _) in BY_CLAUSES {
            assert!(TAG_CUE.is_match(&format!("{clause} Jane Doe")), "{clause}");
            assert!(
                !TAG_CUE.is_match(&format!("She said {clause} Jane Doe")),
                "{clause} mid-sentence"
            );
        }
        for phrase in CONTRIBUTED.iter().chain([&REPORTED_FROM]) {
            assert!(TAG_CUE.is_match(&format!("Jane Doe {phrase} Paris.")), "{phrase}");
        }
        assert!(TAG_CUE.is_match("(Reporting by Jane Doe; Editing by John Roe)"));
        assert!(!TAG_CUE.is_match("The contributors met."));
    }
}
