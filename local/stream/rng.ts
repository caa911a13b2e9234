/**
 * Seeded pseudo-random generator (sfc32 seeded through a 32-bit string hash).
 * Math.random cannot be seeded, and the simulator must replay byte for byte from a seed.
 */
export type Seed = number | string;

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element chosen by weight; weights must not all be zero. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Lowercase hex string of `length` characters. */
  hex(length: number): string;
  /** String of `length` decimal digits (first digit non-zero). */
  digits(length: number): string;
  /** An independent generator derived from this one (sub-streams stay stable when callers add draws elsewhere). */
  fork(label: string): Rng;
}

function hashSeed(seed: Seed): [number, number, number, number] {
  const text = typeof seed === "number" ? `n:${seed}` : `s:${seed}`;
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    out.push(h >>> 0);
  }
  return [out[0] ?? 1, out[1] ?? 2, out[2] ?? 3, out[3] ?? 4];
}

/** Creates a generator; the same seed always yields the same sequence. */
export function createRng(seed: Seed): Rng {
  let [a, b, c, d] = hashSeed(seed);
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm-up: the first outputs of sfc32 correlate with the seed words.
  for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    next: () => nextUint32() / 4294967296,
    int: (min, max) => min + Math.floor(rng.next() * (max - min + 1)),
    chance: (p) => rng.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(rng.next() * items.length)] as (typeof items)[number];
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      if (!(total > 0)) throw new Error("weighted pick needs a positive total weight");
      let roll = rng.next() * total;
      for (const [value, w] of entries) {
        roll -= Math.max(0, w);
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error("weighted pick from an empty list");
      return last[0];
    },
    hex: (length) => {
      let s = "";
      while (s.length < length) s += nextUint32().toString(16).padStart(8, "0");
      return s.slice(0, length);
    },
    digits: (length) => {
      let s = String(rng.int(1, 9));
      while (s.length < length) s += String(rng.int(0, 9));
      return s;
    },
    fork: (label) => createRng(`${nextUint32()}:${label}`),
  };
  return rng;
}
