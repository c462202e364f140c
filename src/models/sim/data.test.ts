import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPrompt, loadPrompts } from "../../index.js";
import { FORMAT_HINT, fromChatMessages, STEP_BY_STEP } from "./features.js";
import { datasetJsonl, TASK_NAMES, TASKS } from "./index.js";

const root = new URL("../../../examples/tasks/", import.meta.url);
const FEWSHOT = { sentiment: 3, extract: 2, math: 2 } as const;

describe("the bundled datasets", () => {
  it.each(TASK_NAMES)("examples/tasks/%s/data.jsonl is what the generator makes", (task) => {
    expect(readFileSync(new URL(`${task}/data.jsonl`, root), "utf8")).toBe(datasetJsonl(task));
  });

  it("have the documented sizes, unique ids and texts, and difficulties in [0, 4]", () => {
    expect(TASK_NAMES.map((t) => TASKS[t].rows().length)).toEqual([150, 120, 140]);
    for (const task of Object.values(TASKS)) {
      const rows = task.rows();
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
      for (const row of rows) {
        expect(row.difficulty).toBeGreaterThanOrEqual(0);
        expect(row.difficulty).toBeLessThanOrEqual(4);
        expect(row.wrong.length).toBeGreaterThan(0);
        for (const w of row.wrong) expect(w).not.toEqual(row.expected);
      }
    }
  });

  it("keep the demo pool out of the dataset", () => {
    for (const task of Object.values(TASKS)) {
      const texts = new Set(task.rows().map((r) => r.text));
      expect(task.demos().length).toBeGreaterThanOrEqual(7);
      for (const demo of task.demos()) expect(texts.has(demo.text)).toBe(false);
    }
  });

  it("never contain a phrase the simulator reads as an instruction", () => {
    for (const task of Object.values(TASKS)) {
      for (const row of [...task.rows(), ...task.demos()]) {
        expect(FORMAT_HINT.test(row.text) || STEP_BY_STEP.test(row.text)).toBe(false);
        expect(task.instructions.every((re) => re.test(row.text))).toBe(false);
      }
    }
  });

  it.each(TASK_NAMES)(
    "the %s few-shot variant's demos are demo-pool examples with their true answers",
    async (task) => {
      const prompt = await loadPrompt(new URL(`${task}/fewshot.prompt`, root).pathname);
      const messages = fromChatMessages(prompt.messages({ [TASKS[task].field]: "X" } as never));
      const pool = TASKS[task].demos();
      let demos = 0;
      for (const [i, m] of messages.entries()) {
        if (m.role !== "assistant") continue;
        const question = messages[i - 1]!.text.replace(/^Review: /, "");
        const demo = pool.find((d) => d.text === question);
        expect(demo, question).toBeDefined();
        const answer = task === "sentiment" ? m.text : JSON.parse(m.text);
        expect(task === "math" ? answer.answer : answer).toEqual(demo!.expected);
        demos++;
      }
      expect(demos).toBe(FEWSHOT[task]);
    },
  );

  it("ship ten prompt variants that load cleanly, each naming its task, metric and the sim model", async () => {
    const registry = await loadPrompts(new URL(".", root).pathname, { strict: false });
    expect(registry.errors).toEqual([]);
    expect(registry.names()).toEqual([
      "extract.basic",
      "extract.fewshot",
      "extract.iso",
      "math.direct",
      "math.fewshot",
      "math.steps",
      "sentiment.bare",
      "sentiment.fewshot",
      "sentiment.labels",
      "sentiment.terse",
    ]);
    for (const prompt of registry) {
      const task = prompt.metadata.task as string;
      expect(prompt.name.startsWith(`${task}.`)).toBe(true);
      expect(prompt.model).toBe(`sim:${task}`);
      expect(prompt.metadata.metric).toBe(task === "math" ? "structured" : "exact");
    }
  });

  it("guesses a heuristic answer for texts that are not bundled", () => {
    expect(TASKS.sentiment.guess("I love it, great value").expected).toBe("positive");
    expect(TASKS.sentiment.guess("Terrible, it broke").expected).toBe("negative");
    expect(TASKS.sentiment.guess("It is blue").expected).toBe("neutral");
    const fields = TASKS.extract.guess("Zed Quinn paid $1,020.50 on March 3, 2025.");
    expect(fields.expected).toEqual({ name: "Zed Quinn", date: "2025-03-03", amount: 1020.5 });
    expect(TASKS.extract.guess("Ann Lee, 04/09/2024, 12 USD").expected).toMatchObject({
      date: "2024-04-09",
      amount: 12,
    });
    expect(TASKS.extract.guess("Bo Li, 9 May 2024").expected).toMatchObject({
      date: "2024-05-09",
      amount: 0,
    });
    expect(TASKS.extract.guess("2024-01-02").expected).toMatchObject({ name: "", date: "2024-01-02" });
    expect(TASKS.math.guess("What is 3 plus 4? Say 7").expected).toBe(7);
    expect(TASKS.math.guess("no numbers").difficulty).toBe(1.5);
  });
});
