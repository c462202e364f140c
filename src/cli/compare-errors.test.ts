import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./test-utils/cli.js";

const rows = Array.from({ length: 10 }, (_, i) => JSON.stringify({ input: { n: i }, expected: String(i) }));
const dir = tempDir({
  "data.jsonl": rows.join("\n"),
  "torn.jsonl": `${rows[0]}\n{"input": oops\n${rows[1]}\n`,
  "variants.mjs": "export default { a: (i) => String(i.n), b: (i) => String(i.n) };",
  "one.mjs": "export default { only: (i) => String(i.n) };",
  "nothing.mjs": "export const x = 1;",
  "broken.mjs": "export default {",
  "a.prompt": "---\nname: a\n---\nSay {{n}}\n",
  "notes.txt": "hello",
});
const data = join(dir, "data.jsonl");
const variants = join(dir, "variants.mjs");
const compare = (...args: string[]) => cli("compare", ...args);

/** Exit 2, an error on stderr containing every `needle`, and no stack trace. */
async function badInput(args: string[], ...needles: (string | RegExp)[]) {
  const r = await compare(...args);
  expect(r.code).toBe(2);
  for (const n of needles) expect(r.err).toMatch(n);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.out).toBe("");
}

describe("flowprompt compare: bad input exits 2", () => {
  it("no variants", () =>
    badInput(["--data", data], "error[FP_USAGE] compare needs at least two variants, got 0."));

  it("one variant", async () => {
    await badInput(
      [join(dir, "one.mjs"), "--data", data],
      "compare needs at least two variants, got 1 (only).",
    );
    await badInput([join(dir, "a.prompt"), "--data", data], "got 1 (a).");
  });

  it("a module that exports no variants, or cannot be imported", async () => {
    await badInput(
      [join(dir, "nothing.mjs"), "--data", data],
      "nothing.mjs exports no variants.",
      "hint: Export",
    );
    await badInput([join(dir, "broken.mjs"), "--data", data], "broken.mjs could not be imported");
    await badInput([join(dir, "missing.mjs"), "--data", data], "missing.mjs could not be imported");
  });

  it("a module mixed with prompt files, a file that is not a prompt, a missing file", async () => {
    await badInput(
      [variants, join(dir, "a.prompt"), "--data", data],
      "Pass one module, or prompt files, not both",
    );
    await badInput(
      [join(dir, "notes.txt"), join(dir, "a.prompt"), "--data", data],
      "notes.txt: not a prompt file",
    );
    await badInput(
      [join(dir, "nope.prompt"), join(dir, "a.prompt"), "--data", data],
      "nope.prompt: no such file",
    );
  });

  it("an unknown control, listing the variants", () =>
    badInput([variants, "--data", data, "--control", "c"], "--control c: not a variant. Variants: a, b."));

  it("an unknown metric, listing the known ones", () =>
    badInput(
      [variants, "--data", data, "--metric", "exakt"],
      'error[FP_UNKNOWN_SCORER] Unknown scorer "exakt". Did you mean "exact"? Known scorers: exact, contains,',
    ));

  it("unreadable or damaged data, naming the file (and line)", async () => {
    await badInput([variants], "required option '-d, --data <file>' not specified");
    await badInput([variants, "--data", join(dir, "none.jsonl")], "error[FP_DATASET_FILE]", "none.jsonl");
    await badInput([variants, "--data", join(dir, "torn.jsonl")], "error[FP_DATASET_FILE]", "torn.jsonl:2");
    await badInput([variants, "--data", join(dir, "notes.txt")], "error[FP_DATASET_FILE]", "notes.txt");
  });

  it("bad numbers and choices", async () => {
    for (const [flag, value, says] of [
      ["--runs", "0", "Expected a whole number of 1 or more."],
      ["--concurrency", "two", "Expected a number."],
      ["--confidence", "1.5", "Expected a number between 0 and 1, exclusive."],
      ["--confidence", "0", "Expected a number between 0 and 1, exclusive."],
      ["--budget", "-1", "Expected a number of 0 or more."],
      ["--non-inferiority-margin", "2", "Expected a number from 0 to 1."],
      ["--seed", "1.5", "Expected a whole number."],
      ["--comparisons", "some", "Allowed choices are control, all."],
    ] as const) {
      await badInput([variants, "--data", data, flag, value], `option '${flag} <`, says);
    }
  });

  it("--json with --markdown on stdout", () =>
    badInput(
      [variants, "--data", data, "--json", "--markdown"],
      "--json and --markdown both print on stdout",
    ));

  it("two variants with the same name", () => {
    const d = tempDir({ "x/v.prompt": "---\nname: v\n---\nA\n", "y/v.prompt": "---\nname: v\n---\nB\n" });
    return badInput(
      [join(d, "x", "v.prompt"), join(d, "y", "v.prompt"), "--data", data],
      'Two variants would both be named "v".',
    );
  });
});
