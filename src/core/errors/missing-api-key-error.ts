import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A provider needs an API key and none was given in the options or the environment. */
export class MissingApiKeyError extends FlowPromptError {
  static readonly code = "FP_MISSING_API_KEY";
  readonly provider: string;
  readonly envVar: string;

  constructor(provider: string, envVar: string, cause?: unknown) {
    super(MissingApiKeyError.code, `No API key for provider "${provider}": ${envVar} is not set.`, {
      hint: `Set ${envVar} in the environment, or pass the key in the provider's settings.`,
      cause,
    });
    this.name = "MissingApiKeyError";
    this.provider = provider;
    this.envVar = envVar;
  }

  static override isInstance(error: unknown): error is MissingApiKeyError {
    return hasCode(error, MissingApiKeyError.code);
  }
}
