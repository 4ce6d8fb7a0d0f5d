//! A paragraph as an edit of the paragraph it replaced: runs copied from the
//! old text and the new bytes between them.
//!
//! An editor's revision changes a few words of a paragraph, so the new text
//! is mostly the old one. zstd with the old text as its dictionary already
//! finds that, but for a 300-byte paragraph its frame and entropy-table
//! headers cost more than the edit itself; this script costs a byte or two
//! per run plus the inserted bytes, about half as much on the storage
//! bench, and decoding it is a few copies.
//!
//! Layout: [`TAG`], then operations, each a varint `len << 1 | insert`;
//! a copy is followed by the varint offset of its run in the old text, an
//! insert by its `len` bytes. The tag is not the first byte of a zstd frame,
//! so a stored paragraph says which of the two it is.

use std::time::{Duration, Instant};

use similar::{capture_diff_deadline, Algorithm, DiffOp};

/// First byte of an edit script (a zstd frame starts with 0x28).
pub(super) const TAG: u8 = 0xD1;

/// Copies shorter than this are sent as inserted bytes: a copy's header
/// and offset take about three bytes.
const MIN_COPY: usize = 4;

/// How long finding the edit may take; past it the script is still right,
/// only longer (and then storing the paragraph whole usually wins).
const DEADLINE: Duration = Duration::from_millis(20);

/// The script that turns `old` into `new`.
pub(super) fn encode(old: &str, new: &str) -> Vec<u8> {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    let deadline = Instant::now() + DEADLINE;
    let ops = capture_diff_deadline(Algorithm::Myers, old, 0..old.len(), new, 0..new.len(), Some(deadline));
    let mut out = vec![TAG];
    // Inserted bytes wait here until a copy worth its header ends them.
    let mut pending: Vec<u8> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } if len >= MIN_COPY => {
                put_insert(&mut out, &mut pending);
                put_varint(&mut out, (len as u64) << 1);
                put_varint(&mut out, old_index as u64);
                debug_assert_eq!(old[old_index..old_index + len], new[new_index..new_index + len]);
            }
            DiffOp::Equal { new_index, len, .. }
            | DiffOp::Insert {
                new_index,
                new_len: len,
                ..
            }
            | DiffOp::Replace {
                new_index,
                new_len: len,
                ..
            } => pending.extend_from_slice(&new[new_index..new_index + len]),
            DiffOp::Delete { .. } => {}
        }
    }
    put_insert(&mut out, &mut pending);
    out
}

/// The text `script` makes of `old`; `None` when the script is damaged
/// (bad tag, a run outside `old`, not UTF-8) or longer than `limit` bytes.
pub(super) fn decode(script: &[u8], old: &str, limit: usize) -> Option<String> {
    let (&tag, mut rest) = script.split_first()?;
    if tag != TAG {
        return None;
    }
    let old = old.as_bytes();
    let mut out = Vec::with_capacity(old.len() + script.len());
    while !rest.is_empty() {
        let head = get_varint(&mut rest)?;
        let len = usize::try_from(head >> 1).ok()?;
        if out.len() + len > limit {
            return None;
        }
        if head & 1 == 1 {
            let (bytes, after) = rest.split_at_checked(len)?;
            out.extend_from_slice(bytes);
            rest = after;
        } else {
            let at = usize::try_from(get_varint(&mut rest)?).ok()?;
            out.extend_from_slice(old.get(at..at.checked_add(len)?)?);
        }
    }
    String::from_utf8(out).ok()
}

fn put_insert(out: &mut Vec<u8>, pending: &mut Vec<u8>) {
    if !pending.is_empty() {
        put_varint(out, ((pending.len() as u64) << 1) | 1);
        out.append(pending);
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(data: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = data.split_first()?;
        *data = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OLD: &str = "The council voted 7-2 on Tuesday to approve the $40 million harbor plan, officials said.";

    #[test]
    fn a_small_edit_costs_little_more_than_its_new_bytes() {
        let new = "The council voted 6-3 on Tuesday to approve the $42 million harbor plan, officials said.";
        let script = encode(OLD, new);
        assert_eq!(decode(&script, OLD, 1 << 20).as_deref(), Some(new));
        assert!(script.len() <= 16, "{} bytes", script.len());
    }

    #[test]
    fn damaged_scripts_are_refused_not_misread() {
        let script = encode(OLD, "The council voted 6-3 on Tuesday.");
        assert!(decode(&script[..script.len() - 1], OLD, 1 << 20).is_none(), "cut short");
        assert!(decode(&script, "short", 1 << 20).is_none(), "runs outside the old text");
        assert!(
            decode(&[0x28, 0xB5, 0x2F, 0xFD], OLD, 1 << 20).is_none(),
            "a zstd frame"
        );
        assert!(decode(&[TAG, 0x03, 0xFF], OLD, 1 << 20).is_none(), "not UTF-8");
        assert!(decode(&script, OLD, 10).is_none(), "longer than allowed");
        assert!(decode(&[], OLD, 1 << 20).is_none());
    }

    proptest! {
        #[test]
        fn every_script_rebuilds_its_text(old in "[a-c é.]{0,60}", new in "[a-c é.]{0,60}") {
            prop_assert_eq!(decode(&encode(&old, &new), &old, 1 << 20), Some(new));
        }
    }
}
