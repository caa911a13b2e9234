import { describe, expect, it } from "vitest";
import { diffLines, diffStats, foldUnchanged } from "./line-diff";

const texts = (lines: ReturnType<typeof diffLines>) =>
  lines.map((l) => `${{ same: " ", added: "+", removed: "-" }[l.kind]}${l.text}`);

describe("diffLines", () => {
  it("keeps identical texts as unchanged lines", () => {
    const lines = diffLines("a\nb\n", "a\nb");
    expect(texts(lines)).toEqual([" a", " b"]);
    expect(diffStats(lines)).toEqual({ added: 0, removed: 0 });
  });

  it("shows a changed line as removed then added, with line numbers on each side", () => {
    const lines = diffLines("Staging\n| where x == 1\n| project a", "Staging\n| where x == 2\n| project a");
    expect(texts(lines)).toEqual([" Staging", "-| where x == 1", "+| where x == 2", " | project a"]);
    expect(lines[1]).toMatchObject({ before: 2, after: null });
    expect(lines[2]).toMatchObject({ before: null, after: 2 });
    expect(lines[3]).toMatchObject({ before: 3, after: 3 });
  });

  it("handles insertions and deletions at both ends", () => {
    expect(texts(diffLines("b\nc", "a\nb\nc\nd"))).toEqual(["+a", " b", " c", "+d"]);
    expect(texts(diffLines("a\nb\nc", "b"))).toEqual(["-a", " b", "-c"]);
    expect(texts(diffLines("", "x"))).toEqual(["+x"]);
  });

  it("ignores trailing whitespace and CRLF line ends", () => {
    expect(diffStats(diffLines("a  \r\nb\r\n", "a\nb"))).toEqual({ added: 0, removed: 0 });
  });
});

describe("foldUnchanged", () => {
  const text = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join("\n");

  it("keeps three lines of context around a change and folds the rest", () => {
    const before = text(20);
    const after = before.replace("line 10", "LINE 10");
    const hunks = foldUnchanged(diffLines(before, after));
    expect(hunks.map((h) => [h.kind, h.lines.length])).toEqual([
      ["fold", 6],
      ["lines", 3 + 2 + 3],
      ["fold", 7],
    ]);
    expect(hunks.flatMap((h) => h.lines)).toHaveLength(21);
  });

  it("does not fold a stretch that is barely longer than its context", () => {
    const before = text(8);
    const after = before.replace("line 1", "x").replace("line 8", "y");
    expect(foldUnchanged(diffLines(before, after)).every((h) => h.kind === "lines")).toBe(true);
  });
});
