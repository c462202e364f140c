import { describe } from "vitest";
import { samplerSuite } from "../sampler.case.js";
import { optunaSampler } from "./optuna-sampler.js";
import { skipReason } from "./test-utils/optuna-env.js";

// Concurrent: each test has its own sampler (its own Python process); start-up is the cost.
describe.skipIf(skipReason !== undefined).concurrent("optuna bridge", () => {
  samplerSuite("optuna:tpe", (o) => optunaSampler({ ...o }), { slow: true });
});
