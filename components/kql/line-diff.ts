/** One line of a diff: kept in both, only in the cluster (removed), or only in the generated text (added). */
export interface DiffLine {
  readonly kind: "same" | "removed" | "added";
  readonly text: string;
  /** 1-based line number in the cluster text (`null` for added lines). */
  readonly before: number | null;
  /** 1-based line number in the generated text (`null` for removed lines). */
  readonly after: number | null;
}

const splitLines = (text: string) => (text === "" ? [] : text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n"));

/**
 * A line diff of `before` (what the cluster holds) → `after` (what the console generates), by longest common
 * subsequence. Quadratic in lines, which is fine for function bodies and policies (tens to a few hundred lines);
 * trailing whitespace is ignored because ADX does not keep it reliably.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const same = (i: number, j: number) => a[i]!.trimEnd() === b[j]!.trimEnd();
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = same(i, j) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(i, j)) {
      out.push({ kind: "same", text: b[j]!, before: i + 1, after: j + 1 });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removed before added on ties, so a changed line reads "- old" then "+ new".
      out.push({ kind: "removed", text: a[i]!, before: i + 1, after: null });
      i++;
    } else {
      out.push({ kind: "added", text: b[j]!, before: null, after: j + 1 });
      j++;
    }
  }
  return out;
}

/** Counts of added and removed lines. */
export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === "added") added++;
    else if (line.kind === "removed") removed++;
  }
  return { added, removed };
}

/** A run of lines to show, or a fold standing for `count` unchanged lines hidden between them. */
export type DiffHunk = { kind: "lines"; lines: DiffLine[] } | { kind: "fold"; lines: DiffLine[] };

/**
 * Groups a diff for display: changed lines with `context` unchanged lines around them; longer unchanged stretches
 * become folds (which the viewer can open).
 */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  const push = (kind: DiffHunk["kind"], run: DiffLine[]) => {
    if (run.length === 0) return;
    const last = hunks[hunks.length - 1];
    if (last && last.kind === kind) last.lines.push(...run);
    else hunks.push({ kind, lines: [...run] });
  };
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.kind !== "same") {
      push("lines", [lines[i]!]);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.kind === "same") end++;
    const run = lines.slice(i, end);
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === lines.length ? 0 : context;
    if (run.length > keepBefore + keepAfter + 1) {
      push("lines", run.slice(0, keepBefore));
      push("fold", run.slice(keepBefore, run.length - keepAfter));
      push("lines", run.slice(run.length - keepAfter));
    } else {
      push("lines", run);
    }
    i = end;
  }
  return hunks;
}
