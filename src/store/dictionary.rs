//! The desk dictionary: words the spelling check accepts for everyone using
//! this database, on top of the system's Hunspell dictionary, and the names
//! of the people directory, which are known words too.

use rusqlite::params;

use super::stories::now;
use super::Store;
use crate::error::{Error, Result};
use crate::revision::clean_label;

/// The longest word the desk dictionary takes: a word, not a paragraph.
const MAX_DESK_WORD: usize = 64;

impl Store {
    /// Adds `word` to the desk dictionary. A word already there (in any
    /// case) is kept once; returns whether it was new.
    pub fn add_desk_word(&mut self, word: &str, author: &str) -> Result<bool> {
        let word = desk_word(word)?;
        let by = clean_label(Some(author)).unwrap_or_else(crate::revision::default_author);
        let n = self.db(self.conn.execute(
            "INSERT INTO desk_words (word, added_by, added_at) VALUES (?1, ?2, ?3) ON CONFLICT (word) DO NOTHING",
            params![word, by, now()],
        ))?;
        Ok(n == 1)
    }

    /// Takes `word` out of the desk dictionary; returns whether it was there.
    pub fn remove_desk_word(&mut self, word: &str) -> Result<bool> {
        let n = self.db(self
            .conn
            .execute("DELETE FROM desk_words WHERE word = ?1", [word.trim()]))?;
        Ok(n == 1)
    }

    /// The desk dictionary, alphabetically.
    pub fn desk_words(&self) -> Result<Vec<String>> {
        let mut st = self.db(self
            .conn
            .prepare_cached("SELECT word FROM desk_words ORDER BY word COLLATE NOCASE"))?;
        let rows = self.db(st.query_map([], |r| r.get::<_, String>(0)))?;
        rows.map(|r| self.db(r)).collect()
    }

    /// Every name in the people directory (everyone ever credited).
    pub fn people_names(&self) -> Result<Vec<String>> {
        let mut st = self.db(self.conn.prepare_cached("SELECT name FROM people ORDER BY name"))?;
        let rows = self.db(st.query_map([], |r| r.get::<_, String>(0)))?;
        rows.map(|r| self.db(r)).collect()
    }

    /// How many desk words and people there are: when it changes, the
    /// spelling check's words are out of date (a save adds people).
    pub fn known_words_count(&self) -> Result<u64> {
        self.db(self.conn.query_row(
            "SELECT (SELECT count(*) FROM desk_words) + (SELECT count(*) FROM people)",
            [],
            |r| r.get::<_, i64>(0),
        ))
        .map(|n| n as u64)
    }

    /// What the spelling check should know besides Hunspell's words: the desk
    /// dictionary and every word of every name in the people directory.
    pub fn known_words(&self) -> Result<Vec<String>> {
        let mut words = self.desk_words()?;
        words.extend(self.people_names()?);
        Ok(words)
    }
}

/// A word fit for the desk dictionary: one word (letters, apostrophes,
/// hyphens, periods), trimmed of surrounding punctuation.
fn desk_word(word: &str) -> Result<String> {
    let w = word.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return Err(Error::Invalid(format!("{word:?} is not a word")));
    }
    if w.chars().count() > MAX_DESK_WORD {
        return Err(Error::Invalid(format!(
            "a desk word has at most {MAX_DESK_WORD} characters"
        )));
    }
    if !w
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.'))
    {
        return Err(Error::Invalid(format!(
            "{w:?} is not one word: add words one at a time (letters, apostrophes, hyphens)"
        )));
    }
    Ok(w.to_string())
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_word_is_stored_once_whatever_its_case() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(s.add_desk_word("Tromso", "ed").unwrap());
        assert!(!s.add_desk_word("tromso", "ed").unwrap());
        assert!(!s.add_desk_word(" Tromso, ", "ed").unwrap());
        assert_eq!(s.desk_words().unwrap(), vec!["Tromso"]);
        assert_eq!(s.known_words_count().unwrap(), 1);
        assert!(s.remove_desk_word("TROMSO").unwrap());
        assert!(s.desk_words().unwrap().is_empty());
    }

    #[test]
    fn only_single_words_are_taken() {
        let mut s = Store::open_in_memory().unwrap();
        for not_a_word in ["two words", "  "] {
            let e = s.add_desk_word(not_a_word, "ed").unwrap_err();
            assert!(matches!(e, crate::Error::Invalid(_)), "{not_a_word:?}: {e:?}");
        }
        assert!(s.add_desk_word("O'Rourke-Smith", "ed").unwrap());
    }
}
