import { configGeneration, getConfig } from "./config.js";
import { Context } from "./context.js";
import { buildDefinition, type Definition } from "./definition.js";
import { BatchError } from "./errors/batch-error.js";
import { InvalidArgumentError } from "./errors/invalid-argument-error.js";
import { compose, type Middleware, type PromptInfo, type RunContext } from "./middleware.js";
import { resolveChain } from "./model-registry.js";
import type { PromptConfig, PromptSource } from "./prompt-config.js";
import { checkVars, renderMessages } from "./render.js";
import { abortError, executeCore } from "./run.js";
import type { RunOptions } from "./run-options.js";
import type { InferInput, InferOutput, StandardSchemaV1 } from "./schema.js";
import { EventQueue, makePromptStream, type PromptStream } from "./stream.js";
import type { ConfigVars } from "./template/infer.js";
import type { ChatMessage, ModelLike, ModelParams, RunResult, StreamEvent } from "./types.js";
import { usageMiddleware } from "./usage.js";

/** The variables a prompt takes: its input schema's input type, or what its templates use. */
export type VarsOf<C> = C extends { input: infer S extends StandardSchemaV1 } ? InferInput<S> : ConfigVars<C>;
/** What `run()` resolves to: the output schema's type, or the text. */
export type OutputOf<C> = C extends { output: infer S extends StandardSchemaV1 } ? InferOutput<S> : string;

type Args<V, X> = {} extends V ? [vars?: V, options?: X] : [vars: V, options?: X];
type Merge<A, B> = Omit<A, keyof B> & B;

export interface BatchOptions extends RunOptions {
  /** How many items run at once (default 4). */
  concurrency?: number;
}

/** An immutable, typed prompt. Make one with `definePrompt()` or `loadPrompt()`. */
export interface Prompt<V = Record<string, unknown>, O = unknown, C = PromptConfig> {
  readonly name: string;
  readonly version: string;
  readonly description: string | undefined;
  /** Stable content hash of everything that changes the request (templates, schema, model, params). */
  readonly hash: string;
  readonly model: ModelLike | undefined;
  readonly params: Readonly<ModelParams>;
  readonly input: StandardSchemaV1 | undefined;
  readonly output: StandardSchemaV1 | undefined;
  /** The output's JSON Schema, as sent to the provider. */
  readonly outputJsonSchema: Readonly<Record<string, unknown>> | undefined;
  /** Variables the templates require, and those they only test with {{#if}}. */
  readonly variables: readonly string[];
  readonly optionalVariables: readonly string[];
  /** Variables the templates place with {{media url=x}} (images, PDFs, audio…), in order. */
  readonly mediaVariables: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly source: PromptSource | undefined;
  /** The configuration it was defined with. */
  readonly config: Readonly<PromptConfig>;
  /** Renders the chat messages, with no model and no key (the preview). */
  messages(...args: Args<V, { history?: readonly ChatMessage[] }>): ChatMessage[];
  /** Runs the prompt and resolves to the validated output. */
  run(...args: Args<V, RunOptions>): Promise<O>;
  /** Runs the prompt and resolves to the full result: output, text, usage, cost, latency, … */
  execute(...args: Args<V, RunOptions>): Promise<RunResult<O>>;
  /** Runs the prompt, streaming text deltas (and partial objects with an output schema). */
  stream(...args: Args<V, RunOptions>): PromptStream<O>;
  /** Runs many inputs with bounded concurrency; results keep the input order. */
  batch(inputs: readonly V[], options?: BatchOptions): Promise<RunResult<O>[]>;
  /** A variant with some settings changed (new hash); the original is untouched. */
  with<const C2 extends Partial<PromptConfig>>(
    overrides: C2,
  ): Prompt<VarsOf<Merge<C, C2>>, OutputOf<Merge<C, C2>>, Merge<C, C2>>;
}

type CheckInput<C> = C extends { input: infer S extends StandardSchemaV1 }
  ? string extends keyof ConfigVars<C>
    ? unknown
    : [Exclude<keyof ConfigVars<C>, keyof InferInput<S>>] extends [never]
      ? unknown
      : {
          "template variables missing from the input schema": Exclude<
            keyof ConfigVars<C>,
            keyof InferInput<S>
          >;
        }
  : unknown;

/**
 * Defines a typed prompt. Variables are type-checked: from `input` when given, otherwise from
 * the `{{placeholders}}` of literal templates. With `output`, `run()` resolves to its type.
 *
 * ```ts
 * const summarize = definePrompt({
 *   name: "summarize",
 *   system: "You write one-line summaries.",
 *   user: "Summarize: {{text}}",
 *   output: z.object({ summary: z.string() }),
 *   model: "openai:gpt-4o-mini",
 * });
 * const { summary } = await summarize.run({ text });
 * ```
 */
export function definePrompt<const C extends PromptConfig>(
  config: C & CheckInput<C>,
): Prompt<VarsOf<C>, OutputOf<C>, C> {
  return new PromptImpl(buildDefinition(config)) as unknown as Prompt<VarsOf<C>, OutputOf<C>, C>;
}

class PromptImpl {
  readonly #def: Definition;
  readonly #info: PromptInfo;
  #chain: { generation: number; run: (ctx: RunContext) => Promise<RunResult> } | undefined;

  constructor(def: Definition) {
    this.#def = def;
    this.#info = Object.freeze({
      ref: Object.freeze({ name: def.name, version: def.version, hash: def.hash }),
      name: def.name,
      version: def.version,
      hash: def.hash,
      description: def.config.description,
      file: def.config.source?.file,
      output: def.config.output,
      metadata: Object.freeze({ ...def.config.metadata }),
    });
    Object.freeze(this);
  }

  get name() {
    return this.#def.name;
  }
  get version() {
    return this.#def.version;
  }
  get description() {
    return this.#def.config.description;
  }
  get hash() {
    return this.#def.hash;
  }
  get model() {
    return this.#def.config.model;
  }
  get params() {
    return this.#def.config.params ?? {};
  }
  get input() {
    return this.#def.config.input;
  }
  get output() {
    return this.#def.config.output;
  }
  get outputJsonSchema() {
    return this.#def.outputJsonSchema;
  }
  get variables() {
    return [...this.#def.required.keys()];
  }
  get mediaVariables() {
    return this.#def.media;
  }
  get optionalVariables() {
    return [...this.#def.optional];
  }
  get metadata() {
    return this.#info.metadata;
  }
  get source() {
    return this.#def.config.source;
  }
  get config() {
    return this.#def.config;
  }

  messages(vars?: unknown, options: { history?: readonly ChatMessage[] } = {}): ChatMessage[] {
    const checked = checkVars(this.#def, vars);
    if (checked instanceof Promise) {
      throw new InvalidArgumentError(
        `input schema of prompt "${this.name}"`,
        "it validates asynchronously, so messages() cannot preview synchronously.",
        "Use a synchronous schema, or call execute() to run the prompt.",
      );
    }
    return renderMessages(this.#def, checked, options.history);
  }

  run(vars?: unknown, options?: RunOptions): Promise<unknown> {
    return this.#execute(vars, options ?? NO_OPTIONS, "generate", undefined, outputOf);
  }

  execute(vars?: unknown, options?: RunOptions): Promise<RunResult> {
    return this.#execute(vars, options ?? NO_OPTIONS, "generate", undefined, undefined);
  }

  stream(vars?: unknown, options?: RunOptions): PromptStream<unknown> {
    const abandoned = new AbortController();
    const queue = new EventQueue<unknown>(() =>
      abandoned.abort(new DOMException("The stream's reader stopped reading.", "AbortError")),
    );
    const signal = options?.signal ? AbortSignal.any([options.signal, abandoned.signal]) : abandoned.signal;
    let text = "";
    let lastPartial = "";
    let partials: Promise<void> = Promise.resolve();
    const wantsPartials = this.#def.config.output !== undefined;
    const emit = (event: StreamEvent<unknown>) => {
      queue.push(event);
      if (event.type === "repair") text = "";
      if (event.type !== "text-delta" || !wantsPartials) return;
      text += event.delta;
      const snapshot = text;
      partials = partials.then(async () => {
        const { value } = await (await loadAi()).parsePartialJson(snapshot);
        if (value === undefined || typeof value !== "object") return;
        const key = JSON.stringify(value);
        if (key === lastPartial) return;
        lastPartial = key;
        queue.push({ type: "partial-output", partial: value as never });
      });
    };
    const result = this.#execute(vars, { ...options, signal }, "stream", emit, undefined).then(
      async (r) => {
        await partials;
        queue.push({ type: "finish", result: r });
        queue.end();
        return r;
      },
      (error: unknown) => {
        queue.end({ error });
        throw error;
      },
    );
    return makePromptStream(queue, result);
  }

  async batch(inputs: readonly unknown[], options: BatchOptions = {}): Promise<RunResult[]> {
    if (!Array.isArray(inputs)) {
      throw new InvalidArgumentError(
        `batch inputs of prompt "${this.name}"`,
        "expected an array of variable objects.",
      );
    }
    const { concurrency = 4, ...runOptions } = options;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new InvalidArgumentError("batch concurrency", `expected a whole number ≥ 1, got ${concurrency}.`);
    }
    const { default: pLimit } = await import("p-limit"); // loaded on first batch: keeps import fast
    const limit = pLimit(concurrency);
    const results: (RunResult | undefined)[] = new Array(inputs.length).fill(undefined);
    const errors = new Map<number, unknown>();
    await Promise.all(
      inputs.map((vars, i) =>
        limit(async () => {
          try {
            results[i] = await this.#execute(vars, runOptions, "generate", undefined, undefined);
          } catch (error) {
            errors.set(i, error);
          }
        }),
      ),
    );
    if (errors.size > 0) throw new BatchError(this.name, results, errors);
    return results as RunResult[];
  }

  with(overrides: Partial<PromptConfig>): unknown {
    if (typeof overrides !== "object" || overrides === null) {
      throw new InvalidArgumentError("with() overrides", "expected an object of prompt settings.");
    }
    return new PromptImpl(buildDefinition({ ...this.#def.config, ...overrides }));
  }

  toJSON() {
    return { name: this.name, version: this.version, hash: this.hash, description: this.description };
  }

  /** Not `async`: on the hot path (a cache hit) every saved promise counts. */
  #execute<R = RunResult>(
    vars: unknown,
    options: RunOptions,
    mode: "generate" | "stream",
    emit: ((e: StreamEvent<unknown>) => void) | undefined,
    finish: ((result: RunResult) => R) | undefined,
  ): Promise<R> {
    try {
      const startedAt = performance.now();
      const def = this.#def;
      const cfg = getConfig();
      const spec = options.model ?? def.config.model ?? cfg.model;
      if (spec === undefined) {
        throw new InvalidArgumentError(
          "model",
          `prompt "${def.name}" has no model: none in the call, the prompt or configure().`,
          'Pass { model: "openai:gpt-4o-mini" } (or "mock" for a test run), set `model` in definePrompt(), or call configure({ model }).',
        );
      }
      const chain = resolveChain(spec, cfg.models);
      let signal = options.signal;
      if (options.timeoutMs !== undefined) {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        signal = signal ? AbortSignal.any([signal, timeout]) : timeout;
      }
      const params =
        cfg.params || options.params
          ? { ...cfg.params, ...def.config.params, ...options.params }
          : (def.config.params ?? NO_PARAMS);
      const start = (checked: Record<string, unknown>): Promise<R> => {
        const ctx = new Context(this.#info, checked, options, chain, params, mode, signal, startedAt, emit);
        if (signal?.aborted) return Promise.reject(abortError(ctx, signal.reason));
        const running = this.#chainFor(options)(ctx);
        const settled = signal ? raceAbort(running, signal, ctx) : running;
        return (finish ? settled.then(finish) : settled) as Promise<R>;
      };
      const checked = checkVars(def, vars);
      return checked instanceof Promise ? checked.then(start) : start(checked);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #chainFor(options: RunOptions): (ctx: RunContext) => Promise<RunResult> {
    const def = this.#def;
    const core = (ctx: RunContext) => executeCore(def, ctx);
    if (options.middleware?.length) return compose(this.#middleware(options.middleware), core);
    const generation = configGeneration();
    if (this.#chain?.generation !== generation) {
      this.#chain = { generation, run: compose(this.#middleware([]), core) };
    }
    return this.#chain.run;
  }

  #middleware(perCall: readonly Middleware[]): Middleware[] {
    return [
      usageMiddleware,
      ...(getConfig().middleware ?? []),
      ...(this.#def.config.middleware ?? []),
      ...perCall,
    ];
  }
}

function outputOf(result: RunResult): unknown {
  return result.output;
}

const NO_PARAMS: ModelParams = Object.freeze({});
const NO_OPTIONS: RunOptions = Object.freeze({});

let ai: Promise<typeof import("ai")> | undefined;
/** The AI SDK is loaded on first use (streaming partial objects), which keeps `import "flowprompt"` fast. */
function loadAi(): Promise<typeof import("ai")> {
  ai ??= import("ai");
  return ai;
}

function raceAbort(running: Promise<RunResult>, signal: AbortSignal, ctx: RunContext): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const onAbort = () => reject(abortError(ctx, signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    running.then(
      (r) => {
        signal.removeEventListener("abort", onAbort);
        resolve(r);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** True for prompts made by definePrompt/loadPrompt. */
export function isPrompt(value: unknown): value is Prompt {
  return value instanceof PromptImpl;
}
