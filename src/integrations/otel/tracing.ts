import {
  type Attributes,
  type Context,
  context,
  diag,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import { costOf } from "../../core/cost.js";
import type { Middleware, Next, RunContext } from "../../core/middleware.js";
import { addUsage, type ModelCallRecord, type RunResult, type Usage, zeroUsage } from "../../core/types.js";
import {
  ATTR,
  asException,
  errorType,
  finishReason,
  modelAttributes,
  modelName,
  OPERATION,
  paramAttributes,
  TRACER_NAME,
  usageAttributes,
} from "./attributes.js";
import { contentAttributes } from "./content.js";

export interface TracingOptions {
  /** Where spans go (default: the global provider, e.g. the one `exportTraces()` registers). */
  tracerProvider?: TracerProvider;
  /**
   * Records the variables, the run-time history and the reply text on run spans
   * (`flowprompt.prompt.variables`, `gen_ai.input.messages`, `gen_ai.output.messages`). Off by
   * default: prompts and replies often hold personal data.
   */
  recordContent?: boolean;
  /** One child span per model call (retries, fallbacks, repairs) under the run span (default true). */
  callSpans?: boolean;
  /** Extra run-span attributes (user id, session id, …), called when the run ends; `result` is undefined on failure. */
  attributes?: (ctx: RunContext, result: RunResult | undefined) => Attributes | undefined;
}

/**
 * OpenTelemetry tracing of runs, with the GenAI semantic conventions. Each run gets a CLIENT span
 * `chat {model}`, active while the rest of the chain runs (so spans made deeper, such as HTTP
 * client spans, nest under it), and, once it ends, one child span per model call with the times
 * the core recorded. Place it before `cache()` to trace cache hits too. Errors are recorded on the
 * span and rethrown unchanged.
 */
export function tracing(options: TracingOptions = {}): Middleware {
  const fixed: Tracer | undefined = options.tracerProvider?.getTracer(TRACER_NAME);
  const recordContent = options.recordContent === true;
  const withCalls = options.callSpans !== false;
  const extra = options.attributes;

  return async function tracingMiddleware(ctx: RunContext, next: Next): Promise<RunResult> {
    const tracer = fixed ?? trace.getTracer(TRACER_NAME);
    const parent = context.active();
    // Epoch-ms anchored like the core's call records, so call spans line up inside the run span.
    const startTime = Date.now();
    const startPerf = performance.now();
    const span = tracer.startSpan(
      `${OPERATION} ${modelName(ctx.modelId)}`,
      { kind: SpanKind.CLIENT, startTime, attributes: modelAttributes(ctx.modelId) },
      parent,
    );
    const active = trace.setSpan(parent, span);
    let result: RunResult;
    try {
      result = await context.with(active, next);
    } catch (error) {
      end(span, active, tracer, ctx, undefined, error, startTime + (performance.now() - startPerf));
      throw error;
    }
    end(span, active, tracer, ctx, result, undefined, startTime + (performance.now() - startPerf));
    return result;
  };

  function end(
    span: Span,
    active: Context,
    tracer: Tracer,
    ctx: RunContext,
    result: RunResult | undefined,
    error: unknown,
    endTime: number,
  ): void {
    if (!span.isRecording()) {
      span.end(endTime);
      return;
    }
    let last = endTime;
    try {
      const calls = result?.cached === true ? [] : ctx.calls;
      span.setAttributes(runAttributes(ctx, result, error, calls));
      if (recordContent) span.setAttributes(contentAttributes(ctx, result));
      if (result === undefined) {
        span.recordException(asException(error));
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      if (withCalls) {
        for (const call of calls) {
          callSpan(tracer, active, call, ctx);
          if (call.endTime > last) last = call.endTime;
        }
      }
    } catch (failure) {
      diag.error("flowprompt tracing: could not record a run span", failure);
    }
    try {
      const more = extra?.(ctx, result);
      if (more) span.setAttributes(more);
    } catch (failure) {
      diag.error("flowprompt tracing: the attributes() option threw", failure);
    }
    span.end(last);
  }
}

/** The run span's attributes once the run has ended. */
function runAttributes(
  ctx: RunContext,
  result: RunResult | undefined,
  error: unknown,
  calls: readonly ModelCallRecord[],
): Attributes {
  const attrs: Attributes = {
    [ATTR.promptName]: ctx.prompt.name,
    [ATTR.promptVersion]: ctx.prompt.version,
    [ATTR.promptHash]: ctx.prompt.hash,
    [ATTR.outputType]: ctx.prompt.output === undefined ? "text" : "json",
    [ATTR.stream]: ctx.mode === "stream",
  };
  paramAttributes(ctx.params, attrs);
  if (result !== undefined) {
    attrs[ATTR.responseModel] = modelName(result.model);
    attrs[ATTR.model] = result.model;
    attrs[ATTR.finishReasons] = [finishReason(result.finishReason)];
    attrs[ATTR.cacheHit] = result.cached;
    attrs[ATTR.attempts] = result.attempts;
    if (result.costUsd !== null) attrs[ATTR.costUsd] = result.costUsd;
    usageAttributes(result.usage, attrs);
    return attrs;
  }
  // A failed run: what was spent before it failed, and why it failed.
  attrs[ATTR.model] = calls.at(-1)?.model ?? ctx.modelId;
  attrs[ATTR.cacheHit] = false;
  attrs[ATTR.attempts] = calls.length;
  attrs[ATTR.errorType] = errorType(error);
  usageAttributes(
    calls.reduce((sum: Usage, call) => addUsage(sum, call.usage), zeroUsage()),
    attrs,
  );
  const cost = failedRunCost(calls);
  if (cost !== null) attrs[ATTR.costUsd] = cost;
  return attrs;
}

/** What the calls of a failed run cost, from the price table; null when a model has no known price. */
function failedRunCost(calls: readonly ModelCallRecord[]): number | null {
  let total = 0;
  for (const call of calls) {
    const usd = costOf(call.model, call.usage);
    if (usd === null) return null;
    total += usd;
  }
  return total;
}

/** One model call, as a child of the run span, with the start and end times the core recorded. */
function callSpan(tracer: Tracer, parent: Context, call: ModelCallRecord, ctx: RunContext): void {
  const attrs = modelAttributes(call.model);
  attrs[ATTR.model] = call.model;
  attrs[ATTR.attempt] = call.attempt;
  attrs[ATTR.callReason] = call.reason;
  paramAttributes(ctx.params, attrs);
  usageAttributes(call.usage, attrs);
  if (call.finishReason !== undefined) attrs[ATTR.finishReasons] = [finishReason(call.finishReason)];
  const span = tracer.startSpan(
    `${OPERATION} ${modelName(call.model)}`,
    { kind: SpanKind.CLIENT, startTime: call.startTime, attributes: attrs },
    parent,
  );
  if (!call.ok) {
    const failure = call.error;
    if (failure !== undefined) {
      span.setAttribute(ATTR.errorType, failure.code);
      span.setAttribute(ATTR.retryable, failure.retryable);
      if (failure.statusCode !== undefined) span.setAttribute(ATTR.httpStatus, failure.statusCode);
      span.recordException(
        { code: failure.code, name: failure.code, message: failure.message },
        call.endTime,
      );
    } else {
      span.setAttribute(ATTR.errorType, "_OTHER");
    }
    if (call.retryDelayMs !== undefined) span.setAttribute(ATTR.retryDelayMs, call.retryDelayMs);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure?.message ?? "model call failed" });
  }
  span.end(call.endTime);
}
