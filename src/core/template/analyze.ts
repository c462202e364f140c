import type Handlebars from "handlebars";

type AST = typeof Handlebars.AST;
type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

/** Helpers FlowPrompt's templates know; a bare `{{history}}` is a helper, not a variable. */
export const HELPERS = new Set(["role", "history", "media", "json", "ifEquals", "unlessEquals", "section"]);
const CONTEXT_BLOCKS = new Set(["each", "with"]);
const CONDITION_BLOCKS = new Set(["if", "unless"]);
const BUILTIN_BLOCKS = new Set(["if", "unless", "each", "with", "lookup", "log"]);

export interface VariableUse {
  name: string;
  line: number;
  column: number;
  /** How the template uses it: printed, iterated, entered, or read through a dotted path. */
  kind: "value" | "param" | "each" | "with" | "path";
}

/** What a template needs: variables that must be given, variables only tested by {{#if}}, and more. */
export interface TemplateAnalysis {
  required: Map<string, VariableUse>;
  optional: Set<string>;
  partials: Set<string>;
  /** The template emits role/history/media markers, so its output must be split into messages. */
  hasMarkers: boolean;
  usesHistory: boolean;
  /** Top-level variables placed with {{media url=x}}, in order of appearance. */
  media: Set<string>;
}

interface Scope {
  depth: number;
  blockParams: ReadonlySet<string>;
  /** Top-level variables tested by an enclosing {{#if}}/{{#unless}}/section: uses inside are guarded. */
  guards: ReadonlySet<string>;
}

function guarded(scope: Scope, name: string | undefined): Scope {
  if (!name || scope.guards.has(name)) return scope;
  return { ...scope, guards: new Set([...scope.guards, name]) };
}

export function emptyAnalysis(): TemplateAnalysis {
  return {
    required: new Map(),
    optional: new Set(),
    partials: new Set(),
    hasMarkers: false,
    usesHistory: false,
    media: new Set(),
  };
}

/** Walks a parsed template and records the top-level variables it reads. */
export function analyzeProgram(
  program: hbs.AST.Program,
  out: TemplateAnalysis = emptyAnalysis(),
): TemplateAnalysis {
  walkProgram(program, { depth: 0, blockParams: new Set(), guards: new Set() }, out);
  for (const name of out.required.keys()) out.optional.delete(name);
  return out;
}

function walkProgram(program: hbs.AST.Program | undefined, scope: Scope, out: TemplateAnalysis): void {
  if (!program) return;
  for (const node of program.body) walkStatement(node, scope, out);
}

function walkStatement(node: Node, scope: Scope, out: TemplateAnalysis): void {
  switch (node.type) {
    case "MustacheStatement": {
      const m = node as hbs.AST.MustacheStatement;
      if (m.path.type !== "PathExpression") return;
      const path = m.path as hbs.AST.PathExpression;
      const isHelperCall = m.params.length > 0 || m.hash?.pairs.length > 0 || HELPERS.has(path.original);
      if (isHelperCall) {
        noteHelper(path.original, out);
        for (const p of m.params) walkExpression(p, scope, out, "param");
        for (const pair of m.hash?.pairs ?? []) walkExpression(pair.value, scope, out, "param");
        const url = path.original === "media" ? m.hash?.pairs.find((pair) => pair.key === "url") : undefined;
        const head = url === undefined ? undefined : topLevelName(url.value, scope);
        if (head !== undefined) out.media.add(head);
      } else {
        walkExpression(path, scope, out, path.parts.length > 1 ? "path" : "value");
      }
      return;
    }
    case "BlockStatement": {
      const b = node as hbs.AST.BlockStatement;
      const name = b.path.original;
      const first = b.params[0];
      if (CONDITION_BLOCKS.has(name) && first) {
        const head = topLevelName(first, scope);
        if (head) out.optional.add(head);
        else walkExpression(first, scope, out, "param");
        for (const p of b.params.slice(1)) walkExpression(p, scope, out, "param");
        const inner = guarded(scope, head);
        walkProgram(b.program, inner, out);
        walkProgram(b.inverse, inner, out);
        return;
      }
      if (CONTEXT_BLOCKS.has(name) && first) {
        walkExpression(first, scope, out, name as "each" | "with");
        const params = new Set([...scope.blockParams, ...(b.program?.blockParams ?? [])]);
        walkProgram(b.program, { depth: scope.depth + 1, blockParams: params, guards: scope.guards }, out);
        walkProgram(b.inverse, scope, out);
        return;
      }
      let inner = scope;
      if (!HELPERS.has(name) && !BUILTIN_BLOCKS.has(name) && b.params.length === 0) {
        // {{#x}}…{{/x}} and {{^x}}…{{/x}}: a section shown when x is truthy (or falsy): x is optional.
        const head = topLevelName(b.path, scope);
        if (head) out.optional.add(head);
        inner = guarded(scope, head);
      }
      noteHelper(name, out);
      for (const p of b.params) walkExpression(p, scope, out, "param");
      for (const pair of b.hash?.pairs ?? []) walkExpression(pair.value, scope, out, "param");
      walkProgram(b.program, inner, out);
      walkProgram(b.inverse, inner, out);
      return;
    }
    case "PartialStatement":
    case "PartialBlockStatement": {
      const p = node as hbs.AST.PartialStatement;
      if (p.name.type === "PathExpression") out.partials.add((p.name as hbs.AST.PathExpression).original);
      for (const e of p.params) walkExpression(e, scope, out, "param");
      for (const pair of p.hash?.pairs ?? []) walkExpression(pair.value, scope, out, "param");
      if (node.type === "PartialBlockStatement")
        walkProgram((node as hbs.AST.PartialBlockStatement).program, scope, out);
      return;
    }
    default:
      return;
  }
}

function noteHelper(name: string, out: TemplateAnalysis): void {
  if (name === "role" || name === "media" || name === "history") out.hasMarkers = true;
  if (name === "history") out.usesHistory = true;
}

function topLevelName(expr: Expression, scope: Scope): string | undefined {
  if (expr.type !== "PathExpression") return undefined;
  const path = expr as hbs.AST.PathExpression;
  if (path.data || path.parts.length === 0) return undefined;
  if (scope.depth - path.depth !== 0) return undefined;
  if (path.depth === 0 && (path.original.startsWith("this") || path.original.startsWith(".")))
    return undefined;
  const head = path.parts[0]!;
  if (path.depth === 0 && scope.blockParams.has(head)) return undefined;
  return head;
}

function walkExpression(
  expr: Expression,
  scope: Scope,
  out: TemplateAnalysis,
  kind: VariableUse["kind"],
): void {
  if (expr.type === "SubExpression") {
    const s = expr as hbs.AST.SubExpression;
    noteHelper(s.path.original, out);
    for (const p of s.params) walkExpression(p, scope, out, "param");
    for (const pair of s.hash?.pairs ?? []) walkExpression(pair.value, scope, out, "param");
    return;
  }
  const head = topLevelName(expr, scope);
  if (!head || out.required.has(head)) return;
  if (scope.guards.has(head)) {
    out.optional.add(head);
    return;
  }
  const path = expr as hbs.AST.PathExpression;
  const loc = expr.loc?.start;
  out.required.set(head, {
    name: head,
    line: loc?.line ?? 1,
    column: (loc?.column ?? 0) + 1,
    kind: kind === "value" && path.parts.length > 1 ? "path" : kind,
  });
}

export type { AST };
