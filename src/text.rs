//! The plain-text story format, and reading story files safely.
//!
//! A story file is UTF-8 text whose paragraphs are separated by blank lines.
//! The first paragraph is the headline, the others the body. Fields that are
//! not body text (section, dek, dateline, status, credits, photos, copyright,
//! lines set aside on import) go in an optional header block between two
//! `---` lines, one `Key: value` per line, so that a text export reads back
//! into exactly the same revision:
//!
//! ```text
//! ---
//! Section: Russia
//! Dek: For Putin, the meeting is an opportunity…
//! Credit: Jim Heintz | contributor | Tallinn, Estonia | Associated Press
//! ---
//!
//! Kim vows full support for Russia's ‘sacred fight'
//!
//! North Korean leader Kim Jong Un vowed support…
//! ```
//!
//! A text export also says which revision it holds (`Revision: 7`): saving
//! the edited file back is an edit of that revision, merged with any saved
//! since (see `merge`), never a silent overwrite of them.
//!
//! Why a header block rather than AP-style lines in the text: the import
//! parser (see `import`) guesses structure from raw pasted text, and guesses
//! can be wrong; the header makes our own exports unambiguous.

use std::borrow::Cow;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Credit, Flagged, Photo, Role, Status, StoryContent};

/// The largest story file we accept. Longer than any story ever filed; a
/// larger file is almost certainly not a story, and loading it whole would
/// stall the app.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The longest single line we accept in a story: a 50 MB line is a data dump,
/// not a paragraph.
pub const MAX_LINE_BYTES: usize = 200_000;

const FENCE: &str = "---";

/// Reads a story file, refusing with a clear reason anything that is not
/// story text: a missing file, a directory, a device, a FIFO or socket, a
/// binary file, invalid UTF-8, an empty file, or one that is far too big.
///
/// Only regular files are read, and never more than [`MAX_FILE_BYTES`] plus
/// one byte: `/dev/zero` passes a size check (its length reads as 0) and
/// would be read until memory runs out, and a FIFO would block forever. The
/// file is opened non-blocking (a FIFO without a writer opens at once) and
/// its type checked on the open handle, so it cannot be swapped between the
/// check and the read.
pub fn read_story_file(path: &Path) -> Result<String> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| Error::Unreadable {
        path: path.to_path_buf(),
        reason: match e.kind() {
            std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        },
    };
    let not_a_story = |reason: String| Error::NotAStory {
        path: path.to_path_buf(),
        reason,
    };
    // Refuse by type before opening: opening a device can have effects.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if let Some(reason) = not_regular(&meta) {
        return Err(not_a_story(reason));
    }
    let file = open_nonblocking(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if let Some(reason) = not_regular(&meta) {
        return Err(not_a_story(reason));
    }
    let too_big = |len: u64| {
        format!(
            "it is {} MB, more than the {} MB a story file may be",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(not_a_story(too_big(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // The file grew while we read it.
        return Err(not_a_story(too_big(bytes.len() as u64)));
    }
    decode_story_vec(bytes).map_err(not_a_story)
}

/// Why a file of this type is not read as a story; `None` for a regular file.
/// Reads the story file at `path` ([`read_story_file`]) and parses it with
/// `parse` (this format, [`parse_with_base`], or a raw import). Text that is
/// not a story is reported as the file that is not one.
pub fn read_story<T>(path: &Path, parse: impl FnOnce(&str) -> Result<T>) -> Result<T> {
    let raw = read_story_file(path)?;
    parse(&raw).map_err(|e| match e {
        Error::InvalidText(reason) => Error::NotAStory {
            path: path.to_path_buf(),
            reason,
        },
        other => other,
    })
}

fn not_regular(meta: &std::fs::Metadata) -> Option<String> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    Some(if t.is_dir() {
        "it is a directory; give the path of a text file".into()
    } else {
        "it is not a regular file (a device, pipe or socket); give the path of a text file".into()
    })
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: 0o4000 on Linux, 0x0004 on macOS and the BSDs.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const O_NONBLOCK: i32 = 0o4000;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    const O_NONBLOCK: i32 = 0x0004;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Checks that bytes are story text and returns them as a string; the error
/// is the reason they are not.
pub fn decode_story_bytes(bytes: &[u8]) -> std::result::Result<String, String> {
    decode_story_vec(bytes.to_vec())
}

/// [`decode_story_bytes`] on bytes read into a buffer of our own, which
/// becomes the string: a story file is not copied again to be checked.
fn decode_story_vec(bytes: Vec<u8>) -> std::result::Result<String, String> {
    if bytes.contains(&0) {
        return Err("it is a binary file (it contains NUL bytes); save the story as plain text".into());
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not valid UTF-8 (bad byte at offset {}); save it as UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    check_story_text(&text)?;
    Ok(text)
}

/// Checks that a string (a file's contents or a paste) can be a story.
pub fn check_story_text(text: &str) -> std::result::Result<(), String> {
    TextStats::of(text).verdict()
}

/// What [`check_story_text`] looks at in a text. The stats of pieces that
/// each end where a line ends (or that continue one with nothing but line
/// breaks) add up to those of the pieces joined, so a story can be checked
/// as it would render without rendering it.
struct TextStats {
    len: usize,
    blank: bool,
    /// The length of the first line over [`MAX_LINE_BYTES`].
    long_line: Option<usize>,
    control: usize,
    chars: usize,
    nul: bool,
}

impl TextStats {
    fn of(text: &str) -> TextStats {
        let (control, chars) = control_and_chars(text);
        TextStats {
            len: text.len(),
            blank: text.trim().is_empty(),
            long_line: first_line_over(text, MAX_LINE_BYTES),
            control,
            chars,
            // NUL is a control character: only then worth looking for.
            nul: control > 0 && text.as_bytes().contains(&0),
        }
    }

    fn add(&mut self, piece: &str) {
        // The line breaks between paragraphs: a third of the pieces.
        if piece == "\n" {
            self.len += 1;
            self.chars += 1;
            return;
        }
        let more = TextStats::of(piece);
        self.len += more.len;
        self.blank &= more.blank;
        self.long_line = self.long_line.or(more.long_line);
        self.control += more.control;
        self.chars += more.chars;
        self.nul |= more.nul;
    }

    fn verdict(&self) -> std::result::Result<(), String> {
        if self.blank {
            return Err("it is empty".into());
        }
        if let Some(len) = self.long_line {
            return Err(format!(
                "it has a line of {len} bytes, more than the {MAX_LINE_BYTES} a paragraph may be; it does not look like a story"
            ));
        }
        if self.control * 100 > self.chars {
            return Err("it contains control characters, as binary files do; save the story as plain text".into());
        }
        Ok(())
    }
}

/// How many of `text`'s characters are control characters other than line
/// breaks and tabs, and how many characters it has: counted on the bytes,
/// without branches, so the compiler can vectorise the loops (every story
/// file read and every story saved goes through here). Control characters
/// (Unicode's Cc) are U+0000–U+001F and U+007F in one byte, U+0080–U+009F
/// as 0xC2 then 0x80–0x9F.
fn control_and_chars(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let ascii = count_bytes(bytes, |b| {
        ((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t')) | (b == 0x7f)
    });
    if text.is_ascii() {
        return (ascii, bytes.len());
    }
    let c1 = if bytes.contains(&0xc2) {
        bytes
            .windows(2)
            .filter(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
            .count()
    } else {
        0
    };
    // Every character has exactly one byte that is not a continuation byte.
    let chars = count_bytes(bytes, |b| (b as i8) >= -0x40);
    (ascii + c1, chars)
}

/// The length of the first line of `text` (as `str::lines` splits it) that
/// is longer than `max` bytes. Rather than finding every line break, it
/// looks back from `max` bytes ahead for the last one: lines that end
/// before it are shorter than `max`, so a story of short lines takes a few
/// steps, not one per line.
fn first_line_over(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while bytes.len() - start > max {
        if let Some(i) = memchr::memrchr(b'\n', &bytes[start..=start + max]) {
            start += i + 1;
            continue;
        }
        // A line at least `max + 1` bytes long, unless `\r\n` ends it.
        let end = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i);
        let len = match end {
            Some(end) if bytes[end - 1] == b'\r' => end - 1 - start,
            Some(end) => end - start,
            None => bytes.len() - start,
        };
        if len > max {
            return Some(len);
        }
        start = end? + 1;
    }
    None
}

/// How many of `bytes` satisfy `is`: summed a byte wide in runs of 255, so
/// the loop vectorises.
fn count_bytes(bytes: &[u8], is: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|run| run.iter().fold(0u8, |n, &b| n + is(b) as u8) as usize)
        .sum()
}

/// `text` with `\r\n` and lone `\r` line endings made `\n`, in one pass;
/// borrowed when there is nothing to change, as in most files.
pub fn unix_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Splits text into paragraphs at blank lines. A paragraph is the text from
/// its first line to its last, trimmed: its lines keep their `\n`s.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = unix_newlines(text);
    let mut out = Vec::new();
    // The byte range of the paragraph being read, if one is.
    let mut current: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let start = at;
        at += line.len() + 1;
        if !line.trim().is_empty() {
            let first = current.map_or(start, |(first, _)| first);
            current = Some((first, start + line.len()));
        } else if let Some((first, end)) = current.take() {
            out.push(text[first..end].trim().to_string());
        }
    }
    if let Some((first, end)) = current {
        out.push(text[first..end].trim().to_string());
    }
    out
}

/// Parses the plain-text story format (see the module docs).
pub fn parse(text: &str) -> Result<StoryContent> {
    parse_with_base(text).map(|(content, _)| content)
}

/// Parses the plain-text story format, with the revision the text was
/// exported from (its `Revision:` line), if it says.
pub fn parse_with_base(text: &str) -> Result<(StoryContent, Option<u32>)> {
    check_story_text(text).map_err(Error::InvalidText)?;
    // CR-only line endings (old Mac files) read as import reads them.
    let text = unix_newlines(text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut content = StoryContent::default();
    let mut base = None;
    let rest = match split_header(&text) {
        Some((header, rest)) => {
            base = parse_header(header, &mut content)?;
            rest
        }
        None => &text,
    };
    let mut paras = paragraphs(rest).into_iter();
    content.headline = paras
        .next()
        .ok_or_else(|| Error::InvalidText("it has a header but no headline".into()))?;
    content.body = paras.collect();
    content.normalize();
    check_content(&content).map_err(Error::InvalidText)?;
    Ok((content, base))
}

/// Checks that a normalised story can be saved: that its text export
/// ([`render`]) is a file [`read_story_file`] accepts and [`parse`] reads
/// back into the same story. The error is the reason it cannot. The save
/// path applies this, so anything saved can be exported and read back
/// identically; [`parse`] applies it too, so anything read can be saved.
pub fn check_content(c: &StoryContent) -> std::result::Result<(), String> {
    if c.headline.is_empty() {
        return Err("a story needs a headline".into());
    }
    // As `render(c)` would be, piece by piece, without building it.
    let mut text = TextStats::of("");
    render_pieces(c, None, |piece| text.add(piece));
    if text.len as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "it is {} MB as text, more than the {} MB a story file may be",
            text.len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    if text.nul {
        return Err("it contains NUL characters, which a story file may not hold".into());
    }
    text.verdict()
}

/// Splits `---\nheader\n---\nrest` into header and rest; `None` when the
/// text has no header block.
fn split_header(text: &str) -> Option<(&str, &str)> {
    let after_open = text.strip_prefix(FENCE)?.strip_prefix('\n')?;
    let mut start = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Some((&after_open[..start], &after_open[start + line.len()..]));
        }
        start += line.len();
    }
    None
}

/// Reads the header into `c`; returns the `Revision:` number, if given.
fn parse_header(header: &str, c: &mut StoryContent) -> Result<Option<u32>> {
    let mut base = None;
    for (n, line) in header.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| Error::InvalidText(format!("header line {}: {why}: {line:?}", n + 2));
        let (key, value) = line.split_once(':').ok_or_else(|| bad("expected `Key: value`"))?;
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "revision" => {
                base = Some(
                    value
                        .parse::<u32>()
                        .ok()
                        .filter(|&n| n >= 1)
                        .ok_or_else(|| bad("the revision must be a number from 1"))?,
                )
            }
            "section" => c.section = value.into(),
            "slug" => c.slug = value.into(),
            "dek" => c.dek = value.into(),
            "dateline" => c.dateline = value.into(),
            "copyright" => c.copyright = value.into(),
            "status" => {
                c.status = Status::parse(value).ok_or_else(|| {
                    bad("unknown status (draft, editing, copyedit, ready, published, withheld, killed)")
                })?
            }
            "credit" => {
                let f = fields(value, 4);
                let role = Role::parse(&f[1]).ok_or_else(|| bad("unknown role"))?;
                c.credits.push(Credit {
                    name: f[0].clone(),
                    role,
                    location: opt(&f[2]),
                    organization: opt(&f[3]),
                });
            }
            "photo" => {
                // credit | photographer | via | caption | source | source…
                let f = fields(value, 4);
                c.photos.push(Photo {
                    credit: f[0].clone(),
                    photographer: opt(&f[1]),
                    via: opt(&f[2]),
                    caption: f[3].clone(),
                    sources: f[4..].iter().filter(|s| !s.is_empty()).cloned().collect(),
                });
            }
            "set-aside" => {
                let f = fields(value, 3);
                let position = f[0].parse().map_err(|_| bad("position must be a number"))?;
                c.flagged.push(Flagged {
                    position,
                    reason: f[1].clone(),
                    text: f[2].clone(),
                });
            }
            other => return Err(bad(&format!("unknown field `{other}`"))),
        }
    }
    Ok(base)
}

/// Splits `a | b | c` into unescaped fields (see `esc`), at least `n`.
fn fields(value: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = value.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some('n') => cur.push('\n'),
                Some(other) => cur.push(other),
                None => cur.push('\\'),
            },
            '|' => out.push(std::mem::take(&mut cur)),
            _ => cur.push(ch),
        }
    }
    out.push(cur);
    let mut f: Vec<String> = out.into_iter().map(|s| s.trim().to_string()).collect();
    if f.len() < n {
        f.resize(n, String::new());
    }
    f
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Escapes a header field value so `|`, `\` and line breaks survive.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', "\\n")
}

/// Renders a story in the plain-text format; `parse(render(c)) == c` for any
/// normalised content.
pub fn render(c: &StoryContent) -> String {
    render_header(c, None)
}

/// Renders revision `number` of a story in the plain-text format, saying
/// which revision it is, so that saving the file back is an edit of it.
pub fn render_revision(c: &StoryContent, number: u32) -> String {
    render_header(c, Some(number))
}

fn render_header(c: &StoryContent, revision: Option<u32>) -> String {
    let body: usize = c.body.iter().map(|p| p.len() + 2).sum();
    let mut out = String::with_capacity(c.headline.len() + body + 256);
    render_pieces(c, revision, |piece| out.push_str(piece));
    out
}

/// The text format of `c` in pieces, each ending where a line ends or
/// holding only line breaks (see [`TextStats`]).
fn render_pieces(c: &StoryContent, revision: Option<u32>, mut out: impl FnMut(&str)) {
    let mut header = Vec::new();
    if let Some(n) = revision {
        header.push(format!("Revision: {n}"));
    }
    let mut field = |k: &str, v: &str| {
        if !v.is_empty() {
            header.push(format!("{k}: {v}"));
        }
    };
    field("Slug", &c.slug);
    field("Section", &c.section);
    if c.status != Status::Draft {
        field("Status", c.status.as_str());
    }
    field("Dek", &c.dek);
    field("Dateline", &c.dateline);
    field("Copyright", &c.copyright);
    for cr in &c.credits {
        header.push(format!(
            "Credit: {} | {} | {} | {}",
            esc(&cr.name),
            cr.role.as_str(),
            esc(cr.location.as_deref().unwrap_or("")),
            esc(cr.organization.as_deref().unwrap_or(""))
        ));
    }
    for p in &c.photos {
        let mut f = vec![
            esc(&p.credit),
            esc(p.photographer.as_deref().unwrap_or("")),
            esc(p.via.as_deref().unwrap_or("")),
            esc(&p.caption),
        ];
        f.extend(p.sources.iter().map(|s| esc(s)));
        header.push(format!("Photo: {}", f.join(" | ")));
    }
    for f in &c.flagged {
        header.push(format!(
            "Set-Aside: {} | {} | {}",
            f.position,
            esc(&f.reason),
            esc(&f.text)
        ));
    }
    // A headline that itself reads `---` would be taken for a header fence,
    // and one that starts with U+FEFF for a byte-order mark.
    if !header.is_empty() || c.headline.trim() == FENCE || c.headline.starts_with('\u{feff}') {
        out(FENCE);
        out("\n");
        for h in header {
            out(&h);
            out("\n");
        }
        out(FENCE);
        out("\n\n");
    }
    out(&c.headline);
    out("\n");
    for p in &c.body {
        out("\n");
        out(p);
        out("\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks and splits as first written, before they were made fast:
    /// the fast ones must agree with them on any text.
    mod reference {
        pub fn control_and_chars(text: &str) -> (usize, usize) {
            let control = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                .count();
            (control, text.chars().count())
        }

        pub fn paragraphs(text: &str) -> Vec<String> {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let mut out = Vec::new();
            let mut current: Vec<&str> = Vec::new();
            for line in text.lines() {
                if line.trim().is_empty() {
                    if !current.is_empty() {
                        out.push(current.join("\n").trim().to_string());
                        current.clear();
                    }
                } else {
                    current.push(line);
                }
            }
            if !current.is_empty() {
                out.push(current.join("\n").trim().to_string());
            }
            out
        }
    }

    fn messy_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("([a-zé \t\r\n\u{0}-\u{1f}\u{7f}-\u{a0}\u{2028}\u{3000}€😀]|\r\n){0,80}")
            .unwrap()
    }

    proptest::proptest! {
        #[test]
        fn the_fast_checks_and_splits_agree_with_the_plain_ones(text in messy_text()) {
            proptest::prop_assert_eq!(control_and_chars(&text), reference::control_and_chars(&text));
            proptest::prop_assert_eq!(paragraphs(&text), reference::paragraphs(&text));
            proptest::prop_assert_eq!(
                unix_newlines(&text).into_owned(),
                text.replace("\r\n", "\n").replace('\r', "\n")
            );
            let mut c = StoryContent { headline: "H".into(), body: vec![text.clone(), "b".into()], ..Default::default() };
            c.normalize();
            let plain: Vec<String> = [text.as_str(), "b"].iter().flat_map(|p| reference::paragraphs(p)).collect();
            proptest::prop_assert_eq!(c.body, plain);
        }
    }

    proptest::proptest! {
        #[test]
        fn long_lines_are_found_as_lines_finds_them(text in messy_text(), max in 0usize..24) {
            proptest::prop_assert_eq!(
                first_line_over(&text, max),
                text.lines().map(str::len).find(|&l| l > max)
            );
        }

        #[test]
        fn checking_a_story_in_pieces_is_checking_its_text(
            headline in messy_text(), dek in messy_text(), body in proptest::collection::vec(messy_text(), 0..4)
        ) {
            let mut c = StoryContent { headline, dek, body, ..Default::default() };
            c.normalize();
            let text = render(&c);
            let whole = if c.headline.is_empty() {
                Err("a story needs a headline".to_string())
            } else if text.contains('\0') {
                Err("it contains NUL characters, which a story file may not hold".to_string())
            } else {
                check_story_text(&text)
            };
            proptest::prop_assert_eq!(check_content(&c), whole);
        }
    }

    #[test]
    fn a_long_line_is_found_past_the_first_two_hundred_kilobytes() {
        let text = format!("{}{}\n", "short line\n".repeat(20_000), "x".repeat(MAX_LINE_BYTES + 1));
        let err = check_story_text(&text).unwrap_err();
        assert!(
            err.contains(&format!("a line of {} bytes", MAX_LINE_BYTES + 1)),
            "{err}"
        );
        let fine = "a line\n".repeat(MAX_LINE_BYTES);
        assert!(check_story_text(&fine).is_ok());
    }

    #[test]
    fn first_paragraph_is_the_headline() {
        let c = parse("Headline here\n\nFirst para\nwraps.\n\n\n\nSecond para.\n").unwrap();
        assert_eq!(c.headline, "Headline here");
        assert_eq!(c.body, vec!["First para\nwraps.", "Second para."]);
    }

    #[test]
    fn crlf_and_bom_give_the_same_story() {
        let a = parse("H\n\nBody one.\n\nBody two.\n").unwrap();
        let b = parse("\u{feff}H\r\n\r\nBody one.\r\n\r\nBody two.\r\n").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn full_story_round_trips() {
        let mut c = StoryContent::new("Kim vows | support", vec!["Para one.".into(), "Para\ntwo.".into()]);
        c.section = "Russia".into();
        c.dek = "A dek".into();
        c.dateline = "REYKJAVIK, Iceland (AP)".into();
        c.status = Status::Copyedit;
        c.slug = "Russia-North Korea".into();
        c.copyright = "Copyright The Associated Press".into();
        c.credits = vec![Credit {
            name: "Jim | Heintz \\ Jr.".into(),
            role: Role::Contributor,
            location: Some("Tallinn, Estonia".into()),
            organization: None,
        }];
        c.photos = vec![Photo {
            caption: "Caption | with a bar".into(),
            credit: "Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP".into(),
            photographer: Some("Vladimir Smirnov".into()),
            sources: vec!["Sputnik".into(), "Kremlin Pool Photo".into()],
            via: Some("AP".into()),
        }];
        c.flagged = vec![Flagged {
            text: "Exit mobile version".into(),
            reason: "navigation".into(),
            position: 2,
        }];
        let text = render(&c);
        assert_eq!(parse(&text).unwrap(), c, "{text}");
    }

    #[test]
    fn header_errors_name_the_line() {
        let err = parse("---\nStatus: pending\n---\n\nH\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("unknown status"), "{err}");
        let err = parse("---\nBogus: x\n---\n\nH\n").unwrap_err().to_string();
        assert!(err.contains("unknown field"), "{err}");
    }

    #[test]
    fn bad_bytes_are_refused_with_a_reason() {
        assert!(decode_story_bytes(b"").unwrap_err().contains("empty"));
        assert!(decode_story_bytes(b"  \n\n ").unwrap_err().contains("empty"));
        assert!(decode_story_bytes(b"abc\0def").unwrap_err().contains("binary"));
        assert!(decode_story_bytes(b"caf\xe9").unwrap_err().contains("UTF-8"));
        let long = "x".repeat(MAX_LINE_BYTES + 1);
        assert!(decode_story_bytes(long.as_bytes()).unwrap_err().contains("line of"));
        assert_eq!(decode_story_bytes("H\n\nB".as_bytes()).unwrap(), "H\n\nB");
    }

    fn any_line() -> impl proptest::strategy::Strategy<Value = String> {
        // Printable text with the characters the format must escape.
        "[a-zA-Z0-9 |\\\\:,.;'“”—-]{0,30}"
    }

    proptest::proptest! {
        /// Whatever a revision holds, its text export reads back into the
        /// same revision: exporting and saving back never loses anything.
        #[test]
        fn any_story_round_trips(
            headline in "[a-zA-Z][a-zA-Z0-9 |:,.—-]{0,40}",
            dek in any_line(),
            body in proptest::collection::vec("[a-zA-Z0-9 “”|.,-]{1,40}(\n[a-z ]{1,10})?", 0..6),
            names in proptest::collection::vec((any_line(), any_line(), any_line()), 0..4),
            photos in proptest::collection::vec((any_line(), any_line(), proptest::collection::vec(any_line(), 0..3)), 0..3),
            flagged in proptest::collection::vec((any_line(), any_line(), 0u32..9), 0..3),
        ) {
            let mut c = StoryContent { headline, dek, body, ..Default::default() };
            c.credits = names.into_iter().map(|(name, loc, org)| Credit {
                name, role: Role::Contributor, location: Some(loc), organization: Some(org),
            }).collect();
            c.photos = photos.into_iter().map(|(caption, photographer, sources)| Photo {
                caption, credit: String::new(), photographer: Some(photographer), sources, via: None,
            }).collect();
            c.flagged = flagged.into_iter().map(|(text, reason, position)| Flagged { text, reason, position }).collect();
            c.normalize();
            proptest::prop_assume!(!c.headline.is_empty());
            let back = parse(&render(&c)).unwrap();
            proptest::prop_assert_eq!(back, c);
        }
    }

    /// Story text as hostile as it gets: control characters, BOMs, CRs,
    /// fences, header-like lines, blank-looking lines, bars and backslashes,
    /// now and then a line over the limit.
    fn hostile() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            4 => "[a-zA-Z0-9 .,]{0,12}",
            1 => Just("---".to_string()),
            1 => Just("\n---\n".to_string()),
            1 => Just("Dek: x".to_string()),
            1 => Just("Set-Aside: 1 | r | t".to_string()),
            1 => Just("\u{feff}".to_string()),
            1 => Just("\r".to_string()),
            1 => Just("\r\n".to_string()),
            1 => Just("\n".to_string()),
            1 => Just("\n\n".to_string()),
            1 => Just("\n \t\n".to_string()),
            1 => Just("|\\".to_string()),
            1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}\u{2028}\u{2029}\u{200b}-\u{200f}\u{202a}-\u{202e}]{1,3}",
            1 => Just("\u{85}".to_string()),
        ];
        let line = proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat());
        prop_oneof![20 => line, 1 => (0usize..3).prop_map(|k| "y".repeat(MAX_LINE_BYTES - 1 + k))]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
        ))]
        /// Whatever a story holds, once normalised (as every save does) it is
        /// either refused by `check_content` with a reason, or its text
        /// export reads back as exactly the same story.
        #[test]
        fn any_content_round_trips_or_is_refused_at_save(
            headline in hostile(),
            dek in proptest::prop_oneof![proptest::strategy::Just(String::new()), hostile()],
            section in proptest::prop_oneof![proptest::strategy::Just(String::new()), hostile()],
            body in proptest::collection::vec(hostile(), 0..5),
            names in proptest::collection::vec((hostile(), hostile()), 0..3),
            photos in proptest::collection::vec((hostile(), hostile(), proptest::collection::vec(hostile(), 0..2)), 0..2),
            flagged in proptest::collection::vec((hostile(), hostile(), 0u32..9), 0..3),
        ) {
            let mut c = StoryContent { headline, dek, section, body, ..Default::default() };
            c.credits = names.into_iter().map(|(name, loc)| Credit {
                name, role: Role::Contributor, location: Some(loc), organization: None,
            }).collect();
            c.photos = photos.into_iter().map(|(caption, credit, sources)| Photo {
                caption, credit, photographer: None, sources, via: None,
            }).collect();
            c.flagged = flagged.into_iter().map(|(text, reason, position)| Flagged { text, reason, position }).collect();
            c.normalize();
            if check_content(&c).is_ok() {
                let text = render(&c);
                let back = parse(&text);
                proptest::prop_assert!(back.is_ok(), "{:?} for {:?}", back, text);
                proptest::prop_assert_eq!(back.unwrap(), c);
            }
        }
    }

    #[test]
    fn a_revision_line_gives_the_base_and_nothing_else() {
        let mut c = StoryContent::new("Storm hits", vec!["Winds of 90 mph.".into()]);
        c.section = "Weather".into();
        let text = render_revision(&c, 7);
        assert!(text.starts_with("---\nRevision: 7\n"), "{text}");
        assert_eq!(parse_with_base(&text).unwrap(), (c.clone(), Some(7)));
        assert_eq!(parse_with_base(&render(&c)).unwrap(), (c, None));
        let err = parse("---\nRevision: seven\n---\n\nH\n").unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("revision"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let t = std::time::Instant::now();
        let err = read_story_file(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("story.txt");
        let ok = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(ok.success());
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || tx.send(read_story_file(&path).map_err(|e| e.to_string())).unwrap());
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("reading a FIFO blocked");
        let err = got.unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
    }

    #[test]
    fn cr_only_line_endings_read_as_import_reads_them() {
        let mut c = StoryContent::new("Storm hits", vec!["Winds of 90 mph.".into(), "Two\nlines.".into()]);
        c.section = "Weather".into();
        let text = render_revision(&c, 3).replace('\n', "\r");
        assert_eq!(parse_with_base(&text).unwrap(), (c, Some(3)));
    }

    #[test]
    fn a_headline_starting_with_a_bom_survives() {
        let c = StoryContent::new("\u{feff}Storm hits", vec!["b".into()]);
        assert_eq!(parse(&render(&c)).unwrap(), c);
        let mut d = c.clone();
        d.section = "Weather".into();
        assert_eq!(parse(&render_revision(&d, 2)).unwrap(), d);
        // Through a file, as `export` then `save` do.
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s.txt");
        std::fs::write(&f, render(&c)).unwrap();
        assert_eq!(parse(&read_story_file(&f).unwrap()).unwrap(), c);
    }

    #[test]
    fn content_that_cannot_be_a_file_is_refused_at_save() {
        let ok = StoryContent::new("H", vec!["b".into()]);
        assert_eq!(check_content(&ok), Ok(()));
        let long = StoryContent::new("H", vec!["x".repeat(MAX_LINE_BYTES + 1)]);
        assert!(check_content(&long).unwrap_err().contains("line of"));
        let nul = StoryContent::new("H", vec!["a\0b".into()]);
        assert!(check_content(&nul).unwrap_err().contains("NUL"));
        let mut flagged = StoryContent::new("H", vec!["b".into()]);
        flagged.flagged.push(Flagged {
            text: "x\n".repeat(MAX_LINE_BYTES / 2),
            reason: "r".into(),
            position: 0,
        });
        flagged.normalize();
        assert!(
            check_content(&flagged).unwrap_err().contains("line of"),
            "escaped into one header line"
        );
        assert!(check_content(&StoryContent::default())
            .unwrap_err()
            .contains("headline"));
    }

    #[test]
    fn headline_that_looks_like_a_fence_survives() {
        let c = StoryContent::new("---", vec!["b".into()]);
        assert_eq!(parse(&render(&c)).unwrap(), c);
    }
}
