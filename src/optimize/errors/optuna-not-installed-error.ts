import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** The Optuna sampler needs Python with the `optuna` package (and some samplers another package); one is missing. */
export class OptunaNotInstalledError extends FlowPromptError {
  static readonly code = "FP_OPTUNA_NOT_INSTALLED";
  /** The Python interpreter that was tried. */
  readonly python: string;
  /** What went wrong: the spawn error or Python's import error. */
  readonly detail: string;
  /** The missing Python package: "optuna", or one a sampler needs ("scipy" for qmc, "cmaes" for cmaes). */
  readonly module: string;

  constructor(python: string, detail: string, options: { module?: string; cause?: unknown } = {}) {
    const module = options.module ?? "optuna";
    super(
      OptunaNotInstalledError.code,
      `Python package ${module} could not be loaded with the Python at ${python}: ${detail}`,
      {
        hint:
          `Install it for that Python: \`sudo apt-get install python3-${module}\` on Debian/Ubuntu, or \`pip install ${module}\` ` +
          "(point the `python` option or FLOWPROMPT_PYTHON at the interpreter that has it). " +
          "The native TPE sampler (`--sampler tpe`) needs nothing extra.",
        cause: options.cause,
      },
    );
    this.name = "OptunaNotInstalledError";
    this.python = python;
    this.detail = detail;
    this.module = module;
  }

  static override isInstance(error: unknown): error is OptunaNotInstalledError {
    return hasCode(error, OptunaNotInstalledError.code);
  }
}
