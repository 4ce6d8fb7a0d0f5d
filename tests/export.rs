//! Exports of revisions built in memory: ninjs validated against IPTC's own
//! schemas, text read back losslessly, Markdown and HTML checked for content
//! and for escaping.

use chrono::{DateTime, TimeZone, Utc};
use copydesk::credits;
use copydesk::export::{export, Format};
use copydesk::{Credit, Photo, Revision, RevisionInfo, RevisionKind, Role, Status, StoryContent};
use serde_json::Value;

const SCHEMA_2_2: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ninjs/ninjs-schema_2.2.json"
);
const SCHEMA_3_1: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ninjs/ninjs-schema_3.1.json"
);

fn first_created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 9, 13, 6, 30, 0).unwrap()
}

fn revision(content: StoryContent, number: u32) -> Revision {
    Revision {
        info: RevisionInfo {
            story: 42,
            revision: number,
            parent: number.checked_sub(1).filter(|&p| p > 0),
            author: "desk editor".into(),
            created_at: Utc.with_ymd_and_hms(2023, 9, 13, 9, 15, 27).unwrap(),
            note: Some("tightened the lede".into()),
            kind: RevisionKind::Manual,
            restored_from: None,
            merge_base: None,
            words: content.word_count(),
            status: content.status,
            headline: content.headline.clone(),
        },
        content,
    }
}

fn credit(name: &str, role: Role, location: Option<&str>, org: Option<&str>) -> Credit {
    Credit {
        name: name.into(),
        role,
        location: location.map(Into::into),
        organization: org.map(Into::into),
    }
}

/// A story with every field set, several credits and two photos.
fn rich() -> Revision {
    let mut c = StoryContent::new(
        "Leaders meet at remote port as talks on arms \"deal\" go on",
        vec![
            "The two leaders met on Wednesday at a spaceport in the far east of the country, officials said.".into(),
            "\u{201c}We will stand together,\u{201d} one of them said.\nThe other nodded.".into(),
            "Talks are expected to continue through the week & beyond <as planned>.".into(),
        ],
    );
    c.section = "World".into();
    c.dek = "For one side, the meeting is a chance to show it is not isolated.".into();
    c.dateline = "VLADIVOSTOK, Russia (AP)".into();
    c.status = Status::Published;
    c.copyright = "Copyright 2023 The Associated Press. All rights reserved.".into();
    c.credits = vec![
        credit(
            "Hyung-jin Kim",
            Role::Author,
            Some("Seoul, South Korea"),
            Some("Associated Press"),
        ),
        credit("Jim Heintz", Role::Author, None, Some("Associated Press")),
        credit(
            "Mari Yamaguchi",
            Role::Contributor,
            Some("Tokyo"),
            Some("Associated Press"),
        ),
        credit("Desk Editor", Role::Editor, None, None),
    ];
    c.photos = vec![
        Photo {
            caption: "The leaders shake hands at the spaceport.".into(),
            credit: "Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP".into(),
            photographer: Some("Vladimir Smirnov".into()),
            sources: vec!["Sputnik".into(), "Kremlin Pool Photo".into()],
            via: Some("AP".into()),
        },
        Photo {
            caption: "A train arrives at the border station.".into(),
            credit: "AP Photo/Ahn Young-joon".into(),
            photographer: Some("Ahn Young-joon".into()),
            sources: vec![],
            via: None,
        },
    ];
    c.normalize();
    revision(c, 3)
}

/// A story with a headline and nothing else.
fn minimal() -> Revision {
    revision(StoryContent::new("Headline only", vec![]), 1)
}

/// The ninjs schemas reference GeoJSON by URL for `places[].geojson`. Tests
/// must run offline, and we never write `places`, so that one reference
/// resolves to an empty schema; any other remote reference is an error.
struct OfflineGeoJson;

impl jsonschema::Retrieve for OfflineGeoJson {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().starts_with("https://geojson.org/schema/GeoJSON.json") {
            Ok(serde_json::json!({}))
        } else {
            Err(format!("test schemas must not fetch {uri}").into())
        }
    }
}

fn validator(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read the ninjs schema {path}: {e}"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_retriever(OfflineGeoJson)
        .build(&schema)
        .unwrap_or_else(|e| panic!("cannot compile {path}: {e}"))
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn ninjs(rev: &Revision, format: Format) -> Value {
    let out = export(rev, first_created(), format).unwrap();
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format} export is not JSON: {e}\n{out}"))
}

fn assert_valid(format: Format, schema: &str, rev: &Revision) -> Value {
    let doc = ninjs(rev, format);
    let errs = errors(&validator(schema), &doc);
    assert!(
        errs.is_empty(),
        "{format} export fails {schema}:\n{}\n{doc:#}",
        errs.join("\n")
    );
    doc
}

#[test]
fn ninjs_2_2_exports_validate_against_the_iptc_schema() {
    assert_valid(Format::Ninjs, SCHEMA_2_2, &rich());
    assert_valid(Format::Ninjs, SCHEMA_2_2, &minimal());
}

#[test]
fn ninjs_3_1_exports_validate_against_the_iptc_schema() {
    assert_valid(Format::Ninjs3, SCHEMA_3_1, &rich());
    assert_valid(Format::Ninjs3, SCHEMA_3_1, &minimal());
}

#[test]
fn each_ninjs_version_fails_the_other_schema() {
    // The versions spell properties differently (versioncreated vs
    // versionCreated); if they did not, one builder would be wrong.
    let v2 = validator(SCHEMA_2_2);
    let v3 = validator(SCHEMA_3_1);
    assert!(!errors(&v3, &ninjs(&rich(), Format::Ninjs)).is_empty());
    assert!(!errors(&v2, &ninjs(&rich(), Format::Ninjs3)).is_empty());
}

#[test]
fn schemas_reject_what_they_should() {
    // Guards against a validator that accepts everything (say, formats or
    // unevaluatedProperties ignored): the export must be valid *and* these not.
    let v2 = validator(SCHEMA_2_2);
    let mut doc = ninjs(&rich(), Format::Ninjs);
    doc["versioncreated"] = "yesterday".into();
    assert!(!errors(&v2, &doc).is_empty(), "a bad date-time must fail");
    let mut doc = ninjs(&rich(), Format::Ninjs);
    doc["byline"] = "By Someone".into();
    assert!(!errors(&v2, &doc).is_empty(), "an unknown property must fail");
    let mut doc = ninjs(&rich(), Format::Ninjs);
    doc.as_object_mut().unwrap().remove("uri");
    assert!(!errors(&v2, &doc).is_empty(), "a missing uri must fail");
}

#[test]
fn ninjs_2_2_carries_the_story() {
    let rev = rich();
    let c = &rev.content;
    let doc = assert_valid(Format::Ninjs, SCHEMA_2_2, &rev);
    assert_eq!(doc["uri"], "urn:copydesk:story:42");
    assert_eq!(doc["type"], "text");
    assert_eq!(doc["version"], "3");
    assert_eq!(doc["versioncreated"], "2023-09-13T09:15:27Z");
    assert_eq!(doc["firstcreated"], "2023-09-13T06:30:00Z");
    assert_eq!(doc["pubstatus"], "usable");
    assert_eq!(doc["language"], "en");
    assert_eq!(doc["headlines"][0]["value"], c.headline.as_str());
    assert_eq!(doc["descriptions"][0]["value"], c.dek.as_str());
    assert_eq!(doc["located"], "VLADIVOSTOK, Russia");
    assert_eq!(doc["copyrightnotice"], c.copyright.as_str());
    assert_eq!(doc["subjects"][0]["name"], "World");

    let byline = credits::render_byline(&c.credits);
    assert!(!byline.is_empty());
    assert_eq!(doc["by"], byline.as_str());

    let people = doc["people"].as_array().unwrap();
    assert_eq!(people.len(), c.credits.len());
    assert_eq!(people[0]["name"], "Hyung-jin Kim");
    assert_eq!(people[0]["rel"], "author");
    assert_eq!(people[0]["contactinfo"][0]["address"]["lines"][0], "Seoul, South Korea");
    assert_eq!(people[2]["rel"], "contributor");
    // Jim Heintz has no location: his only contact is his organisation.
    assert_eq!(people[1]["contactinfo"].as_array().unwrap().len(), 1);
    assert_eq!(people[1]["contactinfo"][0]["type"], "organisation");
    assert_eq!(people[1]["contactinfo"][0]["value"], "Associated Press");

    let sources: Vec<&str> = doc["infosources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["Associated Press", "Sputnik", "Kremlin Pool Photo", "AP"]);

    let bodies = doc["bodies"].as_array().unwrap();
    let text = bodies.iter().find(|b| b["contenttype"] == "text/plain").unwrap();
    let html = bodies.iter().find(|b| b["contenttype"] == "text/html").unwrap();
    let text = text["value"].as_str().unwrap();
    assert!(
        text.starts_with("VLADIVOSTOK, Russia (AP) \u{2014} The two leaders met"),
        "{text}"
    );
    assert!(text.contains("The other nodded."));
    let html = html["value"].as_str().unwrap();
    assert!(html.contains("&amp; beyond &lt;as planned&gt;"), "{html}");

    let photos = doc["associations"].as_array().unwrap();
    assert_eq!(photos.len(), 2);
    assert_eq!(photos[0]["type"], "picture");
    assert_eq!(
        photos[0]["descriptions"][0]["value"],
        "The leaders shake hands at the spaceport."
    );
    assert_eq!(photos[0]["by"], credits::render_photo_credit(&c.photos[0]).as_str());
    assert_eq!(photos[0]["people"][0]["name"], "Vladimir Smirnov");
    assert_ne!(photos[0]["uri"], photos[1]["uri"]);
}

#[test]
fn ninjs_3_1_uses_camel_case_names() {
    let doc = assert_valid(Format::Ninjs3, SCHEMA_3_1, &rich());
    assert_eq!(doc["versionCreated"], "2023-09-13T09:15:27Z");
    assert_eq!(doc["firstCreated"], "2023-09-13T06:30:00Z");
    assert_eq!(doc["pubStatus"], "usable");
    assert_eq!(doc["copyrightNotice"], rich().content.copyright.as_str());
    assert_eq!(doc["infoSources"][0]["name"], "Associated Press");
    assert_eq!(doc["bodies"][0]["contentType"], "text/plain");
    assert_eq!(
        doc["people"][0]["contactInfo"][0]["address"]["lines"][0],
        "Seoul, South Korea"
    );
    assert_eq!(doc["by"], credits::render_byline(&rich().content.credits).as_str());
    assert!(doc.get("versioncreated").is_none());
}

#[test]
fn pubstatus_follows_workflow_status() {
    for (status, expected) in [
        (Status::Draft, "withheld"),
        (Status::Editing, "withheld"),
        (Status::Copyedit, "withheld"),
        (Status::Withheld, "withheld"),
        (Status::Ready, "withheld"),
        (Status::Published, "usable"),
        (Status::Killed, "canceled"),
    ] {
        let mut rev = rich();
        rev.content.status = status;
        assert_eq!(ninjs(&rev, Format::Ninjs)["pubstatus"], expected, "{status:?}");
        assert_eq!(ninjs(&rev, Format::Ninjs3)["pubStatus"], expected, "{status:?}");
    }
}

#[test]
fn minimal_ninjs_omits_what_the_story_lacks() {
    let doc = assert_valid(Format::Ninjs, SCHEMA_2_2, &minimal());
    assert_eq!(doc["headlines"][0]["value"], "Headline only");
    for absent in [
        "by",
        "people",
        "infosources",
        "located",
        "associations",
        "bodies",
        "descriptions",
        "copyrightnotice",
    ] {
        assert!(doc.get(absent).is_none(), "{absent} should be absent: {doc:#}");
    }
    assert_eq!(doc["pubstatus"], "withheld");
}

#[test]
fn text_export_reads_back_identically() {
    for rev in [rich(), minimal()] {
        let out = export(&rev, first_created(), Format::Text).unwrap();
        assert_eq!(out, copydesk::text::render_revision(&rev.content, rev.info.revision));
        assert_eq!(
            copydesk::text::parse_with_base(&out).unwrap(),
            (rev.content.clone(), Some(rev.info.revision)),
            "{out}"
        );
    }
}

#[test]
fn markdown_has_headline_dek_byline_and_body() {
    let rev = rich();
    let md = export(&rev, first_created(), Format::Markdown).unwrap();
    assert!(
        md.contains("# Leaders meet at remote port as talks on arms \"deal\" go on\n"),
        "{md}"
    );
    assert!(
        md.contains("*For one side, the meeting is a chance to show it is not isolated.*"),
        "{md}"
    );
    let byline = credits::render_byline(&rev.content.credits);
    assert!(md.contains(&byline), "{md}");
    assert!(
        md.contains("**VLADIVOSTOK, Russia (AP)** \u{2014} The two leaders met"),
        "{md}"
    );
    assert!(md.contains("\\& beyond \\<as planned\\>"), "{md}");
    assert!(md.contains("The leaders shake hands at the spaceport."), "{md}");
    assert!(
        md.contains("Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP"),
        "{md}"
    );
    assert!(md.contains("Copyright 2023 The Associated Press"), "{md}");
}

#[test]
fn markdown_cannot_be_hijacked_by_story_text() {
    let mut c = StoryContent::new(
        "[Click](javascript:alert(1))",
        vec![
            "<script>alert(1)</script> and <img src=x onerror=alert(1)>".into(),
            "# Not a heading".into(),
            "1. Not a list".into(),
            "![pic](http://evil.example/x.png) *not emphasis*".into(),
        ],
    );
    c.normalize();
    let md = export(&revision(c, 1), first_created(), Format::Markdown).unwrap();
    assert!(md.contains("# \\[Click\\](javascript:alert(1))"), "{md}");
    // Every `<` is backslash-escaped, so no renderer sees a tag.
    let bare_lt = md.match_indices('<').filter(|&(i, _)| !md[..i].ends_with('\\')).count();
    assert_eq!(bare_lt, 0, "{md}");
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
    assert!(md.contains("\n\\# Not a heading"), "{md}");
    assert!(md.contains("\n1\\. Not a list"), "{md}");
    assert!(md.contains("!\\[pic\\](http\\://evil.example/x.png)"), "{md}");
    assert!(!md.contains("!["), "{md}");
    assert!(md.contains("\\*not emphasis\\*"), "{md}");
}

#[test]
fn html_is_a_standalone_page_with_the_story() {
    let rev = rich();
    let page = export(&rev, first_created(), Format::Html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<style>"));
    assert!(!page.contains("<script"), "an HTML export never carries script");
    assert!(
        page.contains("<h1>Leaders meet at remote port as talks on arms \"deal\" go on</h1>"),
        "{page}"
    );
    let byline = credits::render_byline(&rev.content.credits);
    assert!(page.contains(&format!("<p class=\"byline\">{byline}</p>")), "{page}");
    assert!(page.contains("<span class=\"dateline\">VLADIVOSTOK, Russia (AP)</span> \u{2014} The two leaders met"));
    assert!(page.contains("one of them said.<br>\nThe other nodded."), "{page}");
    assert!(page.contains("&amp; beyond &lt;as planned&gt;"), "{page}");
    assert!(page.contains("The leaders shake hands at the spaceport."));
    assert!(page.contains("Copyright 2023 The Associated Press"));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn html_escapes_script_and_event_handlers_in_every_field() {
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let mut c = StoryContent::new(evil, vec![evil.into(), format!("a\n{evil}")]);
    c.dek = evil.into();
    c.section = evil.into();
    c.dateline = evil.into();
    c.copyright = evil.into();
    c.credits = vec![credit(evil, Role::Author, Some(evil), Some(evil))];
    c.photos = vec![Photo {
        caption: evil.into(),
        credit: evil.into(),
        photographer: Some(evil.into()),
        sources: vec![evil.into()],
        via: Some(evil.into()),
    }];
    c.normalize();
    let page = export(&revision(c, 1), first_created(), Format::Html).unwrap();
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"),
        "{page}"
    );
}

#[test]
fn format_names_extensions_and_errors() {
    assert_eq!(Format::ALL.len(), 5);
    let exts: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
    assert_eq!(exts, ["txt", "md", "html", "json", "json"]);
    assert_eq!("NINJS3".parse::<Format>().unwrap(), Format::Ninjs3);
    assert_eq!(" Markdown ".parse::<Format>().unwrap(), Format::Markdown);
    let err = "docx".parse::<Format>().unwrap_err().to_string();
    for f in Format::ALL {
        assert!(err.contains(f.as_str()), "{err}");
    }
    assert_eq!(serde_json::from_str::<Format>("\"ninjs3\"").unwrap(), Format::Ninjs3);
}

#[test]
fn exports_are_deterministic() {
    let rev = rich();
    for f in Format::ALL {
        assert_eq!(
            export(&rev, first_created(), f).unwrap(),
            export(&rev, first_created(), f).unwrap(),
            "{f}"
        );
    }
}
