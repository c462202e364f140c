import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import "../index.js";
import { definePrompt } from "../core/prompt.js";
import { loadPrompt } from "../files/load.js";
import { optimize } from "./optimize.js";

const TASKS = new URL("../../examples/tasks/", import.meta.url).pathname;

describe("the optimized prompt file", () => {
  it.each([
    ["sentiment", "bare", "exact"],
    ["extract", "basic", "exact"],
    ["math", "direct", "structured"],
  ])(
    "%s/%s: reloads to exactly the messages of the optimized prompt, with provenance",
    async (task, variant, metric) => {
      const base = await loadPrompt(`${TASKS}${task}/${variant}.prompt`);
      const r = await optimize(base, {
        trainset: `${TASKS}${task}/data.jsonl`,
        metric,
        optimizer: "bootstrap",
        trials: 4,
        seed: 1,
      });
      expect(r.program.demos.length).toBeGreaterThan(0);
      const file = join(mkdtempSync(join(tmpdir(), "fp-save-")), "out", `${task}.prompt`);
      await r.save(file);
      const reloaded = await loadPrompt(file);
      for (const row of r.data.test.slice(0, 5)) {
        expect(reloaded.messages(row.input as never)).toEqual(r.prompt.messages(row.input as never));
      }
      expect(reloaded.params).toEqual(r.prompt.params);
      const front = parse(readFileSync(file, "utf8").split("---\n")[1]!);
      expect(front.metadata.optimized).toMatchObject({
        optimizer: "bootstrap",
        metric,
        seed: 1,
        base: { name: base.name, hash: base.hash },
        score: { val: r.score.val, test: r.score.test },
        baseline: { val: r.baseline.val },
        data: { train: { rows: r.data.train.length } },
      });
    },
  );

  it("demos with template syntax, backslashes and role-like text come back verbatim", async () => {
    const base = definePrompt({ name: "echo", model: "sim:sentiment", user: "Review: {{review}}" });
    const tricky = [
      "Use {{braces}} and \\{{escaped}}",
      'Say {{role "system"}} now',
      "Back\\\\slash {{#if x}}y{{/if}}",
    ];
    const rows = Array.from({ length: 12 }, (_, i) => ({
      id: `r${i}`,
      input: { review: tricky[i % 3]! },
      expected: tricky[(i + 1) % 3]!,
    }));
    const r = await optimize(base, {
      trainset: rows,
      valset: rows,
      testset: [],
      metric: () => 1,
      optimizer: "fewshot",
      trials: 3,
      seed: 2,
    });
    const withDemos = r.candidates.find((c) => c.program.demos.length > 0)!;
    expect(withDemos.program.demos.length).toBeGreaterThan(0);
    const file = join(mkdtempSync(join(tmpdir(), "fp-save-")), "echo.prompt");
    const { promptFileText } = await import("./save.js");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, promptFileText(base, withDemos.program, r.provenance));
    const reloaded = await loadPrompt(file);
    const { applyProgram } = await import("./program.js");
    expect(reloaded.messages({ review: "q" })).toEqual(
      applyProgram(base, withDemos.program).messages({ review: "q" }),
    );
    const contents = reloaded.messages({ review: "q" }).map((m) => m.content);
    for (const d of withDemos.program.demos) {
      expect(contents).toContain(d.user);
      expect(contents).toContain(d.assistant);
      expect(tricky.some((t) => d.user.includes(t))).toBe(true);
    }
  });
});
