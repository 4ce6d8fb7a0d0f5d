//! Structured wire input: ninjs 2.x/3.x JSON and NITF 3.x XML, read by
//! `import::parse_raw` (detected by content), and the round trip of every
//! corpus story through a ninjs 3.1 export.

use std::path::Path;

use chrono::{TimeZone, Utc};
use copydesk::export::{export, Format};
use copydesk::import::parse_raw;
use copydesk::{Credit, Photo, Revision, RevisionInfo, RevisionKind, Role, StoryContent};

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wire")
        .join(name);
    copydesk::text::read_story_file(&p).unwrap()
}

fn credit(name: &str, role: Role, location: Option<&str>, org: Option<&str>) -> Credit {
    Credit {
        name: name.into(),
        role,
        location: location.map(Into::into),
        organization: org.map(Into::into),
    }
}

fn revision(content: StoryContent) -> Revision {
    Revision {
        info: RevisionInfo {
            story: 7,
            revision: 1,
            parent: None,
            author: "desk editor".into(),
            created_at: Utc.with_ymd_and_hms(2024, 3, 4, 9, 15, 0).unwrap(),
            note: None,
            kind: RevisionKind::Import,
            restored_from: None,
            merge_base: None,
            words: content.word_count(),
            status: content.status,
            headline: content.headline.clone(),
        },
        content,
    }
}

/// What a ninjs export carries of a story. ninjs has no place for the lines
/// the importer set aside as web junk (`flagged`): they are the editor's
/// working notes, not part of the story, so the round trip leaves them out.
/// Everything else must come back as it was.
fn carried(c: &StoryContent) -> StoryContent {
    StoryContent {
        flagged: Vec::new(),
        ..c.clone()
    }
}

mod corpus_stories {
    include!("common/corpus.rs");
}

#[test]
fn every_corpus_story_round_trips_through_ninjs_3_1() {
    let mut misses = Vec::new();
    let stories = corpus_stories::stories();
    assert!(stories.len() >= 15, "corpus has {} stories", stories.len());
    for (name, raw) in stories {
        let story = parse_raw(&raw).unwrap().content;
        let json = export(
            &revision(story.clone()),
            Utc.with_ymd_and_hms(2024, 3, 4, 8, 0, 0).unwrap(),
            Format::Ninjs3,
        )
        .unwrap();
        let back = parse_raw(&json).unwrap_or_else(|e| panic!("{name}: {e}")).content;
        if carried(&back) != carried(&story) {
            misses.push(format!(
                "{name}:\n  exported {:#?}\n  imported {:#?}",
                carried(&story),
                carried(&back)
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} stories changed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

fn photo(caption: &str, credit: &str, photographer: Option<&str>, sources: &[&str], via: Option<&str>) -> Photo {
    Photo {
        caption: caption.into(),
        credit: credit.into(),
        photographer: photographer.map(Into::into),
        sources: sources.iter().map(|s| s.to_string()).collect(),
        via: via.map(Into::into),
    }
}

#[test]
fn ninjs_2_2_from_an_agency() {
    let c = parse_raw(&fixture("agency-2.2.json")).unwrap().content;
    assert_eq!(c.headline, "Nordic ministers back a joint Arctic rescue fleet");
    assert_eq!(
        c.dek,
        "The five governments will share three icebreakers from next winter."
    );
    assert_eq!(c.slug, "Nordic-Rescue");
    assert_eq!(c.section, "Europe");
    assert_eq!(c.dateline, "TROMSO, Norway (AP)");
    assert_eq!(
        c.credits,
        vec![
            credit("Anna Kovac", Role::Author, None, Some("Associated Press")),
            credit(
                "David Osei",
                Role::Author,
                Some("Oslo, Norway"),
                Some("Associated Press")
            ),
            credit(
                "Liisa Virtanen",
                Role::Contributor,
                Some("Helsinki, Finland"),
                Some("Associated Press")
            ),
        ]
    );
    // The HTML body through the parser: entities decoded, <br> a line break,
    // the tag line taken out of the body into the credits.
    assert_eq!(
        c.body,
        vec![
            "Ministers from five Nordic countries agreed on Monday to pool their icebreakers.",
            "\u{201c}No one can cover the Arctic alone,\u{201d} Norway\u{2019}s minister said.\nThe others nodded.",
        ]
    );
    assert_eq!(
        c.photos,
        vec![photo(
            "The icebreaker Polarstjerna docks in Tromso, Norway, on Monday, March 4, 2024.",
            "(AP Photo/Erik Lund)",
            Some("Erik Lund"),
            &["AP Photo"],
            None
        )]
    );
    assert_eq!(c.copyright, "Copyright 2024 The Associated Press. All rights reserved.");
}

#[test]
fn ninjs_3_1_from_an_agency() {
    let c = parse_raw(&fixture("agency-3.1.json")).unwrap().content;
    assert_eq!(c.headline, "Glacier on Peru's highest peak lost a fifth of its ice");
    assert_eq!(c.dek, "Scientists say the retreat threatens water for farmers");
    assert_eq!(c.slug, "Peru-Glacier");
    assert_eq!(c.dateline, "LIMA, Peru (AP)");
    assert_eq!(
        c.credits,
        vec![
            credit("Clara Mendez", Role::Author, None, None),
            credit("Jorge Ruiz", Role::Contributor, Some("Quito, Ecuador"), None),
        ]
    );
    assert_eq!(
        c.body,
        vec![
            "The largest glacier on Peru's highest mountain has lost about a fifth of its ice in ten years.",
            "Farmers in the valley below depend on the meltwater.",
        ]
    );
    // Only the picture: the video association is not a photo.
    assert_eq!(
        c.photos,
        vec![photo(
            "A researcher measures meltwater near Huaraz, Peru, on Friday, Oct. 4, 2024.",
            // Rendered in house style: agency first for Reuters.
            "Reuters/Luis Ortega via AP",
            Some("Luis Ortega"),
            &["Reuters"],
            Some("AP")
        )]
    );
    assert_eq!(c.copyright, "Copyright 2024 The Associated Press. All rights reserved.");
}

#[test]
fn nitf_with_byline_dateline_and_tagline() {
    let c = parse_raw(&fixture("story.nitf.xml")).unwrap().content;
    assert_eq!(c.headline, "Kabul reopens its main market after a year of repairs");
    assert_eq!(c.dek, "Traders return to stalls rebuilt after the floods");
    assert_eq!(c.slug, "Kabul-Market");
    assert_eq!(c.section, "Asia");
    assert_eq!(c.dateline, "KABUL, Afghanistan (AP)");
    assert_eq!(
        c.credits,
        vec![
            credit("Farid Noori", Role::Author, None, Some("Associated Press")),
            credit(
                "Rahim Karimi",
                Role::Contributor,
                Some("Islamabad"),
                Some("Associated Press")
            ),
        ]
    );
    assert_eq!(
        c.body,
        vec![
            "Traders returned on Sunday to the rebuilt stalls of Kabul's oldest market.",
            "\"We waited a year for this day,\" said one fruit seller.",
        ]
    );
    assert!(c.photos.is_empty());
    assert_eq!(c.copyright, "Copyright 2024 The Associated Press");
}

#[test]
fn nitf_with_media_captions_and_credits() {
    let c = parse_raw(&fixture("media.nitf.xml")).unwrap().content;
    assert_eq!(c.headline, "Leaders meet at remote port as arms talks go on");
    assert_eq!(c.dek, "");
    assert_eq!(c.section, "World");
    assert_eq!(c.dateline, "VLADIVOSTOK, Russia (AP)");
    assert_eq!(
        c.credits,
        vec![
            credit("Hyung-jin Kim", Role::Author, None, None),
            credit("Jim Heintz", Role::Author, None, None)
        ]
    );
    // Inline markup is text; the media captions are not body paragraphs.
    assert_eq!(
        c.body,
        vec![
            "The two leaders met on Wednesday at a spaceport in the far east, officials said.",
            "Talks are expected to continue through the week & beyond.",
        ]
    );
    assert_eq!(
        c.photos,
        vec![
            photo(
                "Two leaders shake hands at the spaceport on Wednesday, Sept. 13, 2023.",
                "Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP",
                Some("Vladimir Smirnov"),
                &["Sputnik", "Kremlin Pool Photo"],
                Some("AP")
            ),
            photo(
                "The port at dawn.",
                "(AP Photo/Evan Vucci)",
                Some("Evan Vucci"),
                &["AP Photo"],
                None
            ),
        ]
    );
    assert_eq!(c.copyright, "Copyright 2023 The Associated Press. All rights reserved.");
}

#[test]
fn malformed_wire_input_is_refused_with_a_reason() {
    let cases = [
        ("{\"uri\": \"x\", \"headlines\": [", "not valid JSON"),
        ("{\"name\": \"a config file\"}", "without any ninjs property"),
        ("<?xml version=\"1.0\"?><nitf><body></nitf>", "cannot be read"),
        ("<?xml version=\"1.0\"?><rss><channel/></rss>", "not NITF"),
        (
            "<nitf><body><body.content/></body></nitf>",
            "neither a headline nor a body",
        ),
        (
            "{\"bodies\": [{\"contenttype\": \"text/html\", \"value\": \"<p>open\"}]}",
            "HTML body cannot be read",
        ),
    ];
    for (text, reason) in cases {
        match parse_raw(text) {
            Err(copydesk::Error::InvalidText(r)) => assert!(r.contains(reason), "{text}: {r}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    // Raw text that merely mentions braces or tags is still a raw story.
    let d = parse_raw("Headline here\n\nBody {with} <b>tags</b>.\n").unwrap();
    assert_eq!(d.content.headline, "Headline here");
}
