import { getConfig } from "../../core/config.js";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { DatasetRow, ModelLike } from "../../core/index.js";
import { resolveChain } from "../../core/model-registry.js";
import { isPrompt, type Prompt } from "../../core/prompt.js";
import { trackUsage } from "../../core/usage.js";
import type { VariantRunner } from "./types.js";

/** What `compare()` accepts as a variant: a prompt, a prompt file, or any function of the input. */
export type VariantLike = Prompt<never, unknown> | Prompt | string | ((input: never) => unknown);

/**
 * Turns variants into runners. Prompt files are loaded; functions are timed, and any FlowPrompt
 * calls they make inside are counted (usage and cost) through trackUsage.
 */
export async function toRunners(
  variants: Readonly<Record<string, VariantLike>>,
  options: { model?: ModelLike | undefined } = {},
): Promise<VariantRunner[]> {
  const entries = Object.entries(variants);
  const out: VariantRunner[] = [];
  for (const [name, variant] of entries) {
    if (typeof variant === "string") {
      const { loadPrompt } = await import("../../files/index.js");
      out.push(promptRunner(name, await loadPrompt(variant), options.model));
    } else if (isPrompt(variant)) {
      out.push(promptRunner(name, variant as Prompt, options.model));
    } else if (typeof variant === "function") {
      out.push(functionRunner(name, variant as (input: unknown) => unknown));
    } else {
      throw new InvalidArgumentError(
        `variant "${name}"`,
        `expected a prompt, a prompt file path or a function (input) => output, got ${variant === null ? "null" : typeof variant}.`,
      );
    }
  }
  return out;
}

function promptRunner(name: string, prompt: Prompt, model: ModelLike | undefined): VariantRunner {
  // The run's model (e.g. --model) wins: a comparison runs every variant on the same model.
  const useModel = model ?? (prompt.model === undefined ? getConfig().model : undefined);
  return {
    name,
    hash: prompt.hash,
    async call(row, run, signal) {
      const r = await prompt.execute(row.input as never, {
        sampleId: run,
        ...(useModel !== undefined && { model: useModel }),
        ...(signal && { signal }),
      });
      return {
        output: r.output,
        usage: r.usage,
        costUsd: r.costUsd,
        latencyMs: r.latencyMs,
        cached: r.cached,
        model: r.model,
      };
    },
    estimate(row: DatasetRow) {
      let chars = 0;
      try {
        for (const m of prompt.messages(row.input as never)) {
          chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content).length;
        }
      } catch {
        return undefined;
      }
      const spec = useModel ?? prompt.model;
      let id: string | undefined;
      try {
        id = spec === undefined ? undefined : resolveChain(spec, getConfig().models)[0]?.id;
      } catch {
        id = undefined;
      }
      return {
        inputTokens: Math.ceil(chars / 4),
        outputTokens: prompt.params.maxOutputTokens ?? 256,
        ...(id !== undefined && { model: id }),
      };
    },
  };
}

function functionRunner(name: string, fn: (input: unknown) => unknown): VariantRunner {
  return {
    name,
    async call(row) {
      const started = performance.now();
      const { value, usage } = await trackUsage(() => fn(row.input));
      return {
        output: value,
        usage: {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          cachedInputTokens: usage.cachedInputTokens,
          cacheWriteTokens: usage.cacheWriteTokens,
          reasoningTokens: usage.reasoningTokens,
          totalTokens: usage.totalTokens,
        },
        costUsd: usage.unpricedCalls > 0 ? null : usage.costUsd,
        latencyMs: performance.now() - started,
        cached: usage.calls > 0 && usage.cachedCalls === usage.calls,
      };
    },
  };
}
