/**
 * `buildschema()`: the minimal schema admitting every value of a dynamic column (adx-reference.md §4.4).
 *
 * A schema is a primitive type name (`long`, `double`, `string`, `bool`), a container (`{"key": schema, …}`, arrays
 * being containers whose one key is `` `indexer` ``), or a union (`[schema, …]`, members in order of first
 * appearance, at most one container). Values are read from their JSON text so that `1` (long) and `1.0` (double)
 * stay apart, which `JSON.parse` cannot tell.
 */

/** The key under which a container describes array elements. */
export const INDEXER = "`indexer`";

/** Schema of one slot (the root, a property, or array elements) while values are merged in. */
interface Slot {
  /** Union members in order of first appearance: primitive names, or the slot's one container. */
  readonly members: (string | Container)[];
}
type Container = Map<string, Slot>;

const newSlot = (): Slot => ({ members: [] });

function containerOf(slot: Slot): Container {
  const found = slot.members.find((m): m is Container => typeof m !== "string");
  if (found) return found;
  const created: Container = new Map();
  slot.members.push(created);
  return created;
}

function addPrimitive(slot: Slot, name: string): void {
  if (!slot.members.includes(name)) slot.members.push(name);
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** A recursive-descent reader over one JSON text that merges its shape into a slot instead of building values. */
class ShapeReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  read(into: Slot): void {
    this.value(into);
    this.ws();
    if (this.pos !== this.text.length) this.fail();
  }

  private fail(): never {
    throw new SyntaxError(`Invalid JSON at position ${this.pos}`);
  }

  private ws(): void {
    while (this.pos < this.text.length && " \t\r\n".includes(this.text[this.pos]!)) this.pos++;
  }

  private value(into: Slot): void {
    this.ws();
    const c = this.text[this.pos];
    if (c === "{") return this.object(into);
    if (c === "[") return this.array(into);
    if (c === '"') {
      this.string();
      return addPrimitive(into, "string");
    }
    for (const [word, type] of [
      ["true", "bool"],
      ["false", "bool"],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        // A null admits nothing new: every property is optional anyway.
        if (type) addPrimitive(into, type);
        return;
      }
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail();
    this.pos += m[0].length;
    const integral = m[1] === undefined && m[2] === undefined;
    const fits = integral && BigInt(m[0]) >= LONG_MIN && BigInt(m[0]) <= LONG_MAX;
    addPrimitive(into, fits ? "long" : "double");
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      this.pos += this.text[this.pos] === "\\" ? 2 : 1;
    }
    if (this.pos >= this.text.length) this.fail();
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private object(into: Slot): void {
    const container = containerOf(into);
    this.pos++;
    this.ws();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail();
      const key = this.string();
      this.ws();
      if (this.text[this.pos++] !== ":") this.fail();
      let child = container.get(key);
      if (!child) container.set(key, (child = newSlot()));
      this.value(child);
      this.ws();
      const next = this.text[this.pos++];
      if (next === "}") return;
      if (next !== ",") this.fail();
    }
  }

  private array(into: Slot): void {
    const container = containerOf(into);
    this.pos++;
    this.ws();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    let items = container.get(INDEXER);
    if (!items) container.set(INDEXER, (items = newSlot()));
    for (;;) {
      this.value(items);
      this.ws();
      const next = this.text[this.pos++];
      if (next === "]") return;
      if (next !== ",") this.fail();
    }
  }
}

/** A slot as a Kusto dynamic value; slots that only ever saw nulls are left out (undefined). */
function render(slot: Slot): unknown {
  const members = slot.members
    .map((m) => {
      if (typeof m === "string") return m;
      const out: Record<string, unknown> = {};
      for (const [key, child] of m) {
        const value = render(child);
        if (value !== undefined) out[key] = value;
      }
      return out;
    })
    .filter((m) => m !== undefined);
  if (members.length === 0) return undefined;
  return members.length === 1 ? members[0] : members;
}

/**
 * The schema admitting every JSON text in `values` (nulls skipped), or null when no value has a type.
 * @throws {SyntaxError} when a text is not JSON
 */
export function buildSchema(values: Iterable<string | null | undefined>): unknown {
  const root = newSlot();
  for (const text of values) {
    if (text == null) continue;
    new ShapeReader(text).read(root);
  }
  return render(root) ?? null;
}
