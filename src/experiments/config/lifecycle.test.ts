import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, EXPERIMENT_STATUSES, ExperimentStatusError } from "./index.js";

describe("lifecycle", () => {
  it("allows draft → running ↔ paused → completed → archived", () => {
    expect(canTransition("draft", "running")).toBe(true);
    expect(canTransition("running", "paused")).toBe(true);
    expect(canTransition("paused", "running")).toBe(true);
    expect(canTransition("paused", "completed")).toBe(true);
    expect(canTransition("running", "completed")).toBe(true);
    expect(canTransition("completed", "archived")).toBe(true);
  });

  it("names from and to for an illegal move", () => {
    let error: unknown;
    try {
      assertTransition("greeting", "archived", "running");
    } catch (e) {
      error = e;
    }
    expect(ExperimentStatusError.isInstance(error)).toBe(true);
    const e = error as ExperimentStatusError;
    expect([e.from, e.to]).toEqual(["archived", "running"]);
    expect(e.message).toBe('Experiment "greeting" cannot go from archived to running (archived is final).');
    expect(() => assertTransition("g", "draft", "completed")).toThrow(
      "cannot go from draft to completed (from draft it can go to: running)",
    );
  });

  it("has no self-transitions", () => {
    for (const s of EXPERIMENT_STATUSES) expect(canTransition(s, s)).toBe(false);
  });
});
