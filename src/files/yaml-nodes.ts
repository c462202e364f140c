import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type ParsedNode,
  parseDocument,
  type Scalar,
  visit,
} from "yaml";
import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { closest } from "../core/text.js";

/** A parsed YAML document plus what is needed to turn node offsets into file positions. */
export interface YamlSource {
  file: string;
  /** The YAML text: the file, or the file with what is not YAML blanked (same offsets). */
  text: string;
  doc: Document.Parsed;
  /** Offsets where each line starts, for the whole file (so positions are file positions). */
  lineStarts: readonly number[];
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface Entry {
  key: string;
  keyNode: Scalar.Parsed;
  /** `undefined` for `key:` with no value (YAML null), so null reads as "not given". */
  value: ParsedNode | undefined;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionOf(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/**
 * Parses YAML whose text is already aligned with the file (the caller blanks what is not YAML,
 * e.g. the `---` lines of a front matter), so every node offset is a file offset.
 */
export function parseYaml(
  file: string,
  text: string,
  lineStarts: readonly number[] = lineStartsOf(text),
): YamlSource {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const src: YamlSource = { file, text, doc, lineStarts };
  const error = doc.errors[0];
  if (error) {
    const message = error.message.replace(/\.?$/, ".");
    const opener = unclosedOpener(doc, error.code, error.pos[0]);
    fail(
      src,
      opener ?? error.pos[0],
      `invalid YAML: ${message}`,
      opener === undefined
        ? "Fix the YAML syntax (indentation, quotes, colons) at this line."
        : "The quote or bracket that starts here is not closed where YAML expects it.",
    );
  }
  return src;
}

/**
 * For "missing closing quote/bracket" errors the YAML parser reports where it gave up (often the end
 * of the file); the useful place is where the quoted string or flow collection was opened.
 */
function unclosedOpener(doc: Document.Parsed, code: string, pos: number): number | undefined {
  if (code !== "MISSING_CHAR" && code !== "BAD_INDENT") return undefined;
  let best: number | undefined;
  visit(doc, (_key, node) => {
    const quoted = isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
    const flow = (isMap(node) || isSeq(node)) && node.flow === true;
    const range = (node as { range?: [number, number, number] }).range;
    if (
      (quoted || flow) &&
      range &&
      range[0] < pos &&
      range[2] >= pos &&
      (best === undefined || range[0] > best)
    ) {
      best = range[0];
    }
  });
  return best;
}

/** Throws a PromptFileError at a node, an offset, or a line (and column) of the source. */
export function fail(
  src: YamlSource,
  at: ParsedNode | number | { line: number; column?: number } | undefined,
  problem: string,
  hint?: string,
): never {
  let pos: { line: number; column?: number } | undefined;
  if (typeof at === "number") pos = positionOf(src.lineStarts, at);
  else if (at && "line" in at) pos = at;
  else if (at) pos = positionOf(src.lineStarts, at.range[0]);
  throw new PromptFileError(src.file, problem, {
    ...(pos ? { line: pos.line } : {}),
    ...(pos?.column !== undefined ? { column: pos.column } : {}),
    ...(hint ? { hint } : {}),
  });
}

export function position(src: YamlSource, node: ParsedNode): Position {
  return positionOf(src.lineStarts, node.range[0]);
}

/** Follows `*alias` references so readers see the anchored node. */
export function deref(src: YamlSource, node: ParsedNode | null | undefined): ParsedNode | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return deref(src, node.resolve(src.doc) as ParsedNode | undefined);
  if (isScalar(node) && node.value === null) return undefined;
  return node;
}

export function describe(node: ParsedNode | undefined): string {
  if (node === undefined) return "empty";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === "string")
      return `a string (${JSON.stringify(v.length > 30 ? `${v.slice(0, 27)}...` : v)})`;
    if (typeof v === "number" || typeof v === "bigint") return `a number (${String(v)})`;
    if (typeof v === "boolean") return `a boolean (${String(v)})`;
  }
  return "a value of another kind";
}

/** The key/value pairs of a mapping node, keys as strings; fails on non-string keys. */
export function entries(src: YamlSource, node: ParsedNode, where: string): Entry[] {
  if (!isMap(node)) fail(src, node, `${where} must be a mapping (key: value lines), not ${describe(node)}.`);
  const out: Entry[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key as ParsedNode;
    if (!isScalar(keyNode) || (typeof keyNode.value !== "string" && typeof keyNode.value !== "number")) {
      fail(src, keyNode, `${where} has a key that is not a plain name.`);
    }
    out.push({
      key: String(keyNode.value),
      keyNode: keyNode as Scalar.Parsed,
      value: deref(src, pair.value as ParsedNode | null),
    });
  }
  return out;
}

/** Fails on the first key not in `known`, suggesting the closest known key. */
export function checkKeys(
  src: YamlSource,
  list: readonly Entry[],
  known: readonly string[],
  where: string,
  accept: (key: string) => boolean = () => false,
): void {
  for (const e of list) {
    if (known.includes(e.key) || accept(e.key)) continue;
    const suggestion = closest(e.key, known);
    fail(
      src,
      e.keyNode,
      `unknown key "${e.key}"${where ? ` in ${where}` : ""}.` +
        (suggestion ? ` Did you mean "${suggestion}"?` : "") +
        ` Known keys: ${known.join(", ")}.`,
      suggestion
        ? `Rename it to "${suggestion}".`
        : "Remove the key, or put free-form data under `metadata:`.",
    );
  }
}

/** Plain JS value of a node (mappings to objects). */
export function toValue(src: YamlSource, node: ParsedNode | undefined): unknown {
  return node === undefined ? undefined : node.toJS(src.doc, { maxAliasCount: 100 });
}

// ---- typed readers: each fails at the value's position with the dotted field name ----

export function readString(src: YamlSource, node: ParsedNode | undefined, field: string): string | undefined {
  if (node === undefined) return undefined;
  if (!isScalar(node) || typeof node.value !== "string") {
    fail(src, node, `"${field}" must be a string, not ${describe(node)}.`, quoteHint(node));
  }
  return node.value;
}

export function readNumber(
  src: YamlSource,
  node: ParsedNode | undefined,
  field: string,
  check: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (node === undefined) return undefined;
  if (!isScalar(node) || typeof node.value !== "number" || !Number.isFinite(node.value)) {
    fail(src, node, `"${field}" must be a${check.integer ? "n integer" : " number"}, not ${describe(node)}.`);
  }
  const v = node.value;
  if (check.integer && !Number.isInteger(v)) fail(src, node, `"${field}" must be an integer, not ${v}.`);
  if (check.min !== undefined && v < check.min)
    fail(src, node, `"${field}" must be at least ${check.min}, not ${v}.`);
  if (check.max !== undefined && v > check.max)
    fail(src, node, `"${field}" must be at most ${check.max}, not ${v}.`);
  return v;
}

export function readStringList(
  src: YamlSource,
  node: ParsedNode | undefined,
  field: string,
): string[] | undefined {
  if (node === undefined) return undefined;
  if (!isSeq(node)) fail(src, node, `"${field}" must be a list of strings, not ${describe(node)}.`);
  return node.items.map((item, i) => {
    const value = deref(src, item as ParsedNode);
    if (value === undefined || !isScalar(value) || typeof value.value !== "string") {
      fail(
        src,
        value ?? node,
        `"${field}[${i}]" must be a string, not ${describe(value)}.`,
        quoteHint(value),
      );
    }
    return value.value;
  });
}

/** A version label: a string, or a number kept exactly as written (`1.10` stays "1.10"). */
export function readVersion(
  src: YamlSource,
  node: ParsedNode | undefined,
  field = "version",
): string | undefined {
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === "number") return node.source ?? String(node.value);
  if (!isScalar(node) || typeof node.value !== "string") {
    fail(
      src,
      node,
      `"${field}" must be a string or a number, not ${describe(node)}.`,
      'Write e.g. version: "1.2.0".',
    );
  }
  const v = node.value;
  if (v.trim() === "") fail(src, node, `"${field}" is empty.`);
  return v;
}

export function readMapping(
  src: YamlSource,
  node: ParsedNode | undefined,
  field: string,
): Record<string, unknown> | undefined {
  if (node === undefined) return undefined;
  if (!isMap(node))
    fail(src, node, `"${field}" must be a mapping (key: value lines), not ${describe(node)}.`);
  return toValue(src, node) as Record<string, unknown>;
}

function quoteHint(node: ParsedNode | undefined): string | undefined {
  if (node && isScalar(node) && (typeof node.value === "number" || typeof node.value === "boolean")) {
    return `Quote it to make it a string: "${String(node.source ?? node.value)}".`;
  }
  return undefined;
}

/** Finds the node at a path (keys and list indexes) below `node`, for error positions. */
export function nodeAt(
  src: YamlSource,
  node: ParsedNode | undefined,
  path: readonly (string | number)[],
): ParsedNode | undefined {
  let current = node;
  for (const step of path) {
    current = deref(src, current);
    if (current === undefined) return undefined;
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return current;
      const value = deref(src, pair.value as ParsedNode | null);
      current = value ?? (pair.key as ParsedNode);
    } else if (isSeq(current) && typeof step === "number") {
      const item = current.items[step] as ParsedNode | undefined;
      if (!item) return current;
      current = item;
    } else {
      return current;
    }
  }
  return current;
}

/** The key node of the last path step, when the path ends at a mapping key. */
export function keyNodeAt(
  src: YamlSource,
  node: ParsedNode | undefined,
  path: readonly (string | number)[],
): ParsedNode | undefined {
  if (path.length === 0) return node;
  const parent = deref(src, nodeAt(src, node, path.slice(0, -1)));
  const last = path[path.length - 1];
  if (parent && isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    if (pair) return pair.key as ParsedNode;
  }
  return nodeAt(src, node, path);
}

/** 1-based file line where a string value's text begins (the line after `|`/`>` for block scalars). */
export function contentLine(src: YamlSource, node: ParsedNode): number {
  const pos = position(src, node);
  if (isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED")) return pos.line + 1;
  return pos.line;
}
