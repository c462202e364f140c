import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EvalRecord } from "../../eval/runner/types.js";
import { record, source } from "../test-utils/fixtures.js";
import { renderHtml } from "./index.js";
import { tags, text } from "./test-utils/page.js";

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("renderHtml: self-contained and safe", () => {
  const EVIL = `</script><img src=x onerror=alert(1)>"'&<!--`;
  const QUOTE = `x" onmouseover="alert(2)`;
  const hostile = (): EvalRecord[] =>
    [EVIL, QUOTE, "plain"].flatMap((variant, v) =>
      Array.from({ length: 12 }, (_, i) =>
        record(variant, i, (i + v) % 3 === 0 ? 0 : 1, {
          inputId: i === 0 ? `id ${EVIL}` : `q${i}`,
          category: i % 2 ? `cat ${EVIL}` : QUOTE,
          output: i === 1 ? { html: EVIL } : i === 2 ? `${"long ".repeat(40)}${EVIL}` : `out ${EVIL}`,
          model: `sim:${EVIL}`,
          ...(i === 5 &&
            v === 2 && {
              error: { code: "FP_X", message: `bad ${EVIL}`, stage: "variant" as const },
              output: null,
            }),
        }),
      ),
    );
  const page = renderHtml(source(hostile(), { comparisons: "all" }, { simulated: true }), {
    metric: EVIL,
    source: EVIL,
    command: "analyze",
    dataset: [{ id: "q4", input: { text: EVIL }, expected: EVIL }],
  });

  it("escapes every user string: names, ids, categories, outputs, errors, models, metric, inputs", () => {
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<!--");
    expect(page).not.toContain('" onmouseover="');
    expect(count(page, "<script")).toBe(1);
    expect(count(page, "</script>")).toBe(1);
    const allowed = new Set(
      "html head meta title style body header p strong div h1 dl dt dd nav a main section h2 svg desc g line text rect circle path tspan table caption thead tbody tr th td span ul li details summary code pre label input select option fieldset legend output footer script".split(
        " ",
      ),
    );
    for (const t of tags(page)) {
      expect(allowed, t.name).toContain(t.name);
      for (const name of Object.keys(t.attrs)) expect(name.startsWith("on"), `${t.name} ${name}`).toBe(false);
    }
    const seen = text(page);
    for (const needle of [
      `${EVIL} (control)`, // a variant name
      `id ${EVIL}`, // an input id
      `cat ${EVIL}`, // a category
      `out ${EVIL}`, // an output
      `{"html":"</script><img`, // an object output as JSON
      `FP_X : bad ${EVIL}`, // an error
      `sim:${EVIL}`, // a model
      `x" onmouseover="alert(2)`, // a quote in an attribute-bound name
    ]) {
      expect(seen).toContain(needle);
    }
    expect(page).toContain(`data-category="x&quot; onmouseover=&quot;alert(2)"`);
    expect(page).toContain(`<option value="x&quot; onmouseover=&quot;alert(2)">`);
  });

  it("escapes a hostile winner in the verdict, the page title and the charts' labels", () => {
    const recs = [
      ...Array.from({ length: 30 }, (_, i) => record("base", i, i % 2)),
      ...Array.from({ length: 30 }, (_, i) => record(EVIL, i, 1)),
    ];
    const out = renderHtml(source(recs));
    const escaped = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&lt;!--";
    expect(out).toContain(`<h1 class="verdict good">${escaped} beats base (the control).</h1>`);
    expect(out).toContain(`<title>FlowPrompt compare: ${escaped} beats base (the control).</title>`);
    expect(out).not.toContain("<img");
    expect(count(out, "</script>")).toBe(1);
  });

  it("loads nothing from the network: no http(s) src or href, a CSP that forbids it, the one script allowed by hash", () => {
    for (const t of tags(page)) {
      for (const key of ["src", "href", "xlink:href", "action", "srcset", "poster"]) {
        expect(t.attrs[key] ?? "", `${t.name} ${key}`).not.toMatch(/^\s*(https?:)?\/\//i);
      }
    }
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(page).not.toMatch(/@import|url\(|@font-face/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`,
    );
  });

  it("reads fine with JS off: the filters are hidden until the script shows them, outputs fold in <details>", () => {
    expect(page).toContain('<div class="filters" data-filters hidden>');
    expect(page).toMatch(/<details class="out"><summary><code>long long .*…<\/code><\/summary><pre>/);
    expect(page).toContain('<meta name="color-scheme" content="light dark">');
    expect(page).toContain("@media (prefers-color-scheme: dark)");
    expect(page).toContain("@media print");
  });

  it("shows an input and its expected value when the dataset is given", () => {
    expect(page).toMatch(
      /<div class="id">q4<\/div><div class="input"><code class="out">&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;&lt;!--<\/code><\/div><div class="expected">expected <code>/,
    );
  });
});
