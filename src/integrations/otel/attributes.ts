import type { Attributes } from "@opentelemetry/api";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import type { FinishReason, ModelParams, Usage } from "../../core/types.js";

// Attribute names: the OpenTelemetry GenAI semantic conventions (gen_ai.*) plus FlowPrompt's own.

export const ATTR = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  cacheReadTokens: "gen_ai.usage.cache_read.input_tokens",
  cacheWriteTokens: "gen_ai.usage.cache_creation.input_tokens",
  reasoningTokens: "gen_ai.usage.reasoning.output_tokens",
  finishReasons: "gen_ai.response.finish_reasons",
  outputType: "gen_ai.output.type",
  stream: "gen_ai.request.stream",
  inputMessages: "gen_ai.input.messages",
  systemInstructions: "gen_ai.system_instructions",
  outputMessages: "gen_ai.output.messages",
  errorType: "error.type",
  httpStatus: "http.response.status_code",
  promptName: "flowprompt.prompt.name",
  promptVersion: "flowprompt.prompt.version",
  promptHash: "flowprompt.prompt.hash",
  promptVariables: "flowprompt.prompt.variables",
  model: "flowprompt.model",
  cacheHit: "flowprompt.cache.hit",
  costUsd: "flowprompt.cost_usd",
  attempts: "flowprompt.attempts",
  attempt: "flowprompt.attempt",
  callReason: "flowprompt.call.reason",
  retryable: "flowprompt.call.retryable",
  retryDelayMs: "flowprompt.call.retry_delay_ms",
} as const;

/** The instrumentation scope of FlowPrompt's spans. */
export const TRACER_NAME = "flowprompt";

/** The operation every FlowPrompt span describes: a chat completion. */
export const OPERATION = "chat";

/** FlowPrompt provider prefixes whose well-known `gen_ai.provider.name` differs from the prefix. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  google: "gcp.gemini",
  vertex: "gcp.vertex_ai",
  mistral: "mistral_ai",
  azure: "azure.ai.openai",
  bedrock: "aws.bedrock",
  "amazon-bedrock": "aws.bedrock",
  xai: "x_ai",
};

/** `gen_ai.provider.name` of a "provider:model-id" string ("google:…" → "gcp.gemini"; unknown ones as written). */
export function providerName(modelId: string): string {
  const colon = modelId.indexOf(":");
  const prefix = colon === -1 ? modelId : modelId.slice(0, colon);
  return PROVIDER_NAMES[prefix] ?? prefix;
}

/** The model name without its provider prefix ("openai:gpt-4o" → "gpt-4o"), as `gen_ai.*.model` wants it. */
export function modelName(modelId: string): string {
  const colon = modelId.indexOf(":");
  return colon === -1 ? modelId : modelId.slice(colon + 1);
}

/** Finish reasons in the conventions' spelling ("content-filter" → "content_filter", "tool-calls" → "tool_call"). */
export function finishReason(reason: FinishReason): string {
  if (reason === "content-filter") return "content_filter";
  if (reason === "tool-calls") return "tool_call";
  return reason;
}

/** The attributes every span of one model gets at creation (samplers see them). */
export function modelAttributes(modelId: string): Attributes {
  return {
    [ATTR.operationName]: OPERATION,
    [ATTR.providerName]: providerName(modelId),
    [ATTR.requestModel]: modelName(modelId),
  };
}

/** `gen_ai.request.*` for the generation parameters that are set. */
export function paramAttributes(params: ModelParams, into: Attributes): void {
  if (params.temperature !== undefined) into["gen_ai.request.temperature"] = params.temperature;
  if (params.maxOutputTokens !== undefined) into["gen_ai.request.max_tokens"] = params.maxOutputTokens;
  if (params.topP !== undefined) into["gen_ai.request.top_p"] = params.topP;
  if (params.topK !== undefined) into["gen_ai.request.top_k"] = params.topK;
  if (params.frequencyPenalty !== undefined) {
    into["gen_ai.request.frequency_penalty"] = params.frequencyPenalty;
  }
  if (params.presencePenalty !== undefined) into["gen_ai.request.presence_penalty"] = params.presencePenalty;
  if (params.seed !== undefined) into["gen_ai.request.seed"] = params.seed;
  if (params.stopSequences !== undefined) into["gen_ai.request.stop_sequences"] = [...params.stopSequences];
}

/** Token counts; the optional details only when the provider reported them. */
export function usageAttributes(usage: Usage, into: Attributes): void {
  into[ATTR.inputTokens] = usage.inputTokens;
  into[ATTR.outputTokens] = usage.outputTokens;
  if (usage.cachedInputTokens > 0) into[ATTR.cacheReadTokens] = usage.cachedInputTokens;
  if (usage.cacheWriteTokens > 0) into[ATTR.cacheWriteTokens] = usage.cacheWriteTokens;
  if (usage.reasoningTokens > 0) into[ATTR.reasoningTokens] = usage.reasoningTokens;
}

/** `error.type`: a FlowPromptError's code, else the error's name, else "_OTHER" (the conventions' fallback). */
export function errorType(error: unknown): string {
  if (FlowPromptError.isInstance(error)) return error.code;
  if (error instanceof Error && error.name) return error.name;
  return "_OTHER";
}

/** What `span.recordException` takes, for thrown values that are not Errors too. */
export function asException(error: unknown): Error | string {
  return error instanceof Error ? error : String(error);
}
