import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { definePrompt, loadPrompt, type Prompt } from "../../index.js";
import { expectedAccuracy, simModel, TASKS, type TaskName } from "./index.js";
import { type Measured, measure } from "./test-utils/measure.js";

const file = (path: string) => new URL(`../../../examples/tasks/${path}`, import.meta.url).pathname;
const docs = readFileSync(new URL("../../../docs/simulated-model.md", import.meta.url), "utf8");

/** The table "Expected accuracy of the bundled variants" in docs/simulated-model.md. */
const documented = [
  ...docs.matchAll(
    /^\| (sentiment|extract|math) \| `(\w+)` \|.*\| \*\*([\d.]+)%\*\* \| ±([\d.]+) \| ([\d.]+)% \|$/gm,
  ),
].map((m) => ({
  task: m[1] as TaskName,
  variant: m[2]!,
  expected: Number(m[3]) / 100,
  sd: Number(m[4]) / 100,
  measured: Number(m[5]) / 100,
}));
/** Best first; variants in one inner list have the same expected accuracy. */
const RANKING: Record<TaskName, string[][]> = {
  sentiment: [["fewshot"], ["labels", "terse"], ["bare"]],
  extract: [["fewshot"], ["iso"], ["basic"]],
  math: [["fewshot"], ["steps"], ["direct"]],
};

describe("the bundled variants on the simulated model", () => {
  it("are all in the documented table", () => {
    const variants = Object.entries(RANKING).flatMap(([task, groups]) =>
      groups.flat().map((v) => `${task}/${v}`),
    );
    expect(documented.map((d) => `${d.task}/${d.variant}`).sort()).toEqual(variants.sort());
  });

  it.each(documented)(
    "$task/$variant: the formula gives the documented expected accuracy, and a run measures it",
    async (d) => {
      const prompt = await loadPrompt(file(`${d.task}/${d.variant}.prompt`));
      const exact = expectedAccuracy(prompt);
      expect(exact.accuracy).toBeCloseTo(d.expected, 3);
      expect(exact.sd).toBeCloseTo(d.sd, 3);
      const run = await measure(prompt, d.task, { model: simModel({ task: d.task }) });
      expect(Math.abs(run.accuracy - exact.accuracy)).toBeLessThan(3 * exact.sd);
      expect(run.accuracy).toBeCloseTo(d.measured, 3);
    },
  );

  it.each(Object.keys(RANKING) as TaskName[])(
    "%s: measured accuracies rank the variants as documented",
    async (task) => {
      const score: Record<string, number> = {};
      for (const variant of RANKING[task].flat()) {
        const prompt = await loadPrompt(file(`${task}/${variant}.prompt`));
        score[variant] = (await measure(prompt, task, { model: simModel({ task }) })).accuracy;
      }
      const groups = RANKING[task];
      for (let i = 1; i < groups.length; i++) {
        for (const better of groups[i - 1]!)
          for (const worse of groups[i]!) expect(score[better]).toBeGreaterThan(score[worse]!);
      }
    },
  );
});

describe("how the prompt and the temperature move accuracy", () => {
  it("temperature lowers accuracy, input by input", async () => {
    const labels = await loadPrompt(file("sentiment/labels.prompt"));
    const temps = [0, 0.5, 1, 1.5];
    const expected = temps.map((t) => expectedAccuracy(labels, { temperature: t }).accuracy);
    for (let i = 1; i < temps.length; i++) expect(expected[i]).toBeLessThan(expected[i - 1]!);
    const runs: Measured[] = [];
    for (const t of temps)
      runs.push(
        await measure(labels, "sentiment", {
          model: simModel({ task: "sentiment" }),
          params: { temperature: t },
        }),
      );
    for (let i = 1; i < runs.length; i++) {
      // The same prompt draws the same number per input, so a hotter run is never right where a colder one was wrong.
      for (const [row, right] of runs[i]!.right.entries())
        if (right) expect(runs[i - 1]!.right[row]).toBe(true);
    }
    expect(runs[0]!.accuracy - runs[3]!.accuracy).toBeGreaterThan(0.15);
  });

  it("demos help, each one less than the one before", async () => {
    const demos = TASKS.sentiment.demos();
    const withDemos = (k: number): Prompt =>
      definePrompt({
        name: `demos-${k}`,
        messages: [
          {
            role: "system",
            content: "Classify product reviews as positive, negative or neutral. Answer with only one word.",
          },
          ...demos.slice(0, k).flatMap((d) => [
            { role: "user" as const, content: `Review: ${d.text}` },
            { role: "assistant" as const, content: String(d.expected) },
          ]),
          { role: "user", content: "Review: {{review}}" },
        ],
        params: { temperature: 0 },
      }) as unknown as Prompt;
    const ks = [0, 1, 2, 3, 4, 6, 8];
    const acc = ks.map((k) => expectedAccuracy(withDemos(k)).accuracy);
    const gains = acc.slice(1).map((a, i) => (a - acc[i]!) / (ks[i + 1]! - ks[i]!));
    for (const g of gains) expect(g).toBeGreaterThan(0);
    for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThan(gains[i - 1]!);
    const model = simModel({ task: "sentiment" });
    const [none, four] = [
      await measure(withDemos(0), "sentiment", { model }),
      await measure(withDemos(4), "sentiment", { model }),
    ];
    expect(four.accuracy - none.accuracy).toBeGreaterThan(0.08);
  });

  it("repeated runs above temperature 0 vary, and average near the expected accuracy", async () => {
    const bare = await loadPrompt(file("sentiment/bare.prompt"));
    const model = simModel({ task: "sentiment" });
    const runs: Measured[] = [];
    for (let i = 0; i < 4; i++) runs.push(await measure(bare, "sentiment", { model, cache: false }));
    expect(new Set(runs.map((r) => r.right.join())).size).toBe(4);
    const mean = runs.reduce((s, r) => s + r.accuracy, 0) / runs.length;
    const exact = expectedAccuracy(bare);
    expect(Math.abs(mean - exact.accuracy)).toBeLessThan(3 * exact.sd);
  });
});
