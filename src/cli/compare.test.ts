import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { sharedMockModel } from "../models/mock-provider.js";
import { cli, tempDir } from "./test-utils/cli.js";

const jsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n");
const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `q${i}`,
  input: { n: i },
  expected: String(i * 2),
}));

// Function variants from a module: "base" doubles the even numbers only, "better" all of them.
const dir = tempDir({
  "data.jsonl": jsonl(rows),
  "variants.mjs": [
    "export default {",
    '  base: (input) => (input.n % 2 === 0 ? String(input.n * 2) : "wrong"),',
    "  better: (input) => String(input.n * 2),",
    "};",
  ].join("\n"),
  "named.ts": [
    "type In = { n: number };",
    "export const variants: Record<string, (input: In) => string> = {",
    "  same: (input: In) => String(input.n * 2),",
    "  also: (input: In) => String(input.n + input.n),",
    "};",
  ].join("\n"),
  "one.mjs": "export default { only: (input) => input };",
  "nothing.mjs": "export const x = 1;",
});
const data = join(dir, "data.jsonl");
const variants = join(dir, "variants.mjs");
const compare = (...args: string[]) => cli("compare", variants, "--data", data, ...args);

// Prompt files on the built-in mock, whose text reply is "mock reply to: <the user message>":
// "echo" repeats the word (contains it), "ignore" never does.
const prompts = tempDir({
  "data.jsonl": jsonl(
    ["apple", "pear", "plum", "fig", "kiwi", "lime", "date", "yuzu"].flatMap((w) => [
      { input: { word: w }, expected: w },
      { input: { word: `${w}s` }, expected: `${w}s` },
    ]),
  ),
  "p/echo.prompt": "---\nname: echo\n---\nEcho {{word}}\n",
  "p/ignore.prompt": "---\nname: ignore\n---\nSay nothing{{#if word}}.{{/if}}\n",
});

beforeEach(() => sharedMockModel().reset());

describe("flowprompt compare", () => {
  it("compares function variants from a module: report on stdout, progress on stderr, exit 0", async () => {
    const r = await compare();
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "FlowPrompt compare · 2 variants · 40 inputs × 1 run · metric exact · 95% confidence",
    );
    expect(r.out).toContain("function variants (no model)");
    expect(r.out).toMatch(/\n {2}base \(control\) +50\.0% /);
    expect(r.out).toMatch(/\n {2}better vs base +\+50\.0 .* McNemar exact +✓ significant\n/);
    expect(r.out).toContain("\nVerdict: better beats base (the control).\n");
    expect(r.err).toMatch(/^compare 80\/80 · /m);
  });

  it("reads a .ts module's named `variants` export", async () => {
    const r = await cli("compare", join(dir, "named.ts"), "--data", data, "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.variants.map((v: { name: string; score: number }) => [v.name, v.score])).toEqual([
      ["same", 1],
      ["also", 1],
    ]);
    expect(report.winner).toBeNull();
  });

  it("compares prompt files (a folder of them) on --model, named by file", async () => {
    const r = await cli(
      "compare",
      join(prompts, "p"),
      "--data",
      join(prompts, "data.jsonl"),
      "--model",
      "mock",
      "--metric",
      "contains",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("metric contains");
    expect(r.out).toContain("model mock:mock");
    expect(r.out).toMatch(/\n {2}echo \(control\) +100\.0% .* 16 +0 +\$0 /);
    expect(r.out).toMatch(/\n {2}ignore +0\.0% /);
    expect(r.out).toContain("Verdict: echo (the control) beats every challenger.");
    expect(sharedMockModel().calls).toHaveLength(32);
  });

  it("names prompt files by prompt name when two files share a file name", async () => {
    const d = tempDir({
      "a/v.prompt": "---\nname: first\n---\nEcho {{word}}\n",
      "b/v.prompt": "---\nname: second\n---\nEcho {{word}}\n",
    });
    const r = await cli(
      "compare",
      join(d, "a", "v.prompt"),
      join(d, "b", "v.prompt"),
      "--data",
      join(prompts, "data.jsonl"),
      "--model",
      "mock",
      "--metric",
      "contains",
      "--json",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).variants.map((v: { name: string }) => v.name)).toEqual(["first", "second"]);
  });

  it("exits 1 when every call failed, naming the first error", async () => {
    const d = tempDir({
      "v.mjs":
        'export default { a: () => { throw new Error("down"); }, b: () => { throw new Error("down"); } };',
    });
    const r = await cli("compare", join(d, "v.mjs"), "--data", data);
    expect(r.code).toBe(1);
    expect(r.out).toContain("no call succeeded");
    expect(r.out).toContain("  · a: 40 failed calls (100.0%), scored 0; the first: Error: down");
    expect(r.err).toContain("✗ every call failed; the first: Error: down");
  });

  describe("--fail-on-regression", () => {
    it("exits 1 when a challenger is significantly worse than the control, and says which", async () => {
      const r = await compare("--control", "better", "--fail-on-regression");
      expect(r.code).toBe(1);
      expect(r.out).toContain("Verdict: better (the control) beats every challenger.");
      expect(r.err).toMatch(
        /✗ regression: base is significantly worse than better \(-50\.0 pts, p adj\. <0\.0001\)\./,
      );
    });

    it("exits 0 when no challenger is worse, and without the flag", async () => {
      expect((await compare("--fail-on-regression")).code).toBe(0);
      expect((await compare("--control", "better")).code).toBe(0);
    });
  });

  describe("reports", () => {
    it("--json prints the JSON report without records", async () => {
      const r = await compare("--json", "--seed", "7", "--confidence", "0.9");
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report).toMatchObject({
        format: "flowprompt.compare",
        winner: "better",
        control: "base",
        confidence: 0.9,
        metric: "exact",
        inputs: 40,
        records: 80,
        simulated: false,
      });
    });

    it("--markdown prints Markdown; --markdown <path> writes it and still prints the terminal report", async () => {
      const md = await compare("--markdown");
      expect(md.code).toBe(0);
      expect(md.out.split("\n")[0]).toBe("**✅ better beats base (the control).**");
      const file = join(tempDir(), "out", "report.md");
      const r = await compare("--markdown", file);
      expect(r.code).toBe(0);
      const noTime = (text: string) => text.replace(/ · time [^\n]+/, "");
      expect(noTime(readFileSync(file, "utf8"))).toBe(noTime(md.out));
      expect(r.out).toContain("Verdict: better beats base");
      expect(r.err).toContain(`Markdown report written to ${file}`);
    });

    it("--comparisons all tests every pair; --non-inferiority-margin adds notes", async () => {
      const r = await compare("--comparisons", "all", "--non-inferiority-margin", "0.05");
      expect(r.code).toBe(0);
      expect(r.out).toContain("Verdict: better is significantly better than every other variant.");
      expect(r.out).toContain("better is non-inferior to base at a 5.0-pt margin");
    });
  });

  it("--dry-run prints the estimate and calls nothing", async () => {
    const args = ["compare", join(prompts, "p"), "--data", join(prompts, "data.jsonl"), "--model", "mock"];
    const r = await cli(...args, "--dry-run", "--runs", "3");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Dry run: nothing was called.\n96 calls (2 variants × 16 inputs × 3 runs)\n");
    expect(r.out).toMatch(/\ntokens: ~[\d,]+ in, ~[\d,]+ out at most\n/);
    expect(r.out).toContain("  echo: 48 calls");
    const json = await cli(...args, "--dry-run", "--json");
    expect(JSON.parse(json.out)).toMatchObject({ dryRun: true, calls: 32, alreadySaved: 0 });
    expect(sharedMockModel().calls).toHaveLength(0);
  });

  it("--records saves every record and a second run resumes them without calling again", async () => {
    const records = join(tempDir(), "runs", "records.jsonl");
    const args = ["compare", join(prompts, "p"), "--data", join(prompts, "data.jsonl"), "--model", "mock"];
    const first = await cli(...args, "--metric", "contains", "--records", records);
    expect(first.code).toBe(0);
    expect(readFileSync(records, "utf8").trim().split("\n")).toHaveLength(32);
    sharedMockModel().reset();
    const dry = await cli(...args, "--records", records, "--dry-run");
    expect(dry.out).toContain(`32 of these calls are already in ${records} and will not be repeated.`);
    const second = await cli(...args, "--metric", "contains", "--records", records);
    expect(second.code).toBe(0);
    expect(second.err).toContain(`Resuming: 32 records already in ${records}.`);
    expect(sharedMockModel().calls).toHaveLength(0);
    expect(second.out).toContain("Verdict: echo (the control) beats every challenger.");
  });
});
