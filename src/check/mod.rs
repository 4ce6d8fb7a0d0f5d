//! Checking a story's text: spelling (Hunspell plus the desk's words), names
//! to check, and AP style (the table in [`style`]).
//!
//! [`check_story`] checks a whole story; [`recheck_story`] reuses what an
//! earlier check found in every paragraph whose text has not changed (keyed
//! by the paragraph's hash), so the editor re-checks only what was typed.
//! Story-wide findings (names listed once, quote style) are recomputed from
//! per-paragraph facts, which is cheap.

mod spelling;
pub mod style;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::StoryContent;
use spelling::Verdict;
pub use spelling::{Dictionaries, DICTIONARY_ENV, SYSTEM_DICTIONARIES};
use style::{Matcher, RULES};

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum FindingKind {
    /// A word no dictionary knows.
    Spelling,
    /// A capitalised word no dictionary knows: a name for the desk to verify.
    Name,
    /// An AP style rule.
    Style,
}

/// An error to fix, or a suggestion to consider ("said" for "stated").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    Error,
    Suggestion,
}

/// Which part of the story a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CheckedField {
    /// Spelling and names only: AP headline style differs from the body's.
    Headline,
    /// Spelling and names only.
    Dek,
    Body,
    Dateline,
    /// `paragraph` is the index of the credit.
    Credits,
}

/// Another place a name occurs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Occurrence {
    pub paragraph: u32,
    pub start: u32,
    pub end: u32,
}

/// One finding: where, what, and what to put instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    /// "spelling", "name", or the id of the AP style rule.
    pub rule: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub field: CheckedField,
    /// The body paragraph (0-based), or the credit for `credits`.
    pub paragraph: u32,
    /// Byte range in the paragraph (or field).
    pub start: u32,
    pub end: u32,
    /// The flagged text.
    pub text: String,
    pub message: String,
    pub suggestion: Option<String>,
    /// Every other place it occurs: a name, or quote marks of the odd style,
    /// are listed once a story.
    pub also: Vec<Occurrence>,
}

/// How many findings of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingCounts {
    pub spelling: u32,
    pub names: u32,
    pub style: u32,
}

impl FindingCounts {
    /// How many of `findings` are of each kind.
    pub fn of(findings: &[Finding]) -> FindingCounts {
        let mut c = FindingCounts::default();
        for f in findings {
            match f.kind {
                FindingKind::Spelling => c.spelling += 1,
                FindingKind::Name => c.names += 1,
                FindingKind::Style => c.style += 1,
            }
        }
        c
    }
}

/// The findings of one check of a story.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Findings {
    /// In story order: headline, dek, body paragraphs, then dateline and
    /// credits.
    pub findings: Vec<Finding>,
    pub counts: FindingCounts,
    /// How many body paragraphs this check actually read (the others were
    /// unchanged since the check it was given).
    pub paragraphs_checked: u32,
    #[serde(skip)]
    #[ts(skip)]
    cache: Cache,
}

/// Per-paragraph results by paragraph hash, valid for one dictionary
/// generation and one set of credit words.
#[derive(Debug, Clone, Default)]
struct Cache {
    generation: u64,
    credits: u64,
    paragraphs: HashMap<[u8; 32], Arc<ParagraphResult>>,
    /// Hunspell's suggestion for each misspelled word asked about so far.
    suggestions: HashMap<String, Option<String>>,
}

/// What one paragraph holds, independent of its place in the story.
#[derive(Debug, Default)]
struct ParagraphResult {
    /// Spelling and style findings, `paragraph` still 0.
    findings: Vec<Finding>,
    /// Unknown capitalised words: (text, start, end).
    names: Vec<(String, u32, u32)>,
}

/// Checks the whole story.
pub fn check_story(content: &StoryContent, dicts: &Dictionaries) -> Findings {
    recheck_story(content, dicts, None)
}

/// Checks the story, reusing `previous`'s results for every paragraph whose
/// text is unchanged (when the dictionaries and credits are the same).
pub fn recheck_story(content: &StoryContent, dicts: &Dictionaries, previous: Option<&Findings>) -> Findings {
    let credit_words = spelling::credit_words(content);
    let credits_key = credits_key(&credit_words);
    let reusable = previous.filter(|p| p.cache.generation == dicts.generation() && p.cache.credits == credits_key);
    let mut cache = Cache {
        generation: dicts.generation(),
        credits: credits_key,
        paragraphs: HashMap::new(),
        suggestions: reusable.map(|p| p.cache.suggestions.clone()).unwrap_or_default(),
    };
    let mut speller = Speller {
        dicts,
        credit_words: &credit_words,
        verdicts: HashMap::new(),
    };
    let mut checked = 0u32;
    let mut results = Vec::with_capacity(content.body.len());
    for p in &content.body {
        let hash = *blake3::hash(p.as_bytes()).as_bytes();
        let result = match reusable
            .and_then(|prev| prev.cache.paragraphs.get(&hash))
            .or_else(|| cache.paragraphs.get(&hash))
        {
            Some(r) => Arc::clone(r),
            None => {
                checked += 1;
                Arc::new(speller.paragraph(p))
            }
        };
        cache.paragraphs.insert(hash, Arc::clone(&result));
        results.push(result);
    }
    let (mut findings, mut names) = body_findings(&results);
    // The headline and dek: spelling and names (a name also in the body is
    // listed once, there). Two short lines, checked every time.
    for (field, line) in [
        (CheckedField::Headline, &content.headline),
        (CheckedField::Dek, &content.dek),
    ] {
        for f in speller.line(field, line) {
            if f.kind == FindingKind::Name && names.contains_key(&f.text) {
                continue;
            }
            if f.kind == FindingKind::Name {
                names.insert(f.text.clone(), findings.len());
            }
            findings.push(f);
        }
    }
    findings.extend(quote_finding(&content.body));
    findings.extend(field_findings(content));
    findings.sort_by_key(|f| (f.field, f.paragraph, f.start, f.end));
    let counts = FindingCounts::of(&findings);
    Findings {
        findings,
        counts,
        paragraphs_checked: checked,
        cache,
    }
}

/// A key for the story's credit words: results checked against other
/// credits cannot be reused.
fn credits_key(credit_words: &HashSet<String>) -> u64 {
    let mut words: Vec<&String> = credit_words.iter().collect();
    words.sort();
    let mut h = blake3::Hasher::new();
    for w in words {
        h.update(w.as_bytes());
        h.update(b"\n");
    }
    u64::from_le_bytes(h.finalize().as_bytes()[..8].try_into().expect("8 bytes"))
}

/// The body's findings, paragraph by paragraph, with each name once, at its
/// first place and the others listed; and where each name's finding is.
fn body_findings(results: &[Arc<ParagraphResult>]) -> (Vec<Finding>, HashMap<String, usize>) {
    let mut findings = Vec::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, r) in results.iter().enumerate() {
        for f in &r.findings {
            findings.push(Finding {
                paragraph: i as u32,
                ..f.clone()
            });
        }
        for (name, start, end) in &r.names {
            let here = Occurrence {
                paragraph: i as u32,
                start: *start,
                end: *end,
            };
            match names.get(name) {
                Some(&at) => findings[at].also.push(here),
                None => {
                    names.insert(name.clone(), findings.len());
                    findings.push(name_finding(name, here));
                }
            }
        }
    }
    (findings, names)
}

/// The quote-style rule: one finding a story, at the first odd mark, the
/// others listed.
fn quote_finding(body: &[String]) -> Option<Finding> {
    let rule = RULES.iter().find(|r| matches!(r.matcher, Matcher::Quotes))?;
    let paragraphs: Vec<&str> = body.iter().map(String::as_str).collect();
    let mut hits = style::quote_hits(&paragraphs).into_iter();
    let (i, hit) = hits.next()?;
    let mut f = style_finding(rule, CheckedField::Body, i as u32, paragraphs[i], hit);
    f.also = hits
        .map(|(i, h)| Occurrence {
            paragraph: i as u32,
            start: h.start as u32,
            end: h.end as u32,
        })
        .collect();
    Some(f)
}

/// The style rules of the dateline and of each credit.
fn field_findings(content: &StoryContent) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        match rule.matcher {
            Matcher::Dateline(f) if !content.dateline.trim().is_empty() => {
                if let Some(hit) = f(&content.dateline) {
                    findings.push(style_finding(rule, CheckedField::Dateline, 0, &content.dateline, hit));
                }
            }
            Matcher::Credit(f) => {
                for (i, c) in content.credits.iter().enumerate() {
                    if let Some(hit) = f(c) {
                        findings.push(style_finding(rule, CheckedField::Credits, i as u32, &c.name, hit));
                    }
                }
            }
            _ => {}
        }
    }
    findings
}

impl Findings {
    /// Fills in Hunspell's suggestion for every misspelling. Slow (tens of
    /// milliseconds a word), so kept out of the check itself; words already
    /// asked about, here or in the check this one was made from, are not
    /// asked again.
    pub fn suggest_spellings(&mut self, dicts: &Dictionaries) {
        self.suggest_spellings_until(dicts, None);
    }

    /// [`Findings::suggest_spellings`] until `deadline`: words not asked
    /// about by then keep no suggestion for now, and a later re-check (made
    /// from this one, so the words asked are not asked again) goes on where
    /// this stopped. Returns whether every misspelling was asked about.
    pub fn suggest_spellings_until(&mut self, dicts: &Dictionaries, deadline: Option<std::time::Instant>) -> bool {
        let cache = &mut self.cache.suggestions;
        for f in self.findings.iter_mut().filter(|f| f.kind == FindingKind::Spelling) {
            if let Some(s) = cache.get(&f.text) {
                f.suggestion = s.clone();
                continue;
            }
            if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                return false;
            }
            let s = dicts.suggest(&f.text);
            f.suggestion = s.clone();
            cache.insert(f.text.clone(), s);
        }
        true
    }
}

fn name_finding(name: &str, at: Occurrence) -> Finding {
    Finding {
        rule: "name".into(),
        kind: FindingKind::Name,
        severity: Severity::Suggestion,
        field: CheckedField::Body,
        paragraph: at.paragraph,
        start: at.start,
        end: at.end,
        text: name.to_string(),
        message: "A name no dictionary knows: check its spelling, then add it to the desk dictionary".into(),
        suggestion: None,
        also: Vec::new(),
    }
}

fn style_finding(rule: &style::Rule, field: CheckedField, paragraph: u32, text: &str, hit: style::Hit) -> Finding {
    Finding {
        rule: rule.id.to_string(),
        kind: FindingKind::Style,
        severity: rule.severity,
        field,
        paragraph,
        start: hit.start as u32,
        end: hit.end as u32,
        text: text[hit.start..hit.end].to_string(),
        message: rule.explanation.to_string(),
        suggestion: hit.suggestion,
        also: Vec::new(),
    }
}

/// What checking words needs during one check of a story: the
/// dictionaries, the story's credit words, and the verdicts given so far
/// (a word is looked up once a check).
struct Speller<'a> {
    dicts: &'a Dictionaries,
    credit_words: &'a HashSet<String>,
    verdicts: HashMap<String, Verdict>,
}

impl Speller<'_> {
    /// Spelling and name findings of a single-line field (headline, dek):
    /// no style rules, since AP headline style differs from the body's.
    fn line(&mut self, field: CheckedField, line: &str) -> Vec<Finding> {
        if line.trim().is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let r = self.spelling(line);
        for f in r.findings {
            out.push(Finding { field, ..f });
        }
        for (name, start, end) in r.names {
            if seen.insert(name.clone()) {
                let mut f = name_finding(
                    &name,
                    Occurrence {
                        paragraph: 0,
                        start,
                        end,
                    },
                );
                f.field = field;
                out.push(f);
            }
        }
        out
    }

    /// Spelling, names and the body's style rules of one paragraph.
    fn paragraph(&mut self, p: &str) -> ParagraphResult {
        let mut out = self.spelling(p);
        let mut hits = Vec::new();
        for (i, rule) in RULES.iter().enumerate() {
            hits.clear();
            style::paragraph_hits(i, p, &mut hits);
            for hit in hits.drain(..) {
                out.findings.push(style_finding(rule, CheckedField::Body, 0, p, hit));
            }
        }
        out
    }

    /// The misspellings (as body findings of paragraph 0) and unknown names
    /// of one paragraph or line.
    fn spelling(&mut self, p: &str) -> ParagraphResult {
        let mut out = ParagraphResult::default();
        for (start, word) in words(p) {
            let verdict = match self.verdicts.get(word) {
                Some(v) => *v,
                None => {
                    let v = self.dicts.verdict(word, self.credit_words);
                    self.verdicts.insert(word.to_string(), v);
                    v
                }
            };
            let end = (start + word.len()) as u32;
            match verdict {
                Verdict::Known => {}
                Verdict::Name => {
                    // "Nordvik's" is the name "Nordvik".
                    let name = word
                        .strip_suffix("'s")
                        .or_else(|| word.strip_suffix("’s"))
                        .filter(|n| n.chars().count() > 1)
                        .unwrap_or(word);
                    out.names
                        .push((name.to_string(), start as u32, (start + name.len()) as u32));
                }
                Verdict::Misspelled => out.findings.push(Finding {
                    rule: "spelling".into(),
                    kind: FindingKind::Spelling,
                    severity: Severity::Error,
                    field: CheckedField::Body,
                    paragraph: 0,
                    start: start as u32,
                    end,
                    text: word.to_string(),
                    message: "Not in the dictionary or the desk dictionary".into(),
                    // Filled by `Findings::suggest_spellings`: Hunspell's
                    // suggestions are slow, so the check itself makes none.
                    suggestion: None,
                    also: Vec::new(),
                }),
            }
        }
        out
    }
}

/// The words of a paragraph to spell-check, with their byte offsets: runs of
/// letters and inner apostrophes, split at hyphens and slashes. Skipped:
/// anything touching a digit ("3rd", "COVID-19"), single letters ("U.S."),
/// web and e-mail addresses, hashtags and handles.
pub(crate) fn words(p: &str) -> impl Iterator<Item = (usize, &str)> {
    p.split_whitespace()
        .filter(|chunk| {
            !(chunk.contains('@') || chunk.contains("://") || chunk.contains("www.") || chunk.starts_with('#'))
        })
        .flat_map(move |chunk| {
            let base = chunk.as_ptr() as usize - p.as_ptr() as usize;
            let touches_digit = chunk.contains(|c: char| c.is_ascii_digit());
            chunk
                .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’' || c.is_ascii_digit()))
                .filter(move |_| !touches_digit)
                .filter_map(move |w| {
                    let offset = w.as_ptr() as usize - chunk.as_ptr() as usize;
                    let trimmed = w.trim_start_matches(['\'', '’']);
                    let lead = w.len() - trimmed.len();
                    let t = trimmed.trim_end_matches(['\'', '’']);
                    // Keep a trailing apostrophe of a plural possessive ("voters'").
                    let t = if trimmed.len() > t.len() && t.ends_with('s') {
                        &trimmed[..t.len() + 1]
                    } else {
                        t
                    };
                    (t.chars().count() > 1).then_some((base + offset + lead, t))
                })
        })
}

#[cfg(test)]
mod tests;
