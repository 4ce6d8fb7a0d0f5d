//! Renderings of a [`Comparison`]: for the terminal and as a printable HTML
//! redline page.

use std::fmt::Write;

use std::borrow::Cow;

use html_escape::encode_text;

use crate::invisible::visible;

use super::{
    Alert, Comparison, CreditChange, CreditChangeKind, PhotoChange, PhotoChangeKind, Row, RowKind, Segment,
    SegmentKind, Side,
};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Segments as text with `[-deleted-]` and `{+inserted+}` marks, coloured
/// red/green too when `color`.
fn term_segments(segs: &[Segment], color: bool, indent: &str) -> String {
    let mut s = String::new();
    for seg in segs {
        // Story text cannot act on the terminal: control characters,
        // escape sequences and bidi overrides print as visible markers.
        let text = visible(&seg.text).replace('\n', &format!("\n{indent}"));
        let (open, close, col) = match seg.kind {
            SegmentKind::Equal => ("", "", ""),
            SegmentKind::Deleted => ("[-", "-]", RED),
            SegmentKind::Inserted => ("{+", "+}", GREEN),
        };
        if color && !col.is_empty() {
            let _ = write!(s, "{col}{open}{text}{close}{RESET}");
        } else {
            let _ = write!(s, "{open}{text}{close}");
        }
    }
    s
}

fn opt(s: &Option<String>) -> Cow<'_, str> {
    visible(s.as_deref().unwrap_or("—"))
}

/// A readable plain-text report: fields, credits, photos, alerts, then the
/// body row by row. Each row starts with a mark (`=` equal, `~` changed, `-`
/// deleted, `+` inserted, `>` moved away, `<` moved here) and the old/new
/// paragraph numbers (1-based; `.` when absent). Deleted text reads
/// `[-like this-]`, inserted `{+like this+}`; with `color`, also red/green.
pub fn render_terminal(c: &Comparison, color: bool) -> String {
    let mut s = String::new();
    if !c.fields.is_empty() {
        head(&mut s, "Fields", color);
        for f in &c.fields {
            let segments = term_segments(&f.segments, color, "    ");
            let _ = writeln!(s, "  {}: {segments}", f.field.name());
        }
    }
    if !c.credits.is_empty() {
        head(&mut s, "Credits", color);
        for cr in &c.credits {
            let _ = writeln!(s, "  {}", term_credit(cr));
        }
    }
    if !c.photos.is_empty() {
        head(&mut s, "Photos", color);
        for p in &c.photos {
            let _ = writeln!(s, "  {}", term_photo(p));
        }
    }
    if !c.alerts.is_empty() {
        head(&mut s, "Alerts", color);
        for a in &c.alerts {
            term_alert(&mut s, a, color);
        }
    }
    let st = &c.stats;
    head(&mut s, "Body", color);
    let _ = writeln!(
        s,
        "  {} changed, {} inserted, {} deleted, {} moved; +{} / -{} words{}",
        st.paragraphs_changed,
        st.paragraphs_inserted,
        st.paragraphs_deleted,
        st.paragraphs_moved,
        st.words_added,
        st.words_removed,
        if c.coarse { " (coarse: deadline reached)" } else { "" }
    );
    for row in &c.rows {
        term_row(&mut s, row, color);
    }
    s
}

/// A section heading, bold with `color`.
fn head(s: &mut String, t: &str, color: bool) {
    if color {
        let _ = writeln!(s, "{BOLD}{t}{RESET}");
    } else {
        let _ = writeln!(s, "{t}");
    }
}

fn term_credit(cr: &CreditChange) -> String {
    let name = visible(&cr.name);
    let (before, after) = (opt(&cr.before), opt(&cr.after));
    match cr.kind {
        CreditChangeKind::Added => format!("+ {name} ({after})"),
        CreditChangeKind::Removed => format!("- {name} ({before})"),
        CreditChangeKind::Reordered => format!("↕ {name}: position {before} → {after}"),
        k => format!("~ {name}: {} {before} → {after}", k.name()),
    }
}

fn term_photo(p: &PhotoChange) -> String {
    let (n, before, after) = (p.index + 1, opt(&p.before), opt(&p.after));
    match p.kind {
        PhotoChangeKind::Added => format!("+ photo {n}: {after}"),
        PhotoChangeKind::Removed => format!("- photo {n}: {before}"),
        k => format!("~ photo {n} {}: {before} → {after}", k.name()),
    }
}

fn term_alert(s: &mut String, a: &Alert, color: bool) {
    let place = match (a.paragraph, a.field) {
        (Some(p), _) => format!("¶{}", p + 1),
        (None, Some(f)) => f.name().to_string(),
        (None, None) => String::new(),
    };
    let (y, r) = if color { (YELLOW, RESET) } else { ("", "") };
    let _ = writeln!(
        s,
        "  {y}! {} {place}{r}: {} → {}",
        a.kind.name(),
        quote_or_none(shown(&a.before, &a.shown_before, a.invisible)),
        quote_or_none(shown(&a.after, &a.shown_after, a.invisible))
    );
}

/// An alert's side as shown: its marked-up form when it has invisible
/// characters around it.
fn shown<'a>(text: &'a str, shown: &'a str, invisible: bool) -> &'a str {
    if invisible && !shown.is_empty() {
        shown
    } else {
        text
    }
}

fn quote_or_none(t: &str) -> String {
    if t.is_empty() {
        "(none)".into()
    } else {
        format!("«{}»", visible(t))
    }
}

fn num(side: &Option<Side>) -> String {
    side.as_ref().map_or(".".to_string(), |s| (s.index + 1).to_string())
}

fn term_row(s: &mut String, row: &Row, color: bool) {
    let indent = " ".repeat(14);
    let (l, r) = (num(&row.left), num(&row.right));
    let mark = match (row.kind, &row.left) {
        (RowKind::Equal, _) => "=",
        (RowKind::Changed, _) => "~",
        (RowKind::Deleted, _) => "-",
        (RowKind::Inserted, _) => "+",
        (RowKind::Moved, Some(_)) => ">",
        (RowKind::Moved, None) => "<",
    };
    let prefix = format!("{mark} {l:>5} {r:>5}  ");
    let note = match (row.kind, &row.left, row.other_index) {
        (RowKind::Moved, Some(_), Some(o)) => format!("(moved to ¶{}) ", o + 1),
        (RowKind::Moved, None, Some(o)) => format!("(moved from ¶{}) ", o + 1),
        _ => String::new(),
    };
    match row.kind {
        RowKind::Changed => {
            let ls = row
                .left
                .as_ref()
                .map(|x| term_segments(&x.segments, color, &indent))
                .unwrap_or_default();
            let rs = row
                .right
                .as_ref()
                .map(|x| term_segments(&x.segments, color, &indent))
                .unwrap_or_default();
            let _ = writeln!(s, "~ {l:>5} {:>5}  {ls}", ".");
            let _ = writeln!(s, "~ {:>5} {r:>5}  {rs}", ".");
        }
        _ => {
            let side = row.right.as_ref().or(row.left.as_ref());
            let body = side
                .map(|x| term_segments(&x.segments, color, &indent))
                .unwrap_or_default();
            let _ = writeln!(s, "{prefix}{note}{body}");
        }
    }
}

fn html_segments(segs: &[Segment]) -> String {
    let mut s = String::new();
    for seg in segs {
        let t = encode_text(&seg.text);
        match seg.kind {
            SegmentKind::Equal => s.push_str(&t),
            SegmentKind::Deleted => {
                let _ = write!(s, "<del>{t}</del>");
            }
            SegmentKind::Inserted => {
                let _ = write!(s, "<ins>{t}</ins>");
            }
        }
    }
    s
}

const CSS: &str = "body{font:15px/1.45 Georgia,serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{vertical-align:top;padding:.3em .5em;border-bottom:1px solid #eee}
td.n{color:#888;width:2.5em;text-align:right;font:12px monospace}td.t{width:47%;white-space:pre-wrap}
del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;text-decoration:underline}
tr.changed td.t{background:#fffbe6}tr.moved td.t{background:#eef4ff}tr.inserted td.t{background:#f0fff0}tr.deleted td.t{background:#fff0f0}
.alert{color:#a40}.note{color:#666;font-style:italic}
@media print{body{margin:0;font-size:11pt}tr{page-break-inside:avoid}del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// The same Content-Security-Policy as the HTML export.
use crate::export::html::CSP_META as CSP;

/// A standalone, printable redline page: inline CSS, no script, every piece
/// of story text HTML-escaped. Older revision left, newer right.
pub fn render_html(c: &Comparison, title: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{CSP}<title>{t}</title><style>{CSS}</style></head><body>\n<h1>{t}</h1>\n",
        t = encode_text(title)
    );
    let st = &c.stats;
    let _ = writeln!(
        s,
        "<p>{} changed, {} inserted, {} deleted, {} moved paragraphs; {} words added, {} removed.</p>",
        st.paragraphs_changed,
        st.paragraphs_inserted,
        st.paragraphs_deleted,
        st.paragraphs_moved,
        st.words_added,
        st.words_removed
    );
    if c.coarse {
        s.push_str("<p class=\"note\">The texts differ so much that the comparison was simplified: some paragraphs show as deleted and inserted rather than edited.</p>\n");
    }
    if !c.alerts.is_empty() {
        s.push_str("<h2>Check these</h2><ul>\n");
        for a in &c.alerts {
            html_alert(&mut s, a);
        }
        s.push_str("</ul>\n");
    }
    if !c.fields.is_empty() {
        s.push_str("<h2>Fields</h2><table>\n");
        for f in &c.fields {
            let segments = html_segments(&f.segments);
            let _ = writeln!(s, "<tr><th>{}</th><td>{segments}</td></tr>", f.field.name());
        }
        s.push_str("</table>\n");
    }
    if !c.credits.is_empty() || !c.photos.is_empty() {
        s.push_str("<h2>Credits and photos</h2><ul>\n");
        for cr in &c.credits {
            let what = match cr.kind {
                CreditChangeKind::Reordered => "position",
                k => k.name(),
            };
            let what = format!("{} — {what}", encode_text(&cr.name));
            html_item(&mut s, &what, &cr.before, &cr.after);
        }
        for p in &c.photos {
            let what = format!("Photo {} — {}", p.index + 1, p.kind.name());
            html_item(&mut s, &what, &p.before, &p.after);
        }
        s.push_str("</ul>\n");
    }
    s.push_str("<h2>Story</h2><table>\n<tr><th></th><th>Before</th><th></th><th>After</th></tr>\n");
    for row in &c.rows {
        html_row(&mut s, row);
    }
    s.push_str("</table>\n</body></html>\n");
    s
}

fn html_alert(s: &mut String, a: &Alert) {
    let place = match (a.paragraph, a.field) {
        (Some(p), _) => format!("paragraph {}", p + 1),
        (None, Some(f)) => f.name().to_string(),
        _ => String::new(),
    };
    let _ = writeln!(
        s,
        "<li class=\"alert\">{} ({}): <del>{}</del> → <ins>{}</ins></li>",
        a.kind.name(),
        place,
        encode_text(&visible(shown(&a.before, &a.shown_before, a.invisible))),
        encode_text(&visible(shown(&a.after, &a.shown_after, a.invisible)))
    );
}

/// A credit or photo change: `what` (already escaped), then before → after.
fn html_item(s: &mut String, what: &str, before: &Option<String>, after: &Option<String>) {
    let _ = writeln!(
        s,
        "<li>{what}: <del>{}</del> → <ins>{}</ins></li>",
        encode_text(&opt(before)),
        encode_text(&opt(after))
    );
}

fn html_row(s: &mut String, row: &Row) {
    let kind = match row.kind {
        RowKind::Equal => "equal",
        RowKind::Changed => "changed",
        RowKind::Inserted => "inserted",
        RowKind::Deleted => "deleted",
        RowKind::Moved => "moved",
    };
    let cell = |side: &Option<Side>, other: &str| match side {
        Some(x) => format!(
            "<td class=\"n\">{}</td><td class=\"t\">{other}{}</td>",
            x.index + 1,
            html_segments(&x.segments)
        ),
        None => "<td class=\"n\"></td><td class=\"t\"></td>".to_string(),
    };
    let (lnote, rnote) = match (row.kind, row.other_index) {
        (RowKind::Moved, Some(o)) if row.left.is_some() => (
            format!("<span class=\"note\">moved to {} → </span>", o + 1),
            String::new(),
        ),
        (RowKind::Moved, Some(o)) => (
            String::new(),
            format!("<span class=\"note\">moved from {} → </span>", o + 1),
        ),
        _ => (String::new(), String::new()),
    };
    let _ = writeln!(
        s,
        "<tr class=\"{kind}\">{}{}</tr>",
        cell(&row.left, &lnote),
        cell(&row.right, &rnote)
    );
}
