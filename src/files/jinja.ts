/**
 * Translates the templates of Python FlowPrompt files (Jinja2 `{{ var }}` / `{% for %}` / `{% if %}`,
 * or Python `str.format` fields `{var}`) into Handlebars, the one template engine of FlowPrompt.
 *
 * Only constructs with an exact Handlebars equivalent are translated; anything else (filters, `set`,
 * macros, comparisons, …) is refused with its offset, so the loader can name the file line. Line
 * breaks are kept where they were, so line N of the result is line N of the source.
 */

export class TemplateProblem extends Error {
  /** Offset in the source text. */
  readonly offset: number;
  readonly hint: string | undefined;

  constructor(message: string, offset: number, hint?: string) {
    super(message);
    this.name = "TemplateProblem";
    this.offset = offset;
    this.hint = hint;
  }
}

/** Which syntax Python FlowPrompt would use for this text: Jinja when it has `{{` or `{%`, else `str.format`. */
export function templateSyntax(text: string): "jinja" | "format" | "plain" {
  if (text.includes("{{") || text.includes("{%") || text.includes("{#")) return "jinja";
  return text.includes("{") ? "format" : "plain";
}

/** Translates a Python FlowPrompt template (either syntax) into Handlebars. Throws TemplateProblem. */
export function toHandlebars(text: string): string {
  const syntax = templateSyntax(text);
  if (syntax === "jinja") return jinjaToHandlebars(text);
  if (syntax === "format") return formatToHandlebars(text);
  return text;
}

const IDENT = "[A-Za-z_][A-Za-z0-9_]*";
const PATH_RE = new RegExp(`^${IDENT}(?:\\.${IDENT}|\\[\\d+\\]|\\[(?:"[^"\\]]*"|'[^'\\]]*')\\])*$`);
const FORMAT_FIELD_RE = new RegExp(`^${IDENT}(?:\\.${IDENT}|\\[[^\\]]+\\])*$`);
const HELPER_CALL_RE =
  /^[A-Za-z_][\w-]*(?:\s+(?:"[^"]*"|'[^']*'|[\w.@/[\]-]+=(?:"[^"]*"|'[^']*'|[\w.@/[\]-]+)|[\w.@/[\]-]+))+$/;

/** Python `str.format` fields: `{name}`, `{user.name}`, `{items[0]}` → `{{…}}`; other braces stay text. */
export function formatToHandlebars(text: string): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, inner: string, offset: number) => {
    const field = inner.trim();
    if (FORMAT_FIELD_RE.test(field)) {
      const path = field.replace(/\[([^\]]+)\]/g, ".[$1]");
      // `\{name}` in Python is a backslash then the value; in Handlebars `\{{` would escape the mustache.
      const backslash = offset > 0 && text[offset - 1] === "\\" ? "\\" : "";
      return `${backslash}{{${path}}}`;
    }
    if (field === "" || /^\d+$/.test(field)) {
      throw new TemplateProblem(
        `positional field "${whole}" is not supported`,
        offset,
        "Name the field, e.g. {text}, and pass it as a variable.",
      );
    }
    if (new RegExp(`^${IDENT}(?:[.[][^!:]*)?[!:]`).test(field)) {
      throw new TemplateProblem(
        `format conversion or spec in "${whole}" is not supported`,
        offset,
        "Format the value before passing it, and write just {name}.",
      );
    }
    return whole;
  });
}

interface Frame {
  kind: "for" | "if" | "unless" | "raw";
  /** Offset of the opening tag, for "never closed" errors. */
  offset: number;
  /** The loop variable of a `for`. */
  variable?: string;
  /** In the `{% else %}` part (where a for loop's variable is gone and the context is the outer one). */
  inElse?: boolean;
}

/** Jinja2 → Handlebars for plain variables, `for` loops and `if` blocks. */
export function jinjaToHandlebars(text: string): string {
  const frames: Frame[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = nextTag(text, i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, open);
    const kind = text[open + 1];
    const closer = kind === "{" ? "}}" : kind === "%" ? "%}" : "#}";
    const end = text.indexOf(closer, open + 2);
    if (end < 0) {
      throw new TemplateProblem(`"${text.slice(open, open + 2)}" is never closed with "${closer}"`, open);
    }
    const raw = text.slice(open + 2, end);
    const next = end + 2;
    if (frames.at(-1)?.kind === "raw" && !(kind === "%" && /^[-+]?\s*endraw\s*-?$/.test(raw))) {
      out += escapeMustaches(text.slice(open, next));
      i = next;
      continue;
    }
    if (kind === "#") {
      out += `{{!--${raw.replace(/--\}\}/g, "-- }}")}--}}`;
    } else if (kind === "{") {
      out += expression(raw, open, frames);
    } else {
      out += statement(raw, open, frames);
    }
    i = next;
  }
  const unclosed = frames.at(-1);
  if (unclosed) {
    const closeTag = unclosed.kind === "for" ? "endfor" : unclosed.kind === "raw" ? "endraw" : "endif";
    const openTag = unclosed.kind === "unless" ? "if" : unclosed.kind;
    throw new TemplateProblem(`"{% ${openTag} %}" is never closed with "{% ${closeTag} %}"`, unclosed.offset);
  }
  return out;
}

function nextTag(text: string, from: number): number {
  for (let j = text.indexOf("{", from); j >= 0 && j < text.length - 1; j = text.indexOf("{", j + 1)) {
    const c = text[j + 1];
    if (c === "{" || c === "%" || c === "#") return j;
  }
  return -1;
}

function escapeMustaches(s: string): string {
  return s.replace(/\{\{/g, "\\{{");
}

/** Splits Jinja whitespace control (`{{- x -}}`, `{%- … -%}`) into Handlebars `~`. */
function trimMarks(raw: string): { body: string; left: string; right: string } {
  let body = raw;
  let left = "";
  let right = "";
  if (body.startsWith("-")) {
    left = "~";
    body = body.slice(1);
  } else if (body.startsWith("+")) body = body.slice(1);
  if (body.endsWith("-")) {
    right = "~";
    body = body.slice(0, -1);
  } else if (body.endsWith("+")) body = body.slice(0, -1);
  return { body: body.trim(), left, right };
}

function expression(raw: string, offset: number, frames: Frame[]): string {
  const { body, left, right } = trimMarks(raw);
  // Handlebars written directly ({{#each}}, {{/if}}, {{else}}, {{role "system"}}, {{@index}}, {{this}}, …)
  // is not Jinja at all (Jinja would reject it), so it passes through untouched.
  if (/^[#/^>!~&]/.test(body) || /^else\b/.test(body) || /^(@|\.\.\/|this\b)/.test(body)) {
    return `{{${raw}}}`;
  }
  if (hasOutsideQuotes(body, "|")) {
    const filter = body
      .slice(body.indexOf("|") + 1)
      .trim()
      .split(/[\s(]/)[0];
    throw new TemplateProblem(
      `Jinja filter "| ${filter}" in "{{ ${body} }}" is not supported`,
      offset,
      "Transform the value in code before passing it, and write just {{ name }}.",
    );
  }
  if (PATH_RE.test(body)) return `{{${left}${translatePath(body, offset, frames)}${right}}}`;
  if (HELPER_CALL_RE.test(body) && !/\b(?:and|or|not|if|else|in|is)\b/.test(body)) return `{{${raw}}}`;
  throw new TemplateProblem(
    `unsupported Jinja expression "{{ ${body} }}"`,
    offset,
    "Only plain variables ({{ name }}, {{ user.name }}, {{ items[0] }}) are translated; compute anything else in code.",
  );
}

function hasOutsideQuotes(s: string, ch: string): boolean {
  let quote: string | undefined;
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ch) return true;
  }
  return false;
}

/** Rewrites a Jinja variable path for the Handlebars scope it lands in. */
function translatePath(path: string, offset: number, frames: readonly Frame[]): string {
  const hbsPath = path
    .replace(/\[(\d+)\]/g, ".[$1]")
    .replace(
      /\[(?:"([^"]*)"|'([^']*)')\]/g,
      (_m, a: string | undefined, b: string | undefined) => `.[${a ?? b}]`,
    );
  const head = /^[A-Za-z_][A-Za-z0-9_]*/.exec(path)![0];
  const rest = hbsPath.slice(head.length);
  const loops = frames.filter((f) => f.kind === "for" && !f.inElse);
  if (head === "loop") {
    if (loops.length === 0) throw new TemplateProblem(`"${path}" is used outside a {% for %} loop`, offset);
    const special: Record<string, string> = { ".index0": "@index", ".first": "@first", ".last": "@last" };
    const mapped = special[rest];
    if (mapped) return mapped;
    throw new TemplateProblem(
      `"${path}" has no Handlebars equivalent`,
      offset,
      rest === ".index"
        ? "Handlebars counts from 0: use loop.index0 (written {{@index}})."
        : "Supported loop variables: loop.index0, loop.first, loop.last.",
    );
  }
  if (loops.some((f) => f.variable === head)) return hbsPath;
  // A variable of the outer scope: each enclosing {{#each}} changed the context, so climb out of them.
  return "../".repeat(loops.length) + hbsPath;
}

function condition(
  expr: string,
  offset: number,
  frames: readonly Frame[],
  tag: string,
): { negated: boolean; path: string } {
  const m = /^(not\s+)?(.+)$/.exec(expr.trim());
  const target = m?.[2]?.trim() ?? "";
  if (!m || !PATH_RE.test(target)) {
    throw new TemplateProblem(
      `unsupported condition in "{% ${tag} ${expr.trim()} %}"`,
      offset,
      "Only `if name`, `if not name` (and elif) are translated; compute other tests in code and pass a boolean.",
    );
  }
  return { negated: m[1] !== undefined, path: translatePath(target, offset, frames) };
}

function statement(raw: string, offset: number, frames: Frame[]): string {
  const { body, left, right } = trimMarks(raw);
  const word = /^\w*/.exec(body)![0];
  const args = body.slice(word.length).trim();
  const tag = (inner: string) => `{{${left}${inner}${right}}}`;
  const top = frames.at(-1);
  switch (word) {
    case "for": {
      const m = new RegExp(`^(${IDENT})\\s+in\\s+(.+)$`).exec(args);
      const iterable = m?.[2]?.trim() ?? "";
      if (!m || !PATH_RE.test(iterable)) {
        throw new TemplateProblem(
          `unsupported loop "{% for ${args} %}"`,
          offset,
          "Only `{% for item in items %}` over a variable is translated (no unpacking, filters, or conditions).",
        );
      }
      const path = translatePath(iterable, offset, frames);
      frames.push({ kind: "for", offset, variable: m[1]! });
      return tag(`#each ${path} as |${m[1]}|`);
    }
    case "endfor":
      if (top?.kind !== "for") throw mismatch("endfor", top, offset);
      frames.pop();
      return tag("/each");
    case "if": {
      const c = condition(args, offset, frames, "if");
      frames.push({ kind: c.negated ? "unless" : "if", offset });
      return tag(`${c.negated ? "#unless" : "#if"} ${c.path}`);
    }
    case "elif": {
      if ((top?.kind !== "if" && top?.kind !== "unless") || top.inElse) throw mismatch("elif", top, offset);
      const c = condition(args, offset, frames, "elif");
      return tag(`else ${c.negated ? "unless" : "if"} ${c.path}`);
    }
    case "else":
      if (args !== "" || !top || top.kind === "raw" || top.inElse) throw mismatch("else", top, offset);
      top.inElse = true;
      return tag("else");
    case "endif":
      if (top?.kind !== "if" && top?.kind !== "unless") throw mismatch("endif", top, offset);
      frames.pop();
      return tag(top.kind === "if" ? "/if" : "/unless");
    case "raw":
      frames.push({ kind: "raw", offset });
      return "";
    case "endraw":
      if (top?.kind !== "raw") throw mismatch("endraw", top, offset);
      frames.pop();
      return "";
    default:
      throw new TemplateProblem(
        `Jinja "{% ${word || body} %}" is not supported`,
        offset,
        "Only {% for %}, {% if %}/{% elif %}/{% else %} and {% raw %} are translated to Handlebars; " +
          "move other logic into code, or rewrite the prompt as a .prompt file.",
      );
  }
}

function mismatch(tag: string, top: Frame | undefined, offset: number): TemplateProblem {
  const open = top ? `an open {% ${top.kind === "unless" ? "if" : top.kind} %}` : "no open block";
  return new TemplateProblem(`"{% ${tag} %}" does not match: there is ${open}`, offset);
}
