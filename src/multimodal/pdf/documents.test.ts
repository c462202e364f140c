import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { Media } from "../media.js";
import { decodeText, documentText, truncateText } from "./documents.js";
import { decodeEntities, htmlToText } from "./html.js";

const doc = (text: string | Uint8Array, mediaType: string, name?: string) =>
  new Media(typeof text === "string" ? new TextEncoder().encode(text) : text, mediaType, { name });

const PAGE = `<!DOCTYPE html>
<html><head><title>Release  notes</title>
<style>body { color: red } .x > p { }</style>
<script>if (a < b) { document.write("<p>nope</p>") }</script>
</head>
<body onload="init()">
  <!-- a comment with <p>tags</p> -->
  <nav><a href="#top">Top</a> <a href="javascript:void(0)">Menu</a></nav>
  <h1>Version&nbsp;2.0</h1>
  <p>Read the <a href="https://example.com/docs?a=1&amp;b=2" title="a > b">full docs</a>
     or mail <a href='mailto:team@example.com'>mailto:team@example.com</a>.</p>
  <ul><li>Faster</li><li>Smaller &amp; safer &#8212; &#x2713;</li></ul>
  <table><tr><th>Name</th><th>Size</th></tr><tr><td>core</td><td>12 kB</td></tr></table>
  <img src="chart.png" alt="Growth chart"><img src="spacer.gif">
  <pre>  indented
    code &lt;x&gt;</pre>
  <noscript>Enable JavaScript</noscript>
  <p>Unknown &bogus; stays, line<br>break</p>
</body></html>`;

describe("htmlToText", () => {
  it("keeps the visible text, headings, lists, tables, link targets and alt text", () => {
    expect(htmlToText(PAGE)).toBe(
      [
        "Release notes",
        "",
        "Top Menu",
        "",
        "# Version 2.0",
        "",
        "Read the full docs (https://example.com/docs?a=1&b=2)",
        "or mail mailto:team@example.com .",
        "",
        "- Faster",
        "- Smaller & safer — ✓",
        "",
        "Name | Size",
        "core | 12 kB",
        "",
        "[image: Growth chart]",
        "",
        "  indented",
        "    code <x>",
        "",
        "Unknown &bogus; stays, line",
        "break",
      ].join("\n"),
    );
  });

  it("drops scripts, styles, comments and page-internal or script link targets", () => {
    const text = htmlToText(PAGE);
    for (const hidden of [
      "color",
      "document.write",
      "nope",
      "comment",
      "Enable JavaScript",
      "init()",
      "#top",
      "javascript",
      "chart.png",
    ])
      expect(text).not.toContain(hidden);
  });

  it("does not repeat a title the body starts with, and handles text without tags", () => {
    expect(htmlToText("<title>Hi</title><h1>Hi</h1><p>there</p>")).toBe("# Hi\n\nthere");
    expect(htmlToText("<title>Hi</title><p>Hi there</p>")).toBe("Hi there");
    expect(htmlToText("just   text")).toBe("just text");
  });

  it("decodes numeric references and leaves bad ones harmless", () => {
    expect(decodeEntities("&#65;&#x42;&LT;&#0;&#xD800;&#99999999;")).toBe("AB<\uFFFD\uFFFD\uFFFD");
  });
});

describe("documentText", () => {
  it("keeps Markdown and plain text as they are, with \\n line endings and no BOM", () => {
    const markdown = "# Title\r\n\r\n- item *one*\r\n<b>not html</b>";
    expect(documentText(doc(markdown, "text/markdown")).text).toBe(
      "# Title\n\n- item *one*\n<b>not html</b>",
    );
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode("héllo"));
    expect(documentText(doc(bom, "text/plain"))).toEqual({ text: "héllo", truncated: false, totalChars: 5 });
  });

  it("turns HTML into text", () => {
    expect(documentText(doc("<p>a &lt; b</p><script>x</script>", "text/html")).text).toBe("a < b");
  });

  it("decodes UTF-16 with a byte-order mark", () => {
    const le = Uint8Array.of(0xff, 0xfe, 0x68, 0, 0x69, 0);
    const be = Uint8Array.of(0xfe, 0xff, 0, 0x68, 0, 0x69);
    expect([decodeText(le), decodeText(be)]).toEqual(["hi", "hi"]);
  });

  it("cuts at the character limit, at a space when one is near, and says so", () => {
    const long = "word ".repeat(100).trim();
    const result = documentText(doc(long, "text/plain"), { maxChars: 52 });
    expect(result.truncated).toBe(true);
    expect(result.totalChars).toBe(499);
    const [kept, note] = result.text.split("\n");
    expect(kept).toBe("word ".repeat(10).trim());
    expect(note).toBe("[… truncated: 447+ more characters of 499 not shown]");
    expect(documentText(doc(long, "text/plain"), { maxChars: 499 }).truncated).toBe(false);
  });

  it("never splits a surrogate pair, and cuts hard when there is no space", () => {
    expect(truncateText("ab😀cd", 3).text.split("\n")[0]).toBe("ab");
    expect(truncateText("x".repeat(500), 300).text.split("\n")[0]).toHaveLength(300);
  });

  it("refuses PDFs (pointing at pdfText), other media and bad limits", () => {
    const pdf = new Media(new TextEncoder().encode("%PDF-1.7"), "application/pdf", { name: "a.pdf" });
    const error = (() => {
      try {
        documentText(pdf);
      } catch (e) {
        return e;
      }
    })() as InvalidArgumentError;
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain("got application/pdf (a.pdf)");
    expect(error.hint).toContain("pdfText");
    expect(() => documentText(doc("x", "text/plain"), { maxChars: 0 })).toThrow("Invalid maxChars");
  });
});
