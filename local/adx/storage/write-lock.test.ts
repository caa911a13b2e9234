/** The write lock: shared holders overlap each other, never an exclusive holder, and arrival order holds. */
import { describe, expect, it } from "vitest";
import { WriteLock } from "./write-lock";

/** A holder that records when it starts and ends, and finishes when told to. */
function holder(log: string[], name: string) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const fn = async () => {
    log.push(`${name} start`);
    await finished;
    log.push(`${name} end`);
    return name;
  };
  return { fn, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("WriteLock", () => {
  it("runs shared holders side by side and an exclusive one after them", async () => {
    const lock = new WriteLock();
    const log: string[] = [];
    const a = holder(log, "a");
    const b = holder(log, "b");
    const x = holder(log, "x");
    const pa = lock.shared(a.fn);
    const pb = lock.shared(b.fn);
    const px = lock.exclusive(x.fn);
    await settle();
    expect(log).toEqual(["a start", "b start"]);
    a.finish();
    await settle();
    expect(log).toEqual(["a start", "b start", "a end"]);
    b.finish();
    await settle();
    expect(log).toEqual(["a start", "b start", "a end", "b end", "x start"]);
    x.finish();
    expect(await Promise.all([pa, pb, px])).toEqual(["a", "b", "x"]);
  });

  it("keeps a shared request made after an exclusive one waiting for it", async () => {
    const lock = new WriteLock();
    const log: string[] = [];
    const x = holder(log, "x");
    const a = holder(log, "a");
    const px = lock.exclusive(x.fn);
    const pa = lock.shared(a.fn);
    await settle();
    expect(log).toEqual(["x start"]);
    x.finish();
    await settle();
    expect(log).toEqual(["x start", "x end", "a start"]);
    a.finish();
    await Promise.all([px, pa]);
  });

  it("runs exclusive holders one at a time, and a failure does not block the next", async () => {
    const lock = new WriteLock();
    const log: string[] = [];
    const failing = lock.exclusive(async () => {
      log.push("f");
      throw new Error("boom");
    });
    const y = holder(log, "y");
    const z = holder(log, "z");
    const py = lock.exclusive(y.fn);
    const pz = lock.exclusive(z.fn);
    await expect(failing).rejects.toThrow("boom");
    await settle();
    expect(log).toEqual(["f", "y start"]);
    y.finish();
    await settle();
    expect(log).toEqual(["f", "y start", "y end", "z start"]);
    z.finish();
    await Promise.all([py, pz]);
  });
});
