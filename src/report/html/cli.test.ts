import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "../../cli/test-utils/cli.js";

// `flowprompt compare|analyze --html <path>`: the file is written beside whatever else was asked for.
const rows = Array.from({ length: 30 }, (_, i) =>
  JSON.stringify({
    id: `q${i}`,
    input: { n: i },
    expected: String(i * 2),
    category: i < 15 ? "low" : "high",
  }),
);
const dir = tempDir({
  "data.jsonl": rows.join("\n"),
  "variants.mjs": [
    "export default {",
    '  base: (input) => (input.n % 2 === 0 ? String(input.n * 2) : "<b>wrong</b>"),',
    "  better: (input) => String(input.n * 2),",
    "};",
  ].join("\n"),
});
const compare = (...args: string[]) =>
  cli("compare", join(dir, "variants.mjs"), "--data", join(dir, "data.jsonl"), ...args);

describe("--html <path>", () => {
  it("compare writes the report, says where on stderr, and still prints the terminal report", async () => {
    const file = join(dir, "out", "report.html");
    const r = await compare("--records", join(dir, "records.jsonl"), "--html", file);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`HTML report: ${file}\n`);
    expect(r.out).toContain("\nVerdict: better beats base (the control).\n");
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<h1 class="verdict good">better beats base (the control).</h1>');
    expect(html).toContain("<div><dt>Metric</dt><dd>exact</dd></div>");
    // The dataset is read for the per-input view: each input and its expected value.
    expect(html).toContain(
      '<div class="id">q1</div><div class="input"><code class="out">{&quot;n&quot;:1}</code></div>',
    );
    expect(html).toContain('<div class="expected">expected <code>2</code></div>');
    expect(html).toContain('<code class="out">&lt;b&gt;wrong&lt;/b&gt;</code>');
    expect(html).not.toContain("<b>");
  });

  it("works together with --json and --markdown", async () => {
    const file = join(dir, "both.html");
    const md = join(dir, "both.md");
    const r = await compare("--json", "--markdown", md, "--html", file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).winner).toBe("better");
    expect(existsSync(md)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("Winner: <strong>better</strong>");
  });

  it("analyze writes the report of a saved run", async () => {
    const records = join(dir, "saved.jsonl");
    expect((await compare("--records", records, "--json")).code).toBe(0);
    const file = join(dir, "analyze.html");
    const r = await cli("analyze", records, "--control", "better", "--html", file);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`HTML report: ${file}`);
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<strong>FlowPrompt analyze</strong>");
    expect(html).toContain(`<div><dt>Records</dt><dd>${records}</dd></div>`);
    expect(html).toContain("Winner: <strong>better</strong> (the control)");
  });
});
