import type { ParamValue, SearchSpace } from "../../core/ports.js";
import type { Program } from "../program.js";
import type { OptimizerContext } from "../types.js";

/** The temperature and model dimensions, when the settings ask to search them. */
export function paramSpace(ctx: OptimizerContext): SearchSpace {
  const { temperatures, models } = ctx.settings;
  return {
    ...(temperatures &&
      temperatures.length > 0 && { temperature: { type: "categorical", choices: [...temperatures] } }),
    ...(models && models.length > 0 && { model: { type: "categorical", choices: [...models] } }),
  };
}

/** A program with the chosen temperature and model applied. */
export function withParams(program: Program, choice: Record<string, ParamValue>): Program {
  const out: Program = { ...program };
  if (typeof choice.temperature === "number")
    out.params = { ...program.params, temperature: choice.temperature };
  if (typeof choice.model === "string") out.model = choice.model;
  return out;
}
