import { APICallError, LoadAPIKeyError } from "@ai-sdk/provider";
import { FlowPromptError } from "./errors/flowprompt-error.js";
import { MissingApiKeyError } from "./errors/missing-api-key-error.js";
import { ModelCallError } from "./errors/model-call-error.js";
import { ProviderUnreachableError } from "./errors/provider-unreachable-error.js";

/** What the run loop needs to know about a failed call. */
export interface FailureInfo {
  error: FlowPromptError;
  /** 429, 5xx (529 overloaded included), connection resets and refusals, timeouts. Never other 4xx. */
  retryable: boolean;
  statusCode: number | undefined;
  /** From `retry-after-ms` / `retry-after` (seconds or an HTTP date). */
  retryAfterMs: number | undefined;
}

const CONNECTION_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|ECONNABORTED|EHOSTUNREACH|ENETUNREACH)$/;

/**
 * Maps what a provider (an AI SDK model) threw to a FlowPromptError with a clear message, and says
 * whether it is worth retrying. The provider's own error stays as `cause`.
 */
export function describeFailure(error: unknown, prompt: string, model: string): FailureInfo {
  if (ProviderUnreachableError.isInstance(error)) {
    // Refused, reset, DNS, timeouts: worth another try after a pause (a restarting server, a blip).
    return { error, retryable: true, statusCode: undefined, retryAfterMs: undefined };
  }
  if (FlowPromptError.isInstance(error)) {
    const e = error as FlowPromptError & { retryable?: boolean; statusCode?: number };
    return { error: e, retryable: e.retryable === true, statusCode: e.statusCode, retryAfterMs: undefined };
  }
  if (LoadAPIKeyError.isInstance(error)) {
    const envVar = /([A-Z][A-Z0-9_]*_API_KEY)/.exec(error.message)?.[1] ?? "the provider's API key variable";
    const provider = model.split(":")[0] ?? model;
    return {
      error: new MissingApiKeyError(provider, envVar, error),
      retryable: false,
      statusCode: undefined,
      retryAfterMs: undefined,
    };
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const retryAfterMs = parseRetryAfter(error.responseHeaders);
    if (status === undefined) {
      const code = connectionCode(error);
      const retryable = error.isRetryable || code !== undefined;
      const e =
        code || /connect|fetch failed|network|socket/i.test(error.message)
          ? new ProviderUnreachableError(model, error.url, error)
          : new ModelCallError({ prompt, model, cause: error, retryable });
      return { error: e, retryable, statusCode: undefined, retryAfterMs };
    }
    const retryable = status === 429 || status >= 500;
    const body = typeof error.responseBody === "string" ? error.responseBody.trimStart() : "";
    const cause = body.startsWith("<")
      ? Object.assign(
          new Error(
            `HTTP ${status} with an HTML page instead of JSON from ${error.url} (is the base URL right?)`,
          ),
          { cause: error },
        )
      : error;
    return {
      error: new ModelCallError({ prompt, model, cause, statusCode: status, retryable }),
      retryable,
      statusCode: status,
      retryAfterMs,
    };
  }
  const code = connectionCode(error);
  if (code !== undefined) {
    return {
      error: new ProviderUnreachableError(model, undefined, error),
      retryable: true,
      statusCode: undefined,
      retryAfterMs: undefined,
    };
  }
  const name = (error as { name?: string })?.name;
  const retryable = name === "TimeoutError";
  return {
    error: new ModelCallError({ prompt, model, cause: error, retryable }),
    retryable,
    statusCode: undefined,
    retryAfterMs: undefined,
  };
}

function connectionCode(error: unknown): string | undefined {
  for (let c = error, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.test(code)) return code;
  }
  return undefined;
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => {
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
    return undefined;
  };
  const ms = Number(get("retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && get("retry-after-ms") !== undefined) return ms;
  const raw = get("retry-after");
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
