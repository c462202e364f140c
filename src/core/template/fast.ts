import { HELPERS } from "./analyze.js";
import { hbs } from "./engine.js";

/** Renders with plain concatenation; `null` means "a value needs Handlebars' own rules, use it". */
export type FastRender = (vars: Record<string, unknown>) => string | null;

/**
 * Most prompt templates are text with `{{name}}` placeholders. Handlebars sets up helpers,
 * partials and prototype guards on every call, which costs more than the whole rest of a run, so
 * such templates get a renderer that concatenates the pieces directly. It writes exactly what
 * Handlebars writes (property-tested against it); anything else (blocks, helpers, paths, partials)
 * returns `undefined` here and renders through Handlebars.
 */
export function fastRenderer(program: hbs.AST.Program): FastRender | undefined {
  const texts: string[] = [];
  const names: string[] = [];
  let pending = "";
  for (const node of program.body) {
    if (node.type === "ContentStatement") {
      pending += (node as hbs.AST.ContentStatement).value;
      continue;
    }
    if (node.type === "CommentStatement") continue;
    if (node.type !== "MustacheStatement") return undefined;
    const m = node as hbs.AST.MustacheStatement;
    if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || m.path.type !== "PathExpression")
      return undefined;
    const path = m.path as hbs.AST.PathExpression;
    const name = path.parts[0];
    if (
      path.data ||
      path.depth !== 0 ||
      path.parts.length !== 1 ||
      name === undefined ||
      name !== path.original
    ) {
      return undefined;
    }
    if (HELPERS.has(name) || name in hbs.helpers) return undefined;
    texts.push(pending);
    names.push(name);
    pending = "";
  }
  texts.push(pending);
  const count = names.length;
  return function fastRender(vars) {
    let out = texts[0]!;
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
      if (value !== undefined && value !== null) {
        const t = typeof value;
        if (t === "function" || t === "symbol") return null;
        out += String(value);
      }
      out += texts[i + 1]!;
    }
    return out;
  };
}
