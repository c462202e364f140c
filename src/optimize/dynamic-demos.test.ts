import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "../index.js";
import type { Middleware } from "../core/middleware.js";
import { definePrompt } from "../core/prompt.js";
import type { ChatMessage } from "../core/types.js";
import { mockModel } from "../models/mock-model.js";
import type { DynamicDemos } from "./dynamic-demos.js";
import { optimize } from "./optimize.js";
import { applyProgram, baseProgram, type Program } from "./program.js";
import { loadOptimizedPrompt, promptFileText } from "./save.js";

const base = definePrompt({
  name: "animals",
  model: mockModel({ replies: ["ok"] }),
  system: "Classify.",
  user: "Q: {{q}}",
});
const pool: DynamicDemos["pool"] = [
  { text: "the cat sat on the mat", user: "Q: the cat sat on the mat", assistant: "cat" },
  { text: "a dog barked at the mailman", user: "Q: a dog barked at the mailman", assistant: "dog" },
  { text: "the parrot repeats words", user: "Q: the parrot repeats words", assistant: "bird" },
  { text: "kittens and a cat purr", user: "Q: kittens and a cat purr", assistant: "cat" },
];

/** The messages a call really sent (after every middleware). */
async function sent(prompt: ReturnType<typeof applyProgram>, q: string): Promise<readonly ChatMessage[]> {
  let messages: readonly ChatMessage[] = [];
  const capture: Middleware = async (ctx, next) => {
    const r = await next();
    messages = ctx.messages ?? [];
    return r;
  };
  await prompt.execute({ q } as never, { middleware: [capture] });
  return messages;
}

describe("demos chosen per input", () => {
  const program: Program = { ...baseProgram(base), dynamicDemos: { strategy: "knn", k: 2, pool } };

  it("each call gets the pool demos nearest its input, as user/assistant turns before it", async () => {
    const p = applyProgram(base, program);
    const cats = await sent(p, "my cat likes the mat and kittens");
    expect(cats.map((m) => m.content)).toEqual([
      "Classify.",
      "Q: the cat sat on the mat",
      "cat",
      "Q: kittens and a cat purr",
      "cat",
      "Q: my cat likes the mat and kittens",
    ]);
    const dogs = await sent(p, "the dog barked all night");
    expect(dogs[1]!.content).toBe("Q: a dog barked at the mailman");
    // The preview has no per-call demos: they are chosen when the call runs.
    expect(p.messages({ q: "x" } as never).map((m) => m.content)).toEqual(["Classify.", "Q: x"]);
  });

  it("never shows the input's own pool entry, and a different pool changes the prompt's hash", async () => {
    const p = applyProgram(base, program);
    const own = await sent(p, "the cat sat on the mat");
    // Only the input turn itself holds it; the two demos are the next nearest.
    expect(own.filter((m) => m.content === "Q: the cat sat on the mat")).toHaveLength(1);
    expect(own).toHaveLength(6);
    const other = applyProgram(base, {
      ...program,
      dynamicDemos: { strategy: "knn", k: 2, pool: pool.slice(1) },
    });
    expect(other.hash).not.toBe(p.hash);
  });

  it("a saved file re-attaches them with loadOptimizedPrompt", async () => {
    const r = await optimize(base, {
      trainset: Array.from({ length: 12 }, (_, i) => ({
        id: `r${i}`,
        input: { q: pool[i % 4]!.text },
        expected: pool[i % 4]!.assistant,
      })),
      metric: () => 1,
      optimizer: "fewshot",
      trials: 2,
    });
    const file = join(mkdtempSync(join(tmpdir(), "fp-dyn-")), "a.prompt");
    writeFileSync(file, promptFileText(base.with({ model: "mock" }) as typeof base, program, r.provenance));
    const loaded = await loadOptimizedPrompt(file);
    const mine = applyProgram(base.with({ model: "mock" }) as typeof base, program);
    expect(await sent(loaded, "my cat likes the mat and kittens")).toEqual(
      await sent(mine, "my cat likes the mat and kittens"),
    );
    expect((loaded.metadata.optimized as { dynamicDemos: DynamicDemos }).dynamicDemos.k).toBe(2);
  });
});
