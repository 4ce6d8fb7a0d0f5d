//! Byte-level scanning, 8 bytes at a time: the one home of the engine's
//! word-at-a-time ("SWAR") helpers. Each earns its place on the compare
//! bench (see the README's Benchmarks) and has a plain reference beside it
//! (in `reference`) that a property test holds it equal to.
//!
//! The trick they share: a byte of a 64-bit word is tested against a range
//! or a value for all 8 bytes at once, leaving the high bit of each byte
//! that passes ([`between`], [`equal`]). Bytes of 0x80 and above (parts of
//! non-ASCII characters) are masked out before the test, so they never
//! pass.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes `i..i + 8` of `b` as a little-endian word.
#[inline(always)]
fn load8(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))
}

/// High bit of each byte of `w` that is ASCII and strictly between `m`
/// and `n` (both below 0x80).
#[inline(always)]
fn between(w: u64, m: u8, n: u8) -> u64 {
    let x = w & !HIGH;
    let (m, n) = (m as u64, n as u64);
    (ONES * (127 + n) - x) & !x & (x + ONES * (127 - m)) & HIGH & !w
}

/// High bit of each byte of `w` that equals `c` (ASCII). Exact at the
/// lowest such byte; above it a borrow may mark more (callers only look at
/// the lowest, or only whether there is one).
#[inline(always)]
fn equal(w: u64, c: u8) -> u64 {
    let x = w ^ (ONES * c as u64);
    x.wrapping_sub(ONES) & !x & HIGH
}

/// High bit of each ASCII letter or digit of `w`.
#[inline(always)]
fn alnum(w: u64) -> u64 {
    between(w | (ONES * 0x20), b'a' - 1, b'z' + 1) | between(w, b'0' - 1, b'9' + 1)
}

/// The number of words (runs of letters and digits, as
/// `char::is_alphanumeric` says) in `s`; plain ASCII 8 bytes at a time,
/// decoding only non-ASCII characters.
pub(crate) fn count_words(s: &str) -> u32 {
    let b = s.as_bytes();
    let (mut n, mut prev, mut i) = (0u32, false, 0);
    while i < b.len() {
        if i + 8 <= b.len() {
            let w = load8(b, i);
            if w & HIGH == 0 {
                // A word starts at each letter or digit after a byte that
                // is none.
                let m = alnum(w);
                let before = (m << 8) | if prev { 0x80 } else { 0 };
                n += (m & !before).count_ones();
                prev = m >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let word = if c < 0x80 {
            i += 1;
            c.is_ascii_alphanumeric()
        } else {
            let ch = s[i..].chars().next().expect("char boundary");
            i += ch.len_utf8();
            ch.is_alphanumeric()
        };
        n += (word & !prev) as u32;
        prev = word;
    }
    n
}

/// The number of bytes `a` and `b` share at their start (a paragraph pair
/// usually shares most of its text).
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n {
        let x = load8(a, i) ^ load8(b, i);
        if x != 0 {
            return i + (x.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + a[i..n].iter().zip(&b[i..n]).take_while(|(x, y)| x == y).count()
}

/// The number of bytes `a` and `b` share at their end.
pub(crate) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut k = 0;
    while k + 8 <= n {
        let x = load8(a, n - k - 8) ^ load8(b, n - k - 8);
        if x != 0 {
            return k + (x.leading_zeros() / 8) as usize;
        }
        k += 8;
    }
    k + a[..n - k]
        .iter()
        .rev()
        .zip(b[..n - k].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Whether `b` has (ASCII digits, ASCII capitals, non-ASCII bytes).
pub(crate) fn byte_kinds(b: &[u8]) -> (bool, bool, bool) {
    let (mut digits, mut upper, mut high) = (0u64, 0u64, 0u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        high |= w & HIGH;
        digits |= between(w, b'0' - 1, b'9' + 1);
        upper |= between(w, b'A' - 1, b'Z' + 1);
    }
    let (mut d, mut u, mut h) = (digits != 0, upper != 0, high != 0);
    for &c in chunks.remainder() {
        d |= c.is_ascii_digit();
        u |= c.is_ascii_uppercase();
        h |= c >= 0x80;
    }
    (d, u, h)
}

/// Which bytes [`find`] looks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Needles<'a> {
    /// ASCII digits.
    pub digits: bool,
    /// Bytes of 0x80 and above (non-ASCII characters).
    pub non_ascii: bool,
    /// These ASCII bytes.
    pub bytes: &'a [u8],
}

impl Needles<'_> {
    fn matches(&self, c: u8) -> bool {
        (self.digits && c.is_ascii_digit()) || (self.non_ascii && c >= 0x80) || self.bytes.contains(&c)
    }
}

/// The first position at or after `from` of a byte `needles` names (the
/// end of `b` when there is none).
pub(crate) fn find(b: &[u8], from: usize, needles: &Needles) -> usize {
    let mut i = from;
    while i + 8 <= b.len() {
        let w = load8(b, i);
        let mut m = if needles.digits {
            between(w, b'0' - 1, b'9' + 1)
        } else {
            0
        };
        if needles.non_ascii {
            m |= w & HIGH;
        }
        for &c in needles.bytes {
            m |= equal(w, c);
        }
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b[i.min(b.len())..]
        .iter()
        .position(|&c| needles.matches(c))
        .map_or(b.len(), |k| i + k)
}

/// `a · b` as 128 bits, folded to 64 (as in wyhash/foldhash).
#[inline(always)]
fn fold_mul(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

/// A fast 64-bit hash of a paragraph key: four independent folded-multiply
/// lanes over 64-byte blocks, or two over 32-byte ones for texts of up to 64
/// bytes (several bytes per cycle, where a serial chain manages about
/// one). The last block is the text's last 64 (32) bytes, overlapping the
/// one before (shorter texts: their first and last 8 or 16 bytes), so
/// there is no byte-by-byte tail. Equal hashes are
/// always checked against the text.
pub(crate) fn para_hash(s: &str) -> u64 {
    const P: [u64; 4] = [
        0xa076_1d64_78bd_642f,
        0xe703_7ed1_a0b4_28db,
        0x8ebc_6af0_9c88_c6e3,
        0x5899_65cc_7537_4cc3,
    ];
    let b = s.as_bytes();
    let n = b.len();
    let word = |i: usize| load8(b, i);
    let (mut h0, mut h1) = (P[0] ^ n as u64, P[1]);
    if n > 64 {
        // Four lanes over 64-byte blocks: each lane's chain of multiplies
        // is what limits speed, so more lanes hash more bytes per cycle
        // (paragraphs are mostly over 100 bytes).
        let (mut h2, mut h3) = (P[2], P[3]);
        let mut i = 0;
        while i + 64 < n {
            h0 = fold_mul(word(i) ^ P[2], word(i + 8) ^ h0);
            h1 = fold_mul(word(i + 16) ^ P[3], word(i + 24) ^ h1);
            h2 = fold_mul(word(i + 32) ^ P[0], word(i + 40) ^ h2);
            h3 = fold_mul(word(i + 48) ^ P[1], word(i + 56) ^ h3);
            i += 64;
        }
        let t = n - 64;
        h0 = fold_mul(word(t) ^ P[2], word(t + 8) ^ h0);
        h1 = fold_mul(word(t + 16) ^ P[3], word(t + 24) ^ h1);
        h2 = fold_mul(word(t + 32) ^ P[0], word(t + 40) ^ h2);
        h3 = fold_mul(word(t + 48) ^ P[1], word(t + 56) ^ h3);
        h0 = fold_mul(h0 ^ P[3], h2);
        h1 = fold_mul(h1 ^ P[2], h3);
    } else if n >= 32 {
        let mut i = 0;
        while i + 32 < n {
            h0 = fold_mul(word(i) ^ P[2], word(i + 8) ^ h0);
            h1 = fold_mul(word(i + 16) ^ P[3], word(i + 24) ^ h1);
            i += 32;
        }
        let t = n - 32;
        h0 = fold_mul(word(t) ^ P[2], word(t + 8) ^ h0);
        h1 = fold_mul(word(t + 16) ^ P[3], word(t + 24) ^ h1);
    } else if n >= 16 {
        h0 = fold_mul(word(0) ^ P[2], word(8) ^ h0);
        h1 = fold_mul(word(n - 16) ^ P[3], word(n - 8) ^ h1);
    } else if n >= 8 {
        h0 = fold_mul(word(0) ^ P[2], word(n - 8) ^ h0);
    } else {
        // 0..=7 bytes, zero-padded.
        let mut last = 0u64;
        for (k, &x) in b.iter().enumerate() {
            last |= (x as u64) << (8 * k);
        }
        h0 = fold_mul(last ^ P[2], h0);
    }
    fold_mul(h0 ^ P[1], h1 ^ P[0])
}

/// Calls `at` with each position up to byte `limit` of a byte `needles`
/// names, skipping to the position `at` returns (past what it took).
pub(crate) fn each_candidate(b: &[u8], limit: usize, needles: &Needles, mut at: impl FnMut(usize) -> usize) {
    let end = b.len().min(limit.saturating_add(1));
    let mut i = 0;
    while i < end {
        i = find(b, i, needles);
        if i >= end {
            break;
        }
        i = at(i);
    }
}

/// The plain definitions the helpers above are held to.
#[cfg(test)]
mod reference {
    pub fn count_words(s: &str) -> u32 {
        let (mut n, mut prev) = (0, false);
        for ch in s.chars() {
            let word = ch.is_alphanumeric();
            n += (word && !prev) as u32;
            prev = word;
        }
        n
    }

    pub fn common_prefix(a: &[u8], b: &[u8]) -> usize {
        a.iter().zip(b).take_while(|(x, y)| x == y).count()
    }

    pub fn common_suffix(a: &[u8], b: &[u8]) -> usize {
        a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
    }

    pub fn byte_kinds(b: &[u8]) -> (bool, bool, bool) {
        (
            b.iter().any(u8::is_ascii_digit),
            b.iter().any(u8::is_ascii_uppercase),
            b.iter().any(|&c| c >= 0x80),
        )
    }

    pub fn find(b: &[u8], from: usize, needles: &super::Needles) -> usize {
        (from..b.len()).find(|&i| needles.matches(b[i])).unwrap_or(b.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text mixing what the helpers tell apart: letters and digits at the
    /// edges of their ranges (`@`, `[`, `` ` ``, `{`, `/`, `:`), the
    /// needles below, whitespace, and non-ASCII letters, digits and marks
    /// whose UTF-8 bytes fall in and around the ASCII ranges once their
    /// high bit is dropped.
    const TEXT: &str = "[a-zA-Z0-9@\\[`{/:_ \t\n\",.$%ÀÉéÚ٣日本“”’\u{7f}\u{b0}\u{c1}]{0,70}";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn count_words_is_the_plain_count(s in TEXT) {
            prop_assert_eq!(count_words(&s), reference::count_words(&s));
        }

        #[test]
        fn common_ends_are_the_plain_ones(a in TEXT, b in TEXT, cut in 0usize..80) {
            // Mostly shared text, as paragraph pairs are.
            let cut = (0..=cut.min(a.len())).rev().find(|&k| a.is_char_boundary(k)).unwrap_or(0);
            let b = format!("{}{}", &a[..cut], b);
            let (a, b) = (a.as_bytes(), b.as_bytes());
            prop_assert_eq!(common_prefix(a, b), reference::common_prefix(a, b));
            let c = format!("{}{}", String::from_utf8_lossy(b), String::from_utf8_lossy(a));
            prop_assert_eq!(common_suffix(a, c.as_bytes()), reference::common_suffix(a, c.as_bytes()));
        }

        #[test]
        fn byte_kinds_are_the_plain_ones(s in TEXT) {
            prop_assert_eq!(byte_kinds(s.as_bytes()), reference::byte_kinds(s.as_bytes()));
        }

        #[test]
        fn find_is_the_plain_search(s in TEXT, from in 0usize..80, digits: bool, non_ascii: bool, k in 0usize..4) {
            let sets: [&[u8]; 4] = [b"", b"\"", b"$UCA", b"@`{"];
            let needles = Needles { digits, non_ascii, bytes: sets[k] };
            let b = s.as_bytes();
            let from = from.min(b.len());
            prop_assert_eq!(find(b, from, &needles), reference::find(b, from, &needles));
        }
    }

    /// A hash has no plain reference; what the engine needs of it is that
    /// different texts of every length (each length takes its own path
    /// through the blocks) hash apart, and the same text the same.
    #[test]
    fn para_hash_tells_texts_apart() {
        let text: String = (0..300).map(|k| char::from(b'a' + (k * 7 % 26) as u8)).collect();
        let mut seen = std::collections::HashSet::new();
        for n in 0..=text.len() {
            assert!(seen.insert(para_hash(&text[..n])), "{n}");
            // One byte changed anywhere changes the hash.
            for k in (0..n).step_by(5) {
                let mut t = text[..n].to_string().into_bytes();
                t[k] = b'Z';
                assert_ne!(
                    para_hash(std::str::from_utf8(&t).unwrap()),
                    para_hash(&text[..n]),
                    "{n} {k}"
                );
            }
            let copy = text[..n].to_owned();
            assert_eq!(para_hash(&text[..n]), para_hash(&copy));
        }
    }
}
