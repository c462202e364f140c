import { describe, expect, it } from "vitest";
import { UnknownScorerError } from "../errors/unknown-scorer-error.js";
import { SCORER_NAMES, scorerByName, toScorer } from "./registry.js";
import { scoreOne } from "./score-one.js";
import { exact } from "./text-scorers.js";

describe("scorerByName", () => {
  it("knows every built-in that needs no configuration", async () => {
    expect(SCORER_NAMES).toEqual([
      "exact",
      "contains",
      "regex",
      "numeric",
      "similarity",
      "levenshtein",
      "jaro-winkler",
      "token-f1",
      "structured",
    ]);
    for (const name of SCORER_NAMES) expect(scorerByName(name).portVersion).toBe(1);
    expect(scorerByName("token-f1").name).toBe("similarity:token-f1");
    expect((await scoreOne(scorerByName("exact"), "a", "a", null)).score).toBe(1);
  });

  it("an unknown name lists the known ones, with a did-you-mean", () => {
    let error: unknown;
    try {
      scorerByName("exatc");
    } catch (e) {
      error = e;
    }
    expect(UnknownScorerError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `Unknown scorer "exatc". Did you mean "exact"? Known scorers: ${SCORER_NAMES.join(", ")}.`,
    );
    expect(() => scorerByName("toString")).toThrow(/Unknown scorer "toString"\. Known/);
    expect(() => scorerByName("Exact")).toThrow(/Did you mean "exact"/);
  });
});

describe("toScorer", () => {
  it("takes a name, a Scorer or a function", async () => {
    expect(toScorer("contains").name).toBe("contains");
    const scorer = exact();
    expect(toScorer(scorer)).toBe(scorer);
    const fromFn = toScorer((output: unknown) => output === "ok");
    expect((await scoreOne(fromFn, "ok", undefined, null)).score).toBe(1);
    expect(() => toScorer(3 as unknown as string)).toThrow(/Invalid metric: expected a scorer name/);
  });
});
