// Generated story pairs for the app's compare at scale (the 50,000-word e2e
// test and benches/app_compare.mjs): the generator of benches/compare.rs
// (benches/common's xorshift from the same seed, the same vocabulary and
// edits), so the app is measured on the stories the core's bench uses.
// Paragraphs of 12–40 words; the newer revision has 1% of its words
// replaced and 3 paragraphs moved.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const MASK = (1n << 64n) - 1n;

/** benches/common's Rng: xorshift on 64 bits. */
class Rng {
  constructor(seed) {
    this.s = BigInt(seed);
  }
  next() {
    let s = this.s;
    s ^= (s << 13n) & MASK;
    s ^= s >> 7n;
    s ^= (s << 17n) & MASK;
    this.s = s;
    return s;
  }
  below(n) {
    return Number(this.next() % BigInt(n));
  }
}

const SPECIAL = ["Kim", "Jong", "Un", "Putin", "Moscow", "Pyongyang", "Vostochny", "“We", "will”", "$3.5", "million", "6", "miles", "40", "seconds", "5-4", "said", "the", "of", "and", "in", "a", "to"];
const SYLLABLES = ["ka", "to", "ri", "men", "sul", "dor", "va", "nel", "pa", "shi", "gro", "lin", "te", "bar", "qu"];

function vocabulary(rng) {
  const v = [...SPECIAL];
  while (v.length < 3000) {
    const n = 1 + rng.below(3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[rng.below(SYLLABLES.length)];
    v.push(w);
  }
  return v;
}

function word(rng, vocab) {
  if (rng.below(4) === 0) return vocab[rng.below(SPECIAL.length)];
  return vocab[rng.below(vocab.length)];
}

/** [older, newer] bodies of `words` words, as benches/compare.rs's `story_pair`. */
export function storyPair(words, seed = 0x5eed0000 + words) {
  const rng = new Rng(seed);
  const vocab = vocabulary(rng);
  const paras = [];
  for (let left = words; left > 0; ) {
    const n = Math.min(12 + rng.below(29), left);
    const p = [];
    for (let i = 0; i < n; i++) p.push(word(rng, vocab));
    paras.push(p);
    left -= n;
  }
  const old = paras.map((p) => `${p.join(" ")}.`);
  const edited = paras.map((p) => [...p]);
  for (let k = 0; k < Math.floor(words / 100); k++) {
    const p = rng.below(edited.length);
    const w = rng.below(edited[p].length);
    edited[p][w] = word(rng, vocab);
  }
  const next = edited.map((p) => `${p.join(" ")}.`);
  for (let k = 0; k < 3; k++) {
    const from = rng.below(next.length);
    const [para] = next.splice(from, 1);
    next.splice(rng.below(next.length + 1), 0, para);
  }
  return [old, next];
}

/**
 * Writes the pair as two story files (the plain-text format, a header so
 * that import reads it as a Copydesk story rather than a raw paste) and
 * returns their paths.
 */
export function writeStoryPair(dir, words) {
  const [old, next] = storyPair(words);
  const file = (name, body) => {
    const path = join(dir, name);
    writeFileSync(path, ["---\nSection: Bench\n---\n", `A story of ${words} words`, ...body].join("\n\n"));
    return path;
  };
  return [file(`story-${words}-1.txt`, old), file(`story-${words}-2.txt`, next)];
}
