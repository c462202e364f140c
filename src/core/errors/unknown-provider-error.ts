import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A model string names a provider FlowPrompt does not know (e.g. `opnai:gpt-4o`). */
export class UnknownProviderError extends FlowPromptError {
  static readonly code = "FP_UNKNOWN_PROVIDER";
  readonly provider: string;
  readonly known: readonly string[];

  constructor(model: string, provider: string, known: readonly string[], suggestion?: string) {
    super(
      UnknownProviderError.code,
      `Unknown provider "${provider}" in model "${model}".` +
        (suggestion ? ` Did you mean "${suggestion}"?` : "") +
        ` Known providers: ${known.join(", ")}.`,
      {
        hint: 'Write the model as "provider:model-id" (e.g. "mock" or "openai:gpt-4o-mini"), pass an AI SDK LanguageModel, or register the provider with registerProvider().',
      },
    );
    this.name = "UnknownProviderError";
    this.provider = provider;
    this.known = known;
  }

  static override isInstance(error: unknown): error is UnknownProviderError {
    return hasCode(error, UnknownProviderError.code);
  }
}
