//! IPTC ninjs ("News in JSON") export, versions 2.2 and 3.1.
//!
//! Both versions share a shape (arrays of `headlines`, `descriptions` and
//! `bodies`; `people`, `infosources`, `associations`…) but 3.x spells its
//! property names in camelCase (`versionCreated`, `pubStatus`, `infoSources`,
//! `contentType`…) where 2.x writes them in lower case. One builder writes
//! both, naming each property through [`Version::key`].
//!
//! Mapping from our model:
//!
//! | ninjs                          | Copydesk                                              |
//! |--------------------------------|-------------------------------------------------------|
//! | `uri`                          | `urn:copydesk:story:{story}`                          |
//! | `version`                      | revision number                                       |
//! | `versioncreated`               | revision `created_at`                                 |
//! | `firstcreated`                 | the story's first revision's `created_at`             |
//! | `pubstatus`                    | published → usable, killed → canceled, else withheld  |
//! | `slugline`                     | slug                                                  |
//! | `headlines[role=main]`         | headline                                              |
//! | `descriptions[role=summary]`   | dek                                                   |
//! | `bodies`                       | body as text/plain and text/html, dateline leading    |
//! | `by`                           | `credits::render_byline`                              |
//! | `people`                       | credits: `rel` = role, location and organisation as `contactinfo` |
//! | `infosources`                  | credit organisations, photo sources and distributors |
//! | `located`                      | dateline without the agency ("(AP)")                 |
//! | `subjects[rel=section]`        | section                                               |
//! | `associations`                 | photos, as `picture` items with caption and credit   |
//! | `copyrightnotice`              | copyright                                             |

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

use crate::credits;
use crate::error::{Error, Result};
use crate::model::{Credit, Photo, Revision, Status, StoryContent};

use super::{html, located, printed_paragraphs};

/// The IPTC content production party role for a party that supplied content.
const ROLE_CONTENT_SOURCE: &str = "http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource";
/// … and for a party that supplied an image.
const ROLE_IMAGE_SUPPLIER: &str = "http://cv.iptc.org/newscodes/contentprodpartyrole/imgSupplier";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    V2_2,
    V3_1,
}

impl Version {
    fn number(self) -> &'static str {
        match self {
            Version::V2_2 => "2.2",
            Version::V3_1 => "3.1",
        }
    }

    /// A property name as this version spells it: ninjs 2.x writes names in
    /// lower case, 3.x in camelCase.
    fn key(self, lower: &'static str) -> &'static str {
        if self == Version::V2_2 {
            return lower;
        }
        match lower {
            "firstcreated" => "firstCreated",
            "versioncreated" => "versionCreated",
            "pubstatus" => "pubStatus",
            "representationtype" => "representationType",
            "copyrightnotice" => "copyrightNotice",
            "contenttype" => "contentType",
            "charcount" => "charCount",
            "wordcount" => "wordCount",
            "infosources" => "infoSources",
            "contactinfo" => "contactInfo",
            other => other,
        }
    }
}

/// Builds an object whose keys are spelt for `v`, skipping absent values.
struct Obj {
    v: Version,
    map: Map<String, Value>,
}

impl Obj {
    fn new(v: Version) -> Obj {
        Obj { v, map: Map::new() }
    }

    fn set(&mut self, key: &'static str, value: impl Into<Value>) -> &mut Obj {
        self.map.insert(self.v.key(key).to_string(), value.into());
        self
    }

    /// Sets a string property unless the string is empty.
    fn text(&mut self, key: &'static str, value: &str) -> &mut Obj {
        if !value.is_empty() {
            self.set(key, value);
        }
        self
    }

    /// Sets an array property unless it is empty.
    fn list(&mut self, key: &'static str, items: Vec<Value>) -> &mut Obj {
        if !items.is_empty() {
            self.set(key, items);
        }
        self
    }

    fn done(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.map))
    }
}

pub(super) fn render(rev: &Revision, first_created: DateTime<Utc>, v: Version) -> Result<String> {
    let value = document(rev, first_created, v);
    let mut out =
        serde_json::to_string_pretty(&value).map_err(|e| Error::Invalid(format!("cannot write ninjs JSON: {e}")))?;
    out.push('\n');
    Ok(out)
}

/// The ninjs document of one revision.
fn document(rev: &Revision, first_created: DateTime<Utc>, v: Version) -> Value {
    let c = &rev.content;
    let uri = story_uri(rev.info.story);
    let mut o = Obj::new(v);
    o.set("uri", uri.as_str())
        .set("type", "text")
        .set("representationtype", "full")
        .set("version", rev.info.revision.to_string())
        .set("firstcreated", timestamp(first_created))
        .set("versioncreated", timestamp(rev.info.created_at))
        .set("pubstatus", pubstatus(c.status))
        .set("language", "en")
        .set(
            "standard",
            json!({
                "name": "ninjs",
                "version": v.number(),
                "schema": format!("http://www.iptc.org/std/ninjs/ninjs-schema_{}.json", v.number()),
            }),
        );
    o.text("slugline", &c.slug);
    o.list("headlines", vec![text_item(v, "main", &c.headline)]);
    if !c.dek.is_empty() {
        o.list("descriptions", vec![text_item(v, "summary", &c.dek)]);
    }
    o.list("bodies", bodies(c, v));
    o.text("by", &credits::render_byline(&c.credits));
    o.list("people", c.credits.iter().map(|cr| person(cr, v)).collect());
    o.list("infosources", infosources(c, v));
    o.text("located", &located(&c.dateline));
    if !c.section.is_empty() {
        o.list("subjects", vec![json!({ "name": c.section, "rel": "section" })]);
    }
    o.list(
        "associations",
        c.photos
            .iter()
            .enumerate()
            .map(|(i, p)| photo(p, i + 1, &uri, rev, v))
            .collect(),
    );
    o.text("copyrightnotice", &c.copyright);
    o.done()
}

/// The story's identifier: the same for every revision, as ninjs wants
/// (`version` tells revisions apart).
fn story_uri(story: i64) -> String {
    format!("urn:copydesk:story:{story}")
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn pubstatus(s: Status) -> &'static str {
    match s {
        Status::Published => "usable",
        Status::Killed => "canceled",
        Status::Draft | Status::Editing | Status::Copyedit | Status::Ready | Status::Withheld => "withheld",
    }
}

/// A `headlines`/`descriptions` entry of plain text.
fn text_item(v: Version, role: &str, value: &str) -> Value {
    Obj::new(v)
        .set("role", role)
        .set("contenttype", "text/plain")
        .set("value", value)
        .done()
}

/// The body as plain text and as HTML; none when the story has no body.
fn bodies(c: &StoryContent, v: Version) -> Vec<Value> {
    let mut paragraphs: Vec<String> = printed_paragraphs(c).iter().map(|p| p.plain()).collect();
    let tagline = credits::render_tagline(&c.credits);
    if paragraphs.is_empty() {
        return Vec::new();
    }
    let mut html = html::body_fragment(c);
    if !tagline.is_empty() {
        html.push_str(&format!(
            "<p class=\"tagline\">{}</p>\n",
            html_escape::encode_text(&tagline)
        ));
        paragraphs.push(tagline);
    }
    let text = paragraphs.join("\n\n");
    let words = text.split_whitespace().count();
    let chars = text.chars().count();
    vec![
        Obj::new(v)
            .set("role", "main")
            .set("contenttype", "text/plain")
            .set("charcount", chars)
            .set("wordcount", words)
            .set("value", text)
            .done(),
        Obj::new(v)
            .set("role", "main")
            .set("contenttype", "text/html")
            .set("charcount", chars)
            .set("wordcount", words)
            .set("value", html)
            .done(),
    ]
}

/// A credited person: `rel` is their role, their location (where they worked
/// from) an address-type contact. ninjs people have no organisation
/// property: their organisation is an `organisation`-type contact (so an
/// import can tell whose it is) and also goes in `infosources`.
fn person(cr: &Credit, v: Version) -> Value {
    let mut o = Obj::new(v);
    o.set("name", cr.name.as_str()).set("rel", cr.role.as_str());
    let mut contacts = Vec::new();
    if let Some(loc) = &cr.location {
        contacts.push(json!({ "type": "address", "role": "reportedfrom", "address": { "lines": [loc] } }));
    }
    if let Some(org) = &cr.organization {
        contacts.push(json!({ "type": "organisation", "role": "affiliation", "value": org }));
    }
    o.list("contactinfo", contacts);
    o.done()
}

/// Organisations of the credited people, then the sources and distributors
/// of the photos, each once.
fn infosources(c: &StoryContent, v: Version) -> Vec<Value> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let orgs = c
        .credits
        .iter()
        .filter_map(|cr| cr.organization.as_deref())
        .map(|o| (o, ROLE_CONTENT_SOURCE));
    let photo_sources = c
        .photos
        .iter()
        .flat_map(|p| p.sources.iter().map(String::as_str).chain(p.via.as_deref()))
        .map(|s| (s, ROLE_IMAGE_SUPPLIER));
    for entry in orgs.chain(photo_sources) {
        if !seen.contains(&entry) {
            seen.push(entry);
        }
    }
    seen.into_iter()
        .map(|(name, role)| Obj::new(v).set("name", name).set("role", role).done())
        .collect()
}

/// A photo as an associated `picture` item: caption as its description, the
/// printed credit line as its `by`, photographer and sources as people and
/// infosources.
fn photo(p: &Photo, n: usize, story_uri: &str, rev: &Revision, v: Version) -> Value {
    let mut o = Obj::new(v);
    o.set("name", format!("photo{n}"));
    if v == Version::V3_1 {
        o.set("rel", "photo");
    }
    o.set("uri", format!("{story_uri}:photo:{n}"))
        .set("type", "picture")
        .set("version", rev.info.revision.to_string())
        .set("language", "en");
    if !p.caption.is_empty() {
        o.list("descriptions", vec![text_item(v, "caption", &p.caption)]);
    }
    let credit = credits::render_photo_credit(p);
    o.text(
        "by",
        if credit.is_empty() {
            p.photographer.as_deref().unwrap_or("")
        } else {
            &credit
        },
    );
    if let Some(name) = &p.photographer {
        o.list("people", vec![json!({ "name": name, "rel": "photographer" })]);
    }
    o.list(
        "infosources",
        p.sources
            .iter()
            .map(String::as_str)
            .chain(p.via.as_deref())
            .map(|s| Obj::new(v).set("name", s).set("role", ROLE_IMAGE_SUPPLIER).done())
            .collect(),
    );
    o.done()
}
