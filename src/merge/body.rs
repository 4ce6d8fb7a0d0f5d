//! The body's merge: paragraphs by identity (the base paragraph each one
//! descends from, or a new one's text) in the order `diff3` of those
//! identities gives, each paragraph both sides kept merged word by word.

use std::collections::HashMap;
use std::ops::Range;

use super::diff3::{diff3, Chunk, Side};
use super::text::merge_text;
use super::{keys, Answer, ConflictKind, Key, Merger, Take};
use crate::diff::Comparison;
use crate::model::StoryContent;

/// The merged body, and where each paragraph identity landed in it.
pub(super) fn merge_body(
    m: &mut Merger,
    base: &StoryContent,
    theirs: &StoryContent,
    ours: &StoryContent,
    ct: &Comparison,
    co: &Comparison,
) -> (Vec<String>, HashMap<Key, usize>) {
    let mut body = Body::new(&base.body, &theirs.body, &ours.body, keys(ct), keys(co));
    let chunks = diff3(&body.kb, &body.kt, &body.ko);
    body.count_taken(&chunks);
    for chunk in chunks {
        match chunk {
            Chunk::Stable(r) => body.take(m, body.kb[r.clone()].to_vec(), r),
            Chunk::Take {
                side: Side::Theirs,
                range,
                base,
            } => body.take(m, body.kt[range].to_vec(), base),
            Chunk::Take {
                side: Side::Ours,
                range,
                base,
            } => body.take(m, body.ko[range].to_vec(), base),
            Chunk::Conflict { base, theirs, ours } => body.conflict(m, base, theirs, ours),
        }
    }
    (body.out, body.place)
}

/// The three bodies, each paragraph's identity, and the merged body so far.
struct Body<'a> {
    base: &'a [String],
    theirs: &'a [String],
    ours: &'a [String],
    kb: Vec<Key>,
    kt: Vec<Key>,
    ko: Vec<Key>,
    /// Where each base paragraph is on each side, if it still is.
    at_t: Vec<Option<usize>>,
    at_o: Vec<Option<usize>>,
    /// How often each base paragraph occurs in what the chunks take: 0 when
    /// a side deleted it, 2 when both moved it, to different places.
    occurs: Vec<u32>,
    placed: Vec<bool>,
    out: Vec<String>,
    place: HashMap<Key, usize>,
}

impl<'a> Body<'a> {
    fn new(base: &'a [String], theirs: &'a [String], ours: &'a [String], kt: Vec<Key>, ko: Vec<Key>) -> Body<'a> {
        let positions = |keys: &[Key]| {
            let mut at = vec![None; base.len()];
            for (j, k) in keys.iter().enumerate() {
                if let Key::Base(i) = k {
                    at[*i] = Some(j);
                }
            }
            at
        };
        Body {
            base,
            theirs,
            ours,
            kb: (0..base.len()).map(Key::Base).collect(),
            at_t: positions(&kt),
            at_o: positions(&ko),
            kt,
            ko,
            occurs: vec![0; base.len()],
            placed: vec![false; base.len()],
            out: Vec::new(),
            place: HashMap::new(),
        }
    }

    fn count_taken(&mut self, chunks: &[Chunk]) {
        for c in chunks {
            let taken: &[Key] = match c {
                Chunk::Stable(r) => &self.kb[r.clone()],
                Chunk::Take {
                    side: Side::Theirs,
                    range,
                    ..
                } => &self.kt[range.clone()],
                Chunk::Take {
                    side: Side::Ours,
                    range,
                    ..
                } => &self.ko[range.clone()],
                Chunk::Conflict { .. } => &[],
            };
            for k in taken {
                if let Key::Base(i) = k {
                    self.occurs[*i] += 1;
                }
            }
        }
    }

    fn text_t(&self, i: usize) -> Option<&'a str> {
        self.at_t[i].map(|j| self.theirs[j].as_str())
    }

    fn text_o(&self, i: usize) -> Option<&'a str> {
        self.at_o[i].map(|j| self.ours[j].as_str())
    }

    /// Paragraph numbers in conflicts are those of the latest revision
    /// (theirs), which is what the desk has been reading.
    fn label(&self, i: usize) -> String {
        match self.at_t[i] {
            Some(j) => format!("paragraph {}", j + 1),
            None => "a paragraph".to_string(),
        }
    }

    /// Appends `text`'s paragraphs, `key` placed at the first.
    fn append(&mut self, key: Key, text: &str) {
        self.place.insert(key, self.out.len());
        self.out.extend(crate::text::paragraphs(text));
    }

    /// Both sides changed the same stretch in different ways.
    fn conflict(&mut self, m: &mut Merger, b: Range<usize>, t: Range<usize>, o: Range<usize>) {
        let tt = self.theirs[t.clone()].to_vec();
        let oo = self.ours[o.clone()].to_vec();
        let bb = self.base[b.clone()].to_vec();
        for k in self.kt[t.clone()].iter().chain(&self.ko[o]).chain(&self.kb[b]) {
            if let Key::Base(i) = k {
                self.placed[*i] = true;
            }
        }
        let where_ = match (t.len(), t.start) {
            (0, s) => format!("after paragraph {s}"),
            (1, s) => format!("paragraph {}", s + 1),
            (n, s) => format!("paragraphs {}–{}", s + 1, s + n),
        };
        let answer = m.conflict(
            ConflictKind::Paragraph,
            where_,
            bb.join("\n\n"),
            tt.join("\n\n"),
            oo.join("\n\n"),
            &[Take::Mine, Take::Theirs, Take::Both, Take::Edit],
        );
        let start = self.out.len();
        match answer {
            Some(Answer::Mine) => self.out.extend(oo),
            Some(Answer::Both) => self.out.extend(tt.into_iter().chain(oo)),
            Some(Answer::Edit(text)) => self.out.extend(crate::text::paragraphs(&text)),
            _ => self.out.extend(tt),
        }
        let last = self.out.len().saturating_sub(1);
        for (n, k) in self.kt[t].iter().enumerate() {
            self.place.entry(k.clone()).or_insert((start + n).min(last));
        }
    }

    /// The paragraphs one side's chunk takes (`base_range` is the stretch of
    /// the base it replaces).
    fn take(&mut self, m: &mut Merger, taken: Vec<Key>, base_range: Range<usize>) {
        for i in base_range {
            self.rescue_deleted_edit(m, i);
        }
        for k in taken {
            match k {
                Key::New(text) => {
                    self.place.insert(Key::New(text.clone()), self.out.len());
                    self.out.push(text);
                }
                // Moved by both sides to different places: the first place
                // holds the conflict.
                Key::Base(i) if self.placed[i] => {}
                Key::Base(i) if self.occurs[i] > 1 => {
                    self.placed[i] = true;
                    self.moved_apart(m, i);
                }
                Key::Base(i) => {
                    self.placed[i] = true;
                    self.kept(m, i);
                }
            }
        }
    }

    /// A base paragraph of the chunk that the taken side deleted while the
    /// other side edited it: the edit must not vanish unseen.
    fn rescue_deleted_edit(&mut self, m: &mut Merger, i: usize) {
        if self.occurs[i] > 0 || self.placed[i] {
            return;
        }
        let (t, o) = (self.text_t(i), self.text_o(i));
        let edited = |s: Option<&str>| s.is_some_and(|s| s != self.base[i]);
        if !edited(t) && !edited(o) {
            return;
        }
        self.placed[i] = true;
        let answer = m.conflict(
            ConflictKind::Paragraph,
            format!("{} (deleted on one side, edited on the other)", self.label(i)),
            self.base[i].clone(),
            t.unwrap_or("").to_string(),
            o.unwrap_or("").to_string(),
            &[Take::Mine, Take::Theirs, Take::Edit],
        );
        let keep = match answer {
            Some(Answer::Mine) => o.map(str::to_string),
            Some(Answer::Edit(text)) => Some(text),
            _ => t.map(str::to_string),
        };
        if let Some(text) = keep {
            self.append(Key::Base(i), &text);
        }
    }

    /// A base paragraph both sides moved, to different places.
    fn moved_apart(&mut self, m: &mut Merger, i: usize) {
        let (t, o) = (self.text_t(i), self.text_o(i));
        let base: &'a [String] = self.base;
        let b = base[i].as_str();
        let text = merge_text(b, t.unwrap_or(b), o.unwrap_or(b), m.deadline);
        let answer = m.conflict(
            ConflictKind::Paragraph,
            format!("{} (moved to different places on each side)", self.label(i)),
            b.to_string(),
            t.unwrap_or("").to_string(),
            o.unwrap_or("").to_string(),
            &[Take::Mine, Take::Theirs, Take::Edit],
        );
        let keep = match answer {
            Some(Answer::Mine) => o.unwrap_or(b).to_string(),
            Some(Answer::Edit(text)) => text,
            _ => text.unwrap_or_else(|| t.unwrap_or(b).to_string()),
        };
        self.append(Key::Base(i), &keep);
    }

    /// A base paragraph in its one place: merged when both sides kept it.
    /// Kept by one side only, the other deleted it: an untouched paragraph
    /// goes with the deletion; an edited one is a conflict.
    fn kept(&mut self, m: &mut Merger, i: usize) {
        let (t, o) = (self.text_t(i), self.text_o(i));
        let base: &'a [String] = self.base;
        let b = base[i].as_str();
        let merged = match (t, o) {
            (Some(t), Some(o)) => merge_text(b, t, o, m.deadline).ok_or((t, o)),
            (Some(kept), None) | (None, Some(kept)) if kept == b => return,
            (Some(t), None) => Err((t, "")),
            (None, Some(o)) => Err(("", o)),
            (None, None) => Ok(b.to_string()),
        };
        let text = match merged {
            Ok(text) => text,
            Err((t, o)) => {
                let what = if t.is_empty() || o.is_empty() {
                    " (deleted on one side, edited on the other)"
                } else {
                    ""
                };
                let answer = m.conflict(
                    ConflictKind::Paragraph,
                    format!("{}{what}", self.label(i)),
                    b.to_string(),
                    t.to_string(),
                    o.to_string(),
                    if what.is_empty() {
                        &[Take::Mine, Take::Theirs, Take::Both, Take::Edit]
                    } else {
                        &[Take::Mine, Take::Theirs, Take::Edit]
                    },
                );
                match answer {
                    Some(Answer::Mine) => o.to_string(),
                    Some(Answer::Both) => format!("{t}\n\n{o}"),
                    Some(Answer::Edit(text)) => text,
                    _ => t.to_string(),
                }
            }
        };
        self.append(Key::Base(i), &text);
    }
}
