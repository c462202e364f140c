import { describe, expect, it } from "vitest";
import * as evaluation from "./index.js";

describe("src/eval public surface (datasets and scorers)", () => {
  it("exports the loaders, splits, scorers, registry and errors", () => {
    for (const name of [
      "loadDataset",
      "streamDataset",
      "datasetFromRows",
      "splitDataset",
      "exact",
      "contains",
      "regex",
      "numeric",
      "similarity",
      "structuredMatch",
      "judge",
      "custom",
      "all",
      "any",
      "mean",
      "weighted",
      "scorerByName",
      "toScorer",
      "scoreOne",
      "DatasetFileError",
      "DatasetRowError",
      "EmptyDatasetError",
      "DuplicateIdError",
      "MissingExpectedError",
      "InvalidScoreError",
      "ScorerError",
      "UnknownScorerError",
    ]) {
      expect(typeof (evaluation as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
