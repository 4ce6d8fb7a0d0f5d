//! The compact encodings of schema 5: paragraph texts zstd-compressed, most
//! of them as an edit of the paragraph they replaced (`delta.rs`; older
//! databases hold zstd frames with that paragraph as dictionary), and revision
//! bodies as a binary list of paragraph ids, most of them as a delta against
//! the parent revision's list.
//!
//! Both are chains that reading has to walk, so both are cut short: a
//! paragraph is stored whole (compressed on its own) at most
//! [`MAX_PARAGRAPH_DEPTH`] deltas after the last whole one, a body at most
//! [`MAX_BODY_DEPTH`] revisions after the last whole list.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

/// Deltas in a row before a paragraph is stored whole again.
pub(super) const MAX_PARAGRAPH_DEPTH: u32 = 8;
/// Revisions in a row whose body is a delta before one holds the whole list.
pub(super) const MAX_BODY_DEPTH: u32 = 16;
const ZSTD_LEVEL: i32 = 19;
/// No paragraph decodes to more than this: a damaged length must not
/// allocate the machine's memory.
const MAX_TEXT: usize = 16 << 20;

const BODY_WHOLE: u8 = 0;
const BODY_DELTA: u8 = 1;

/// The key a paragraph is found by: the first 8 bytes of its BLAKE3 hash.
/// Also what its text is checked against when read back.
pub(super) fn paragraph_key(text: &str) -> i64 {
    let h = crate::revision::paragraph_hash(text);
    i64::from_le_bytes(h[..8].try_into().expect("8 bytes"))
}

/// `text` compressed on its own, or against `base` when given.
pub(super) fn compress(text: &str, base: Option<&str>) -> Vec<u8> {
    CCTX.with_borrow_mut(|cctx| compress_with(cctx, text, base))
}

// Contexts are reused: making one allocates far more than a paragraph's
// worth of memory, and took most of a revision's load time.
thread_local! {
    static CCTX: std::cell::RefCell<zstd::zstd_safe::CCtx<'static>> =
        std::cell::RefCell::new(zstd::zstd_safe::CCtx::create());
    static DCTX: std::cell::RefCell<zstd::zstd_safe::DCtx<'static>> =
        std::cell::RefCell::new(zstd::zstd_safe::DCtx::create());
}

fn compress_with(cctx: &mut zstd::zstd_safe::CCtx, text: &str, base: Option<&str>) -> Vec<u8> {
    let mut out = Vec::with_capacity(zstd::zstd_safe::compress_bound(text.len()));
    let r = match base {
        Some(b) => cctx.compress_using_dict(&mut out, text.as_bytes(), b.as_bytes(), ZSTD_LEVEL),
        None => cctx.compress(&mut out, text.as_bytes(), ZSTD_LEVEL),
    };
    r.expect("compressing into a buffer of compress_bound bytes");
    out
}

/// The text `data` holds: compressed on its own, or against `base` as an
/// edit script or (databases packed before scripts existed) a zstd frame
/// with `base` as its dictionary.
pub(super) fn decompress(data: &[u8], base: Option<&str>) -> Option<String> {
    if let (Some(&super::delta::TAG), Some(b)) = (data.first(), base) {
        return super::delta::decode(data, b, MAX_TEXT);
    }
    let size = zstd::zstd_safe::get_frame_content_size(data).ok()??;
    if size > MAX_TEXT as u64 {
        return None;
    }
    let mut out = Vec::with_capacity(size as usize);
    let r = DCTX.with_borrow_mut(|dctx| match base {
        Some(b) => dctx.decompress_using_dict(&mut out, data, b.as_bytes()),
        None => dctx.decompress(&mut out, data),
    });
    r.ok()?;
    String::from_utf8(out).ok()
}

/// A paragraph as stored: what to write in its row.
pub(super) struct Packed {
    pub key: i64,
    pub base: Option<i64>,
    pub data: Vec<u8>,
}

/// Packs `text`, as an edit of `base` (its id, text and depth) when that is
/// smaller and the chain is not already as long as allowed.
pub(super) fn pack(text: &str, base: Option<(i64, &str, u32)>) -> (Packed, u32) {
    let whole = compress(text, None);
    if let Some((id, b, depth)) = base.filter(|b| b.2 < MAX_PARAGRAPH_DEPTH) {
        let delta = super::delta::encode(b, text);
        if delta.len() < whole.len() {
            return (
                Packed {
                    key: paragraph_key(text),
                    base: Some(id),
                    data: delta,
                },
                depth + 1,
            );
        }
    }
    (
        Packed {
            key: paragraph_key(text),
            base: None,
            data: whole,
        },
        0,
    )
}

/// Why a paragraph could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Unreadable {
    /// Its row, or the row of a paragraph it is a delta against, is gone.
    Missing(i64),
    /// Its data does not decode to a text matching its key.
    Mismatch,
}

/// Reads paragraphs, remembering the texts decoded along the way (a
/// revision's paragraphs often share the chains they are deltas in).
pub(super) struct ParagraphReader<'c> {
    conn: &'c Connection,
    stmt: rusqlite::CachedStatement<'c>,
    /// Decoded texts and their depth in their chain.
    texts: HashMap<i64, (String, u32)>,
    /// Rows fetched ahead by [`ParagraphReader::prefetch`], not decoded yet.
    rows: HashMap<i64, Row>,
}

/// A paragraph's stored row: its key, the row it is an edit of, its data.
type Row = (i64, Option<i64>, Vec<u8>);

impl<'c> ParagraphReader<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<ParagraphReader<'c>> {
        Ok(ParagraphReader {
            conn,
            stmt: conn.prepare_cached("SELECT hash, base, data FROM paragraphs WHERE id = ?1")?,
            texts: HashMap::new(),
            rows: HashMap::new(),
        })
    }

    /// Fetches the rows of `ids` and of every paragraph they are edits of in
    /// one statement: a revision's paragraphs are several rows each, and
    /// asking for them one by one cost most of the time to load it.
    pub fn prefetch(&mut self, ids: &[i64]) -> rusqlite::Result<()> {
        let mut list = String::with_capacity(ids.len() * 8 + 2);
        list.push('[');
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                list.push(',');
            }
            list.push_str(&id.to_string());
        }
        list.push(']');
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE chain(id, hash, base, data) AS (
                SELECT p.id, p.hash, p.base, p.data FROM json_each(?1) AS j JOIN paragraphs AS p ON p.id = j.value
                UNION
                SELECT p.id, p.hash, p.base, p.data FROM chain JOIN paragraphs AS p ON p.id = chain.base
             )
             SELECT id, hash, base, data FROM chain",
        )?;
        let rows = stmt.query_map([list], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
        for row in rows {
            let (id, row) = row?;
            self.rows.insert(id, row);
        }
        Ok(())
    }

    /// The text of paragraph `id` and its depth in its chain of deltas.
    pub fn read(&mut self, id: i64) -> rusqlite::Result<Result<(&str, u32), Unreadable>> {
        // Walk down to a whole paragraph (or one already decoded), then
        // decode back up.
        let mut chain: Vec<(i64, i64, Option<i64>, Vec<u8>)> = Vec::new();
        let mut at = id;
        while !self.texts.contains_key(&at) {
            if chain.len() > MAX_PARAGRAPH_DEPTH as usize {
                return Ok(Err(Unreadable::Mismatch));
            }
            let row = match self.rows.remove(&at) {
                Some(row) => Some(row),
                None => self
                    .stmt
                    .query_row([at], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?,
            };
            let Some((key, base, data)) = row else {
                return Ok(Err(Unreadable::Missing(at)));
            };
            chain.push((at, key, base, data));
            match base {
                Some(b) => at = b,
                None => break,
            }
        }
        while let Some((pid, key, base, data)) = chain.pop() {
            let b = base.and_then(|b| self.texts.get(&b));
            let decoded = match decompress(&data, b.map(|b| b.0.as_str())) {
                Some(t) if paragraph_key(&t) == key => (t, b.map_or(0, |b| b.1 + 1)),
                _ => return Ok(Err(Unreadable::Mismatch)),
            };
            self.texts.insert(pid, decoded);
        }
        let (t, d) = &self.texts[&id];
        Ok(Ok((t.as_str(), *d)))
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(data: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *data.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

fn put_ids(out: &mut Vec<u8>, ids: &[i64], prev: &mut i64) {
    for &id in ids {
        let d = id.wrapping_sub(*prev);
        put_varint(out, ((d << 1) ^ (d >> 63)) as u64);
        *prev = id;
    }
}

fn get_id(data: &[u8], at: &mut usize, prev: &mut i64) -> Option<i64> {
    let z = get_varint(data, at)?;
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    *prev = prev.wrapping_add(d);
    Some(*prev)
}

/// A whole body: tag, count, then each id as the zigzag difference from the one before.
pub(super) fn body_whole(ids: &[i64]) -> Vec<u8> {
    let mut out = vec![BODY_WHOLE];
    put_varint(&mut out, ids.len() as u64);
    put_ids(&mut out, ids, &mut 0);
    out
}

/// A body as edits of the parent's list: runs of (kept, dropped, inserted
/// ids...), the rest of the parent's list kept.
pub(super) fn body_delta(parent: &[i64], ids: &[i64]) -> Vec<u8> {
    let mut out = vec![BODY_DELTA];
    let mut prev = 0;
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, parent, ids);
    let (mut keep, mut drop, mut insert): (usize, usize, Vec<i64>) = (0, 0, Vec::new());
    let flush = |out: &mut Vec<u8>, keep: &mut usize, drop: &mut usize, insert: &mut Vec<i64>, prev: &mut i64| {
        put_varint(out, *keep as u64);
        put_varint(out, *drop as u64);
        put_varint(out, insert.len() as u64);
        put_ids(out, insert, prev);
        (*keep, *drop) = (0, 0);
        insert.clear();
    };
    for op in ops {
        match op {
            similar::DiffOp::Equal { len, .. } => {
                if drop > 0 || !insert.is_empty() {
                    flush(&mut out, &mut keep, &mut drop, &mut insert, &mut prev);
                }
                keep += len;
            }
            similar::DiffOp::Delete { old_len, .. } => drop += old_len,
            similar::DiffOp::Insert { new_index, new_len, .. } => {
                insert.extend_from_slice(&ids[new_index..new_index + new_len])
            }
            similar::DiffOp::Replace {
                old_len,
                new_index,
                new_len,
                ..
            } => {
                drop += old_len;
                insert.extend_from_slice(&ids[new_index..new_index + new_len]);
            }
        }
    }
    if drop > 0 || !insert.is_empty() {
        flush(&mut out, &mut keep, &mut drop, &mut insert, &mut prev);
    }
    out
}

/// Whether `data` is a whole body (else a delta against the parent's).
pub(super) fn body_is_whole(data: &[u8]) -> bool {
    data.first() == Some(&BODY_WHOLE)
}

/// The ids of a whole body, or of a delta applied to `parent`.
pub(super) fn body_ids(data: &[u8], parent: Option<&[i64]>) -> Option<Vec<i64>> {
    let mut at = 1;
    let mut prev = 0;
    match (data.first()?, parent) {
        (&BODY_WHOLE, _) => {
            let n = get_varint(data, &mut at)? as usize;
            let ids = (0..n.min(data.len()))
                .map(|_| get_id(data, &mut at, &mut prev))
                .collect::<Option<Vec<_>>>()?;
            (ids.len() == n && at == data.len()).then_some(ids)
        }
        (&BODY_DELTA, Some(parent)) => {
            let mut ids = Vec::with_capacity(parent.len() + 4);
            let mut from: usize = 0;
            while at < data.len() {
                let keep = get_varint(data, &mut at)? as usize;
                let drop = get_varint(data, &mut at)? as usize;
                let insert = get_varint(data, &mut at)? as usize;
                ids.extend_from_slice(parent.get(from..from.checked_add(keep)?)?);
                from += keep + drop;
                if from > parent.len() || insert > data.len() {
                    return None;
                }
                for _ in 0..insert {
                    ids.push(get_id(data, &mut at, &mut prev)?);
                }
            }
            ids.extend_from_slice(&parent[from..]);
            Some(ids)
        }
        _ => None,
    }
}

/// A decoded body: its paragraph ids and how many deltas it is from a whole
/// list; or why a body in its chain cannot be decoded.
pub(super) type DecodedBody = Result<(Vec<i64>, u32), String>;

/// The paragraph ids of revision `number` of `story`, and how many deltas
/// its body is from a whole list; `None` when there is no such revision,
/// `Some(Err(..))` when a body in the chain cannot be decoded.
pub(super) fn read_body(conn: &Connection, story: i64, number: u32) -> rusqlite::Result<Option<DecodedBody>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, body FROM revisions WHERE story_id = ?1 AND number <= ?2 AND number >= ?3
         ORDER BY number DESC",
    )?;
    let low = number.saturating_sub(MAX_BODY_DEPTH + 1).max(1);
    let mut rows = stmt.query(params![story, number, low])?;
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    let mut expect = number;
    while let Some(r) = rows.next()? {
        let n: u32 = r.get(0)?;
        if n != expect {
            break;
        }
        let body: Vec<u8> = match r.get_ref(1)? {
            rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
            _ => {
                return Ok(Some(Err(format!(
                    "revision {n}'s list of paragraphs is not in the current encoding"
                ))))
            }
        };
        let whole = body_is_whole(&body);
        bodies.push(body);
        if whole {
            break;
        }
        expect -= 1;
    }
    if bodies.is_empty() || expect != number.saturating_sub(bodies.len() as u32 - 1) {
        return Ok(if bodies.is_empty() {
            None
        } else {
            Some(Err("a revision it is based on is missing".into()))
        });
    }
    if !body_is_whole(bodies.last().expect("not empty")) {
        return Ok(Some(Err(
            "its list of paragraphs is based on a revision that is missing".into(),
        )));
    }
    let depth = bodies.len() as u32 - 1;
    let mut ids: Option<Vec<i64>> = None;
    while let Some(b) = bodies.pop() {
        match body_ids(&b, ids.as_deref()) {
            Some(next) => ids = Some(next),
            None => return Ok(Some(Err("its list of paragraphs cannot be decoded".into()))),
        }
    }
    Ok(Some(Ok((ids.expect("at least one body"), depth))))
}

/// Every paragraph id some revision uses, with every paragraph those are
/// deltas against: the paragraphs that must be kept.
pub(super) fn paragraphs_in_use(conn: &Connection) -> rusqlite::Result<std::collections::HashSet<i64>> {
    let mut used = std::collections::HashSet::new();
    let mut stmt = conn.prepare("SELECT story_id, number, body FROM revisions ORDER BY story_id, number")?;
    let mut rows = stmt.query([])?;
    let mut last: Option<(i64, Vec<i64>)> = None;
    while let Some(r) = rows.next()? {
        let story: i64 = r.get(0)?;
        let body: Vec<u8> = r.get(2)?;
        let parent = last
            .as_ref()
            .filter(|(s, _)| *s == story)
            .map(|(_, ids)| ids.as_slice());
        // An undecodable body keeps nothing alive; `check` reports it.
        let ids = body_ids(&body, parent).unwrap_or_default();
        used.extend(ids.iter().copied());
        last = Some((story, ids));
    }
    let mut bases = conn.prepare("SELECT id, base FROM paragraphs WHERE base IS NOT NULL")?;
    let base_of: HashMap<i64, i64> = bases
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stack: Vec<i64> = used.iter().copied().collect();
    while let Some(id) = stack.pop() {
        if let Some(&b) = base_of.get(&id) {
            if used.insert(b) {
                stack.push(b);
            }
        }
    }
    Ok(used)
}

/// Converts a schema-4 database to schema 5 (see `schema::V5`): the rows
/// are copied into the new tables with the same ids.
pub(super) fn migrate_to_v5(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    // Paragraphs, story by story in revision order, so that each is packed
    // against the one it replaced, as a save would have.
    let mut text_of = tx.prepare("SELECT text FROM paragraphs WHERE id = ?1")?;
    let mut insert = tx.prepare("INSERT INTO paragraphs_v5 (id, hash, base, data) VALUES (?1, ?2, ?3, ?4)")?;
    let mut set_body = tx.prepare("UPDATE revisions_v5 SET body = ?2 WHERE id = ?1")?;
    let mut depth: HashMap<i64, u32> = HashMap::new();
    let mut texts: HashMap<i64, String> = HashMap::new();
    let mut revs = tx.prepare("SELECT id, story_id, body FROM revisions_v5 ORDER BY story_id, number")?;
    let mut rows = revs.query([])?;
    let mut last: Option<(i64, Vec<i64>, u32)> = None;
    while let Some(r) = rows.next()? {
        let (rid, story, json): (i64, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let ids: Vec<i64> =
            serde_json::from_str(&json).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let parent = last.take().filter(|(s, _, _)| *s == story);
        if parent.is_none() {
            texts.clear();
        }
        for (i, &id) in ids.iter().enumerate() {
            if depth.contains_key(&id) {
                continue;
            }
            let Some(text) = text_of.query_row([id], |r| r.get::<_, String>(0)).optional()? else {
                continue; // a missing paragraph stays missing; `check` says so
            };
            let base = parent
                .as_ref()
                .and_then(|(_, p, _)| p.get(i))
                .filter(|b| !ids.contains(b))
                .and_then(|b| Some((*b, texts.get(b)?.as_str(), *depth.get(b)?)));
            let (p, d) = pack(&text, base);
            insert.execute(params![id, p.key, p.base, p.data])?;
            depth.insert(id, d);
            texts.insert(id, text);
        }
        let body = match &parent {
            Some((_, p, d)) if *d < MAX_BODY_DEPTH => {
                let delta = body_delta(p, &ids);
                let whole = body_whole(&ids);
                if delta.len() < whole.len() {
                    (delta, d + 1)
                } else {
                    (whole, 0)
                }
            }
            _ => (body_whole(&ids), 0),
        };
        set_body.execute(params![rid, body.0])?;
        last = Some((story, ids, body.1));
    }
    // Paragraphs no revision uses are kept, whole.
    let mut orphans = tx.prepare("SELECT id, text FROM paragraphs WHERE id NOT IN (SELECT id FROM paragraphs_v5)")?;
    let orphans: Vec<(i64, String)> = orphans
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, text) in orphans {
        let (p, _) = pack(&text, None);
        insert.execute(params![id, p.key, p.base, p.data])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_round_trip_whole_and_as_deltas() {
        let parent: Vec<i64> = (1..=50).collect();
        let mut ids = parent.clone();
        ids[3] = 900;
        ids[40] = 7;
        ids.insert(10, 1234);
        ids.remove(20);
        ids.push(3);
        assert_eq!(body_ids(&body_whole(&ids), None).unwrap(), ids);
        let d = body_delta(&parent, &ids);
        assert!(d.len() < 24, "{} bytes", d.len());
        assert_eq!(body_ids(&d, Some(&parent)).unwrap(), ids);
        assert_eq!(
            body_ids(&body_delta(&parent, &[]), Some(&parent)).unwrap(),
            Vec::<i64>::new()
        );
        assert_eq!(body_ids(&body_delta(&[], &ids), Some(&[])).unwrap(), ids);
        assert_eq!(body_ids(&body_delta(&parent, &parent), Some(&parent)).unwrap(), parent);
        assert!(body_ids(&d, None).is_none(), "a delta needs its parent");
        assert!(body_ids(&[BODY_WHOLE, 5, 2], None).is_none(), "a short list is refused");
    }

    #[test]
    fn prefetched_chains_read_as_row_by_row_and_report_what_is_missing() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE paragraphs (id INTEGER PRIMARY KEY, hash INTEGER, base INTEGER, data BLOB)")
            .unwrap();
        let texts = [
            "Winds of 90 mph.",
            "Winds of 60 mph.",
            "Winds of 60 mph, rain.",
            "Orphan edit.",
        ];
        let insert = |id: i64, text: &str, base: Option<(i64, &str)>| {
            let (p, _) = pack(text, base.map(|(id, b)| (id, b, 0)));
            conn.execute(
                "INSERT INTO paragraphs (id, hash, base, data) VALUES (?1, ?2, ?3, ?4)",
                params![id, p.key, p.base, p.data],
            )
            .unwrap();
        };
        insert(1, texts[0], None);
        insert(2, texts[1], Some((1, texts[0])));
        insert(3, texts[2], Some((2, texts[1])));
        // An edit of row 99, which is not there.
        insert(4, texts[3], Some((99, "Orphan.")));
        for prefetch in [false, true] {
            let mut reader = ParagraphReader::new(&conn).unwrap();
            if prefetch {
                reader.prefetch(&[3, 4, 1]).unwrap();
            }
            assert_eq!(reader.read(3).unwrap().unwrap(), (texts[2], 2), "prefetch {prefetch}");
            assert_eq!(reader.read(1).unwrap().unwrap(), (texts[0], 0));
            assert_eq!(reader.read(4).unwrap().unwrap_err(), Unreadable::Missing(99));
            assert_eq!(reader.read(5).unwrap().unwrap_err(), Unreadable::Missing(5));
        }
    }

    #[test]
    fn paragraphs_round_trip_whole_and_as_deltas() {
        let a = "The council voted 7-2 on Tuesday to approve the $40 million harbor plan, officials said.";
        let b = "The council voted 6-3 on Tuesday to approve the $42 million harbor plan, officials said.";
        let (whole, d0) = pack(a, None);
        assert_eq!((whole.base, d0), (None, 0));
        assert_eq!(decompress(&whole.data, None).unwrap(), a);
        let (delta, d1) = pack(b, Some((1, a, 0)));
        assert_eq!((delta.base, d1), (Some(1), 1));
        assert!(
            delta.data.len() < whole.data.len() / 2,
            "{} vs {}",
            delta.data.len(),
            whole.data.len()
        );
        assert_eq!(decompress(&delta.data, Some(a)).unwrap(), b);
        assert_eq!(paragraph_key(b), delta.key);
        // Databases packed before edit scripts hold zstd deltas: still read.
        assert_eq!(decompress(&compress(b, Some(a)), Some(a)).unwrap(), b);
        // At the depth limit a paragraph is stored whole again.
        let (again, d) = pack(b, Some((1, a, MAX_PARAGRAPH_DEPTH)));
        assert_eq!((again.base, d), (None, 0));
    }
}
