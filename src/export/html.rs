//! HTML export: a standalone page to read or print, with inline CSS and no
//! script. All story text goes through `html_escape::encode_text`, so a story
//! quoting `<script>` shows the words, it never runs them; a strict
//! Content-Security-Policy backs that up.

use html_escape::encode_text;

use crate::credits;
use crate::model::StoryContent;

use super::printed_paragraphs;

const STYLE: &str = "\
body{margin:0;background:#fff;color:#111;font:18px/1.55 Georgia,'Times New Roman',serif}
article{max-width:40em;margin:2em auto;padding:0 1em}
.section{font:bold 13px/1.2 Helvetica,Arial,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#a00;margin:0 0 .5em}
h1{font-size:2em;line-height:1.15;margin:0 0 .4em}
.dek{font-size:1.15em;font-style:italic;color:#333;margin:0 0 1em}
.byline{font:bold 14px/1.3 Helvetica,Arial,sans-serif;margin:0 0 1.5em}
.dateline{font-weight:bold}
.photo{margin:1.5em 0;padding:.6em .8em;border-left:3px solid #ccc;font:15px/1.4 Helvetica,Arial,sans-serif}
.photo .credit{color:#555;font-size:.85em}
.tagline{font-style:italic}
footer{margin-top:2em;border-top:1px solid #ccc;padding-top:.5em;font:13px/1.4 Helvetica,Arial,sans-serif;color:#555}
@media print{body{font-size:11pt}article{max-width:none;margin:0;padding:0}.photo{break-inside:avoid}}
";

/// Nothing but the inline style may load or run, whatever the story text
/// holds. The redline page (`diff::render_html`) carries the same.
pub(crate) const CSP_META: &str =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">";

pub(super) fn render(c: &StoryContent) -> String {
    let mut h = String::with_capacity(4096);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(CSP_META);
    h.push('\n');
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{}</title>\n", encode_text(&c.headline)));
    h.push_str(&format!(
        "<style>\n{STYLE}</style>\n</head>\n<body>\n<article>\n<header>\n"
    ));
    if !c.section.is_empty() {
        h.push_str(&format!("<p class=\"section\">{}</p>\n", encode_text(&c.section)));
    }
    h.push_str(&format!("<h1>{}</h1>\n", encode_text(&c.headline)));
    if !c.dek.is_empty() {
        h.push_str(&format!("<p class=\"dek\">{}</p>\n", encode_text(&c.dek)));
    }
    let byline = credits::render_byline(&c.credits);
    if !byline.is_empty() {
        h.push_str(&format!("<p class=\"byline\">{}</p>\n", encode_text(&byline)));
    }
    h.push_str("</header>\n");
    h.push_str(&body_fragment(c));
    for photo in &c.photos {
        h.push_str("<figure class=\"photo\">\n<figcaption>");
        h.push_str(&text_with_breaks(&photo.caption));
        let credit = credits::render_photo_credit(photo);
        if !credit.is_empty() {
            if !photo.caption.is_empty() {
                h.push(' ');
            }
            h.push_str(&format!("<span class=\"credit\">({})</span>", encode_text(&credit)));
        }
        h.push_str("</figcaption>\n</figure>\n");
    }
    let tagline = credits::render_tagline(&c.credits);
    if !tagline.is_empty() {
        h.push_str(&format!("<p class=\"tagline\">{}</p>\n", text_with_breaks(&tagline)));
    }
    if !c.copyright.is_empty() {
        h.push_str(&format!(
            "<footer><p class=\"copyright\">{}</p></footer>\n",
            encode_text(&c.copyright)
        ));
    }
    h.push_str("</article>\n</body>\n</html>\n");
    h
}

/// The body as HTML paragraphs, dateline included; no page around it. Used
/// by the page above and as the HTML body of ninjs exports.
pub(super) fn body_fragment(c: &StoryContent) -> String {
    let mut h = String::new();
    for p in printed_paragraphs(c) {
        h.push_str("<p>");
        if let Some(d) = p.dateline {
            h.push_str(&format!("<span class=\"dateline\">{}</span>", encode_text(d)));
            if !p.text.is_empty() {
                h.push_str(super::DATELINE_DASH);
            }
        }
        h.push_str(&text_with_breaks(p.text));
        h.push_str("</p>\n");
    }
    h
}

/// Escapes text for an element's content; the editor's line breaks inside a
/// paragraph become `<br>`.
fn text_with_breaks(text: &str) -> String {
    text.lines()
        .map(|l| encode_text(l).into_owned())
        .collect::<Vec<_>>()
        .join("<br>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_story_text_is_escaped() {
        let mut c = StoryContent::new("<b>H</b>", vec!["a < b && <script>x</script>".into()]);
        c.dek = "<img src=x onerror=alert(1)>".into();
        let page = render(&c);
        assert!(page.contains("<h1>&lt;b&gt;H&lt;/b&gt;</h1>"), "{page}");
        assert!(
            page.contains("a &lt; b &amp;&amp; &lt;script&gt;x&lt;/script&gt;"),
            "{page}"
        );
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<script"), "{page}");
    }
}
