import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { PromptInfo, RunContext } from "./middleware.js";
import type { ResolvedModel } from "./model-registry.js";
import type { RunOptions } from "./run-options.js";
import type { ChatMessage, ModelCallRecord, ModelParams, StreamEvent } from "./types.js";

function noop(): void {}

/** The run context: a class so every run has the same shape, and `state` is made only when used. */
export class Context implements RunContext {
  readonly prompt: PromptInfo;
  vars: Record<string, unknown>;
  history: readonly ChatMessage[] | undefined;
  readonly options: Readonly<RunOptions>;
  model: LanguageModelV4;
  modelId: string;
  fallbacks: ResolvedModel[];
  params: ModelParams;
  readonly mode: "generate" | "stream";
  readonly signal: AbortSignal | undefined;
  readonly startedAt: number;
  readonly emit: (event: StreamEvent<unknown>) => void;
  readonly calls: ModelCallRecord[] = [];
  messages: readonly ChatMessage[] | undefined;
  #state: Map<string | symbol, unknown> | undefined;

  constructor(
    prompt: PromptInfo,
    vars: Record<string, unknown>,
    options: RunOptions,
    chain: readonly ResolvedModel[],
    params: ModelParams,
    mode: "generate" | "stream",
    signal: AbortSignal | undefined,
    startedAt: number,
    emit: ((event: StreamEvent<unknown>) => void) | undefined,
  ) {
    this.prompt = prompt;
    this.vars = vars;
    this.history = options.history;
    this.options = options;
    this.model = chain[0]!.model;
    this.modelId = chain[0]!.id;
    this.fallbacks = chain.slice(1);
    this.params = params;
    this.mode = mode;
    this.signal = signal;
    this.startedAt = startedAt;
    this.emit = emit ?? noop;
  }

  get state(): Map<string | symbol, unknown> {
    this.#state ??= new Map();
    return this.#state;
  }
}
