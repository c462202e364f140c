import { describe, expect, it } from "vitest";
import { expectDocumentedCodes } from "../../core/test-utils/error-codes.case.js";
import * as errors from "./index.js";

describe("optimization errors", () => {
  it("have distinct stable codes, distinct from the core's, each documented in docs/errors.md", () => {
    expectDocumentedCodes(errors, 8, new URL("../../../docs/errors.md", import.meta.url));
  });

  it("messages say what was wrong and how to go on", () => {
    const tiny = new errors.DatasetTooSmallError("trainset", 1, 10, "part of it is split off.");
    expect(tiny.message).toBe(
      "The trainset has 1 row; optimizing needs at least 10: part of it is split off.",
    );
    expect(new errors.BudgetTooSmallError(0.02, 0.01, "USD").message).toBe(
      "The budget allows $0.0100, but scoring the baseline, one trial and the held-out test needs about $0.0200.",
    );
    const metric = new errors.MetricError("exact", "r7", new Error("boom"), "h.jsonl");
    expect(metric.message).toBe('The metric "exact" failed on row "r7": boom');
    expect(metric.hint).toMatch(/kept in h\.jsonl: rerun with the same options to resume/);
    expect(
      new errors.ResumeMismatchError("h.jsonl", { seed: 1, trials: 3 }, { seed: 2, trials: 3 }).differs,
    ).toEqual(["seed"]);
    expect(errors.MetricError.isInstance(metric)).toBe(true);
    expect(errors.MetricError.isInstance(tiny)).toBe(false);
  });
});
