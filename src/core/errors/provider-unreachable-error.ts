import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** The provider's base URL could not be reached (connection refused, DNS, TLS, reset). */
export class ProviderUnreachableError extends FlowPromptError {
  static readonly code = "FP_PROVIDER_UNREACHABLE";
  readonly model: string;
  readonly url: string | undefined;

  constructor(model: string, url: string | undefined, cause?: unknown) {
    const detail = describeCause(cause);
    super(
      ProviderUnreachableError.code,
      `Could not reach ${url ?? "the provider"} for model "${model}"${detail ? ` (${detail})` : ""}.`,
      {
        hint: "Check the base URL (options or environment), the network, and that the server is running.",
        cause,
      },
    );
    this.name = "ProviderUnreachableError";
    this.model = model;
    this.url = url;
  }

  static override isInstance(error: unknown): error is ProviderUnreachableError {
    return hasCode(error, ProviderUnreachableError.code);
  }
}

function describeCause(cause: unknown): string | undefined {
  for (let c = cause, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]+/.test(code)) return code;
  }
  return undefined;
}
