import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { getConfig } from "./config.js";
import { costOf } from "./cost.js";
import type { Definition } from "./definition.js";
import { AbortedError } from "./errors/aborted-error.js";
import { FlowPromptError } from "./errors/flowprompt-error.js";
import { ModelCallError } from "./errors/model-call-error.js";
import { OutputTruncatedError } from "./errors/output-truncated-error.js";
import { OutputValidationError } from "./errors/output-validation-error.js";
import { formatIssues, type SchemaIssue } from "./errors/schema-issue.js";
import { TimeoutError } from "./errors/timeout-error.js";
import type { RunContext } from "./middleware.js";
import { toModelPrompt } from "./model-prompt.js";
import { extractJson } from "./parse-output.js";
import { renderMessages } from "./render.js";
import { validate } from "./schema.js";
import { addUsage, type FinishReason, type RunResult, type Usage, ZERO_USAGE } from "./types.js";

/** Models that said they cannot take a JSON schema: asked with instructions from then on. */
const noNativeSchema = new Set<string>();

interface Reply {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  warnings: unknown[];
}

/** The innermost step of every run: render, call the model, parse, validate, repair. */
export async function executeCore(def: Definition, ctx: RunContext): Promise<RunResult> {
  const messages = renderMessages(def, ctx.vars, ctx.history);
  const schema = def.outputJsonSchema;
  const mode = ctx.options.structuredOutput ?? getConfig().structuredOutput ?? "auto";
  const useNative =
    schema !== undefined && (mode === "native" || (mode === "auto" && !noNativeSchema.has(ctx.modelId)));
  const converted = toModelPrompt(messages, ctx.model, ctx.signal);
  const prompt = converted instanceof Promise ? await converted : converted;
  if (schema && !useNative) addSchemaInstructions(prompt, schema);

  const p = ctx.params;
  const call: LanguageModelV4CallOptions = {
    prompt,
    maxOutputTokens: p.maxOutputTokens,
    temperature: p.temperature,
    topP: p.topP,
    topK: p.topK,
    presencePenalty: p.presencePenalty,
    frequencyPenalty: p.frequencyPenalty,
    stopSequences: p.stopSequences ? [...p.stopSequences] : undefined,
    seed: p.seed,
    reasoning: p.reasoning,
    providerOptions: p.providerOptions,
    responseFormat: schema
      ? useNative
        ? { type: "json", schema, name: def.schemaName, description: def.config.description }
        : { type: "json" }
      : undefined,
    abortSignal: ctx.signal,
  };

  const repairs = ctx.options.repair ?? def.config.repair ?? getConfig().repair ?? 1;
  const replies: string[] = [];
  let usage: Usage = ZERO_USAGE;
  const warnings: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    const reply =
      ctx.mode === "stream" && attempt === 1 ? await streamOnce(ctx, call) : await generateOnce(ctx, call);
    replies.push(reply.text);
    usage = addUsage(usage, reply.usage);
    warnings.push(...reply.warnings);
    if (useNative && mode === "auto" && reply.warnings.some(isResponseFormatWarning))
      noNativeSchema.add(ctx.modelId);

    if (reply.finishReason === "length" && !(ctx.options.allowTruncated && !schema)) {
      throw new OutputTruncatedError(def.name, reply.text, call.maxOutputTokens, reply.usage.outputTokens);
    }
    let output: unknown = reply.text;
    let issues: SchemaIssue[] | undefined;
    let reason: "not-json" | "schema" = "schema";
    if (def.config.output) {
      const json = extractJson(reply.text);
      if (!json.ok) {
        issues = json.issues;
        reason = "not-json";
      } else {
        const checked = validate(def.config.output, json.value);
        const outcome = checked instanceof Promise ? await checked : checked;
        if (outcome.ok) output = outcome.value;
        else issues = outcome.issues;
      }
    }
    if (!issues) {
      return {
        output,
        text: reply.text,
        usage,
        costUsd: costOf(ctx.modelId, usage),
        latencyMs: performance.now() - ctx.startedAt,
        cached: false,
        attempts: attempt,
        model: ctx.modelId,
        prompt: ctx.prompt.ref,
        finishReason: reply.finishReason,
        warnings,
      };
    }
    if (attempt > repairs) {
      throw new OutputValidationError({ prompt: def.name, reason, text: reply.text, issues, replies });
    }
    const summary = formatIssues(issues, 10);
    ctx.emit({ type: "repair", attempt: attempt + 1, issues: summary });
    call.prompt = [
      ...call.prompt,
      { role: "assistant", content: [{ type: "text", text: reply.text }] },
      { role: "user", content: [{ type: "text", text: repairMessage(summary, schema) }] },
    ];
  }
}

function repairMessage(issues: string, schema: Record<string, unknown> | undefined): string {
  return (
    `Your reply was not valid: ${issues}.\n` +
    "Reply again with only the corrected JSON value, no other text" +
    (schema ? `, matching this JSON Schema:\n${JSON.stringify(schema)}` : ".")
  );
}

function addSchemaInstructions(prompt: LanguageModelV4Prompt, schema: Record<string, unknown>): void {
  const text = `Reply with only a JSON value, no other text, matching this JSON Schema:\n${JSON.stringify(schema)}`;
  const first = prompt[0];
  if (first?.role === "system") first.content = `${first.content}\n\n${text}`;
  else prompt.unshift({ role: "system", content: text });
}

function isResponseFormatWarning(w: unknown): boolean {
  const x = w as { type?: string; feature?: string; setting?: string };
  return (
    (x?.type === "unsupported" || x?.type === "unsupported-setting") &&
    /responseFormat/i.test(x.feature ?? x.setting ?? "")
  );
}

async function generateOnce(ctx: RunContext, call: LanguageModelV4CallOptions): Promise<Reply> {
  let res: LanguageModelV4GenerateResult;
  try {
    res = await ctx.model.doGenerate(call);
  } catch (error) {
    throw toCallError(ctx, error);
  }
  let text = res.structuredOutputText ?? "";
  if (!res.structuredOutputText) {
    for (const part of res.content) if (part.type === "text") text += part.text;
  }
  return {
    text,
    usage: fromUsage(res.usage),
    finishReason: res.finishReason.unified,
    warnings: (res as { warnings?: unknown[] }).warnings ?? [],
  };
}

async function streamOnce(ctx: RunContext, call: LanguageModelV4CallOptions): Promise<Reply> {
  let text = "";
  let usage: Usage = ZERO_USAGE;
  let finishReason: FinishReason = "other";
  const warnings: unknown[] = [];
  try {
    const { stream } = await ctx.model.doStream(call);
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value: part } = await reader.read();
        if (done) break;
        if (part.type === "text-delta") {
          text += part.delta;
          ctx.emit({ type: "text-delta", delta: part.delta });
        } else if (part.type === "finish") {
          usage = fromUsage(part.usage);
          finishReason = part.finishReason.unified;
        } else if (part.type === "stream-start") warnings.push(...part.warnings);
        else if (part.type === "error") throw part.error;
      }
    } finally {
      reader.releaseLock();
    }
  } catch (error) {
    throw toCallError(ctx, error);
  }
  return { text, usage, finishReason, warnings };
}

export function fromUsage(u: LanguageModelV4Usage): Usage {
  const input = u.inputTokens.total ?? 0;
  const output = u.outputTokens.total ?? 0;
  return {
    inputTokens: input,
    outputTokens: output,
    cachedInputTokens: u.inputTokens.cacheRead ?? 0,
    cacheWriteTokens: u.inputTokens.cacheWrite ?? 0,
    reasoningTokens: u.outputTokens.reasoning ?? 0,
    totalTokens: input + output,
  };
}

/** Maps what a model threw to a FlowPromptError, keeping the original as `cause`. */
export function toCallError(ctx: RunContext, error: unknown): Error {
  if (FlowPromptError.isInstance(error)) return error;
  if (ctx.signal?.aborted) return abortError(ctx, ctx.signal.reason);
  const e = error as { statusCode?: number; isRetryable?: boolean };
  return new ModelCallError({
    prompt: ctx.prompt.name,
    model: ctx.modelId,
    cause: error,
    statusCode: typeof e?.statusCode === "number" ? e.statusCode : undefined,
    retryable: e?.isRetryable === true,
  });
}

export function abortError(
  ctx: { prompt: { name: string }; options: { timeoutMs?: number } },
  reason: unknown,
) {
  const isTimeout = (reason as { name?: string })?.name === "TimeoutError";
  return isTimeout && ctx.options.timeoutMs !== undefined
    ? new TimeoutError(ctx.prompt.name, ctx.options.timeoutMs)
    : new AbortedError(ctx.prompt.name, reason);
}

export type { LanguageModelV4 };
