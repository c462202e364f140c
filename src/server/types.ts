import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { MockCall, MockReply } from "../models/mock-model.js";
import type { MediaSummary } from "./media.js";
import type { MediaTokens } from "./media-tokens.js";

export type { MediaSummary, MediaTokens };

/** Which provider's dialect a request was spoken in (decides auth, error bodies and headers). */
export type Flavor = "openai" | "azure" | "mistral" | "ollama" | "openai-compatible" | "anthropic" | "google";

/** Which endpoint a request hit. */
export type Api =
  | "chat"
  | "responses"
  | "messages"
  | "generate-content"
  | "models"
  | "transcriptions"
  | "speech";

/**
 * A failure the server can inject: an HTTP status (answered with that provider's real error body;
 * 429 carries `retry-after`), `"html"` (a 502 HTML page from a "proxy"), `"html-200"` (an HTML page
 * with status 200 where JSON was expected), `"truncate"` (the connection closes mid-body or mid-stream)
 * or `"reset"` (the socket is destroyed before any response).
 */
export type FaultKind = number | "html" | "html-200" | "truncate" | "reset";

/** Which requests a scripted fault applies to. */
export type FaultMatch =
  | { provider?: Flavor; api?: Api; model?: string | RegExp; path?: string | RegExp; stream?: boolean }
  | ((request: RecordedRequest) => boolean);

export interface FaultSpec {
  /** What goes wrong. */
  status: FaultKind;
  /** How many matching requests fail (default: every one). */
  times?: number;
  /** Which requests (default: all). */
  match?: FaultMatch;
  /** `retry-after` in seconds for a 429 (default 1). */
  retryAfter?: number;
}

/** What the responder sees: the mock model's call plus where it came from. */
export interface ServerCall extends MockCall {
  provider: Flavor;
  api: Api;
  /** The model (or Azure deployment) the client asked for. */
  model: string;
  request: RecordedRequest;
}

export interface MockServerOptions {
  /** Port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** Scripts answers; same shape as `mockModel`'s responder (return `undefined` for the default reply). */
  responder?: (call: ServerCall) => MockReply | undefined | Promise<MockReply | undefined>;
  /** Fixed replies in order (the last repeats); not together with `responder`. */
  replies?: readonly MockReply[];
  /** Delay before the first byte of every answer, in ms (a request header `x-mock-latency` overrides it). */
  latencyMs?: number;
  /** Output pace: SSE chunks are spaced so the text arrives at this many tokens per second. */
  tokensPerSecond?: number;
  /** Server-side limits (token buckets refilled continuously); excess requests get 429 + `retry-after`. */
  rateLimits?: { rpm?: number; tpm?: number; burstSeconds?: number };
  /** Scripted faults, checked in order; each counts down its `times`. */
  faults?: FaultSpec[];
  /** Probability (0..1) that a request fails with one of `errorKinds` (seeded, so runs repeat). */
  errorRate?: number;
  /** Kinds drawn by `errorRate` (default `[429, 500, 503]`). */
  errorKinds?: FaultKind[];
  /** Seed of example answers and random faults (default 0). */
  seed?: number;
  /** Known model ids; when given, others get 404. Ids starting with "unknown" always get 404. */
  models?: readonly string[];
  /** When given, only this API key is accepted (others get the provider's 401 for a wrong key). */
  apiKey?: string;
  /** Keep every request in `requests` (default true). Turn off for long benchmarks. */
  record?: boolean;
  /**
   * Fake transcripts for `POST /v1/audio/transcriptions`, by the SHA-256 (hex, or a prefix of at
   * least 8 digits) of the uploaded audio; others get "transcript of <n> bytes of <type>".
   */
  transcripts?: Record<string, string>;
}

/** One request as the server received it (secrets redacted). */
export interface RecordedRequest {
  /** 0-based arrival number. */
  index: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; API keys and tokens replaced by "[redacted]". */
  headers: Record<string, string>;
  /**
   * The parsed JSON body (the raw text when it is not JSON, undefined when empty), with inline media
   * (data URLs, base64 fields) replaced by `"[<n> bytes, sha256 <prefix>]"`; a multipart form as
   * its fields, files summarized.
   */
  body: unknown;
  /** The media parts of the request's user messages, as the model received them. */
  media: MediaSummary[];
  provider: Flavor | undefined;
  api: Api | undefined;
  model: string | undefined;
  stream: boolean;
  /** Status sent (0 when the connection was reset or truncated before a status line). */
  status: number;
  /** The injected fault, if any. */
  fault: string | undefined;
}

export interface MockServerStats {
  requests: number;
  /** Answers sent with status 2xx. */
  ok: number;
  /** Requests answered with an error status or broken by a fault. */
  failed: number;
  byStatus: Record<string, number>;
  byProvider: Record<string, number>;
  faults: number;
  rateLimited: number;
  streams: number;
  /** Streams the client abandoned before the end. */
  aborted: number;
  inputTokens: number;
  outputTokens: number;
  inFlight: number;
  maxInFlight: number;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Base URLs to hand to each provider's SDK (`createOpenAI({ baseURL })`, …). */
  baseURLs: {
    openai: string;
    anthropic: string;
    google: string;
    mistral: string;
    azure: string;
    ollama: string;
    openaiCompatible: string;
  };
  /** Every request received, oldest first (unless `record: false`). */
  requests: RecordedRequest[];
  stats(): MockServerStats;
  /** Forgets recorded requests and statistics, and restarts request and call numbering. */
  reset(): void;
  close(): Promise<void>;
}

/** A function tool the client declared. */
export interface ToolSpec {
  name: string;
  description?: string;
  schema: object;
}

/** A request in provider-neutral form. */
export interface NormalizedRequest {
  model: string;
  stream: boolean;
  prompt: LanguageModelV4Prompt;
  maxOutputTokens?: number;
  temperature?: number;
  /** Structured output asked for (schema absent for plain JSON mode). */
  json?: { schema?: object; name?: string };
  tools: ToolSpec[];
  toolChoice: { type: "auto" | "none" | "required" } | { type: "tool"; name: string };
  /** Chat streams: usage in an extra chunk (OpenAI's `include_usage`) or in the final chunk (Mistral). */
  streamUsage?: "chunk" | "final";
  /** Estimated input tokens of the prompt's media, in the dialect's way of counting (set by the router). */
  media?: MediaTokens;
}

/** A request the wire format rejected, answered with that provider's 400. */
export interface InvalidRequest {
  invalid: string;
  param?: string;
  /** OpenAI's error `code` (e.g. "invalid_value"). */
  code?: string;
}

export interface AnswerUsage {
  input: number;
  output: number;
  cachedInput: number;
  cacheWrite: number;
  reasoning: number;
  /** Media tokens included in `input` (all 0 when a responder set the input tokens). */
  media: MediaTokens;
}

/** The mock's answer in provider-neutral form. */
export interface Answer {
  id: string;
  model: string;
  created: number;
  /** The text, or the tool call's JSON arguments. */
  text: string;
  toolCall?: { id: string; name: string; forced: boolean };
  usage: AnswerUsage;
  finish: "stop" | "length" | "content-filter" | "tool-calls" | "error" | "other";
}

/** One server-sent event; `tokens` paces it under `tokensPerSecond`. */
export interface SseEvent {
  event?: string;
  data: unknown;
  tokens?: number;
}

/** Where a request was routed. */
export interface Route {
  flavor: Flavor;
  api: Api;
  /** A model taken from the path (Gemini, Azure deployments). */
  model?: string;
  /** Streaming decided by the path (Gemini's `:streamGenerateContent`). */
  stream?: boolean;
}

/** One provider's wire format: reads its requests, writes its answers. */
export interface WireFormat {
  parse(body: unknown, route: Route): NormalizedRequest | InvalidRequest;
  json(answer: Answer, req: NormalizedRequest): unknown;
  events(answer: Answer, req: NormalizedRequest): SseEvent[];
}
