import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from "@ai-sdk/provider";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { type MockModel, type MockModelOptions, mockModel } from "../mock-model.js";
import { type CallShape, fromModelPrompt, readPrompt } from "./features.js";
import { metaSimDecision, readMeta } from "./meta.js";
import { decide, type SimDecision } from "./simulate.js";
import { isTaskName, TASK_NAMES, type TaskName } from "./tasks/index.js";

export interface SimModelOptions {
  /** The bundled task ("sentiment", "extract", "math"), or "auto" (default): recognised from each prompt. */
  task?: TaskName | "auto";
  /** Model id in results: default the task ("sim:sentiment"), or "sim" for "auto". */
  modelId?: string;
  /** Seed of every draw (default 0): the same seed, prompt and sample give the same reply. */
  seed?: number;
  /** Share of the per-input randomness common to every prompt, 0..1 (default 0.5). */
  coupling?: number;
  /** Delay before each reply, like the mock model's (`{ min, max }`: seeded jitter). */
  latencyMs?: MockModelOptions["latencyMs"];
  /** Characters per text-delta when streaming (default 10), and the delay between them. */
  chunkSize?: number;
  chunkDelayMs?: number;
  /** Keep each decision in `decisions` (default false). */
  record?: boolean;
}

/** An AI SDK `LanguageModelV4` that simulates an LLM on FlowPrompt's bundled example tasks. */
export interface SimModel extends LanguageModelV4 {
  readonly specificationVersion: "v4";
  readonly provider: "sim";
  readonly modelId: string;
  readonly task: TaskName | "auto";
  /** Every decision (with `record: true`), oldest first. */
  readonly decisions: readonly SimDecision[];
  /** The most recent decision (always kept). */
  readonly lastDecision: SimDecision | undefined;
  /** What the model would answer to these call options, without counting a call. */
  explain(options: LanguageModelV4CallOptions): SimDecision;
  /** Forgets decisions and restarts the sample counters. */
  reset(): void;
  doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult>;
  doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult>;
}

/**
 * A simulated model: offline, deterministic for a seed, and on the bundled tasks its answers depend
 * on the prompt (instructions, demos, format hints, "step by step") and the temperature by a
 * documented formula (docs/simulated-model.md). Its provider is "sim": results say "sim:<task>".
 */
export function simModel(options: SimModelOptions = {}): SimModel {
  return new SimulatedModel(options);
}

class SimulatedModel implements SimModel {
  readonly specificationVersion = "v4" as const;
  readonly provider = "sim" as const;
  readonly modelId: string;
  readonly task: TaskName | "auto";
  readonly supportedUrls = {};
  readonly decisions: SimDecision[] = [];
  lastDecision: SimDecision | undefined;
  private readonly inner: MockModel;
  private readonly seed: number;
  private readonly counters = new Map<number, number>();
  private readonly o: SimModelOptions;

  constructor(o: SimModelOptions) {
    this.o = o;
    const task = o.task ?? "auto";
    if (task !== "auto" && !isTaskName(task)) {
      throw new InvalidArgumentError(
        "simModel option task",
        `"${String(task)}" is not a simulated task; use one of ${TASK_NAMES.join(", ")} or "auto".`,
      );
    }
    const c = o.coupling;
    if (c !== undefined && !(c >= 0 && c <= 1)) {
      throw new InvalidArgumentError("simModel option coupling", `must be between 0 and 1, got ${c}.`);
    }
    this.task = task;
    this.seed = o.seed ?? 0;
    this.modelId = o.modelId ?? (task === "auto" ? "sim" : task);
    this.inner = mockModel({
      modelId: this.modelId,
      seed: this.seed,
      record: false,
      latencyMs: o.latencyMs,
      chunkSize: o.chunkSize,
      chunkDelayMs: o.chunkDelayMs,
      responder: (call) => ({ text: this.answer(call.options, true).text }),
    });
  }

  explain(options: LanguageModelV4CallOptions): SimDecision {
    return this.answer(options, false);
  }

  reset(): void {
    this.decisions.length = 0;
    this.lastDecision = undefined;
    this.counters.clear();
    this.inner.reset();
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const result = await this.inner.doGenerate(options);
    return { ...result, response: { ...result.response, id: `sim-${result.response?.id?.slice(5)}` } };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const { stream } = await this.inner.doStream(options);
    const relabel = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
      transform(part, controller) {
        controller.enqueue(
          part.type === "response-metadata" ? { ...part, id: `sim-${part.id?.slice(5)}` } : part,
        );
      },
    });
    return { stream: stream.pipeThrough(relabel) };
  }

  private answer(options: LanguageModelV4CallOptions, count: boolean): SimDecision {
    const format = options.responseFormat;
    const call: CallShape = {
      json: format?.type === "json",
      schema: format?.type === "json" ? format.schema : undefined,
      temperature: options.temperature,
    };
    const messages = fromModelPrompt(options.prompt);
    const fixed = this.task === "auto" ? undefined : this.task;
    // A request to write or improve an instruction is checked first: it quotes bundled inputs as examples.
    const meta = readMeta(messages, call, fixed);
    const reading = meta ? undefined : readPrompt(messages, call, fixed);
    const { promptHash, repairs } = meta ?? reading!;
    const sample = this.sample(promptHash, repairs > 0, call.temperature, options.seed, count);
    const decision = reading
      ? decide(reading, call, { seed: this.seed, coupling: this.o.coupling, sample })
      : metaSimDecision(meta!, call, { seed: this.seed, sample });
    if (count) {
      this.lastDecision = decision;
      if (this.o.record) this.decisions.push(decision);
    }
    return decision;
  }

  /**
   * The sample index: 0 at temperature 0; else the call's `seed` if given; else how many times this
   * exact prompt was asked before (a repair turn reuses its prompt's last sample).
   */
  private sample(
    key: number,
    repair: boolean,
    temperature: number | undefined,
    seed: number | undefined,
    count: boolean,
  ) {
    if (temperature === 0) return 0;
    if (seed !== undefined) return seed;
    const next = this.counters.get(key) ?? 0;
    if (repair) return Math.max(0, next - 1);
    if (count) this.counters.set(key, next + 1);
    return next;
  }
}
