import { describe, expect, it } from "vitest";
import { definePrompt } from "../core/prompt.js";
import { loadPrompt } from "../files/load.js";
import {
  applyProgram,
  baseProgram,
  demoFromRow,
  escapeTemplate,
  programKey,
  promptParts,
  unescapeTemplate,
} from "./program.js";

const TASKS = new URL("../../examples/tasks/", import.meta.url).pathname;
const review = { review: "The zip broke on day two." };

describe("program: a prompt in pieces", () => {
  it("splits a Dotprompt template into system, demo turns and the input turn", async () => {
    const fewshot = await loadPrompt(`${TASKS}sentiment/fewshot.prompt`);
    const parts = promptParts(fewshot);
    expect(parts.system).toMatch(/^You classify customer reviews/);
    expect(parts.turns.map((t) => t.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(parts.user).toBe("Review: {{review}}");
    expect(baseProgram(fewshot).demos).toHaveLength(3);
  });

  it("the base program rebuilds exactly the base prompt's messages", async () => {
    for (const file of ["sentiment/bare", "sentiment/fewshot", "math/steps", "extract/fewshot"]) {
      const base = await loadPrompt(`${TASKS}${file}.prompt`);
      const vars = file.startsWith("math")
        ? { problem: "Ann has 3 apples and buys 4 more. How many?" }
        : file.startsWith("extract")
          ? { text: "Paid 30 USD to Bo on 2024-01-02." }
          : review;
      expect(applyProgram(base, baseProgram(base)).messages(vars as never)).toEqual(
        base.messages(vars as never),
      );
    }
  });

  it("a new instruction and demos replace the base's; the input turn stays", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/fewshot.prompt`);
    const demo = demoFromRow(base, { id: "r1", input: { review: "Great {{value}}" }, expected: "positive" });
    expect(demo).toEqual({
      rowId: "r1",
      user: "Review: Great {{value}}",
      assistant: "positive",
      source: "labelled",
    });
    const p = applyProgram(base, {
      instruction: "Label it.",
      demos: [demo],
      params: { temperature: 0.5 },
      model: undefined,
    });
    const messages = p.messages(review);
    expect(messages).toEqual([
      { role: "system", content: "Label it." },
      { role: "user", content: "Review: Great {{value}}" },
      { role: "assistant", content: "positive" },
      { role: "user", content: "Review: The zip broke on day two." },
    ]);
    expect(p.params.temperature).toBe(0.5);
    expect(p.hash).not.toBe(base.hash);
  });

  it("keeps non-demo turns of the base and adds demos after them", () => {
    const base = definePrompt({
      name: "t",
      model: "mock",
      messages: [{ role: "user", content: "Context: {{ctx}}" }],
      user: "Q: {{q}}",
    });
    expect(baseProgram(base).demos).toEqual([]);
    const p = applyProgram(base, {
      instruction: "Be brief.",
      demos: [{ user: "Q: 1+1", assistant: "2" }],
      params: {},
      model: "sim:math",
    });
    expect(p.messages({ ctx: "c", q: "2+2" }).map((m) => m.content)).toEqual([
      "Be brief.",
      "Context: c",
      "Q: 1+1",
      "2",
      "Q: 2+2",
    ]);
    expect(String(p.model)).toBe("sim:math");
  });

  it("refuses a prompt with no input turn at the end", () => {
    const base = definePrompt({ name: "t", model: "mock", messages: [{ role: "assistant", content: "hi" }] });
    expect(() => promptParts(base)).toThrow(/last message is not a user turn/);
  });

  it("escapes template syntax in literal text and keys programs by content", () => {
    expect(escapeTemplate("a {{b}} \\{{c}}")).toBe("a \\{{b}} \\\\{{!}}\\{{c}}");
    const a = { instruction: "x", demos: [], params: {}, model: undefined };
    expect(programKey(a)).toBe(programKey({ ...a }));
    expect(programKey(a)).not.toBe(programKey({ ...a, params: { temperature: 0 } }));
  });
});

describe("escapeTemplate", () => {
  it("any literal text renders back exactly as written (property)", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 30,
          unit: fc.constantFrom("{", "}", "\\", "a", " ", "#", "/", ">", "!", "&", "<", '"'),
        }),
        (text) => {
          const body = `x${text}x`;
          const p = definePrompt({ name: "e", model: "mock", system: escapeTemplate(body), user: "q" });
          expect(p.messages({}).at(0)?.content).toBe(body.trim());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("unescapeTemplate gives back exactly the text that was escaped (property)", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom("{", "}", "\\", "!", "a") }), (text) => {
        expect(unescapeTemplate(escapeTemplate(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});
