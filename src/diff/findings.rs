//! What a revision introduced or fixed, as the text check sees it: given the
//! findings of both sides of a comparison, the findings only the newer side
//! has (introduced) and those only the older side had (fixed) — "r5
//! introduced 2 style issues, fixed 1".
//!
//! Findings are matched by rule and flagged text, not by position: an edit
//! elsewhere in a paragraph moves a finding without fixing it. Two equal
//! findings on one side and one on the other count as one introduced.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::{Finding, FindingCounts, FindingKind, Findings};

/// The findings a revision introduced and fixed relative to another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingChanges {
    /// In the newer side only, with its positions.
    pub introduced: Vec<Finding>,
    /// In the older side only, with the older side's positions.
    pub fixed: Vec<Finding>,
    pub introduced_counts: FindingCounts,
    pub fixed_counts: FindingCounts,
    /// One line: "r5 introduced 2 style issues, fixed 1".
    pub summary: String,
}

/// What `newer` (called `label` in the summary, "r5") introduced and fixed
/// relative to `older`.
pub fn finding_changes(older: &Findings, newer: &Findings, label: &str) -> FindingChanges {
    let introduced = only_in(&newer.findings, &older.findings);
    let fixed = only_in(&older.findings, &newer.findings);
    let introduced_counts = FindingCounts::of(&introduced);
    let fixed_counts = FindingCounts::of(&fixed);
    let summary = summary(label, &introduced_counts, &fixed_counts);
    FindingChanges {
        introduced,
        fixed,
        introduced_counts,
        fixed_counts,
        summary,
    }
}

fn key(f: &Finding) -> (&str, FindingKind, &str) {
    (f.rule.as_str(), f.kind, f.text.as_str())
}

/// The findings of `a` beyond those of `b`, matched by rule and text.
fn only_in(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    let mut available: HashMap<_, usize> = HashMap::new();
    for f in b {
        *available.entry(key(f)).or_default() += 1;
    }
    a.iter()
        .filter(|f| match available.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

fn total(c: &FindingCounts) -> u32 {
    c.spelling + c.names + c.style
}

/// "2 style issues", "1 spelling error and 1 name to check".
fn describe(c: &FindingCounts) -> String {
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if c.spelling > 0 {
        parts.push(plural(c.spelling, "spelling error", "spelling errors"));
    }
    if c.style > 0 {
        parts.push(plural(c.style, "style issue", "style issues"));
    }
    if c.names > 0 {
        parts.push(plural(c.names, "name to check", "names to check"));
    }
    match parts.len() {
        0 => "nothing".into(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().expect("two or more");
            format!("{} and {last}", parts.join(", "))
        }
    }
}

fn summary(label: &str, introduced: &FindingCounts, fixed: &FindingCounts) -> String {
    let (i, f) = (total(introduced), total(fixed));
    match (i, f) {
        (0, 0) => format!("{label} introduced and fixed nothing the check finds"),
        (_, 0) => format!("{label} introduced {}", describe(introduced)),
        (0, _) => format!("{label} fixed {}", describe(fixed)),
        _ => {
            // "fixed 1" when the kinds are the same single kind as introduced.
            let same_kind = |a: &FindingCounts, b: &FindingCounts| {
                (a.spelling > 0) == (b.spelling > 0) && (a.style > 0) == (b.style > 0) && (a.names > 0) == (b.names > 0)
            };
            let single_kind = [introduced.spelling, introduced.style, introduced.names]
                .iter()
                .filter(|n| **n > 0)
                .count()
                == 1;
            let fixed_text = if single_kind && same_kind(introduced, fixed) {
                f.to_string()
            } else {
                describe(fixed)
            };
            format!("{label} introduced {}, fixed {fixed_text}", describe(introduced))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_story, Dictionaries};
    use crate::StoryContent;

    fn findings(body: &[&str]) -> Findings {
        static D: std::sync::OnceLock<Dictionaries> = std::sync::OnceLock::new();
        let d = D.get_or_init(|| Dictionaries::system().expect("hunspell-en-us is installed"));
        check_story(&StoryContent::new("H", body.iter().map(|s| s.to_string()).collect()), d)
    }

    #[test]
    fn a_revision_introduces_and_fixes_findings_by_rule_and_text() {
        let older = findings(&["The budget rose 5 percent on September 13.", "The council met."]);
        let newer = findings(&[
            "The budget rose 5% on September 13.",
            "The council met at 10 AM in the US capitol.",
            "Extra text moves nothing.",
        ]);
        let c = finding_changes(&older, &newer, "r5");
        let intro: Vec<_> = c
            .introduced
            .iter()
            .map(|f| (f.rule.as_str(), f.text.as_str()))
            .collect();
        let fixed: Vec<_> = c.fixed.iter().map(|f| (f.rule.as_str(), f.text.as_str())).collect();
        assert_eq!(intro, vec![("am-pm", "10 AM"), ("us", "US")]);
        assert_eq!(fixed, vec![("percent-sign", "5 percent")]);
        assert_eq!(c.summary, "r5 introduced 2 style issues, fixed 1");
    }

    #[test]
    fn summaries_name_the_kinds() {
        let older = findings(&["The councel met."]);
        let newer = findings(&["The council met on September 13."]);
        assert_eq!(
            finding_changes(&older, &newer, "r3").summary,
            "r3 introduced 1 style issue, fixed 1 spelling error"
        );
        assert_eq!(
            finding_changes(&newer, &newer, "r3").summary,
            "r3 introduced and fixed nothing the check finds"
        );
        assert_eq!(
            finding_changes(&newer, &older, "r2").summary,
            "r2 introduced 1 spelling error, fixed 1 style issue"
        );
        let clean = findings(&["The council met."]);
        assert_eq!(
            finding_changes(&older, &clean, "r4").summary,
            "r4 fixed 1 spelling error"
        );
    }

    #[test]
    fn a_moved_finding_is_neither_introduced_nor_fixed() {
        let older = findings(&["The councel met.", "Other text."]);
        let newer = findings(&["Other text.", "Then the councel met again."]);
        let c = finding_changes(&older, &newer, "r2");
        assert!(c.introduced.is_empty() && c.fixed.is_empty(), "{c:?}");
    }
}
