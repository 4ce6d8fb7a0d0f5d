//! Photo credit lines: "(AP Photo/Evan Vucci)", "Jane Doe/The Houston
//! Chronicle via AP"…, parsed into photographer, sources and "via", and
//! rendered back from those fields.

use super::names::{ends_with_dotted_suffix, is_plausible_name, one_line, title_case_name};
use super::phrasings::*;
use crate::model::Photo;

/// Parses a photo credit line: "(AP Photo/Evan Vucci)", "Jane Doe/The
/// Houston Chronicle via AP", "Vladimir Smirnov, Sputnik, Kremlin Pool Photo
/// via AP", "Chip Somodevilla/Getty Images", "REUTERS/Evelyn Hockstein"…
/// `None` when the text is not a credit (a caption, a sentence). The caption
/// comes back empty and `credit` is the AP rendering of the parsed fields.
pub fn parse_photo_credit(s: &str) -> Option<Photo> {
    let t = credit_line(s)?;
    let (t, via) = match t.rfind(" via ") {
        Some(i) => (t[..i].trim(), Some(t[i + 5..].trim().to_string())),
        None => (t.as_str(), None),
    };
    // "(AP Photo/Evan Vucci, File)": a file photo, kept as a last source.
    let (t, file) = match t.strip_suffix(&format!(", {PHOTO_FILE}")) {
        Some(rest) => (rest.trim(), true),
        None => (t, false),
    };
    let (photographer, mut sources) = match t.split_once('/') {
        Some((left, right)) => split_at_slash(left.trim(), right.trim())?,
        None => split_at_commas(t, via.is_some())?,
    };
    if file {
        sources.push(PHOTO_FILE.to_string());
    }
    let mut photo = Photo {
        caption: String::new(),
        credit: String::new(),
        photographer,
        sources,
        via,
    };
    photo.credit = render_photo_credit(&photo);
    Some(photo)
}

/// The text of a line that has the shape of a credit, without parentheses
/// and lead-ins ("Photo by "); `None` for a sentence, an address, a quote.
fn credit_line(s: &str) -> Option<String> {
    let mut t = one_line(s);
    if t.starts_with('(') && t.ends_with(')') {
        t = t[1..t.len() - 1].trim().to_string();
    }
    for lead in PHOTO_LEAD_INS {
        if t.get(..lead.len()).is_some_and(|b| b.eq_ignore_ascii_case(lead)) {
            t = t[lead.len()..].trim().to_string();
        }
    }
    let words = t.split_whitespace().count();
    if t.is_empty() || words > 15 || t.contains("://") || t.contains("www.") || t.contains(['“', '”', '"']) {
        return None;
    }
    // Credit lines never end a sentence; a name may end in "Jr.".
    if t.ends_with(['.', '!', '?', ':', ';', ',']) && !ends_with_dotted_suffix(&t) {
        return None;
    }
    // Credit lines are names and outlets: every word capitalised but for a
    // few small words. A sentence ("Open 24/7 for walk-ins") is not one.
    let capitalised = t.split_whitespace().all(|w| {
        let bare = w.trim_matches(['(', ')', ',']);
        w.starts_with(|c: char| c.is_uppercase() || c == '(' || c == '/')
            || PHOTO_CREDIT_SMALL_WORDS.contains(&bare)
            || NAME_PARTICLES.contains(&bare)
    });
    (capitalised && !t.chars().any(|c| c.is_ascii_digit())).then_some(t)
}

/// "AP Photo/Evan Vucci", "Jane Doe/The Houston Chronicle, Pool": the
/// photographer and the sources either side of the slash.
fn split_at_slash(left: &str, right: &str) -> Option<(Option<String>, Vec<String>)> {
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let mut sources = Vec::new();
    let photographer;
    if let Some(agency) = PHOTO_AGENCY_FIRST.iter().find(|a| a.eq_ignore_ascii_case(left)) {
        sources.push(agency.to_string());
        photographer = photographer_name(right);
        if photographer.is_none() {
            sources.push(right.to_string());
        }
    } else {
        photographer = photographer_name(left);
        if photographer.is_none() {
            sources.push(left.to_string());
        }
        sources.extend(right.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()));
    }
    Some((photographer, sources))
}

/// "Vladimir Smirnov, Sputnik, Kremlin Pool Photo": a credit without a
/// slash, recognised only by a "via" or a word sources use ("Pool").
fn split_at_commas(t: &str, has_via: bool) -> Option<(Option<String>, Vec<String>)> {
    let items: Vec<String> = t
        .split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect();
    let source_like = |i: &String| PHOTO_SOURCE_WORDS.iter().any(|w| i.contains(w));
    let marked = has_via || items.iter().skip(1).any(source_like) || (items.len() == 1 && source_like(&items[0]));
    if !marked {
        return None;
    }
    let first_name = items.first().and_then(|f| photographer_name(f));
    if first_name.is_some() && (items.len() >= 2 || has_via) {
        Some((first_name, items.into_iter().skip(1).collect()))
    } else {
        Some((None, items))
    }
}

/// A photographer's name in a credit, properly cased ("PIETER VAN DER BERG"
/// → "Pieter van der Berg"): two words at least.
fn photographer_name(s: &str) -> Option<String> {
    let name = title_case_name(s);
    is_plausible_name(&name, 2).then_some(name)
}

/// The credit line of one photo, rendered from its fields in AP style:
/// "(AP Photo/Evan Vucci)", "Jane Doe/Houston Chronicle via AP", "Vladimir
/// Smirnov, Sputnik, Kremlin Pool Photo via AP". A photo with no structured
/// fields keeps the credit as printed.
pub fn render_photo_credit(photo: &Photo) -> String {
    let name = photo.photographer.as_deref().filter(|n| !n.trim().is_empty());
    let mut sources: Vec<&str> = photo
        .sources
        .iter()
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
        .collect();
    let via = photo.via.as_deref().filter(|v| !v.trim().is_empty());
    if name.is_none() && sources.is_empty() && via.is_none() {
        return photo.credit.clone();
    }
    let file = sources.len() > 1 && sources.last() == Some(&PHOTO_FILE);
    if file {
        sources.pop();
    }
    let mut s = match (name, sources.as_slice()) {
        (Some(n), [src]) if PHOTO_AGENCY_FIRST.contains(src) => format!("{src}/{n}"),
        (Some(n), [src]) => format!("{n}/{src}"),
        (Some(n), []) => n.to_string(),
        (Some(n), many) => format!("{n}, {}", many.join(", ")),
        (None, many) => many.join(", "),
    };
    if file {
        s = format!("{s}, {PHOTO_FILE}");
    }
    if let Some(v) = via {
        if s.is_empty() {
            s = format!("via {v}");
        } else {
            s = format!("{s} via {v}");
        }
    }
    if sources.first().is_some_and(|f| PHOTO_IN_PARENS.contains(f)) {
        s = format!("({s})");
    }
    s
}
