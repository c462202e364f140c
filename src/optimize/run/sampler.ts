import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Sampler } from "../../core/ports.js";
import { OptunaNotInstalledError } from "../errors/optuna-not-installed-error.js";
import type { OptimizeOptions } from "../options.js";
import { randomSampler } from "../samplers/random.js";
import { tpeSampler } from "../samplers/tpe/tpe-sampler.js";

/**
 * The sampler an optimization asks: the user's own, native TPE (default), random search, or
 * Optuna's TPE through the bridge. When Optuna is missing the run goes on with the native TPE and
 * says so (a note), unless a storage was given: sharing a study needs Optuna, so that is an error.
 */
export async function makeSampler(
  o: OptimizeOptions,
  seed: number,
  note: (m: string) => void,
): Promise<Sampler> {
  const s = o.sampler ?? "tpe";
  if (typeof s === "object" && s !== null && s.portVersion === 1) {
    if (s.directions.length !== (o.objectives?.length ?? 1)) {
      throw new InvalidArgumentError(
        "sampler",
        `it has ${s.directions.length} direction(s) but the run has ${o.objectives?.length ?? 1} objective(s).`,
        'Make the sampler with directions ["maximize"] for ["score"], or ["maximize", "minimize"] for ["score", "cost"].',
      );
    }
    return s;
  }
  const pruner = o.pruner ?? "none";
  const directions: ("maximize" | "minimize")[] =
    o.objectives?.length === 2 ? ["maximize", "minimize"] : ["maximize"];
  if (s === "tpe") return tpeSampler({ seed, pruner, directions });
  if (s === "random") return randomSampler({ seed, pruner, directions });
  if (s === "optuna") {
    const { optunaSampler } = await import("../samplers/optuna/optuna-sampler.js");
    try {
      return await optunaSampler({
        seed,
        directions,
        sampler: directions.length > 1 ? "nsga2" : "tpe",
        pruner: pruner === "median" ? "median" : "none",
        ...(o.storage !== undefined && { storage: o.storage }),
        ...(o.studyName !== undefined && { studyName: o.studyName }),
        ...(o.storage !== undefined && o.studyName === undefined && { studyName: "flowprompt" }),
      });
    } catch (error) {
      if (!OptunaNotInstalledError.isInstance(error) || o.storage !== undefined) throw error;
      note(`${error.message} Using the native TPE sampler instead. ${error.hint ?? ""}`.trim());
      return tpeSampler({ seed, pruner, directions });
    }
  }
  throw new InvalidArgumentError(
    "sampler",
    `expected "tpe", "random", "optuna" or a Sampler, got ${String(s)}.`,
  );
}
