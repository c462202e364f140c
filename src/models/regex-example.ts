/**
 * Best-effort examples of strings matching a JSON Schema `pattern` (an ECMAScript regular expression).
 * Handles literals, escapes, classes, groups, alternation, quantifiers and lookarounds (skipped);
 * the caller checks the result against the real RegExp and falls back when it does not match.
 */

type Node =
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "group"; body: Node; index: number | undefined; name: string | undefined }
  | { kind: "backref"; ref: number | string }
  | { kind: "repeat"; body: Node; min: number; max: number }
  | { kind: "atom"; source: string; first: string | undefined }
  | { kind: "empty" };

/** Characters tried, in order, for a class or escape: the first one the atom accepts is used. */
const POOL = [
  ..."aAxX0b1B9zZ-_.@+/: ",
  ..."=#!?*(),;'\"%&$~^|<>[]{}\\`",
  "é",
  "😀",
  "🇦",
  "\u20e3",
  "\n",
  "\t",
];

const atomCache = new Map<string, string | undefined>();

/** Compiles a pattern as JSON Schema validators do (Unicode mode, falling back to legacy mode). */
export function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, "u");
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
}

/**
 * A string generated from `pattern`: repetitions take their minimum count, plus up to `extra` more
 * characters spent on the first repetitions that allow it; alternations take option `variant % n`.
 * `undefined` when the pattern cannot be parsed. The result is not guaranteed to match.
 */
export function exampleFromPattern(pattern: string, extra = 0, variant = 0): string | undefined {
  let ast: Node;
  try {
    ast = new Parser(pattern).parse();
  } catch {
    return undefined;
  }
  return generate(ast, { extra, variant, captures: new Map() });
}

interface GenState {
  extra: number;
  variant: number;
  /** Text generated for each capture group, by number and by name, for backreferences. */
  captures: Map<number | string, string>;
}

function generate(node: Node, state: GenState): string {
  switch (node.kind) {
    case "empty":
      return "";
    case "atom":
      return atomExample(node.source, node.first) ?? "";
    case "group": {
      const out = generate(node.body, state);
      if (node.index !== undefined) state.captures.set(node.index, out);
      if (node.name !== undefined) state.captures.set(node.name, out);
      return out;
    }
    case "backref":
      return state.captures.get(node.ref) ?? "";
    case "seq": {
      let out = "";
      for (const item of node.items) out += generate(item, state);
      return out;
    }
    case "alt":
      return generate(node.options[state.variant % node.options.length]!, state);
    case "repeat": {
      let count = node.min;
      if (state.extra > 0 && node.max > node.min) {
        const add = Math.min(state.extra, node.max - node.min);
        state.extra -= add;
        count += add;
      }
      let out = "";
      for (let i = 0; i < count; i++) out += generate(node.body, state);
      return out;
    }
  }
}

function atomExample(source: string, first: string | undefined): string | undefined {
  const key = `${first ?? ""}\u0000${source}`;
  if (atomCache.has(key)) return atomCache.get(key);
  const re = compilePattern(`^(?:${source})$`);
  let found: string | undefined;
  if (re) {
    if (first !== undefined && re.test(first)) found = first;
    else found = POOL.find((c) => re.test(c));
  }
  atomCache.set(key, found);
  return found;
}

class Parser {
  private i = 0;
  private groups = 0;
  constructor(private readonly p: string) {}

  parse(): Node {
    const node = this.alt();
    if (this.i < this.p.length) throw new Error(`unexpected "${this.p[this.i]}"`);
    return node;
  }

  private alt(): Node {
    const options = [this.seq()];
    while (this.p[this.i] === "|") {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== "|" && this.p[this.i] !== ")") {
      items.push(this.quantified(this.atom()));
    }
    return { kind: "seq", items };
  }

  private atom(): Node {
    const p = this.p;
    const c = p[this.i]!;
    if (c === "^" || c === "$") {
      this.i++;
      return { kind: "empty" };
    }
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    if (c === ".") {
      this.i++;
      return { kind: "atom", source: ".", first: "a" };
    }
    const cp = p.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return { kind: "atom", source: ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), first: ch };
  }

  private group(): Node {
    const p = this.p;
    this.i++;
    let lookaround = false;
    let capturing = true;
    let name: string | undefined;
    if (p.startsWith("?:", this.i)) {
      this.i += 2;
      capturing = false;
    } else if (p.startsWith("?=", this.i) || p.startsWith("?!", this.i)) {
      this.i += 2;
      lookaround = true;
    } else if (p.startsWith("?<=", this.i) || p.startsWith("?<!", this.i)) {
      this.i += 3;
      lookaround = true;
    } else if (p.startsWith("?<", this.i)) {
      const end = p.indexOf(">", this.i);
      if (end === -1) throw new Error("unterminated group name");
      name = p.slice(this.i + 2, end);
      this.i = end + 1;
    }
    if (lookaround) capturing = false;
    const index = capturing ? ++this.groups : undefined;
    const body = this.alt();
    if (p[this.i] !== ")") throw new Error("unterminated group");
    this.i++;
    return lookaround ? { kind: "empty" } : { kind: "group", body, index, name };
  }

  private charClass(): Node {
    const p = this.p;
    const start = this.i;
    this.i++;
    const negated = p[this.i] === "^";
    if (negated) this.i++;
    let first: string | undefined;
    if (!negated && p[this.i] !== "\\" && p[this.i] !== "]")
      first = String.fromCodePoint(p.codePointAt(this.i)!);
    while (this.i < p.length && p[this.i] !== "]") this.i += p[this.i] === "\\" ? 2 : 1;
    if (this.i >= p.length) throw new Error("unterminated class");
    this.i++;
    return { kind: "atom", source: p.slice(start, this.i), first };
  }

  private escape(): Node {
    const p = this.p;
    const start = this.i;
    const c = p[this.i + 1];
    if (c === undefined) throw new Error("trailing backslash");
    this.i += 2;
    if (c === "b" || c === "B") return { kind: "empty" };
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(p[this.i] ?? "")) this.i++;
      return { kind: "backref", ref: Number(p.slice(start + 1, this.i)) };
    }
    if (c === "k" && p[this.i] === "<") {
      const end = p.indexOf(">", this.i);
      if (end === -1) throw new Error("unterminated backreference");
      const ref = p.slice(this.i + 1, end);
      this.i = end + 1;
      return { kind: "backref", ref };
    }
    if ((c === "p" || c === "P" || c === "u") && p[this.i] === "{") {
      const end = p.indexOf("}", this.i);
      if (end === -1) throw new Error("unterminated escape");
      this.i = end + 1;
    } else if (c === "u") this.i += 4;
    else if (c === "x") this.i += 2;
    else if (c === "c") this.i += 1;
    const source = p.slice(start, this.i);
    const literal = /^[.*+?^${}()|[\]\\/-]$/.test(c) ? c : undefined;
    return { kind: "atom", source, first: literal };
  }

  private quantified(node: Node): Node {
    const p = this.p;
    let min: number;
    let max: number;
    const c = p[this.i];
    if (c === "*") [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === "+") [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(p.slice(this.i));
      if (!m) return node;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY) : min;
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (p[this.i] === "?") this.i++;
    return { kind: "repeat", body: node, min, max };
  }
}
