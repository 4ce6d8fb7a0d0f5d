//! The text check over whole stories: no false alarms on copy written in AP
//! style (at most 2 spelling and 2 style findings per 1,000 words, names to
//! check aside), and every planted error found.

use std::sync::OnceLock;

use copydesk::check::{check_story, CheckedField, Dictionaries, FindingKind, Findings};
use copydesk::import;

fn dicts() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| Dictionaries::system().expect("hunspell-en-us is installed (scripts/lib.sh)"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn check_fixture(name: &str) -> (copydesk::StoryContent, Findings) {
    let draft = import::parse_raw(&fixture(name)).unwrap();
    let findings = check_story(&draft.content, dicts());
    (draft.content, findings)
}

fn describe(f: &Findings, kind: FindingKind) -> Vec<String> {
    f.findings
        .iter()
        .filter(|x| x.kind == kind)
        .map(|x| format!("{} {:?} -> {:?}", x.rule, x.text, x.suggestion))
        .collect()
}

/// Every fixture written in AP style.
const AP_STYLE: &[&str] = &[
    "wire-raw.txt",
    "local-paper-raw.txt",
    "reuters-raw.txt",
    "check/ap-style.txt",
];

#[test]
fn ap_style_copy_raises_almost_nothing() {
    for name in AP_STYLE {
        let (content, f) = check_fixture(name);
        let words = content.word_count().max(1) as f64;
        // The text's findings; the dateline and credits are checked below.
        let body = |kind| {
            f.findings
                .iter()
                .filter(|x| x.kind == kind && x.field == CheckedField::Body)
                .count()
        };
        let per_1000 = |n: usize| n as f64 * 1000.0 / words;
        eprintln!(
            "{name}: {words} words, {} spelling, {} style, {} names to check",
            f.counts.spelling, f.counts.style, f.counts.names
        );
        assert!(
            per_1000(body(FindingKind::Spelling)) <= 2.0,
            "{name}: {:?}",
            describe(&f, FindingKind::Spelling)
        );
        assert!(
            per_1000(body(FindingKind::Style)) <= 2.0,
            "{name}: {:?}",
            describe(&f, FindingKind::Style)
        );
    }
}

#[test]
fn the_fields_of_the_fixtures_raise_only_what_is_wrong_with_them() {
    // The wire story was pasted without its byline: its only author credit
    // comes from the tag line, "Halvorsen reported from…", a surname.
    let (_, f) = check_fixture("wire-raw.txt");
    let fields: Vec<_> = f
        .findings
        .iter()
        .filter(|x| x.field != CheckedField::Body)
        .map(|x| (x.rule.as_str(), x.text.as_str()))
        .collect();
    assert_eq!(fields, vec![("byline-full-name", "Halvorsen")]);
    // It also mixes straight and curly quotes, which is one finding.
    let quotes: Vec<_> = f.findings.iter().filter(|x| x.rule == "quotes").collect();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].also.len(), 3);
}

#[test]
fn every_planted_error_is_found() {
    let body = [
        "The councel voted 6-1 on Tuesday to spend $4.2 million on a flood wall, the the mayor said.",
        "The wall will run 2 miles and cost taxpayers 5 percent more than planned, officials stated.",
        "Work begins on September 13 at 10 AM, and the US Army Corps of Engineers will inspect it in Sept. 2024.",
        "“We are finally protected,” one resident exclaimed. Another said it was \"too little, too late.\"",
        "The city hired 3 contractors, and twelve workers will recieve overtime. Mayor Okonkwo-Baptiste agreed.",
    ];
    let mut content = copydesk::StoryContent::new("Flood wall", body.iter().map(|s| s.to_string()).collect());
    content.dateline = "Fresno, CA (AP)".into();
    content.credits = vec![copydesk::Credit {
        name: "Whitfield".into(),
        ..Default::default()
    }];
    let f = check_story(&content, dicts());
    let found: Vec<(&str, &str)> = f.findings.iter().map(|x| (x.rule.as_str(), x.text.as_str())).collect();
    let planted = [
        ("spelling", "councel"),
        ("doubled-word", "the the"),
        ("percent-sign", "5 percent"),
        ("said", "stated"),
        ("month-date", "September"),
        ("am-pm", "10 AM"),
        ("us", "US"),
        ("month-alone", "Sept."),
        ("said", "exclaimed"),
        ("quotes", "\""),
        ("numerals", "3"),
        ("numerals-ten-up", "twelve"),
        ("spelling", "recieve"),
        ("name", "Okonkwo"),
        ("dateline", "Fresno"),
        ("byline-full-name", "Whitfield"),
    ];
    for p in planted {
        assert!(found.contains(&p), "{p:?} not found in {found:?}");
    }
    // And nothing else: the rest of the text is clean.
    assert_eq!(found.len(), planted.len(), "{found:?}");
}
