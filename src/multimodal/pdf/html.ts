// HTML → plain text for prompts, without a DOM: good enough for pages and exported documents,
// not a browser. Scripts, styles and other non-content elements are dropped; link targets are kept.

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  middot: "·",
  bull: "•",
};

/** Decodes character references: named ones from a common list, and every numeric one. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : "\uFFFD";
  });
}

/** A start tag's attribute value (quoted or not), still entity-encoded (the whole text is decoded last). */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return (match?.[1] ?? match?.[2] ?? match?.[3])?.trim();
}

// A tag, with quoted attribute values that may contain ">".
const TAG = /<\/?([a-z][a-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const DROP = /<(script|style|noscript|template|svg|canvas|iframe|object|head|title)\b[\s\S]*?<\/\1\s*>/gi;
const BLOCK =
  /^(p|div|section|article|main|header|footer|nav|aside|blockquote|figure|figcaption|form|fieldset|table|ul|ol|dl|address|details|summary|hr|h[1-6])$/;
const LINE = /^(br|tr|dt|dd|option|caption)$/;

/**
 * The visible text of an HTML document: the title first (when there is one), headings as
 * "#"-prefixed lines, list items as "- ", table cells separated by " | ", links as
 * "text (target)", images as their alt text; whitespace collapsed except inside <pre>.
 */
export function htmlToText(html: string): string {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1];
  const pre: string[] = [];
  let body = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")
    .replace(/<!doctype[^>]*>/gi, "")
    .replace(DROP, "")
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_, inner: string) => {
      pre.push(decodeEntities(inner.replace(/<br\s*\/?>/gi, "\n").replace(TAG, "")).replace(/^\n|\n$/g, ""));
      return `\n\uE000${pre.length - 1}\uE000\n`;
    });
  // Links: keep the target unless it is a page anchor or a script.
  body = body.replace(
    /<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/a\s*>/gi,
    (_, attrs: string, inner: string) => {
      const href = attribute(` ${attrs}`, "href");
      const label = inner.replace(TAG, "").replace(/\s+/g, " ").trim();
      if (href === undefined || href === "" || href.startsWith("#") || /^javascript:/i.test(href))
        return inner;
      return label === "" || label === href ? ` ${href} ` : `${inner} (${href})`;
    },
  );
  body = body.replace(TAG, (tag, rawName: string) => {
    const name = rawName.toLowerCase();
    const closing = tag[1] === "/";
    if (LINE.test(name)) return closing ? "" : "\n";
    if (name === "img") {
      const alt = attribute(tag, "alt");
      return alt ? ` [image: ${alt}] ` : " ";
    }
    if (name === "li") return closing ? "" : "\n- ";
    if (name === "td" || name === "th") return closing ? " | " : "";
    if (/^h[1-6]$/.test(name)) return closing ? "\n\n" : `\n\n${"#".repeat(Number(name[1]))} `;
    if (BLOCK.test(name)) return "\n\n";
    return "";
  });
  const lines = decodeEntities(body)
    .split("\n")
    .map((line) =>
      line
        .replace(/[^\S\n]+/g, " ")
        .replace(/(\s*\|\s*)+$/, "")
        .trim(),
    );
  let text = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  text = text.replace(/\uE000(\d+)\uE000/g, (_, i: string) => pre[Number(i)] ?? "");
  const heading = title === undefined ? "" : decodeEntities(title).replace(/\s+/g, " ").trim();
  return heading && !text.replace(/^#+ /, "").startsWith(heading) ? `${heading}\n\n${text}` : text;
}
