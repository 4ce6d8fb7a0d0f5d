//! Spelling: the system's Hunspell dictionary (read by `spellbook`, a
//! Hunspell-compatible checker in Rust) plus the desk's own words — the desk
//! dictionary and every name in the people directory and the story's credits.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// The environment variable naming a `.dic` file to use instead of the
/// system's (its `.aff` beside it).
pub const DICTIONARY_ENV: &str = "COPYDESK_DICTIONARY";

/// Where Debian and its relatives install `hunspell-en-us`.
pub const SYSTEM_DICTIONARIES: &[&str] = &[
    "/usr/share/hunspell/en_US.dic",
    "/usr/share/myspell/en_US.dic",
    "/usr/share/myspell/dicts/en_US.dic",
];

/// Every set of dictionaries gets its own generation, so findings cached
/// under one are never reused under another (a word added, say).
static GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// What a word is to the spelling check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Known,
    Misspelled,
    /// Capitalised and unknown: a name for the desk to verify.
    Name,
}

/// The dictionaries a check uses: Hunspell's and the desk's words.
pub struct Dictionaries {
    hunspell: spellbook::Dictionary,
    /// The desk's words, lowercased.
    desk: HashSet<String>,
    generation: u64,
}

impl std::fmt::Debug for Dictionaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionaries")
            .field("desk_words", &self.desk.len())
            .finish()
    }
}

impl Dictionaries {
    /// The system's en_US Hunspell dictionary ($COPYDESK_DICTIONARY first),
    /// or [`Error::NoDictionary`] saying what to install.
    pub fn system() -> Result<Dictionaries> {
        let mut looked = Vec::new();
        let mut candidates: Vec<PathBuf> = Vec::new();
        if let Some(p) = std::env::var_os(DICTIONARY_ENV).filter(|p| !p.is_empty()) {
            candidates.push(PathBuf::from(p));
        }
        candidates.extend(SYSTEM_DICTIONARIES.iter().map(PathBuf::from));
        for dic in candidates {
            if dic.is_file() && dic.with_extension("aff").is_file() {
                return Dictionaries::from_files(&dic);
            }
            looked.push(dic.display().to_string());
        }
        Err(Error::NoDictionary {
            looked: looked.join(", "),
        })
    }

    /// A Hunspell dictionary from its `.dic` file, the `.aff` beside it.
    pub fn from_files(dic: &Path) -> Result<Dictionaries> {
        let read = |p: &Path| {
            std::fs::read(p)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| Error::Unreadable {
                    path: p.to_path_buf(),
                    reason: e.to_string(),
                })
        };
        let aff = read(&dic.with_extension("aff"))?;
        let words = read(dic)?;
        Dictionaries::from_strings(&aff, &words).map_err(|e| match e {
            Error::Invalid(reason) => Error::Unreadable {
                path: dic.to_path_buf(),
                reason,
            },
            e => e,
        })
    }

    /// A Hunspell dictionary from the texts of its `.aff` and `.dic` files.
    pub fn from_strings(aff: &str, dic: &str) -> Result<Dictionaries> {
        let hunspell = spellbook::Dictionary::new(aff, dic)
            .map_err(|e| Error::Invalid(format!("not a Hunspell dictionary: {e}")))?;
        Ok(Dictionaries {
            hunspell,
            desk: HashSet::new(),
            generation: next_generation(),
        })
    }

    /// Replaces the desk's words (the desk dictionary and the names of the
    /// people directory; a name counts word by word).
    pub fn set_desk_words<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.desk.clear();
        for w in words {
            self.insert_desk_word(w.as_ref());
        }
        self.generation = next_generation();
    }

    /// Adds one word (or each word of a name) to the desk's words.
    pub fn add_desk_word(&mut self, word: &str) {
        self.insert_desk_word(word);
        self.generation = next_generation();
    }

    fn insert_desk_word(&mut self, name: &str) {
        for part in name.split(|c: char| c.is_whitespace() || c == '-' || c == '/') {
            let w = normalize(part.trim_matches(|c: char| !c.is_alphanumeric()));
            if !w.is_empty() {
                self.desk.insert(w.to_lowercase());
                if let Some(stem) = possessive_stem(&w) {
                    self.desk.insert(stem.to_lowercase());
                }
            }
        }
    }

    /// Changes whenever the words known change.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the desk's words hold `word` (any case).
    pub fn desk_knows(&self, word: &str) -> bool {
        self.desk.contains(&normalize(word).to_lowercase())
    }

    /// What `word` (letters and apostrophes, no digits) is to the check;
    /// `extra` are the words of the story's own credits.
    pub(crate) fn verdict(&self, word: &str, extra: &HashSet<String>) -> Verdict {
        let w = normalize(word);
        let stem = possessive_stem(&w);
        let known_by_desk = |s: &str| {
            let lower = s.to_lowercase();
            self.desk.contains(&lower) || extra.contains(&lower)
        };
        if self.hunspell.check(&w)
            || known_by_desk(&w)
            || stem.is_some_and(|s| self.hunspell.check(s) || known_by_desk(s))
        {
            return Verdict::Known;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            Verdict::Name
        } else {
            Verdict::Misspelled
        }
    }

    /// Hunspell's first suggestion for a misspelled word.
    pub fn suggest(&self, word: &str) -> Option<String> {
        let mut out = Vec::new();
        self.hunspell.suggest(&normalize(word), &mut out);
        out.into_iter().next()
    }
}

/// Curly apostrophes as straight ones, as Hunspell's en_US words have them.
fn normalize(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('’') {
        word.replace('’', "'").into()
    } else {
        word.into()
    }
}

/// "Nordvik's" → "Nordvik"; "Smiths'" → "Smiths".
fn possessive_stem(w: &str) -> Option<&str> {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("'S"))
        .or_else(|| w.strip_suffix('\''))
}

/// The story's credited names, word by word, lowercased.
pub(crate) fn credit_words(content: &crate::model::StoryContent) -> HashSet<String> {
    let mut out = HashSet::new();
    let names = content
        .credits
        .iter()
        .map(|c| c.name.as_str())
        .chain(content.photos.iter().filter_map(|p| p.photographer.as_deref()));
    for name in names {
        for part in name.split(|c: char| c.is_whitespace() || c == '-') {
            let w = normalize(part.trim_matches(|c: char| !c.is_alphanumeric()));
            if !w.is_empty() {
                out.insert(w.to_lowercase());
            }
        }
    }
    out
}
