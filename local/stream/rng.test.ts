import { describe, expect, it } from "vitest";
import { createRng } from "./rng";

describe("createRng", () => {
  it("replays the same sequence for the same seed and differs for another seed", () => {
    const draw = (seed: string | number) => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => rng.next());
    };
    expect(draw("abc")).toEqual(draw("abc"));
    expect(draw(42)).toEqual(draw(42));
    expect(draw("abc")).not.toEqual(draw("abd"));
    expect(draw(1)).not.toEqual(draw("1"));
  });

  it("keeps values in range", () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = rng.int(-3, 5);
      expect(Number.isInteger(n) && n >= -3 && n <= 5).toBe(true);
    }
    expect(rng.hex(40)).toMatch(/^[0-9a-f]{40}$/);
    expect(rng.digits(18)).toMatch(/^[1-9]\d{17}$/);
  });

  it("covers every value of a small range and honours weights", () => {
    const rng = createRng("coverage");
    const seen = new Set<number>();
    const counts = { a: 0, b: 0, zero: 0 };
    for (let i = 0; i < 3000; i++) {
      seen.add(rng.int(0, 4));
      counts[
        rng.weighted([
          ["a", 3],
          ["b", 1],
          ["zero", 0],
        ] as const)
      ]++;
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(counts.zero).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.3);
    expect(counts.a / counts.b).toBeLessThan(3.9);
  });

  it("forks independent but reproducible streams", () => {
    const a = createRng(9).fork("x");
    const b = createRng(9).fork("x");
    expect(a.hex(16)).toBe(b.hex(16));
    expect(createRng(9).fork("x").hex(16)).not.toBe(createRng(9).fork("y").hex(16));
  });
});
