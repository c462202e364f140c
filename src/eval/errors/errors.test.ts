import { describe, expect, it } from "vitest";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { errorClasses, expectDocumentedCodes } from "../../core/test-utils/error-codes.case.js";
import * as errors from "./index.js";

describe("evaluation errors", () => {
  it("have distinct stable codes, distinct from the core's, each documented in docs/datasets-and-scorers.md", () => {
    expectDocumentedCodes(errors, 8, new URL("../../../docs/datasets-and-scorers.md", import.meta.url));
  });

  it("messages say what and where", () => {
    expect(new errors.DatasetFileError("a.csv", "ragged CSV", { line: 4 }).message).toBe(
      "a.csv:4: ragged CSV",
    );
    expect(
      new errors.DatasetRowError({ file: "a.json", row: 2 }, "has no input.", { fields: [] }).message,
    ).toBe("a.json, row 2: has no input. The row has: no fields.");
    expect(new errors.DuplicateIdError("x", { row: 1 }, { row: 3 }).message).toBe(
      'Duplicate id "x": row 3 (rows[2]) has the same id as row 1 (rows[0]).',
    );
    expect(new errors.EmptyDatasetError("d.jsonl").hint).toMatch(/data rows/);
    expect(new errors.InvalidScoreError("s", { score: 2n }, "bad").message).toBe(
      'Scorer "s" returned object: bad',
    );
    expect(new errors.ScorerError("s", new Error("boom")).message).toBe('Scorer "s" threw: boom');
    expect(new errors.UnknownScorerError("x", ["exact"]).message).toBe(
      'Unknown scorer "x". Known scorers: exact.',
    );
    expect(new errors.MissingExpectedError("exact").scorer).toBe("exact");
  });

  it("isInstance works across copies; toJSON keeps the typed fields", () => {
    const e = new errors.DatasetRowError({ file: "f.csv", line: 3, row: 2 }, "no input", {
      field: "q",
      fields: ["a"],
    });
    expect(errors.DatasetRowError.isInstance({ ...e })).toBe(true);
    expect(errors.DatasetFileError.isInstance(e)).toBe(false);
    expect(FlowPromptError.isInstance(e)).toBe(true);
    expect(e.toJSON()).toMatchObject({ code: "FP_DATASET_ROW", file: "f.csv", line: 3, row: 2, field: "q" });
    for (const C of errorClasses(errors)) {
      expect((C as unknown as typeof FlowPromptError).isInstance(new Error("plain"))).toBe(false);
    }
  });
});
