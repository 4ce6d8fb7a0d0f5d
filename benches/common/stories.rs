//! The generated story pairs of the compare and CLI benchmarks: paragraphs
//! of 12–40 words from a 3,000-word vocabulary sprinkled with names,
//! numbers and quotes; the newer side has 1% of its words replaced and 3
//! paragraphs moved. Deterministic (xorshift from the seed given).

use crate::common::Rng;

const SPECIAL: &[&str] = &[
    "Kim",
    "Jong",
    "Un",
    "Putin",
    "Moscow",
    "Pyongyang",
    "Vostochny",
    "“We",
    "will”",
    "$3.5",
    "million",
    "6",
    "miles",
    "40",
    "seconds",
    "5-4",
    "said",
    "the",
    "of",
    "and",
    "in",
    "a",
    "to",
];

pub fn vocabulary(rng: &mut Rng) -> Vec<String> {
    let syll = [
        "ka", "to", "ri", "men", "sul", "dor", "va", "nel", "pa", "shi", "gro", "lin", "te", "bar", "qu",
    ];
    let mut v: Vec<String> = SPECIAL.iter().map(|s| s.to_string()).collect();
    while v.len() < 3000 {
        let n = 1 + rng.below(3);
        let w: String = (0..n).map(|_| syll[rng.below(syll.len())]).collect();
        v.push(w);
    }
    v
}

pub fn word(rng: &mut Rng, vocab: &[String]) -> String {
    // Common words often, the rest uniformly.
    if rng.below(4) == 0 {
        vocab[rng.below(SPECIAL.len())].clone()
    } else {
        vocab[rng.below(vocab.len())].clone()
    }
}

/// (older, newer) bodies with `words` words; 1% of words replaced, 3
/// paragraphs moved.
pub fn story_pair(words: usize, seed: u64) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng(seed);
    let vocab = vocabulary(&mut rng);
    let mut paras: Vec<Vec<String>> = Vec::new();
    let mut left = words;
    while left > 0 {
        let n = (12 + rng.below(29)).min(left);
        paras.push((0..n).map(|_| word(&mut rng, &vocab)).collect());
        left -= n;
    }
    let old: Vec<String> = paras.iter().map(|p| p.join(" ") + ".").collect();
    let mut new_paras = paras.clone();
    for _ in 0..words / 100 {
        let p = rng.below(new_paras.len());
        let w = rng.below(new_paras[p].len());
        new_paras[p][w] = word(&mut rng, &vocab);
    }
    let mut new: Vec<String> = new_paras.iter().map(|p| p.join(" ") + ".").collect();
    for _ in 0..3 {
        let from = rng.below(new.len());
        let para = new.remove(from);
        let to = rng.below(new.len() + 1);
        new.insert(to, para);
    }
    (old, new)
}
