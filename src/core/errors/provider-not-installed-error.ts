import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A model string names a provider whose AI SDK package is not installed. */
export class ProviderNotInstalledError extends FlowPromptError {
  static readonly code = "FP_PROVIDER_NOT_INSTALLED";
  readonly provider: string;
  readonly packageName: string;

  constructor(provider: string, packageName: string, cause?: unknown) {
    super(
      ProviderNotInstalledError.code,
      `Provider "${provider}" needs the package ${packageName}, which is not installed: npm install ${packageName}`,
      { hint: `Install it: npm install ${packageName}`, cause },
    );
    this.name = "ProviderNotInstalledError";
    this.provider = provider;
    this.packageName = packageName;
  }

  static override isInstance(error: unknown): error is ProviderNotInstalledError {
    return hasCode(error, ProviderNotInstalledError.code);
  }
}
