//! Structured wire input: IPTC ninjs (2.x and 3.x JSON) and NITF 3.x XML.
//!
//! [`detect`] looks at a text's content (never a file name): a JSON object
//! with ninjs properties, or an XML document whose root is `<nitf>`. Either
//! is read with a real parser (`serde_json`, `roxmltree`), never regular
//! expressions, into the same [`StoryContent`] a raw paste gives.
//!
//! | ninjs (2.x lower case, 3.x camelCase)   | NITF                                  | Copydesk      |
//! |-----------------------------------------|---------------------------------------|---------------|
//! | `headlines[role=main]`, `headline`      | `hedline/hl1`                         | headline      |
//! | `descriptions[role=summary]`, `description_text`, `headlines[role=sub]` | `hedline/hl2` | dek |
//! | `slugline`                              | `du-key@key`                          | slug          |
//! | `subjects[rel=section]`                 | `pubdata@position.section`            | section       |
//! | body's leading dateline, else `located` | `dateline`                            | dateline      |
//! | `people` (`rel` = role; `contactinfo` address = location, organisation), else `by` | `byline` (`person`, `byttl`)          | credits       |
//! | body's last paragraph if a tag line     | `body.end/tagline`                    | credits       |
//! | `bodies` (text/plain first, then HTML), `body_text`, `body_html` | `body.content/p` | body |
//! | `associations` of type picture          | `media` (`media-caption`, `media-producer`) | photos  |
//! | `copyrightnotice`, `copyrightholder`    | `copyrite`, `doc.copyright`           | copyright     |
//!
//! `pubstatus`, `urgency` and the like are editorial metadata of the sender
//! and are ignored: an import starts as a draft.

use serde_json::{Map, Value};

use crate::credits;
use crate::error::{Error, Result};
use crate::model::{Credit, Photo, Role, StoryContent};

use super::split_dateline;

/// The kinds of structured input we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ninjs,
    Nitf,
}

/// Properties only a ninjs document has (compared in lower case, so 2.x and
/// 3.x spellings both match).
const NINJS_KEYS: &[&str] = &[
    "uri",
    "headlines",
    "headline",
    "bodies",
    "body_text",
    "body_html",
    "versioncreated",
    "firstcreated",
    "associations",
    "slugline",
];

/// What a text is, by its content: `None` for raw text.
pub fn detect(text: &str) -> Option<Kind> {
    let t = text.trim();
    // A JSON object: `{` then a quoted property name (or `}`), even when
    // cut short — a broken ninjs file gets a JSON error, not a raw import.
    if t.strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']))
    {
        return Some(Kind::Ninjs);
    }
    let lower: String = t.chars().take(400).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<nitf") || lower.starts_with("<!doctype nitf") {
        return Some(Kind::Nitf);
    }
    if lower.starts_with("<?xml") {
        return Some(Kind::Nitf);
    }
    None
}

/// Reads a detected structured text into story content.
pub fn parse(kind: Kind, text: &str) -> Result<StoryContent> {
    let mut c = match kind {
        Kind::Ninjs => ninjs(text)?,
        Kind::Nitf => nitf(text)?,
    };
    c.normalize();
    c.fill_slug();
    if c.headline.is_empty() && c.body.is_empty() {
        return Err(Error::InvalidText(format!(
            "the {} document has neither a headline nor a body",
            if kind == Kind::Ninjs { "ninjs" } else { "NITF" }
        )));
    }
    Ok(c)
}

// ---------------------------------------------------------------- ninjs

/// A property whatever the version's spelling ("versioncreated",
/// "versionCreated").
fn get<'a>(o: &'a Map<String, Value>, lower: &str) -> Option<&'a Value> {
    o.get(lower)
        .or_else(|| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(lower)).map(|(_, v)| v))
}

fn get_str<'a>(o: &'a Map<String, Value>, lower: &str) -> &'a str {
    get(o, lower).and_then(Value::as_str).unwrap_or("").trim()
}

fn get_array<'a>(o: &'a Map<String, Value>, lower: &str) -> Vec<&'a Map<String, Value>> {
    match get(o, lower) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        // ninjs 1.x/2.x `associations` is an object of named items.
        Some(Value::Object(m)) => m.values().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

/// The value of the entry with one of `roles` in a `headlines`/`descriptions`
/// array, else of the first entry without a role when `fallback`.
fn role_value(items: &[&Map<String, Value>], roles: &[&str], fallback: bool) -> String {
    let with_role = items
        .iter()
        .find(|i| roles.iter().any(|r| get_str(i, "role").eq_ignore_ascii_case(r)));
    let pick = with_role.or_else(|| {
        fallback
            .then(|| items.iter().find(|i| get_str(i, "role").is_empty()))
            .flatten()
    });
    pick.map(|i| get_str(i, "value").to_string()).unwrap_or_default()
}

fn ninjs(text: &str) -> Result<StoryContent> {
    let o = ninjs_object(text)?;
    let mut c = StoryContent::default();
    ninjs_headings(&o, &mut c);
    let mut body = ninjs_body(&o)?;
    c.credits = ninjs_credits(&o, &mut body);
    // Dateline: as printed at the head of the body, else `located`.
    let located = get_str(&o, "located");
    if let Some(first) = body.first_mut() {
        let by_dash = first
            .split_once(" \u{2014} ")
            .filter(|(dl, _)| !located.is_empty() && dl.starts_with(located))
            .map(|(dl, rest)| (dl.trim().to_string(), rest.trim().to_string()));
        if let Some((dl, rest)) = by_dash.or_else(|| split_dateline(first)) {
            c.dateline = dl;
            *first = rest;
            if first.is_empty() {
                body.remove(0);
            }
        }
    }
    if c.dateline.is_empty() {
        c.dateline = located.to_string();
    }
    c.body = body;
    c.photos = get_array(&o, "associations")
        .into_iter()
        .filter(|a| matches!(get_str(a, "type"), "picture" | "image" | "graphic"))
        .map(ninjs_photo)
        .collect();
    Ok(c)
}

/// The JSON object of a ninjs document, or why the text is not one.
fn ninjs_object(text: &str) -> Result<Map<String, Value>> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Error::InvalidText(format!("it looks like ninjs JSON but is not valid JSON ({e})")))?;
    let Value::Object(o) = value else {
        return Err(Error::InvalidText("it is JSON but not a ninjs object".into()));
    };
    if !o.keys().any(|k| NINJS_KEYS.contains(&k.to_ascii_lowercase().as_str())) {
        return Err(Error::InvalidText(
            "it is a JSON object without any ninjs property (uri, headlines, bodies, versioncreated…)".into(),
        ));
    }
    Ok(o)
}

/// Headline, dek, slug, section and copyright.
fn ninjs_headings(o: &Map<String, Value>, c: &mut StoryContent) {
    let headlines = get_array(o, "headlines");
    c.headline = role_value(&headlines, &["main"], true);
    if c.headline.is_empty() {
        c.headline = get_str(o, "headline").to_string();
    }
    let descriptions = get_array(o, "descriptions");
    c.dek = role_value(&descriptions, &["summary", "abstract"], true);
    if c.dek.is_empty() {
        c.dek = get_str(o, "description_text").to_string();
    }
    if c.dek.is_empty() {
        c.dek = role_value(&headlines, &["sub", "subheadline", "subheading", "dek"], false);
    }
    c.slug = get_str(o, "slugline").to_string();
    c.section = get_array(o, "subjects")
        .iter()
        .find(|s| get_str(s, "rel").eq_ignore_ascii_case("section"))
        .map(|s| get_str(s, "name").to_string())
        .unwrap_or_default();
    c.copyright = get_str(o, "copyrightnotice").to_string();
    if c.copyright.is_empty() && !get_str(o, "copyrightholder").is_empty() {
        c.copyright = format!("Copyright {}", get_str(o, "copyrightholder"));
    }
}

/// The body's paragraphs: plain text first, then HTML through the parser.
fn ninjs_body(o: &Map<String, Value>) -> Result<Vec<String>> {
    let bodies = get_array(o, "bodies");
    let typed = |ty: &str| {
        bodies
            .iter()
            .find(|b| get_str(b, "contenttype").eq_ignore_ascii_case(ty))
            .map(|b| get_str(b, "value").to_string())
    };
    Ok(if let Some(t) = typed("text/plain") {
        crate::text::paragraphs(&t)
    } else if let Some(h) = typed("text/html") {
        html_paragraphs(&h)?
    } else if !get_str(o, "body_text").is_empty() {
        crate::text::paragraphs(get_str(o, "body_text"))
    } else if !get_str(o, "body_html").is_empty() {
        html_paragraphs(get_str(o, "body_html"))?
    } else if let Some(b) = bodies.first() {
        crate::text::paragraphs(get_str(b, "value"))
    } else {
        Vec::new()
    })
}

/// Credits: `people` with their roles, else the `by` line. A last body
/// paragraph that credits only the people listed is the tag line the
/// sender printed from them: it carries their organisations, and leaves
/// the body.
fn ninjs_credits(o: &Map<String, Value>, body: &mut Vec<String>) -> Vec<Credit> {
    let byline = credits::parse_byline(get_str(o, "by"));
    let mut people: Vec<Credit> = get_array(o, "people").iter().filter_map(|p| ninjs_person(p)).collect();
    if people.is_empty() {
        people = byline.clone();
    }
    if let Some(last) = body.last() {
        let tag = credits::parse_tagline(last);
        let known = |t: &Credit| people.iter().any(|p| same_person(p, t));
        if body.len() > 1 && !tag.is_empty() && tag.iter().all(known) {
            body.pop();
            merge(&mut people, tag);
        }
    }
    // The byline's organisation ("By Anna Kovac, Associated Press").
    for p in &mut people {
        if p.organization.is_none() {
            p.organization = byline
                .iter()
                .find(|b| b.name == p.name)
                .and_then(|b| b.organization.clone());
        }
    }
    people
}

/// One of `people`: its `rel` is the role, a `contactinfo` address the
/// location.
fn ninjs_person(p: &Map<String, Value>) -> Option<Credit> {
    let name = get_str(p, "name");
    if name.is_empty() {
        return None;
    }
    let rel = get_str(p, "rel");
    let role = Role::parse(rel.rsplit(['/', ':', '#']).next().unwrap_or(rel)).unwrap_or(Role::Author);
    let contacts = get_array(p, "contactinfo");
    let location = contacts.iter().find_map(|ci| {
        let addr = get(ci, "address")?.as_object()?;
        let lines: Vec<&str> = get(addr, "lines")?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        (!lines.is_empty()).then(|| lines.join(", "))
    });
    // Copydesk writes a person's organisation as an `organisation`-type
    // contact.
    let organization = contacts
        .iter()
        .find(|ci| get_str(ci, "type").eq_ignore_ascii_case("organisation"))
        .map(|ci| get_str(ci, "value").to_string())
        .filter(|o| !o.is_empty());
    Some(Credit {
        name: name.to_string(),
        role,
        location,
        organization,
    })
}

/// A picture association: caption from its descriptions (or headline), the
/// credit from its `by` line, parsed as any printed credit.
fn ninjs_photo(a: &Map<String, Value>) -> Photo {
    let descriptions = get_array(a, "descriptions");
    let mut caption = role_value(&descriptions, &["caption", "summary"], true);
    if caption.is_empty() {
        caption = get_str(a, "description_text").to_string();
    }
    if caption.is_empty() {
        caption = role_value(&get_array(a, "headlines"), &["main"], true);
    }
    let by = get_str(a, "by");
    let mut photo = credits::parse_photo_credit(by).unwrap_or_default();
    if photo.photographer.is_none() {
        photo.photographer = get_array(a, "people")
            .iter()
            .find(|p| get_str(p, "rel").ends_with("photographer") || get_str(p, "rel").is_empty())
            .map(|p| get_str(p, "name").to_string());
    }
    if photo.sources.is_empty() && photo.via.is_none() {
        photo.sources = get_array(a, "infosources")
            .iter()
            .map(|s| get_str(s, "name").to_string())
            .collect();
    }
    photo.credit = credits::render_photo_credit(&photo);
    if photo.credit.is_empty() {
        photo.credit = if by.is_empty() {
            get_str(a, "copyrightnotice").to_string()
        } else {
            by.to_string()
        };
    }
    photo.caption = caption;
    photo
}

/// Named HTML entities an XML parser does not know, as character references.
const HTML_ENTITIES: &[(&str, &str)] = &[
    ("&nbsp;", "&#160;"),
    ("&mdash;", "&#8212;"),
    ("&ndash;", "&#8211;"),
    ("&lsquo;", "&#8216;"),
    ("&rsquo;", "&#8217;"),
    ("&ldquo;", "&#8220;"),
    ("&rdquo;", "&#8221;"),
    ("&hellip;", "&#8230;"),
    ("&copy;", "&#169;"),
];

/// Void HTML elements written without a closing slash.
const VOID: &[(&str, &str)] = &[("<br>", "<br/>"), ("<hr>", "<hr/>")];

/// Paragraphs of an HTML body: the text of each block element (`p`, `h1`…,
/// `li`, `blockquote`), markup removed by the parser.
fn html_paragraphs(html: &str) -> Result<Vec<String>> {
    let mut fixed = html.to_string();
    for (from, to) in HTML_ENTITIES.iter().chain(VOID) {
        fixed = fixed.replace(from, to);
    }
    let doc_text = format!("<div>{fixed}</div>");
    let doc = roxmltree::Document::parse(&doc_text)
        .map_err(|e| Error::InvalidText(format!("its HTML body cannot be read ({e})")))?;
    let blocks = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"];
    let mut out = Vec::new();
    for n in doc
        .descendants()
        .filter(|n| n.is_element() && blocks.contains(&n.tag_name().name()))
    {
        // A block inside another block is read with its parent.
        if n.ancestors()
            .skip(1)
            .any(|a| a.is_element() && blocks.contains(&a.tag_name().name()))
        {
            continue;
        }
        let t = text_of(n);
        if !t.trim().is_empty() {
            out.push(t.trim().to_string());
        }
    }
    if out.is_empty() {
        out = crate::text::paragraphs(&text_of(doc.root_element()));
    }
    Ok(out)
}

/// The text of an element, `<br>` as a line break.
fn text_of(n: roxmltree::Node) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if d.is_text() {
            s.push_str(d.text().unwrap_or(""));
        } else if d.is_element() && d.tag_name().name() == "br" {
            s.push('\n');
        }
    }
    s
}

/// Adds tag-line credits to the byline's: a person already credited (by
/// full name or surname) gets the tag line's location and organisation.
fn merge(people: &mut Vec<Credit>, tag: Vec<Credit>) {
    for t in tag {
        credits::credit_once(people, t, same_person, |_, _| {});
    }
}

/// The same person: by full name, or named by surname in the tag line.
fn same_person(p: &Credit, t: &Credit) -> bool {
    p.name == t.name || credits::is_surname_of(&t.name, &p.name)
}

// ---------------------------------------------------------------- NITF

/// An element's text with whitespace folded.
fn folded(n: roxmltree::Node) -> String {
    text_of(n).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nitf(text: &str) -> Result<StoryContent> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts)
        .map_err(|e| Error::InvalidText(format!("it looks like XML but cannot be read ({e})")))?;
    let root = doc.root_element();
    if root.tag_name().name() != "nitf" {
        return Err(Error::InvalidText(format!(
            "it is an XML document but not NITF (its root is <{}>, not <nitf>)",
            root.tag_name().name()
        )));
    }
    let find = |name: &str| first_element(root, name);
    let mut c = StoryContent::default();
    if let Some(h) = find("hedline") {
        let child = |name: &str| h.children().find(|n| n.tag_name().name() == name).map(folded);
        c.headline = child("hl1").unwrap_or_default();
        c.dek = child("hl2").unwrap_or_default();
    }
    if c.headline.is_empty() {
        c.headline = find("title").map(folded).unwrap_or_default();
    }
    c.slug = find("du-key")
        .and_then(|n| n.attribute("key"))
        .unwrap_or("")
        .to_string();
    c.section = find("pubdata")
        .and_then(|n| n.attribute("position.section"))
        .unwrap_or("")
        .to_string();
    c.dateline = find("dateline").map(folded).unwrap_or_default();
    c.credits = nitf_credits(root);
    if let Some(content) = find("body.content") {
        nitf_body(content, &mut c);
    }
    // A dateline printed again at the head of the first paragraph.
    if let Some(first) = c.body.first_mut() {
        if !c.dateline.is_empty() {
            if let Some(rest) = first.strip_prefix(c.dateline.as_str()) {
                *first = rest
                    .trim_start_matches([' ', '\u{2014}', '\u{2013}', '-'])
                    .trim()
                    .to_string();
            }
        }
    }
    c.body.retain(|p| !p.is_empty());
    c.copyright = match find("copyrite") {
        Some(n) => folded(n),
        None => find("doc.copyright")
            .and_then(|n| {
                let holder = n.attribute("holder")?;
                Some(match n.attribute("year") {
                    Some(y) => format!("Copyright {y} {holder}"),
                    None => format!("Copyright {holder}"),
                })
            })
            .unwrap_or_default(),
    };
    Ok(c)
}

/// The first element named `name` under `root`, in document order.
fn first_element<'a, 'i>(root: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    root.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

/// Credits: each byline, its `person`s or its text, then the tag line.
fn nitf_credits(root: roxmltree::Node) -> Vec<Credit> {
    let mut people: Vec<Credit> = Vec::new();
    for b in root.descendants().filter(|n| n.tag_name().name() == "byline") {
        let org = b.children().find(|n| n.tag_name().name() == "byttl").map(folded);
        let persons: Vec<String> = b
            .children()
            .filter(|n| n.tag_name().name() == "person")
            .map(folded)
            .collect();
        let parsed = if persons.is_empty() {
            credits::parse_byline(&folded(b))
        } else {
            credits::parse_byline_with_org(&format!("By {}", persons.join(" and ")), org.as_deref())
        };
        merge(&mut people, parsed);
    }
    if let Some(t) = first_element(root, "tagline") {
        merge(&mut people, credits::parse_tagline(&folded(t)));
    }
    people
}

/// The paragraphs and the `media` (photos) of `body.content`, in order.
fn nitf_body(content: roxmltree::Node, c: &mut StoryContent) {
    for n in content.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "p" if !n.ancestors().any(|a| a.tag_name().name() == "media") => {
                let t = text_of(n);
                let t = t.trim();
                if !t.is_empty() {
                    c.body.push(t.to_string());
                }
            }
            "media" => {
                let part = |name: &str| {
                    n.descendants()
                        .find(|d| d.tag_name().name() == name)
                        .map(folded)
                        .unwrap_or_default()
                };
                let producer = part("media-producer");
                let mut photo = credits::parse_photo_credit(&producer).unwrap_or_default();
                photo.credit = credits::render_photo_credit(&photo);
                if photo.credit.is_empty() {
                    photo.credit = producer;
                }
                photo.caption = part("media-caption");
                c.photos.push(photo);
            }
            _ => {}
        }
    }
}
