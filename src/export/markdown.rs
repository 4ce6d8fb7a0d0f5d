//! Markdown (CommonMark, GitHub-flavoured renderers included) export.
//!
//! Story text is escaped so that it reads as the words the editor wrote:
//! a bracket cannot start a link, `<b>` cannot become HTML, a paragraph
//! starting with "1." or "#" cannot become a list or a heading.

use crate::credits;
use crate::model::StoryContent;

use super::printed_paragraphs;

pub(super) fn render(c: &StoryContent) -> String {
    let mut blocks: Vec<String> = Vec::new();
    if !c.section.is_empty() {
        blocks.push(format!("**{}**", inline(&c.section)));
    }
    blocks.push(format!("# {}", heading(&c.headline)));
    if !c.dek.is_empty() {
        blocks.push(format!("*{}*", inline(&c.dek)));
    }
    let byline = credits::render_byline(&c.credits);
    if !byline.is_empty() {
        blocks.push(format!("**{}**", inline(&byline)));
    }
    for p in printed_paragraphs(c) {
        blocks.push(match p.dateline {
            Some(d) if p.text.is_empty() => format!("**{}**", inline(d)),
            Some(d) => format!("**{}**{}{}", inline(d), super::DATELINE_DASH, block(p.text)),
            None => block(p.text),
        });
    }
    for photo in &c.photos {
        let credit = credits::render_photo_credit(photo);
        let mut line = String::from("> **Photo:**");
        if !photo.caption.is_empty() {
            line.push(' ');
            line.push_str(&inline(&photo.caption));
        }
        if !credit.is_empty() {
            line.push_str(&format!(" *({})*", inline(&credit)));
        }
        blocks.push(line);
    }
    let tagline = credits::render_tagline(&c.credits);
    if !tagline.is_empty() {
        blocks.push(format!("*{}*", block(&tagline)));
    }
    if !c.copyright.is_empty() {
        blocks.push("---".to_string());
        blocks.push(inline(&c.copyright));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// Escapes a paragraph that may hold line breaks: each line is escaped, and
/// the editor's line breaks become Markdown hard breaks.
fn block(text: &str) -> String {
    text.lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(inline)
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// Escapes one line of story text so Markdown renders it as the same text.
///
/// Characters that can open inline constructs (links, images, emphasis, code,
/// raw HTML, entities, strikethrough, tables, `$` maths) are backslash-escaped wherever
/// they are; characters that only matter at the start of a line (headings,
/// block quotes, lists, thematic breaks, setext underlines) are escaped there.
/// Bare URLs (`https://…`), `www.` addresses and e-mail addresses are
/// not turned into links by GitHub-flavoured renderers: the `:` of `://`,
/// the dot after `www` and the `@` between word characters are escaped.
pub(super) fn inline(text: &str) -> String {
    let line = text.trim();
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    for (k, &ch) in chars.iter().enumerate() {
        let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
        let autolink = match ch {
            ':' => chars[k + 1..].starts_with(&['/', '/']),
            '.' => k >= 3 && chars[k - 3..k].iter().all(|c| c.eq_ignore_ascii_case(&'w')) && (k == 3 || !word(k - 4)),
            '@' => k > 0 && word(k - 1) && word(k + 1),
            _ => false,
        };
        if autolink {
            out.push('\\');
            out.push(ch);
            continue;
        }
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            // A line break inside a single-line field should not happen
            // (fields are normalised), but must not start a new block.
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    // Block-level markers at the start of the line.
    let first = out.chars().next();
    match first {
        Some('#' | '+' | '-' | '=') => out.insert(0, '\\'),
        Some(c) if c.is_ascii_digit() => {
            // "1. " or "1) " would start an ordered list.
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if matches!(out[digits..].chars().next(), Some('.' | ')')) {
                out.insert(digits, '\\');
            }
        }
        _ => {}
    }
    out
}

/// A heading's text: [`inline`], and a closing run of `#` kept as text
/// (`# Score #` would otherwise render as the heading "Score").
fn heading(text: &str) -> String {
    let mut out = inline(text);
    if out.ends_with('#') {
        let run = out.len() - out.trim_end_matches('#').len();
        out.insert(out.len() - run, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_ending_in_a_hash_keeps_it() {
        assert_eq!(heading("We're No. 1 #"), "We're No. 1 \\#");
        assert_eq!(heading("C##"), "C\\##");
        assert_eq!(heading("No hash"), "No hash");
    }

    #[test]
    fn bare_urls_and_www_do_not_become_links() {
        assert_eq!(
            inline("See https://example.com/x now"),
            "See https\\://example.com/x now"
        );
        assert_eq!(inline("Visit www.example.com."), "Visit www\\.example.com.");
        assert_eq!(inline("WWW.EXAMPLE.COM"), "WWW\\.EXAMPLE.COM");
        assert_eq!(inline("Write to desk@example.com"), "Write to desk\\@example.com");
        // Not addresses: left as written.
        assert_eq!(inline("Time: 10:30, awww. @ 5"), "Time: 10:30, awww. @ 5");
    }

    #[test]
    fn inline_escapes_links_html_and_emphasis() {
        assert_eq!(inline("[x](http://e.com)"), "\\[x\\](http\\://e.com)");
        assert_eq!(inline("<b>bold</b> & *hi*"), "\\<b\\>bold\\</b\\> \\& \\*hi\\*");
        // With `[` escaped, `!` cannot start an image and stays as written.
        assert_eq!(inline("![img](a.png) Wow!"), "!\\[img\\](a.png) Wow!");
        assert_eq!(inline("$5 or $10"), "\\$5 or \\$10");
    }

    #[test]
    fn inline_escapes_block_markers_at_line_start() {
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("1984. A year"), "1984\\. A year");
        assert_eq!(inline("3) three"), "3\\) three");
        assert_eq!(inline("2024 was long. Yes."), "2024 was long. Yes.");
        assert_eq!(inline("> quote"), "\\> quote");
    }

    #[test]
    fn block_keeps_line_breaks_as_hard_breaks() {
        assert_eq!(block("one\n- two"), "one\\\n\\- two");
    }
}
