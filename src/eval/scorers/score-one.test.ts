import { describe, expect, it } from "vitest";
import type { Scorer } from "../../core/ports.js";
import { custom } from "./custom.js";
import { normalizeScore, scoreOne } from "./score-one.js";

const raw = (value: unknown, name = "raw"): Scorer => ({
  portVersion: 1,
  name,
  score: () => value as number,
});

describe("scoreOne", () => {
  it("normalises booleans to 0/1 and keeps reason and details", async () => {
    expect(await scoreOne(raw(true), "o", "e", "i")).toEqual({ score: 1 });
    expect(await scoreOne(raw(false), "o", "e", "i")).toEqual({ score: 0 });
    expect(await scoreOne(raw({ score: 0.25, reason: "meh", details: { k: 1 } }), "o", "e", "i")).toEqual({
      score: 0.25,
      reason: "meh",
      details: { k: 1 },
    });
    expect(normalizeScore("x", { score: true })).toEqual({ score: 1 });
  });

  it("a score outside [0, 1], NaN or not a number is a coded error naming the scorer and the value", async () => {
    const cases: [unknown, string][] = [
      [1.5, 'Scorer "s" returned 1.5: the score is outside [0, 1].'],
      [-0.1, 'Scorer "s" returned -0.1: the score is outside [0, 1].'],
      [Number.NaN, 'Scorer "s" returned NaN: the score is NaN.'],
      ["1", 'Scorer "s" returned "1": a score must be a boolean or a number in [0, 1].'],
      [undefined, 'Scorer "s" returned undefined: a score must be a boolean or a number in [0, 1].'],
      [{ score: 7 }, 'Scorer "s" returned {"score":7}: the score is outside [0, 1].'],
    ];
    for (const [value, message] of cases) {
      const r = await scoreOne(raw(value, "s"), "o", "e", "i");
      expect(r).toEqual({
        score: 0,
        error: {
          code: "FP_INVALID_SCORE",
          message,
          scorer: "s",
          hint: expect.stringMatching(/returns a boolean/),
        },
      });
    }
  });

  it("catches a throwing scorer (sync or async) and reports it; the run goes on", async () => {
    const sync = custom(
      () => {
        throw new TypeError("cannot read x");
      },
      { name: "fragile" },
    );
    const r = await scoreOne(sync, "o", "e", "i");
    expect(r.score).toBe(0);
    expect(r.error).toMatchObject({
      code: "FP_SCORER_FAILED",
      message: 'Scorer "fragile" threw: cannot read x',
      scorer: "fragile",
    });
    const rejecting = custom(() => Promise.reject("plain string"), { name: "async" });
    expect((await scoreOne(rejecting, "o", "e", "i")).error?.message).toBe(
      'Scorer "async" threw: plain string',
    );
  });

  it("rethrows when the signal was aborted, so a cancelled run is not recorded as scored", async () => {
    const controller = new AbortController();
    const slow = custom(
      (_o, _e, _i, { signal }) =>
        new Promise<number>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
      { name: "slow" },
    );
    const pending = scoreOne(slow, "o", "e", "i", { signal: controller.signal });
    controller.abort(new Error("stopped"));
    await expect(pending).rejects.toThrow("stopped");
  });

  it("refuses something that is not a scorer", async () => {
    await expect(scoreOne({} as Scorer, 1, 1, 1)).rejects.toThrow(/Invalid scorer/);
  });
});
