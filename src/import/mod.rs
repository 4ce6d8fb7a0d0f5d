//! Raw pasted stories into structured drafts.
//!
//! A story copied from a web page or a wire arrives as plain text with the
//! page around it: section label, headline, summary, photo credit and
//! caption, byline, dateline, body, a `___` rule and the contributor tag
//! line, a copyright line — and navigation, share buttons, promos and
//! teasers of other stories. [`parse_raw`] sorts this into a
//! [`StoryContent`]. Web junk is *flagged* (set aside with a reason and the
//! body position it was found at), never dropped, and no body paragraph is
//! ever flagged: where the importer is unsure it keeps the paragraph and adds
//! a [`ReviewMark`] for the editor.
//!
//! ```
//! let draft = copydesk::import::parse_raw(
//!     "Russia\n\nKim vows support\n\nHOUSTON (AP) — It began.\n\nShare\n\nIt ended.\n",
//! ).unwrap();
//! assert_eq!(draft.content.section, "Russia");
//! assert_eq!(draft.content.dateline, "HOUSTON (AP)");
//! assert_eq!(draft.content.body, vec!["It began.", "It ended."]);
//! assert_eq!(draft.content.flagged[0].text, "Share");
//! ```

pub mod junk;
pub mod wire;

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::credits;
use crate::error::{Error, Result};
use crate::model::{Credit, Flagged, Role, StoryContent};

/// What the importer made of a pasted text, for the editor to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportDraft {
    pub content: StoryContent,
    /// Body paragraphs kept but worth a look.
    pub review: Vec<ReviewMark>,
    /// The byline as found in the text ("" if none).
    pub byline: String,
    /// The tag line as found in the text ("" if none).
    pub tagline: String,
}

/// A story file the editor opened, parsed for the import preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpenedStory {
    pub path: String,
    pub draft: ImportDraft,
}

/// A body paragraph the importer kept but is not sure of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewMark {
    /// Index into `content.body`.
    pub paragraph: u32,
    pub reason: String,
}

/// Parses pasted text into a draft. Our own text exports (starting with the
/// `---` header fence) read back exactly; ninjs JSON and NITF XML are read
/// by [`wire`]; anything else is taken apart as a raw story. Text that
/// cannot be a story (empty, binary, a giant line) is
/// refused with `Error::InvalidText`.
pub fn parse_raw(text: &str) -> Result<ImportDraft> {
    crate::text::check_story_text(text).map_err(Error::InvalidText)?;
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    if let Some(kind) = wire::detect(&text) {
        let content = wire::parse(kind, &text)?;
        // Structured input names its people rather than printing lines: the
        // preview shows the byline and tag line they make.
        return Ok(ImportDraft {
            byline: credits::render_byline(&content.credits),
            tagline: credits::render_tagline(&content.credits),
            content,
            review: Vec::new(),
        });
    }
    if text.starts_with("---\n") {
        return Ok(ImportDraft {
            content: crate::text::parse(&text)?,
            review: Vec::new(),
            byline: String::new(),
            tagline: String::new(),
        });
    }
    let blocks = split_blocks(&text);
    let mut p = Parser::default();
    p.run(&blocks);
    let mut content = p.content;
    content.normalize();
    // Raw copy never carries a desk slug.
    content.fill_slug();
    Ok(ImportDraft {
        content,
        review: p.review,
        byline: p.byline,
        tagline: p.tagline,
    })
}

// ------------------------------------------------------------ recognisers

/// How many body paragraphs a byline block or the dateline may follow.
const TOP_PARAGRAPHS: usize = 3;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*)*(?:,\s+[A-Z][A-Za-z.'’\-]*(?: [A-Z][A-Za-z.'’\-]*)*)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([A-Za-z][A-Za-z .]*\))?)\s*[—–-]{1,2}\s+(\S[\s\S]*)$",
    )
    .unwrap()
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:by)\s+\S").unwrap());
/// "Copyright The Associated Press", "Copyright 2024 The Associated Press.
/// All rights reserved.", "© 2024 The Daily Courier": the mark, maybe a
/// year, then a capitalised owner ("Copyright law…" is a sentence).
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:copyright)\s*(?:©\s*)?|©\s*|\([cC]\)\s*)(?:\d{4}(?:[-–]\d{4})?,?\s+)?(?:[Bb]y\s+)?[A-Z]")
        .unwrap()
});
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:_{3,}|—{2,}|\*\s*\*\s*\*|#{3})$").unwrap());
static TAG_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcontributed\b|\breported from\b|^\(?(?:additional )?reporting by\b|^contributing:").unwrap()
});
static HTML: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>").unwrap());
static CAPTION_CUE: LazyLock<Regex> = LazyLock::new(|| {
    // A caption ends in its date: "… 2024.", or without the year "… on
    // Tuesday, March 4." / "… on Friday."
    Regex::new(r"(?i), (?:left|right|center|centre|top|bottom|foreground|background),|\b(?:19|20)\d\d\.?$|\b(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2}\.$|\bpictured\b|\bposes?\b|\(AP Photo")
        .unwrap()
});
static TRAILING_CREDIT: LazyLock<Regex> =
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

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')', ':'])
}

/// A section label: 1–3 capitalised words without sentence punctuation.
fn section_like(s: &str) -> bool {
    let t = s.trim();
    let n = words(t);
    (1..=3).contains(&n)
        && !t.contains(['\n', '?', '!', ',', ';', ':', '"', '“', '”'])
        && (!t.ends_with('.') || t.split_whitespace().last().is_some_and(|w| w.matches('.').count() > 1))
        && t.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || matches!(w, "&" | "and" | "of"))
}

/// A headline: one line, no more than 30 words, not a finished sentence.
fn headline_like(s: &str) -> bool {
    let t = s.trim();
    !t.contains('\n') && (1..=30).contains(&words(t)) && !t.ends_with(['.', '…', ';', ','])
}

fn byline_of(s: &str) -> Option<Vec<Credit>> {
    let t = s.trim();
    if !BYLINE.is_match(t) || words(t) > 16 || t.contains('\n') || t.ends_with('.') && !t.ends_with("Jr.") {
        return None;
    }
    let cs = credits::parse_byline(t);
    (!cs.is_empty()).then_some(cs)
}

fn org_line(s: &str) -> bool {
    let t = s.trim();
    credits::phrasings::ORGANIZATIONS
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case(t))
}

/// Sentences that may follow the owner in a copyright line.
const COPYRIGHT_BOILERPLATE: &[&str] = &[
    "all rights reserved",
    "this material may not be published, broadcast, rewritten or redistributed",
];

fn is_copyright(s: &str) -> bool {
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
    let small = ["of", "the", "and", "&", "for", "de", "la"];
    let owner_ok = (1..=8).contains(&words(owner))
        && owner
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || small.contains(&w));
    owner_ok && sentences.all(|x| COPYRIGHT_BOILERPLATE.contains(&x.to_lowercase().as_str()))
}

fn caption_like(s: &str) -> bool {
    let t = s.trim();
    words(t) >= 4 && CAPTION_CUE.is_match(t)
}

/// A caption printed with its credit at the end: "… 2024. (AP Photo/X)".
fn caption_with_credit(b: &str) -> Option<crate::model::Photo> {
    let m = TRAILING_CREDIT.find(b)?;
    let mut photo = credits::parse_photo_credit(m.as_str())?;
    let caption = b[..m.start()].trim();
    (words(caption) >= 4 && split_dateline(b).is_none()).then(|| {
        photo.caption = caption.to_string();
        photo
    })
}

// ------------------------------------------------------------ blocks

/// Paragraphs at blank lines; a paragraph's lines that are junk, copyright,
/// a rule or a byline become blocks of their own (pages often put
/// "Exit mobile version" right under the copyright line). Text without any
/// blank line is taken a line per paragraph.
fn split_blocks(text: &str) -> Vec<String> {
    let paras = crate::text::paragraphs(text);
    if paras.len() == 1 && paras[0].lines().count() > 2 {
        return paras[0]
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
    }
    let mut out = Vec::new();
    for p in paras {
        let mut current: Vec<&str> = Vec::new();
        for line in p.lines() {
            let l = line.trim();
            let special = junk::classify(l).is_some()
                || is_copyright(l)
                || SEPARATOR.is_match(l)
                || byline_of(l).is_some()
                || org_line(l);
            if special {
                if !current.is_empty() {
                    out.push(current.join("\n"));
                    current.clear();
                }
                out.push(l.to_string());
            } else {
                current.push(line);
            }
        }
        if !current.is_empty() {
            out.push(current.join("\n").trim().to_string());
        }
    }
    out
}

// ------------------------------------------------------------ parser

/// What each block is, and what follows it, worked out once for all blocks
/// so that asking "is the rest of the text only junk?" at every block costs
/// nothing: asking it by scanning the rest made import quadratic (4,000
/// copyright lines took 35 s).
struct Lookahead {
    junk: Vec<Option<(&'static str, junk::Kind)>>,
    copyright: Vec<bool>,
    separator: Vec<bool>,
    /// Blocks `i..` are all junk, copyright, rules or tag-line cues (index
    /// `len` is the empty rest: true).
    only_trailer_from: Vec<bool>,
    /// Blocks `i..` are all junk or copyright.
    only_junk_or_copyright_from: Vec<bool>,
    /// The first block at or after `i` that is not junk (`len` if none).
    next_not_junk: Vec<usize>,
}

impl Lookahead {
    fn new(blocks: &[String]) -> Self {
        let n = blocks.len();
        let junk: Vec<_> = blocks.iter().map(|b| junk::classify(b)).collect();
        let copyright: Vec<bool> = blocks.iter().map(|b| is_copyright(b)).collect();
        let separator: Vec<bool> = blocks.iter().map(|b| SEPARATOR.is_match(b)).collect();
        let mut only_trailer_from = vec![true; n + 1];
        let mut only_junk_or_copyright_from = vec![true; n + 1];
        let mut next_not_junk = vec![n; n + 1];
        for i in (0..n).rev() {
            let jc = junk[i].is_some() || copyright[i];
            only_junk_or_copyright_from[i] = jc && only_junk_or_copyright_from[i + 1];
            only_trailer_from[i] = (jc || separator[i] || TAG_CUE.is_match(&blocks[i])) && only_trailer_from[i + 1];
            next_not_junk[i] = if junk[i].is_none() { i } else { next_not_junk[i + 1] };
        }
        Lookahead {
            junk,
            copyright,
            separator,
            only_trailer_from,
            only_junk_or_copyright_from,
            next_not_junk,
        }
    }
}

#[derive(Default)]
struct Parser {
    content: StoryContent,
    review: Vec<ReviewMark>,
    byline: String,
    tagline: String,
    tag_credits: Vec<Credit>,
    byline_credits: Vec<Credit>,
    /// An organisation line standing alone in the header.
    header_org: Option<String>,
}

impl Parser {
    fn flag(&mut self, text: &str, reason: &str) {
        self.content.flagged.push(Flagged {
            text: text.to_string(),
            reason: reason.to_string(),
            position: self.content.body.len() as u32,
        });
    }

    fn mark(&mut self, reason: &str) {
        let paragraph = self.content.body.len().saturating_sub(1) as u32;
        // Marks go to the last paragraph, so paragraph numbers only grow: a
        // duplicate can only be among the last paragraph's few marks.
        let dup = self
            .review
            .iter()
            .rev()
            .take_while(|r| r.paragraph == paragraph)
            .any(|r| r.reason == reason);
        if !dup {
            self.review.push(ReviewMark {
                paragraph,
                reason: reason.to_string(),
            });
        }
    }

    fn run(&mut self, blocks: &[String]) {
        let ahead = Lookahead::new(blocks);
        let mut i = self.header(blocks);
        let mut promo_run = false;
        let mut after_separator = false;
        let mut caption_wanted: Option<usize> = None; // photo waiting for a caption
        while i < blocks.len() {
            let b = blocks[i].as_str();
            i += 1;
            if let Some((reason, kind)) = ahead.junk[i - 1] {
                self.flag(b, reason);
                promo_run |= kind == junk::Kind::Promo;
                continue;
            }
            if promo_run && b.lines().all(junk::headline_like) {
                for line in b.lines() {
                    self.flag(line.trim(), junk::TEASER);
                }
                continue;
            }
            let was_promo = std::mem::replace(&mut promo_run, false);
            if ahead.copyright[i - 1] {
                // Only at the end of the story: after it may come junk, a
                // rule or the tag line, but no more story text.
                if ahead.only_trailer_from[i] && self.content.copyright.is_empty() {
                    self.content.copyright = b.to_string();
                } else {
                    self.push_body(b);
                    self.mark("looks like a copyright line; kept because story text follows it");
                }
                continue;
            }
            if ahead.separator[i - 1] {
                // A rule before the tag line is layout; before anything else
                // it stays in the body.
                let next = blocks.get(ahead.next_not_junk[i]);
                if next.is_some_and(|n| self.tagline_of(n, true).is_some()) {
                    after_separator = true;
                } else {
                    self.push_body(b);
                }
                continue;
            }
            let last_text = ahead.only_junk_or_copyright_from[i];
            if let Some(cs) = self.tagline_of(b, after_separator || last_text) {
                if self.tagline.is_empty() {
                    self.tagline = b.to_string();
                } else {
                    self.tagline = format!("{}\n{b}", self.tagline);
                }
                self.tag_credits.extend(cs);
                continue;
            }
            let after_credit = caption_wanted.take();
            if let Some(idx) = after_credit {
                if caption_like(b) && credits::parse_photo_credit(b).is_none() {
                    self.content.photos[idx].caption = b.to_string();
                    continue;
                }
            }
            if let Some(photo) = credits::parse_photo_credit(b) {
                self.content.photos.push(photo);
                caption_wanted = Some(self.content.photos.len() - 1);
                continue;
            }
            if let Some(photo) = caption_with_credit(b) {
                self.content.photos.push(photo);
                continue;
            }
            // Near the top, a byline block or the dateline may come after
            // paragraphs the header could not place (a caption without its
            // credit, an unknown label).
            let top = self.content.body.len() < TOP_PARAGRAPHS;
            // A byline here must look like a block: no closing punctuation,
            // and its agency or the dateline right under it.
            let block_follows = |n: Option<&String>| n.is_some_and(|n| org_line(n) || split_dateline(n).is_some());
            if top && self.byline_credits.is_empty() && !ends_sentence(b) && block_follows(blocks.get(i)) {
                if let Some(cs) = byline_of(b) {
                    self.byline = b.trim().to_string();
                    self.byline_credits = cs;
                    if let Some(org) = blocks.get(i).filter(|o| org_line(o)) {
                        self.byline = format!("{}\n{}", self.byline, org.trim());
                        self.byline_credits = credits::parse_byline_with_org(b, Some(org));
                        i += 1;
                    }
                    continue;
                }
            }
            if top && self.content.dateline.is_empty() {
                if let Some((dl, rest)) = split_dateline(b) {
                    self.content.dateline = dl;
                    self.push_body(&rest);
                    continue;
                }
            }
            self.push_body(b);
            if after_credit.is_some_and(|idx| self.content.photos[idx].caption.is_empty()) {
                self.mark("follows a photo credit; it may be the photo's caption");
            }
            if was_promo && words(b) < 15 {
                self.mark("follows a promo block; it may be web junk");
            }
        }
        self.merge_credits();
    }

    /// Section, headline, dek, photos and byline before the body. Returns
    /// the index of the first block left for the body.
    fn header(&mut self, blocks: &[String]) -> usize {
        let mut i = 0;
        let skip_junk = |p: &mut Parser, i: &mut usize| {
            while *i < blocks.len() {
                match junk::classify(&blocks[*i]) {
                    Some((reason, _)) => {
                        p.flag(&blocks[*i], reason);
                        *i += 1;
                    }
                    None => break,
                }
            }
        };
        let next_real = |from: usize| {
            blocks
                .get(from..)?
                .iter()
                .position(|b| junk::classify(b).is_none())
                .map(|k| k + from)
        };
        // A section promo label ("Nation & World") at the very top, right
        // above the headline, is the story's section.
        let top_section = |i: usize| {
            blocks
                .get(i)
                .is_some_and(|b| junk::classify(b).is_some_and(|(r, _)| r == junk::SECTION_PROMO) && section_like(b))
                && blocks.get(i + 1).is_some_and(|h| junk::classify(h).is_none())
        };
        while i < blocks.len() && !top_section(i) {
            match junk::classify(&blocks[i]) {
                Some((reason, _)) => {
                    self.flag(&blocks[i], reason);
                    i += 1;
                }
                None => break,
            }
        }
        // Section label, when a longer headline follows it.
        let first = if top_section(i) { Some(i) } else { next_real(i) };
        if let (Some(a), Some(h)) = (first, next_real(i + 1)) {
            let (sa, sh) = (&blocks[a], &blocks[h]);
            if a == i
                && section_like(sa)
                && headline_like(sh)
                && words(sh) > words(sa)
                && split_dateline(sh).is_none()
                && byline_of(sh).is_none()
                && credits::parse_photo_credit(sh).is_none()
            {
                self.content.section = sa.trim().to_string();
                i += 1;
                skip_junk(self, &mut i);
            }
        }
        // Headline: the first paragraph, unless the story starts straight
        // with its byline or dateline.
        if let Some(h) = blocks.get(i) {
            if byline_of(h).is_none() && split_dateline(h).is_none() && credits::parse_photo_credit(h).is_none() {
                self.content.headline = h.trim().to_string();
                i += 1;
            }
        }
        let structural = |b: &str| {
            byline_of(b).is_some()
                || org_line(b)
                || credits::parse_photo_credit(b).is_some()
                || split_dateline(b).is_some()
                || caption_with_credit(b).is_some()
        };
        // Dek: one paragraph between the headline and a byline, photo or
        // dateline.
        skip_junk(self, &mut i);
        if let (Some(d), Some(n)) = (blocks.get(i), next_real(i + 1)) {
            if !structural(d)
                && !TRAILING_CREDIT.is_match(d)
                && structural(&blocks[n])
                && words(d) <= 60
                && !d.contains('\n')
            {
                self.content.dek = d.trim().to_string();
                i += 1;
            }
        }
        // Photos and byline, in any order.
        loop {
            skip_junk(self, &mut i);
            let Some(b) = blocks.get(i) else { break };
            if let Some(cs) = byline_of(b) {
                let mut raw = b.trim().to_string();
                i += 1;
                let mut cs = cs;
                if let Some(org) = blocks.get(i).filter(|o| org_line(o)) {
                    raw = format!("{raw}\n{}", org.trim());
                    cs = credits::parse_byline_with_org(b, Some(org));
                    i += 1;
                }
                if self.byline.is_empty() {
                    self.byline = raw;
                }
                self.byline_credits.extend(cs);
                continue;
            }
            // An organisation line away from its byline ("Associated Press"
            // after the timestamp) still belongs to the byline.
            if org_line(b) && self.byline_credits.is_empty() && self.header_org.is_none() {
                // The agency alone under the headline ("Reuters"): the
                // story's organisation, for credits that name none.
                self.header_org = Some(credits::phrasings::canonical_org(b));
                self.byline = b.trim().to_string();
                i += 1;
                continue;
            }
            if org_line(b) && !self.byline_credits.is_empty() {
                let org = credits::phrasings::canonical_org(b);
                for c in self.byline_credits.iter_mut().filter(|c| c.organization.is_none()) {
                    c.organization = Some(org.clone());
                }
                self.byline = format!("{}\n{}", self.byline, b.trim());
                i += 1;
                continue;
            }
            if let Some(mut photo) = credits::parse_photo_credit(b) {
                i += 1;
                // The web puts the credit line first, the caption under it;
                // print puts "(AP Photo/…)" after the caption, which we may
                // have taken for the dek.
                if let Some(c) = blocks
                    .get(i)
                    .filter(|c| !structural(c) && junk::classify(c).is_none() && caption_like(c))
                {
                    photo.caption = c.trim().to_string();
                    i += 1;
                } else if b.trim().starts_with('(') && self.content.photos.is_empty() && caption_like(&self.content.dek)
                {
                    photo.caption = std::mem::take(&mut self.content.dek);
                }
                self.content.photos.push(photo);
                continue;
            }
            if let Some(photo) = caption_with_credit(b) {
                self.content.photos.push(photo);
                i += 1;
                continue;
            }
            break;
        }
        // The first body paragraph carries the dateline.
        if let Some(b) = blocks.get(i) {
            if let Some((dl, rest)) = split_dateline(b) {
                self.content.dateline = dl;
                self.push_body(&rest);
                i += 1;
            } else if !self.content.photos.is_empty()
                && self.content.photos.last().is_some_and(|p| p.caption.is_empty())
                && junk::classify(b).is_none()
                && !is_copyright(b)
            {
                self.push_body(b);
                self.mark("follows a photo credit; it may be the photo's caption");
                i += 1;
            }
        }
        i
    }

    fn push_body(&mut self, b: &str) {
        self.content.body.push(b.trim().to_string());
        if HTML.is_match(b) {
            self.mark("contains HTML or script markup, kept as literal text");
        }
        if let Some((c, what)) = crate::invisible::first(b) {
            self.mark(&format!(
                "contains text a reader cannot see ({what} {}); check it reads as it looks",
                crate::invisible::marker(c)
            ));
        }
        let t = b.trim();
        if !ends_sentence(t) && words(t) <= 12 && !SEPARATOR.is_match(t) {
            self.mark("short line without closing punctuation: a subhead, or web junk?");
        }
    }

    fn tagline_of(&self, b: &str, expected: bool) -> Option<Vec<Credit>> {
        if !expected || !TAG_CUE.is_match(b) || words(b) > 150 {
            return None;
        }
        let cs = credits::parse_tagline(b);
        (!cs.is_empty()).then_some(cs)
    }

    /// Byline people first, then tag-line people; a person named on both
    /// (in full or by surname) is credited once, as an author when the tag
    /// line says they reported.
    fn merge_credits(&mut self) {
        let mut out: Vec<Credit> = Vec::new();
        let same = |m: &Credit, c: &Credit| {
            m.name.eq_ignore_ascii_case(&c.name)
                || credits::is_surname_of(&c.name, &m.name)
                || credits::is_surname_of(&m.name, &c.name)
        };
        for c in self.byline_credits.drain(..).chain(self.tag_credits.drain(..)) {
            credits::credit_once(&mut out, c, same, |m, c| {
                if words(&m.name) < words(&c.name) {
                    m.name = c.name.clone();
                }
                if c.role == Role::Author {
                    m.role = Role::Author;
                }
            });
        }
        if let Some(org) = &self.header_org {
            for c in out.iter_mut().filter(|c| c.organization.is_none()) {
                c.organization = Some(org.clone());
            }
        }
        self.content.credits = out;
    }
}

#[cfg(test)]
mod tests;
