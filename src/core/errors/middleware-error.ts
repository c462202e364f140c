import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A middleware broke the chain's contract (called next() twice, returned nothing). */
export class MiddlewareError extends FlowPromptError {
  static readonly code = "FP_MIDDLEWARE";
  readonly middleware: string;

  constructor(middleware: string, problem: string) {
    super(MiddlewareError.code, `Middleware "${middleware}" ${problem}`, {
      hint: "A middleware must call `await next()` at most once and return its result (or a result of its own).",
    });
    this.name = "MiddlewareError";
    this.middleware = middleware;
  }

  static override isInstance(error: unknown): error is MiddlewareError {
    return hasCode(error, MiddlewareError.code);
  }
}
