import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, tempDir } from "./test-utils/cli.js";

const rows = Array.from({ length: 40 }, (_, i) =>
  JSON.stringify({
    id: `q${i}`,
    input: { n: i },
    expected: String(i * 2),
    category: i < 20 ? "low" : "high",
  }),
);
const dir = tempDir({
  "data.jsonl": rows.join("\n"),
  "variants.mjs": [
    "export default {",
    '  base: (input) => (input.n % 2 === 0 ? String(input.n * 2) : "wrong"),',
    "  better: (input) => String(input.n * 2),",
    "};",
  ].join("\n"),
});
const records = join(dir, "records.jsonl");
let compared: { out: string; json: Record<string, unknown> };

beforeAll(async () => {
  const args = [
    "compare",
    join(dir, "variants.mjs"),
    "--data",
    join(dir, "data.jsonl"),
    "--records",
    records,
  ];
  const r = await cli(...args, "--json");
  expect(r.code).toBe(0);
  compared = { out: r.out, json: JSON.parse(r.out) };
});

/** A copy of the records file with `edit` applied to its lines. */
function variantOf(name: string, edit: (lines: string[]) => string[]): string {
  const file = join(dir, name);
  writeFileSync(file, edit(readFileSync(records, "utf8").trim().split("\n")).join("\n"));
  return file;
}

describe("flowprompt analyze", () => {
  it("re-analyses a saved run without calling anything: same verdict and numbers", async () => {
    const r = await cli("analyze", records);
    expect(r.code).toBe(0);
    expect(r.out).toContain("FlowPrompt analyze · 2 variants · 40 inputs × 1 run · 95% confidence");
    expect(r.out).toContain(`records ${records}`);
    expect(r.out).toContain("Verdict: better beats base (the control).");
    expect(r.out).toMatch(/\n {2}low +20 +50\.0% +100\.0% +\S.*\n/);
    const json = JSON.parse((await cli("analyze", records, "--json")).out);
    for (const key of [
      "winner",
      "verdict",
      "control",
      "variants",
      "comparisons",
      "strata",
      "records",
      "inputs",
    ]) {
      expect(json[key]).toEqual(compared.json[key]);
    }
    expect(json).toMatchObject({ metric: null, elapsedMs: null, records: 80 });
  });

  it("takes --control, --comparisons, --confidence and --markdown", async () => {
    const r = await cli("analyze", records, "--control", "better", "--comparisons", "all", "--markdown");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("**✅ better is significantly better than every other variant.**");
    expect(r.out).toMatch(/\| \*\*better\*\* \(control\) \|/);
    const json = JSON.parse((await cli("analyze", records, "--confidence", "0.99", "--json")).out);
    expect(json.confidence).toBe(0.99);
  });

  it("--fail-on-regression exits 1 when a challenger is significantly worse than the control", async () => {
    const r = await cli("analyze", records, "--control", "better", "--fail-on-regression");
    expect(r.code).toBe(1);
    expect(r.err).toContain("✗ regression: base is significantly worse than better");
    expect((await cli("analyze", records, "--fail-on-regression")).code).toBe(0);
  });

  it("skips a torn last line (a run cut short) with a warning", async () => {
    const torn = variantOf("torn.jsonl", (l) => [...l.slice(0, -1), l.at(-1)!.slice(0, 20)]);
    const r = await cli("analyze", torn);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${torn}:80: the last line is incomplete (a run cut short) and was skipped.`);
  });

  describe("bad input exits 2, naming the file", () => {
    const bad = async (args: string[], ...needles: string[]) => {
      const r = await cli("analyze", ...args);
      expect(r.code).toBe(2);
      for (const n of needles) expect(r.err).toContain(n);
      expect(r.out).toBe("");
    };

    it("a missing file, or a folder", async () => {
      await bad(
        [join(dir, "none.jsonl")],
        `${join(dir, "none.jsonl")}: no such file.`,
        "hint: Pass the JSONL file",
      );
      await bad([dir], `${dir}: not a file.`);
    });

    it("a damaged line, with its line number", async () => {
      const damaged = variantOf("damaged.jsonl", (l) => [l[0]!, "{not json", ...l.slice(1)]);
      await bad([damaged], "error[FP_INVALID_ARGUMENT]", `${damaged}:2 is not a record`);
      const wrong = variantOf("wrong.jsonl", (l) => [l[0]!, '{"variant": 3}', ...l.slice(1)]);
      await bad([wrong], `${wrong}:2 is not a record (not a record)`);
    });

    it("an empty file, or records of one variant", async () => {
      await bad([variantOf("empty.jsonl", () => [])], "holds no records.");
      const one = variantOf("one.jsonl", (l) => l.filter((x) => x.includes('"variant":"base"')));
      await bad([one], "holds records of 1 variant (base); a comparison needs two or more.");
    });

    it("an unknown control", () =>
      bad(
        [records, "--control", "nope"],
        `--control nope: not a variant in ${records}. Variants: base, better.`,
      ));

    it("a missing argument or a bad number", async () => {
      await bad([], "missing required argument 'records'");
      await bad([records, "--confidence", "95"], "Expected a number between 0 and 1, exclusive.");
    });
  });
});
