/** Helpers for the HTML report's tests: the page's tags and attributes, read without a DOM. */

export interface Tag {
  name: string;
  closing: boolean;
  attrs: Record<string, string>;
}

/** The page without the bodies of its <style> and <script> (whose `>` and `<` are not markup). */
export function markup(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, "<style></style>")
    .replace(/<script>[\s\S]*?<\/script>/g, "<script></script>");
}

/** Every tag of the page, in order. Attribute values are always double-quoted by the renderer. */
export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of markup(html).matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? "").matchAll(/([^\s=>"'/]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? "";
    out.push({ name: m[2]!.toLowerCase(), closing: m[1] === "/", attrs });
  }
  return out;
}

/** The text between the tags, entities decoded (what a reader sees), one string. */
export function text(html: string): string {
  return markup(html)
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The ids of the per-input table's rows, in order. */
export function inputOrder(html: string): string[] {
  const table = html.slice(html.indexOf('id="inputs-table"'));
  return [...table.matchAll(/<tr[^>]*><th scope="row" data-sort="([^"]*)"/g)].map((m) => m[1]!);
}
