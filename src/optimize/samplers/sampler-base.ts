import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { FinishedTrial, ParamValue, Sampler, SearchSpace, TrialOutcome } from "../../core/ports.js";
import { checkSeed, DEFAULT_SEED } from "../../stats/rng.js";
import { type Pruner, resolvePruner } from "./median-pruner.js";
import { type Direction, validateDirections, validateSpace } from "./space.js";
import { TrialBook } from "./trial-book.js";

/** Options every sampler of this folder takes. */
export interface BaseSamplerOptions {
  /** Seeds the sampler's generator: the same seed and history give the same asks. Default 0. */
  seed?: number;
  /** One per objective. Default ["maximize"]. */
  directions?: readonly Direction[];
  /** Stops unpromising trials on report(): a Pruner, "median" or "none" (the default). */
  pruner?: Pruner | "median" | "none";
}

/** Picks values for `space` given the finished trials (in number order). */
export type Propose = (space: SearchSpace, finished: readonly FinishedTrial[]) => Record<string, ParamValue>;

/** The checked common options. */
export interface ResolvedBaseOptions {
  seed: number;
  directions: Direction[];
  pruner: Pruner;
}

/** Checks the common options (throws InvalidArgumentError) and fills in defaults. */
export function resolveBaseOptions(options: BaseSamplerOptions, sampler: string): ResolvedBaseOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${sampler} options`, "expected an object");
  }
  return {
    seed: checkSeed(options.seed ?? DEFAULT_SEED, `${sampler} seed`),
    directions: validateDirections(options.directions ?? ["maximize"]),
    pruner: resolvePruner(options.pruner),
  };
}

/**
 * A Sampler that keeps its trials in memory and asks `propose` for each new trial's values: the
 * book-keeping (numbers, validation, intermediate values, pruning) shared by random and TPE.
 */
export function createSampler(kind: string, options: ResolvedBaseOptions, propose: Propose): Sampler {
  const { directions, pruner } = options;
  const book = new TrialBook(directions);
  return {
    portVersion: 1,
    kind,
    directions,
    async ask(space: SearchSpace) {
      validateSpace(space);
      const params = propose(space, book.finished());
      return { number: book.start(params), params };
    },
    async report(trial: number, step: number, value: number) {
      const intermediate = book.record(trial, step, value);
      const context = { direction: directions[0]!, step, intermediate, finished: book.finished() };
      return { prune: pruner.shouldPrune(context) === true };
    },
    async tell(trial: number, outcome: TrialOutcome) {
      book.finish(trial, outcome);
    },
    async seed(trials: readonly FinishedTrial[]) {
      book.seed(trials);
    },
    async trials() {
      return book.list();
    },
    async close() {},
  };
}
