// The raw stories of tests/fixtures/corpus, by name (shared by tests that
// include this file).

/// (name, raw text) of every corpus story, sorted by name.
pub fn stories() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name()?.to_str()?.strip_suffix(".txt")?.to_string();
            Some((name, std::fs::read_to_string(&p).unwrap()))
        })
        .collect();
    out.sort();
    out
}
