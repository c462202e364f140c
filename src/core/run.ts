import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Prompt } from "@ai-sdk/provider";
import { getConfig } from "./config.js";
import { costOf } from "./cost.js";
import type { Definition } from "./definition.js";
import { AbortedError } from "./errors/aborted-error.js";
import { OutputTruncatedError } from "./errors/output-truncated-error.js";
import { OutputValidationError } from "./errors/output-validation-error.js";
import { formatIssues, type SchemaIssue } from "./errors/schema-issue.js";
import { TimeoutError } from "./errors/timeout-error.js";
import type { RunContext } from "./middleware.js";
import { callModels } from "./model-call.js";
import { toModelPrompt } from "./model-prompt.js";
import type { ResolvedModel } from "./model-registry.js";
import { extractJson } from "./parse-output.js";
import { renderMessages } from "./render.js";
import { validate } from "./schema.js";
import { addUsage, type RunResult, type Usage, ZERO_USAGE } from "./types.js";

/** Models that said they cannot take a JSON schema: asked with instructions from then on. */
const noNativeSchema = new Set<string>();

/** The innermost step of every run: render, call the model, parse, validate, repair. */
export async function executeCore(def: Definition, ctx: RunContext): Promise<RunResult> {
  const messages = renderMessages(def, ctx.vars, ctx.history);
  ctx.messages = messages;
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
  let chain: readonly ResolvedModel[] = [{ model: ctx.model, id: ctx.modelId }, ...ctx.fallbacks];
  for (let attempt = 1; ; attempt++) {
    const reply = await callModels(ctx, chain, call, {
      stream: ctx.mode === "stream" && attempt === 1,
      first: attempt === 1 ? "initial" : "repair",
    });
    chain = [reply.answered];
    replies.push(reply.text);
    usage = addUsage(usage, reply.usage);
    warnings.push(...reply.warnings);
    if (useNative && mode === "auto" && reply.warnings.some(isResponseFormatWarning))
      noNativeSchema.add(reply.answered.id);

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
        costUsd: costOf(reply.answered.id, usage),
        latencyMs: performance.now() - ctx.startedAt,
        cached: false,
        attempts: ctx.calls.length,
        model: reply.answered.id,
        prompt: ctx.prompt.ref,
        finishReason: reply.finishReason,
        warnings,
        calls: [...ctx.calls],
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
