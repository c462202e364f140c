import type { Flavor } from "./types.js";

/** Why a request failed; picks the provider's error type and default message. */
export type ErrorKind =
  | "missing-key"
  | "bad-key"
  | "model"
  | "route"
  | "invalid"
  | "rate-limit"
  | "server"
  | "unavailable"
  | "overloaded"
  | "other";

export interface ErrorDetail {
  /** Overrides the provider's default message. */
  message?: string;
  model?: string;
  param?: string;
  /** The error code (OpenAI's `code`; Gemini gets a field violation for `param` instead). */
  code?: string;
  retryAfter?: number;
}

export interface ErrorReply {
  status: number;
  body: unknown;
}

/** The kind that matches an HTTP status (for injected faults and responder errors). */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 400 || status === 422) return "invalid";
  if (status === 401) return "bad-key";
  if (status === 404) return "model";
  if (status === 429) return "rate-limit";
  if (status === 503) return "unavailable";
  if (status === 529) return "overloaded";
  if (status >= 500) return "server";
  return "other";
}

/** The body a real provider sends for this kind of failure. */
export function errorReply(flavor: Flavor, kind: ErrorKind, status: number, d: ErrorDetail = {}): ErrorReply {
  const message = d.message ?? defaultMessage(flavor, kind, d);
  switch (flavor) {
    case "anthropic":
      return { status, body: { type: "error", error: { type: anthropicType(kind, status), message } } };
    case "google":
      return {
        status,
        body: {
          error: { code: status, message, status: googleStatus(kind, status), ...googleDetails(kind, d) },
        },
      };
    case "mistral":
      return {
        status,
        body: {
          object: "error",
          message,
          type: openaiType(kind),
          param: d.param ?? null,
          code: mistralCode(kind),
        },
      };
    case "azure":
      return { status, body: { error: { code: azureCode(kind, status), message } } };
    default:
      return {
        status,
        body: {
          error: {
            message,
            type: openaiType(kind),
            param: d.param ?? null,
            code: d.code ?? openaiCode(kind),
          },
        },
      };
  }
}

const AZURE_ACCESS_DENIED =
  "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";

function defaultMessage(flavor: Flavor, kind: ErrorKind, d: ErrorDetail): string {
  const anthropic = flavor === "anthropic";
  const google = flavor === "google";
  const retry = d.retryAfter ?? 1;
  switch (kind) {
    case "missing-key":
      if (anthropic) return "x-api-key header is required";
      if (google)
        return "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
      if (flavor === "azure") return AZURE_ACCESS_DENIED;
      return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    case "bad-key":
      if (anthropic) return "invalid x-api-key";
      if (flavor === "azure") return AZURE_ACCESS_DENIED;
      if (google) return "API key not valid. Please pass a valid API key.";
      return "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.";
    case "model":
      if (anthropic) return `model: ${d.model}`;
      if (google)
        return `models/${d.model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`;
      if (flavor === "azure")
        return "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.";
      if (flavor === "ollama") return `model "${d.model}" not found, try pulling it first`;
      if (flavor === "mistral") return `Invalid model: ${d.model}`;
      return `The model \`${d.model}\` does not exist or you do not have access to it.`;
    case "route":
      return "Unknown request URL. Please check the URL for typos, or see the docs at https://platform.openai.com/docs/api-reference/.";
    case "invalid":
      return "Invalid request.";
    case "rate-limit":
      if (anthropic)
        return "This request would exceed the rate limit for your organization of requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.";
      if (google) return "Resource has been exhausted (e.g. check quota).";
      return `Rate limit reached for requests. Please try again in ${retry}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
    case "overloaded":
      return "Overloaded";
    case "unavailable":
      if (google) return "The model is overloaded. Please try again later.";
      return anthropic ? "Service unavailable" : "The server is overloaded or not ready yet.";
    case "server":
      if (anthropic) return "Internal server error";
      if (google)
        return "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
      return "The server had an error while processing your request. Sorry about that!";
    default:
      return "Request failed.";
  }
}

function anthropicType(kind: ErrorKind, status: number): string {
  if (kind === "missing-key" || kind === "bad-key") return "authentication_error";
  if (kind === "model" || kind === "route") return "not_found_error";
  if (kind === "invalid") return "invalid_request_error";
  if (kind === "rate-limit") return "rate_limit_error";
  if (kind === "overloaded") return "overloaded_error";
  if (status === 403) return "permission_error";
  if (status === 413) return "request_too_large";
  return "api_error";
}

function googleStatus(kind: ErrorKind, status: number): string {
  if (kind === "missing-key" || status === 403) return "PERMISSION_DENIED";
  if (kind === "bad-key" || kind === "invalid" || status === 400) return "INVALID_ARGUMENT";
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RESOURCE_EXHAUSTED";
  if (status === 503 || status === 529) return "UNAVAILABLE";
  if (status === 504) return "DEADLINE_EXCEEDED";
  return "INTERNAL";
}

function googleDetails(kind: ErrorKind, d: ErrorDetail): { details?: unknown[] } {
  if (kind === "invalid" && d.code === "field" && d.param)
    return {
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: d.param, description: d.message }],
        },
      ],
    };
  if (kind === "bad-key")
    return {
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
        },
      ],
    };
  if (kind === "rate-limit")
    return {
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${d.retryAfter ?? 1}s` }],
    };
  return {};
}

function openaiType(kind: ErrorKind): string {
  if (kind === "rate-limit") return "requests";
  if (kind === "server" || kind === "unavailable" || kind === "overloaded") return "server_error";
  return "invalid_request_error";
}

function openaiCode(kind: ErrorKind): string | null {
  const codes: Partial<Record<ErrorKind, string>> = {
    "bad-key": "invalid_api_key",
    model: "model_not_found",
    route: "unknown_url",
    "rate-limit": "rate_limit_exceeded",
  };
  return codes[kind] ?? null;
}

function mistralCode(kind: ErrorKind): string | null {
  const codes: Partial<Record<ErrorKind, string>> = { model: "1500", invalid: "3051", "rate-limit": "1300" };
  return codes[kind] ?? null;
}

function azureCode(kind: ErrorKind, status: number): string {
  if (kind === "model") return "DeploymentNotFound";
  if (kind === "invalid") return "BadRequest";
  if (kind === "server") return "InternalServerError";
  return String(status);
}
