/**
 * Every user string (variant names, input ids, categories, outputs, error messages) reaches the page
 * through `esc`: text and attribute values alike, since every attribute is written in double quotes.
 */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** An output as text: strings as they are, anything else as JSON. */
export function outputText(output: unknown): string {
  if (output === null || output === undefined) return "";
  if (typeof output === "string") return output;
  try {
    return JSON.stringify(output) ?? String(output);
  } catch {
    return String(output);
  }
}

/** At most `max` characters (whole code points), with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // max code points take at most 2 × max UTF-16 units: the slice holds them whole.
  const head = Array.from(text.slice(0, max * 2 + 1));
  if (head.length <= max && text.length <= max * 2 + 1) return text;
  return `${head.slice(0, max).join("")}…`;
}

/** One line: runs of whitespace (newlines, tabs) become one space. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** An element with escaped attributes; `html` is inserted as is (already escaped by the caller). */
export function tag(
  name: string,
  attrs: Readonly<Record<string, string | number | boolean | undefined>>,
  html = "",
): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    open += value === true ? ` ${key}` : ` ${key}="${esc(value)}"`;
  }
  if (VOID.has(name)) return `${open}>`;
  // SVG shapes have no void form in HTML: they must close themselves or swallow what follows.
  return SHAPES.has(name) && html === "" ? `${open}/>` : `${open}>${html}</${name}>`;
}

const VOID = new Set(["meta", "br", "input"]);
const SHAPES = new Set(["line", "circle", "rect", "path", "polyline", "polygon"]);
