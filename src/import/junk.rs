//! What counts as web-page junk in a pasted story: one table of line
//! patterns and the reason an editor is shown. Junk is set aside (flagged),
//! never dropped, so any rule here can be undone by the editor.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

/// What a matching line does besides being set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Just this line.
    Line,
    /// A "more stories" heading or promo: the short headline-like lines that
    /// follow it are teasers of other stories, and are set aside too.
    Promo,
}

/// (pattern matched against the whole line, case-insensitive; reason; kind)
pub const RULES: &[(&str, &str, Kind)] = &[
    (
        r"exit mobile version|skip to (main )?content|skip to navigation|back to top|toggle navigation|open menu|close menu|menu|search",
        "site navigation",
        Kind::Line,
    ),
    (
        r"advertisement|ad|sponsored( content)?|paid content|story continues below( advertisement)?|scroll to continue( with content)?",
        "advertising label",
        Kind::Line,
    ),
    (
        r"share( this( story| article)?)?:?|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|copy( link)?|link copied|e-?mail|print",
        "share button",
        Kind::Line,
    ),
    // WordPress sharing and like widgets, as their text reads when copied.
    (
        r"click to (share on [a-z0-9 .+]{1,30}|email a link to a friend|e-?mail|print)( \(opens in new window\))?",
        "share button",
        Kind::Line,
    ),
    (
        r"like this:?|like loading(\.\.\.|…)|loading(\.\.\.|…)",
        "like button or loading placeholder",
        Kind::Line,
    ),
    (
        r"bc-[a-z]{2,5}-{1,2}[a-z0-9][a-z0-9-]*(,\s?\d{2,5})?",
        "wire slug line",
        Kind::Line,
    ),
    (
        r"read more|newsletter|(sign up|subscribe)\b[^.!?]{0,80}|(sign up|subscribe)\b.{0,60}\b(newsletters?|inbox|e-?mail|alerts?|updates|wire|briefing|digest)\b.{0,40}|get the (latest|news).{0,60}(in|to) your inbox\.?",
        "newsletter or subscription prompt",
        Kind::Line,
    ),
    (r"\d{1,3} of \d{1,3}", "photo gallery counter", Kind::Line),
    (r"\d{1,2} min(ute)? read", "reading-time label", Kind::Line),
    (
        r"our standards: the thomson reuters trust principles\.?",
        "publisher boilerplate",
        Kind::Line,
    ),
    (
        r"(updated|published|posted|last updated)( on| at)?:?\s+((\d{1,2}:\d{2}\s*[ap]\.?m\.?)(\s+[a-z]{2,4})?(,?\s+(on\s+)?(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)?(,?\s+{MONTH}\.? \d{1,2}(,? \d{4})?)?|{MONTH}\.? \d{1,2},? \d{4}(,? (at )?\d{1,2}:\d{2}\s*[ap]\.?m\.?(\s+[a-z]{2,4})?)?|\d+ (minutes?|hours?|days?) ago)",
        "page timestamp",
        Kind::Line,
    ),
    (
        r"{MONTH}\.? \d{1,2},? \d{4},? \d{1,2}:\d{2}\s*[ap]\.?m\.?(\s+[a-z]{2,4})?(\s+updated(\s+\d+ (minutes?|hours?|days?) ago)?)?",
        "page timestamp",
        Kind::Line,
    ),
    (
        r"related|related (stories|coverage|articles|content|news)|most (read|popular|viewed)|more from (ap|the associated press|reuters)|more (stories|news|coverage)|top stories|trending( now| stories)?|recommended( stories| for you)?|you (may|might) also like|editor'?s picks|latest news|read next|in other news",
        "\"more stories\" heading",
        Kind::Promo,
    ),
    (
        r"u\.s\. & world|world & nation|nation & world",
        SECTION_PROMO,
        Kind::Promo,
    ),
    (
        r"stories that affect your life across the u\.s\. and around the world\.?",
        SECTION_PROMO,
        Kind::Promo,
    ),
];

/// Reason given to a section label promoting other stories; at the top of a
/// page, right above the headline, the same label is the story's section.
pub const SECTION_PROMO: &str = "section promo";

/// Reason given to a teaser headline of another story.
pub const TEASER: &str = "headline of another story (teaser)";

static COMPILED: LazyLock<Vec<(Regex, &'static str, Kind)>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|(p, reason, kind)| {
            let re = RegexBuilder::new(&format!("^(?:{})$", crate::months::expand(p)))
                .case_insensitive(true)
                .build()
                .expect("junk rule");
            (re, *reason, *kind)
        })
        .collect()
});

/// The rule a line matches, if it is junk.
pub fn classify(line: &str) -> Option<(&'static str, Kind)> {
    let t = line.trim();
    if t.is_empty() || t.len() > 160 || t.contains('\n') {
        return None;
    }
    COMPILED
        .iter()
        .find(|(re, _, _)| re.is_match(t))
        .map(|(_, r, k)| (*r, *k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rules() {
        assert_eq!(classify("Exit mobile version"), Some(("site navigation", Kind::Line)));
        assert_eq!(classify("ADVERTISEMENT"), Some(("advertising label", Kind::Line)));
        assert_eq!(classify("Copy link"), Some(("share button", Kind::Line)));
        for t in [
            "Sign up for our morning newsletter",
            "Sign up for AP’s Morning Wire newsletter.",
            "Subscribe",
            "Subscribe for $1 a week",
        ] {
            assert_eq!(
                classify(t),
                Some(("newsletter or subscription prompt", Kind::Line)),
                "{t}"
            );
        }
        for t in [
            "Share this:",
            "Click to share on Facebook (Opens in new window)",
            "Click to share on X (Opens in new window)",
            "Click to email a link to a friend (Opens in new window)",
            "Click to print (Opens in new window)",
        ] {
            assert_eq!(classify(t), Some(("share button", Kind::Line)), "{t}");
        }
        for t in ["Like this:", "Like Loading...", "Loading...", "Loading…"] {
            assert_eq!(
                classify(t),
                Some(("like button or loading placeholder", Kind::Line)),
                "{t}"
            );
        }
        assert_eq!(
            classify("BC-EU--Netherlands-Dikes,420"),
            Some(("wire slug line", Kind::Line))
        );
        assert_eq!(classify("Related").map(|r| r.1), Some(Kind::Promo));
        assert_eq!(classify("1 of 12"), Some(("photo gallery counter", Kind::Line)));
        for t in [
            "Updated 3:42 PM EST, November 27, 2024",
            "Updated 10:15 a.m. EDT, Sept. 3, 2024",
            "Published November 27, 2024",
            "Posted on Nov. 27, 2024 at 9:05 pm",
            "Updated 2 hours ago",
            "November 27, 2024 9:05 AM UTC Updated 2 hours ago",
        ] {
            assert_eq!(classify(t), Some(("page timestamp", Kind::Line)), "{t}");
        }
        assert_eq!(classify("Most read").map(|r| r.1), Some(Kind::Promo));
        assert_eq!(classify("U.S. & World").map(|r| r.1), Some(Kind::Promo));
        assert_eq!(
            classify("Stories that affect your life across the U.S. and around the world.").map(|r| r.1),
            Some(Kind::Promo)
        );
    }

    #[test]
    fn body_sentences_are_not_junk() {
        for s in [
            "Share prices fell 3% on Monday.",
            "Updated figures released Tuesday showed 12 deaths.",
            "Subscribers to the service were told on Monday that prices would rise.",
            "Email records show the mayor knew.",
            "Related: the mayor said nothing.",
            "The search went on for three days.",
            "Sign up to vote by Oct. 5, officials urged residents.",
            "Updated prices 12 2024 said.",
            "Posted on Monday, the notice said the road would close.",
            "Click to share on Facebook, the app told users, and many did.",
            "Loading the ships took three days.",
            "Like this: the minister held up a map.",
            "BC students protested on Monday.",
        ] {
            assert_eq!(classify(s), None, "{s}");
        }
    }
}
