import { describe, expect, it } from "vitest";
import { CliError, parseCliArgs } from "./cli-args";

describe("parseCliArgs", () => {
  it("applies defaults", () => {
    expect(parseCliArgs([])).toMatchObject({
      rate: 10,
      count: undefined,
      recordsPerMessage: 10,
      malformedRate: 0,
      out: "-",
      includePreview: false,
      tables: undefined,
    });
  });

  it("parses every option", () => {
    const o = parseCliArgs([
      "--rate",
      "50",
      "--count",
      "100",
      "--seed",
      "x",
      "--tables",
      "EmailEvents=2",
      "--records-per-message",
      "4",
      "--malformed-rate",
      "0.1",
      "--out",
      "f.ndjson",
      "--preview",
    ]);
    expect(o).toMatchObject({
      rate: 50,
      count: 100,
      seed: "x",
      tables: { EmailEvents: 2 },
      recordsPerMessage: 4,
      malformedRate: 0.1,
      out: "f.ndjson",
      includePreview: true,
    });
  });

  it("rejects bad values and unknown options with a clear message", () => {
    expect(() => parseCliArgs(["--rate", "0"])).toThrow(CliError);
    expect(() => parseCliArgs(["--count", "1.5"])).toThrow(/--count/);
    expect(() => parseCliArgs(["--malformed-rate", "2"])).toThrow(/--malformed-rate/);
    expect(() => parseCliArgs(["--tables", "Nope"])).toThrow(/Unknown table 'Nope'/);
    expect(() => parseCliArgs(["--bogus"])).toThrow(CliError);
  });
});
