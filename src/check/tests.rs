use std::sync::OnceLock;

use super::*;
use crate::model::{Credit, Role, StoryContent};

/// The system dictionary, loaded once for all tests (`hunspell-en-us`,
/// installed by scripts/lib.sh).
fn system() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::system().expect("hunspell-en-us is installed (scripts/lib.sh)"))
}

fn story(body: &[&str]) -> StoryContent {
    StoryContent::new("Headline", body.iter().map(|s| s.to_string()).collect())
}

fn of_kind(f: &Findings, kind: FindingKind) -> Vec<(u32, &str)> {
    f.findings
        .iter()
        .filter(|x| x.kind == kind)
        .map(|x| (x.paragraph, x.text.as_str()))
        .collect()
}

#[test]
fn misspellings_are_found_with_a_suggestion_and_good_words_pass() {
    let mut f = check_story(
        &story(&["The councel voted on the budgett after a long debate."]),
        system(),
    );
    assert!(
        f.findings.iter().all(|x| x.suggestion.is_none()),
        "the check makes no suggestions"
    );
    f.suggest_spellings(system());
    assert_eq!(of_kind(&f, FindingKind::Spelling), vec![(0, "councel"), (0, "budgett")]);
    let first = &f.findings[0];
    assert_eq!((first.start, first.end), (4, 11));
    assert!(first.suggestion.is_some());
    assert_eq!(f.counts.spelling, 2);
}

#[test]
fn words_in_quotes_are_checked_like_the_rest() {
    let f = check_story(
        &story(&["“We will recieve the money,” she said. 'Teh end,' he said."]),
        system(),
    );
    let spelled: Vec<_> = of_kind(&f, FindingKind::Spelling).into_iter().map(|(_, t)| t).collect();
    assert_eq!(spelled, vec!["recieve"]);
    // Capitalised, so a name to check rather than a misspelling.
    assert_eq!(of_kind(&f, FindingKind::Name), vec![(0, "Teh")]);
}

#[test]
fn an_unknown_capitalised_word_is_a_name_listed_once_with_its_places() {
    let f = check_story(
        &story(&[
            "Kari Nordvik spoke first.",
            "Then Nordvik's deputy spoke, and Nordvik left.",
        ]),
        system(),
    );
    let names: Vec<_> = f.findings.iter().filter(|x| x.kind == FindingKind::Name).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(names[0].text, "Nordvik");
    assert_eq!((names[0].paragraph, names[0].start), (0, 5));
    assert_eq!(names[0].also.len(), 2, "the possessive counts as the name");
    assert_eq!(f.counts.names, 1);
    assert_eq!(f.counts.spelling, 0);
}

#[test]
fn credited_names_and_desk_words_are_known() {
    let mut content = story(&["Kari Nordvik met Jon Sigurdsson in Tromso."]);
    content.credits = vec![Credit {
        name: "Kari Nordvik".into(),
        role: Role::Author,
        ..Default::default()
    }];
    let mut dicts = Dictionaries::system().unwrap();
    let f = check_story(&content, &dicts);
    let names: Vec<_> = of_kind(&f, FindingKind::Name).into_iter().map(|(_, t)| t).collect();
    assert_eq!(names, vec!["Sigurdsson", "Tromso"]);
    dicts.set_desk_words(["Jon Sigurdsson", "tromso"]);
    let f = check_story(&content, &dicts);
    assert!(of_kind(&f, FindingKind::Name).is_empty(), "{:?}", f.findings);
}

#[test]
fn addresses_figures_and_abbreviations_are_not_spelling() {
    let f = check_story(
        &story(&["See www.example.com or write to desk@example.com; the U.S. plan starts at 9 a.m. in the 1990s with COVID-19 rules."]),
        system(),
    );
    assert_eq!(of_kind(&f, FindingKind::Spelling), vec![]);
}

#[test]
fn style_findings_carry_rule_range_and_suggestion() {
    let p = "The US budget rose 5 percent on September 13 at 10 AM.";
    let f = check_story(&story(&[p]), system());
    let style: Vec<_> = f
        .findings
        .iter()
        .filter(|x| x.kind == FindingKind::Style)
        .map(|x| {
            (
                x.rule.as_str(),
                &p[x.start as usize..x.end as usize],
                x.suggestion.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        style,
        vec![
            ("us", "US", "U.S."),
            ("percent-sign", "5 percent", "5%"),
            ("month-date", "September", "Sept."),
            // The sentence's full stop goes with "AM": "a.m." ends it.
            ("am-pm", "10 AM.", "10 a.m."),
        ]
    );
    assert_eq!(f.counts.style, 4);
}

#[test]
fn dateline_and_surname_only_byline_are_checked() {
    let mut content = story(&["The council met."]);
    content.dateline = "CHICAGO, Ill. (AP)".into();
    content.credits = vec![Credit {
        name: "Nordvik".into(),
        role: Role::Author,
        ..Default::default()
    }];
    let f = check_story(&content, system());
    let rules: Vec<_> = f.findings.iter().map(|x| (x.rule.as_str(), x.field)).collect();
    assert_eq!(
        rules,
        vec![
            ("dateline", CheckedField::Dateline),
            ("byline-full-name", CheckedField::Credits)
        ]
    );
}

#[test]
fn a_recheck_reads_only_changed_paragraphs_and_finds_the_same() {
    let body: Vec<String> = (0..50)
        .map(|i| format!("Paragraph {i} has a mispeled word and 3 lawyers."))
        .collect();
    let mut content = StoryContent::new("Headline", body);
    let first = check_story(&content, system());
    assert_eq!(first.paragraphs_checked, 50);
    content.body[7] = "A new paragraph with a tyypo.".into();
    let again = recheck_story(&content, system(), Some(&first));
    assert_eq!(again.paragraphs_checked, 1);
    let fresh = check_story(&content, system());
    assert_eq!(again.findings, fresh.findings);
    assert_eq!(again.counts, fresh.counts);
    // New dictionaries: nothing is reused.
    let other = Dictionaries::system().unwrap();
    assert_eq!(recheck_story(&content, &other, Some(&again)).paragraphs_checked, 50);
}

#[test]
fn no_dictionary_is_a_clear_error() {
    let e = Dictionaries::from_files(std::path::Path::new("/nonexistent/en_US.dic")).unwrap_err();
    assert_eq!(e.kind(), "unreadable");
    let e = crate::Error::NoDictionary {
        looked: "/usr/share/hunspell/en_US.dic".into(),
    };
    assert_eq!(e.kind(), "no_dictionary");
    assert!(e.to_string().contains("hunspell-en-us"));
}

#[test]
fn headline_and_dek_are_checked_for_spelling_and_names_first_in_story_order() {
    let mut content = story(&["Mayor Okonkwo said the 5 lawyers agreed."]);
    content.headline = "Councel backs flod wall, Okonkwo says".into();
    content.dek = "The vote was unanimus, Ms. Haddaway said".into();
    let mut f = check_story(&content, system());
    f.suggest_spellings(system());
    let got: Vec<_> = f
        .findings
        .iter()
        .map(|x| (x.field, x.kind, x.text.as_str(), x.start, x.end))
        .collect();
    assert_eq!(
        got,
        vec![
            // "Councel" is capitalised: a name to check, as in the body.
            (CheckedField::Headline, FindingKind::Name, "Councel", 0, 7),
            (CheckedField::Headline, FindingKind::Spelling, "flod", 14, 18),
            (CheckedField::Dek, FindingKind::Spelling, "unanimus", 13, 21),
            (CheckedField::Dek, FindingKind::Name, "Haddaway", 27, 35),
            // A name in the body as well is listed once, at its body place;
            // the body's numeral is a style finding, the headline has no
            // style rules.
            (CheckedField::Body, FindingKind::Name, "Okonkwo", 6, 13),
            (CheckedField::Body, FindingKind::Style, "5", 23, 24),
        ]
    );
    assert!(
        f.findings[1].suggestion.is_some(),
        "a suggestion for the headline's misspelling"
    );
    assert_eq!((f.counts.spelling, f.counts.names), (2, 3));
}

#[test]
fn suggestions_past_their_deadline_wait_for_the_next_recheck() {
    let content = story(&["The council voted on the flod wall and the unanimus plan."]);
    let mut first = check_story(&content, system());
    let past = std::time::Instant::now();
    assert!(
        !first.suggest_spellings_until(system(), Some(past)),
        "nothing asked in time"
    );
    assert!(first.findings.iter().all(|f| f.suggestion.is_none()));
    let mut again = recheck_story(&content, system(), Some(&first));
    assert!(again.suggest_spellings_until(system(), None));
    let spelled: Vec<_> = again
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Spelling)
        .map(|f| (f.text.as_str(), f.suggestion.is_some()))
        .collect();
    assert_eq!(spelled, [("flod", true), ("unanimus", true)]);
}
