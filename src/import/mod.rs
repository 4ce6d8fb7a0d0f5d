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
pub(crate) mod rules;
pub mod wire;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::credits;
use crate::error::{Error, Result};
use crate::model::{Credit, Flagged, Role, StoryContent};
pub use rules::split_dateline;
use rules::*;

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

/// How many body paragraphs a byline block or the dateline may follow.
const TOP_PARAGRAPHS: usize = 3;

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

/// What the body loop carries from one block to the next.
#[derive(Default)]
struct BodyState {
    /// The blocks just set aside were a promo heading and its teasers.
    promo_run: bool,
    /// A rule announcing the tag line was read.
    after_separator: bool,
    /// The photo whose credit was just read, waiting for its caption.
    caption_wanted: Option<usize>,
}

/// A section promo label ("Nation & World") at `i`, right above the
/// headline: at the very top of a page it is the story's section.
fn top_section(blocks: &[String], i: usize) -> bool {
    blocks
        .get(i)
        .is_some_and(|b| junk::classify(b).is_some_and(|(r, _)| r == junk::SECTION_PROMO) && section_like(b))
        && blocks.get(i + 1).is_some_and(|h| junk::classify(h).is_none())
}

/// The first block at or after `from` that is not junk.
fn next_real(blocks: &[String], from: usize) -> Option<usize> {
    blocks
        .get(from..)?
        .iter()
        .position(|b| junk::classify(b).is_none())
        .map(|k| k + from)
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
        let mut st = BodyState::default();
        while i < blocks.len() {
            let b = blocks[i].as_str();
            i += 1;
            if self.set_aside(b, ahead.junk[i - 1], &mut st) {
                continue;
            }
            let was_promo = std::mem::replace(&mut st.promo_run, false);
            if self.end_matter(blocks, i, &ahead, &mut st) {
                continue;
            }
            let after_credit = st.caption_wanted.take();
            if self.photo_block(b, after_credit, &mut st) || self.late_header_block(blocks, &mut i) {
                continue;
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

    /// Junk, and the teaser headlines under a promo heading: flagged.
    fn set_aside(&mut self, b: &str, junk: Option<(&'static str, junk::Kind)>, st: &mut BodyState) -> bool {
        if let Some((reason, kind)) = junk {
            self.flag(b, reason);
            st.promo_run |= kind == junk::Kind::Promo;
            return true;
        }
        if st.promo_run && b.lines().all(teaser_headline) {
            for line in b.lines() {
                self.flag(line.trim(), junk::TEASER);
            }
            return true;
        }
        false
    }

    /// The copyright line, a rule before the tag line, and the tag line:
    /// block `i - 1`, taken only where the story ends.
    fn end_matter(&mut self, blocks: &[String], i: usize, ahead: &Lookahead, st: &mut BodyState) -> bool {
        let b = blocks[i - 1].as_str();
        if ahead.copyright[i - 1] {
            // Only at the end of the story: after it may come junk, a
            // rule or the tag line, but no more story text.
            if ahead.only_trailer_from[i] && self.content.copyright.is_empty() {
                self.content.copyright = b.to_string();
            } else {
                self.push_body(b);
                self.mark("looks like a copyright line; kept because story text follows it");
            }
            return true;
        }
        if ahead.separator[i - 1] {
            // A rule before the tag line is layout; before anything else
            // it stays in the body.
            let next = blocks.get(ahead.next_not_junk[i]);
            if next.is_some_and(|n| self.tagline_of(n, true).is_some()) {
                st.after_separator = true;
            } else {
                self.push_body(b);
            }
            return true;
        }
        let last_text = ahead.only_junk_or_copyright_from[i];
        let Some(cs) = self.tagline_of(b, st.after_separator || last_text) else {
            return false;
        };
        if self.tagline.is_empty() {
            self.tagline = b.to_string();
        } else {
            self.tagline = format!("{}\n{b}", self.tagline);
        }
        self.tag_credits.extend(cs);
        true
    }

    /// A photo credit (its caption may follow), the caption of the credit
    /// just read, or a caption with its credit at the end.
    fn photo_block(&mut self, b: &str, after_credit: Option<usize>, st: &mut BodyState) -> bool {
        if let Some(idx) = after_credit {
            if caption_like(b) && credits::parse_photo_credit(b).is_none() {
                self.content.photos[idx].caption = b.to_string();
                return true;
            }
        }
        if let Some(photo) = credits::parse_photo_credit(b) {
            self.content.photos.push(photo);
            st.caption_wanted = Some(self.content.photos.len() - 1);
            return true;
        }
        if let Some(photo) = caption_with_credit(b) {
            self.content.photos.push(photo);
            return true;
        }
        false
    }

    /// Near the top, a byline block or the dateline may come after
    /// paragraphs the header could not place (a caption without its credit,
    /// an unknown label): block `*i - 1`; the byline's agency line under it
    /// is read too.
    fn late_header_block(&mut self, blocks: &[String], i: &mut usize) -> bool {
        let b = blocks[*i - 1].as_str();
        if self.content.body.len() >= TOP_PARAGRAPHS {
            return false;
        }
        // A byline here must look like a block: no closing punctuation,
        // and its agency or the dateline right under it.
        let below = blocks.get(*i);
        let block_follows = below.is_some_and(|n| org_line(n) || split_dateline(n).is_some());
        if self.byline_credits.is_empty() && !ends_sentence(b) && block_follows {
            if let Some(cs) = byline_of(b) {
                self.byline = b.trim().to_string();
                self.byline_credits = cs;
                if let Some(org) = below.filter(|o| org_line(o)) {
                    self.byline = format!("{}\n{}", self.byline, org.trim());
                    self.byline_credits = credits::parse_byline_with_org(b, Some(org));
                    *i += 1;
                }
                return true;
            }
        }
        if self.content.dateline.is_empty() {
            if let Some((dl, rest)) = split_dateline(b) {
                self.content.dateline = dl;
                self.push_body(&rest);
                return true;
            }
        }
        false
    }

    /// Section, headline, dek, photos and byline before the body, and the
    /// dateline of the first paragraph. Returns the index of the first block
    /// left for the body.
    fn header(&mut self, blocks: &[String]) -> usize {
        let mut i = 0;
        while i < blocks.len() && !top_section(blocks, i) {
            match junk::classify(&blocks[i]) {
                Some((reason, _)) => {
                    self.flag(&blocks[i], reason);
                    i += 1;
                }
                None => break,
            }
        }
        self.section(blocks, &mut i);
        // Headline: the first paragraph, unless the story starts straight
        // with its byline or dateline.
        if let Some(h) = blocks.get(i) {
            if byline_of(h).is_none() && split_dateline(h).is_none() && credits::parse_photo_credit(h).is_none() {
                self.content.headline = h.trim().to_string();
                i += 1;
            }
        }
        // Dek: one paragraph between the headline and a byline, photo or
        // dateline.
        self.skip_junk(blocks, &mut i);
        if let (Some(d), Some(n)) = (blocks.get(i), next_real(blocks, i + 1)) {
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
        while self.photo_or_byline(blocks, &mut i) {}
        self.first_paragraph(blocks, &mut i);
        i
    }

    /// The section label at `*i`, when a longer headline follows it.
    fn section(&mut self, blocks: &[String], i: &mut usize) {
        let first = if top_section(blocks, *i) {
            Some(*i)
        } else {
            next_real(blocks, *i)
        };
        let (Some(a), Some(h)) = (first, next_real(blocks, *i + 1)) else {
            return;
        };
        let (sa, sh) = (&blocks[a], &blocks[h]);
        if a == *i
            && section_like(sa)
            && headline_like(sh)
            && words(sh) > words(sa)
            && split_dateline(sh).is_none()
            && byline_of(sh).is_none()
            && credits::parse_photo_credit(sh).is_none()
        {
            self.content.section = sa.trim().to_string();
            *i += 1;
            self.skip_junk(blocks, i);
        }
    }

    /// One photo or byline of the header (they come in any order), after
    /// any junk; false when the header has no more of them.
    fn photo_or_byline(&mut self, blocks: &[String], i: &mut usize) -> bool {
        self.skip_junk(blocks, i);
        let Some(b) = blocks.get(*i) else { return false };
        if let Some(cs) = byline_of(b) {
            let mut raw = b.trim().to_string();
            *i += 1;
            let mut cs = cs;
            if let Some(org) = blocks.get(*i).filter(|o| org_line(o)) {
                raw = format!("{raw}\n{}", org.trim());
                cs = credits::parse_byline_with_org(b, Some(org));
                *i += 1;
            }
            if self.byline.is_empty() {
                self.byline = raw;
            }
            self.byline_credits.extend(cs);
            return true;
        }
        // A second agency line with no byline is left to be read as a
        // photo credit ("Reuters" is one).
        if org_line(b) && (self.header_org.is_none() || !self.byline_credits.is_empty()) {
            self.header_org_line(b);
            *i += 1;
            return true;
        }
        if let Some(mut photo) = credits::parse_photo_credit(b) {
            *i += 1;
            // The web puts the credit line first, the caption under it;
            // print puts "(AP Photo/…)" after the caption, which we may
            // have taken for the dek.
            if let Some(c) = blocks
                .get(*i)
                .filter(|c| !structural(c) && junk::classify(c).is_none() && caption_like(c))
            {
                photo.caption = c.trim().to_string();
                *i += 1;
            } else if b.trim().starts_with('(') && self.content.photos.is_empty() && caption_like(&self.content.dek) {
                photo.caption = std::mem::take(&mut self.content.dek);
            }
            self.content.photos.push(photo);
            return true;
        }
        if let Some(photo) = caption_with_credit(b) {
            self.content.photos.push(photo);
            *i += 1;
            return true;
        }
        false
    }

    /// An organisation line in the header: the byline's, when one was read
    /// ("Associated Press" after the timestamp still belongs to it), else
    /// the story's organisation for credits that name none ("Reuters"
    /// alone under the headline).
    fn header_org_line(&mut self, b: &str) {
        let org = credits::phrasings::canonical_org(b);
        if self.byline_credits.is_empty() {
            self.header_org = Some(org);
            self.byline = b.trim().to_string();
        } else {
            for c in self.byline_credits.iter_mut().filter(|c| c.organization.is_none()) {
                c.organization = Some(org.clone());
            }
            self.byline = format!("{}\n{}", self.byline, b.trim());
        }
    }

    /// The first body paragraph carries the dateline; without one, right
    /// under a photo credit, it may be the photo's caption.
    fn first_paragraph(&mut self, blocks: &[String], i: &mut usize) {
        let Some(b) = blocks.get(*i) else { return };
        if let Some((dl, rest)) = split_dateline(b) {
            self.content.dateline = dl;
            self.push_body(&rest);
            *i += 1;
        } else if self.content.photos.last().is_some_and(|p| p.caption.is_empty())
            && junk::classify(b).is_none()
            && !is_copyright(b)
        {
            self.push_body(b);
            self.mark("follows a photo credit; it may be the photo's caption");
            *i += 1;
        }
    }

    /// Flags the junk blocks from `*i` on.
    fn skip_junk(&mut self, blocks: &[String], i: &mut usize) {
        while let Some((reason, _)) = blocks.get(*i).and_then(|b| junk::classify(b)) {
            self.flag(&blocks[*i], reason);
            *i += 1;
        }
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
