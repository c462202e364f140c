import type { DatasetRow, ModelLike, Usage } from "../../core/index.js";

/** One variant × input × run, as persisted (one JSON line each) and analysed. */
export interface EvalRecord {
  variant: string;
  inputId: string;
  /** 0-based repeat number. */
  run: number;
  /** The variant's output (the validated value for prompts), or null when it failed. */
  output: unknown;
  /** Score in [0, 1]; 0 when the variant or the scorer failed. */
  score: number;
  reason?: string;
  details?: Record<string, unknown>;
  /** The variant's error or the scorer's, with its code; such a record scores 0 and is counted per variant. */
  error?: { code: string; message: string; stage: "variant" | "scorer" };
  usage: Usage;
  costUsd: number | null;
  latencyMs: number;
  cached: boolean;
  /** "provider:model-id" of the model that answered, when the variant is a prompt. */
  model?: string;
  /** The prompt's content hash, when the variant is a prompt: a resumed run refuses a changed prompt. */
  promptHash?: string;
  category?: string;
  /** Epoch ms when it finished. */
  at: number;
}

/** What the runner needs of a variant: one call for one row and repeat. */
export interface VariantRunner {
  name: string;
  /** Content hash (prompts) so a resumed run can check it is still the same variant. */
  hash?: string;
  call(
    row: DatasetRow,
    run: number,
    signal: AbortSignal | undefined,
  ): Promise<{
    output: unknown;
    usage?: Usage;
    costUsd?: number | null;
    latencyMs?: number;
    cached?: boolean;
    model?: string;
  }>;
  /** Rough cost estimate of one call (dry runs and budgets): tokens in and out, and the model. */
  estimate?(row: DatasetRow): { inputTokens: number; outputTokens: number; model?: string } | undefined;
}

/** Judges one output; never throws (errors come back in `error`). */
export type ScoreFn = (
  output: unknown,
  row: DatasetRow,
  signal: AbortSignal | undefined,
) => Promise<{
  score: number;
  reason?: string;
  details?: Record<string, unknown>;
  error?: { code: string; message: string };
}>;

export interface RunProgress {
  done: number;
  total: number;
  /** Records reused from an earlier, interrupted run. */
  resumed: number;
  failed: number;
  costUsd: number;
  elapsedMs: number;
  /** Estimated ms left, from the rate so far. */
  etaMs: number | undefined;
}

export interface RunEvaluationOptions {
  variants: readonly VariantRunner[];
  dataset: readonly DatasetRow[];
  score: ScoreFn;
  /** Repeats per variant and input (default 1). */
  runs?: number;
  /** Calls in flight at once (default 4). Provider rate limits apply on top (configure({ rateLimiter })). */
  concurrency?: number;
  /** A JSONL file: records are appended as they finish, and an existing file is resumed. */
  recordsFile?: string;
  /** Stop before the estimated spend would pass this many USD. */
  budgetUsd?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Default model for prompt variants without one. */
  model?: ModelLike;
  /**
   * Asked after each batch of records: return true to stop (sequential testing). The records so far
   * are complete for every variant of every input that was started.
   */
  shouldStop?: (records: readonly EvalRecord[]) => boolean;
}
