/** The benches' command-line options. */

/** `--name N` from the command line, a positive integer, or `fallback` when absent. */
export function positiveIntArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}
