// Which words one side of a conflict changed against the base, for display
// only: the merge itself (what conflicts, what each option does) is the
// core's. A plain longest-common-subsequence over words and spaces; texts
// too long for it show as all removed and all added.

export type Piece = { kind: "same" | "del" | "ins"; text: string };

const MAX_CELLS = 400_000;

function tokens(s: string): string[] {
  return s.match(/\s+|[^\s]+/g) ?? [];
}

/** `base` turned into `other`, as kept, removed and added runs. */
export function wordDiff(base: string, other: string): Piece[] {
  if (base === other) return base ? [{ kind: "same", text: base }] : [];
  const a = tokens(base);
  const b = tokens(other);
  const out: Piece[] = [];
  const push = (kind: Piece["kind"], text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  if (a.length * b.length > MAX_CELLS) {
    if (base) push("del", base);
    if (other) push("ins", other);
    return out;
  }
  // lcs[i][j]: the common length of a[i..] and b[j..].
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
      push("del", a[i++]);
    } else {
      push("ins", b[j++]);
    }
  }
  while (i < a.length) push("del", a[i++]);
  while (j < b.length) push("ins", b[j++]);
  return out;
}
