import { afterEach, describe, expect, it } from "vitest";
import { cache } from "../../cache/middleware.js";
import { configure, resetConfig } from "../../core/config.js";
import { mockModel } from "../../models/mock-model.js";
import { judge } from "./judge.js";
import { scoreOne } from "./score-one.js";

afterEach(() => resetConfig());

const rubric = "Is the answer correct and complete? 5 = fully, 1 = not at all.";

function systemAndUser(model: ReturnType<typeof mockModel>, call = 0): { system: string; user: string } {
  const prompt = model.calls[call]!.prompt;
  const system = prompt.find((m) => m.role === "system");
  return {
    system: typeof system?.content === "string" ? system.content : "",
    user: model.calls[call]!.lastUserText,
  };
}

describe("judge", () => {
  it("asks the model with the rubric in the system message and maps the score to [0, 1]", async () => {
    const model = mockModel({ replies: [{ object: { reason: "Correct but terse.", score: 4 } }] });
    const scorer = judge({ rubric, model, name: "correctness" });
    expect(scorer.name).toBe("judge:correctness");
    expect(scorer.requiresExpected).toBe(false);
    const r = await scoreOne(scorer, "Paris", "Paris, France", { question: "Capital of France?" });
    expect(r).toEqual({ score: 0.75, reason: "Correct but terse.", details: { raw: 4, scale: [1, 5] } });

    const { system, user } = systemAndUser(model);
    expect(system).toContain(rubric);
    expect(system).toMatch(/from 1 \(worst\) to 5 \(best\)/);
    expect(user).toBe(
      '<input>\n{"question":"Capital of France?"}\n</input>\n\n<output>\nParis\n</output>\n\n<reference>\nParis, France\n</reference>',
    );
    expect(model.calls[0]!.options.temperature).toBe(0);
    expect(model.calls[0]!.options.responseFormat).toMatchObject({ type: "json" });
  });

  it("leaves out the reference when there is none, and honours a custom scale and params", async () => {
    const model = mockModel({ replies: [{ object: { reason: "ok", score: 7 } }] });
    const scorer = judge({ rubric, model, scale: [0, 10], params: { maxOutputTokens: 200 } });
    expect(scorer.name).toBe("judge");
    const r = await scoreOne(scorer, "text", undefined, "");
    expect(r.score).toBeCloseTo(0.7, 12);
    expect(systemAndUser(model).user).toBe("<output>\ntext\n</output>");
    expect(model.calls[0]!.options).toMatchObject({ temperature: 0, maxOutputTokens: 200 });
  });

  it("is cached through a configured cache middleware: a repeated judgement costs no model call", async () => {
    const model = mockModel({ replies: [{ object: { reason: "good", score: 5 } }] });
    const mw = cache();
    configure({ middleware: [mw] });
    const scorer = judge({ rubric, model });
    const first = await scoreOne(scorer, "Paris", "Paris", "q");
    const again = await scoreOne(judge({ rubric, model }), "Paris", "Paris", "q");
    expect(first).toEqual(again);
    expect(model.calls).toHaveLength(1);
    expect((await mw.stats()).hits).toBe(1);
    await scoreOne(scorer, "Lyon", "Paris", "q");
    expect(model.calls).toHaveLength(2);
    await scoreOne(judge({ rubric: `${rubric} Be harsh.`, model }), "Paris", "Paris", "q");
    expect(model.calls).toHaveLength(3);
  });

  it("takes its own middleware too (e.g. a cache for the judge only)", async () => {
    const model = mockModel({ replies: [{ object: { reason: "good", score: 5 } }] });
    const scorer = judge({ rubric, model, middleware: [cache()] });
    await scoreOne(scorer, "a", undefined, "q");
    await scoreOne(scorer, "a", undefined, "q");
    expect(model.calls).toHaveLength(1);
  });

  it("a failing judge model or an out-of-scale answer is an error result, not a crash", async () => {
    configure({ retry: false });
    const failing = mockModel({ failures: {}, replies: [{ object: { reason: "x", score: 3 } }] });
    const r = await scoreOne(judge({ rubric, model: failing }), "a", undefined, "q", {});
    expect(r.score).toBe(0);
    expect(r.error?.scorer).toBe("judge");
    expect(r.error?.message).toMatch(/^Scorer "judge": /);
    const wild = mockModel({ replies: [{ object: { reason: "x", score: 9 } }] });
    const w = await scoreOne(judge({ rubric, model: wild }), "a", undefined, "q");
    expect(w.error?.code).toBe("FP_INVALID_OUTPUT");
  });

  it("with requireExpected, a row without a reference is a coded error before any call", async () => {
    const model = mockModel();
    const r = await scoreOne(judge({ rubric, model, requireExpected: true }), "a", undefined, "q");
    expect(r.error?.code).toBe("FP_MISSING_EXPECTED");
    expect(model.calls).toHaveLength(0);
  });

  it("refuses a missing rubric or model and a bad scale or name", () => {
    const model = mockModel();
    expect(() => judge({ rubric: " ", model })).toThrow(/judge\(\) rubric/);
    expect(() => judge({ rubric } as Parameters<typeof judge>[0])).toThrow(/a judge needs a model/);
    expect(() => judge({ rubric, model, scale: [5, 1] })).toThrow(/judge\(\) scale/);
    expect(() => judge({ rubric, model, name: "" })).toThrow(/judge\(\) name/);
  });
});
