import { describe, expect, it } from "vitest";
import { tryLock, tryLockAll } from "./lock";

describe("apply locks", () => {
  it("admits one holder per key until it releases", () => {
    const release = tryLock("table:A");
    expect(release).not.toBeNull();
    expect(tryLock("table:A")).toBeNull();
    const { taken, busy } = tryLockAll(["table:A", "table:B"]);
    expect(busy).toEqual(["table:A"]);
    expect([...taken.keys()]).toEqual(["table:B"]);
    taken.get("table:B")!();
    release!();
    release!(); // releasing twice is harmless
    const again = tryLock("table:A");
    expect(again).not.toBeNull();
    again!();
  });
});
