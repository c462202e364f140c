import type { IncomingMessage, ServerResponse } from "node:http";
import { AnswerError, type Answerer } from "./answer.js";
import { serveAudio } from "./audio.js";
import { kindOfStatus } from "./errors.js";
import type { Faults } from "./faults.js";
import {
  delay,
  header,
  parseBody,
  readBody,
  redactHeaders,
  redactQuery,
  sendJson,
  sendTruncatedJson,
} from "./http.js";
import { shrinkMedia, summarizeMedia } from "./media.js";
import { mediaTokens } from "./media-tokens.js";
import type { RateLimiter } from "./rate-limit.js";
import { applyFault, baseHeaders, sendError } from "./replies.js";
import { apiKeyOf, modelList, needsKey, route, wireFormat } from "./routes.js";
import { writeSse } from "./sse.js";
import { promptTokens } from "./tokens.js";
import type { MockServerOptions, MockServerStats, RecordedRequest, Route } from "./types.js";

/** The server's state, shared by every request. */
export interface Context {
  options: MockServerOptions;
  answerer: Answerer;
  faults: Faults;
  limiter: RateLimiter;
  stats: MockServerStats;
  requests: RecordedRequest[];
  next: number;
  /** Aborted when the server closes. */
  closing: AbortController;
}

/** Handles one HTTP request from start to finish; never throws. */
export async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const s = ctx.stats;
  s.requests++;
  s.inFlight++;
  s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.on("close", () => {
    if (!res.writableFinished) abort();
  });
  ctx.closing.signal.addEventListener("abort", abort, { once: true });
  let rec: RecordedRequest | undefined;
  try {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const r = route(req, url.pathname);
    const multipart = /^multipart\//i.test(header(req, "content-type") ?? "");
    const parsed = multipart ? { value: undefined, json: false } : parseBody(raw.toString("utf8"));
    const body = parsed.value as { model?: unknown; stream?: unknown } | undefined;
    rec = {
      index: ctx.next++,
      method: req.method ?? "GET",
      path: url.pathname,
      query: redactQuery(url.searchParams),
      headers: redactHeaders(req),
      body: parsed.json ? shrinkMedia(parsed.value) : parsed.value,
      media: [],
      provider: r?.flavor,
      api: r?.api,
      model: r?.model ?? (typeof body?.model === "string" ? body.model : undefined),
      stream: r?.stream ?? body?.stream === true,
      status: 0,
      fault: undefined,
    };
    if (ctx.options.record !== false) ctx.requests.push(rec);
    await serve(ctx, req, res, rec, r, { ...parsed, raw }, url, gone.signal);
  } catch (error) {
    if (!res.headersSent && !res.destroyed) {
      sendJson(res, 500, {
        error: { message: `Mock server error: ${(error as Error).message}`, type: "server_error" },
      });
    }
  } finally {
    ctx.closing.signal.removeEventListener("abort", abort);
    s.inFlight--;
    const status = res.headersSent && !(rec?.fault === "reset") ? res.statusCode : 0;
    if (rec) rec.status = status;
    s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
    if (status >= 200 && status < 300 && rec?.fault !== "truncate") s.ok++;
    else s.failed++;
    if (rec?.provider) s.byProvider[rec.provider] = (s.byProvider[rec.provider] ?? 0) + 1;
  }
}

async function serve(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
  r: Route | undefined,
  parsed: { value: unknown; json: boolean; raw: Buffer },
  url: URL,
  signal: AbortSignal,
): Promise<void> {
  if (!r) {
    const detail = {
      message: `Unknown request URL: ${rec.method} ${rec.path}. Please check the URL for typos.`,
    };
    sendError(res, "openai", rec, "route", 404, detail);
    return;
  }
  const flavor = r.flavor;
  const key = apiKeyOf(flavor, req, url.searchParams);
  if (needsKey(flavor) && key === undefined)
    return sendError(res, flavor, rec, "missing-key", flavor === "google" ? 403 : 401);
  if (ctx.options.apiKey !== undefined && key !== undefined && key !== ctx.options.apiKey)
    return sendError(res, flavor, rec, "bad-key", flavor === "google" ? 400 : 401);
  let fault: ReturnType<Faults["pick"]>;
  try {
    fault = ctx.faults.pick(header(req, "x-mock-fault"), rec);
  } catch (error) {
    return sendError(res, flavor, rec, "invalid", 400, { message: (error as Error).message });
  }
  if (fault) {
    ctx.stats.faults++;
    rec.fault = String(fault.kind);
    if (applyFault(res, flavor, rec, fault)) return;
  }
  if (r.api === "models")
    return sendJson(res, 200, modelList(flavor, ctx.options.models), baseHeaders(flavor, rec));
  if (r.api === "transcriptions" || r.api === "speech") {
    const latency = Number(header(req, "x-mock-latency") ?? ctx.options.latencyMs ?? 0);
    await delay(Number.isFinite(latency) ? latency : 0, signal);
    if (signal.aborted) return;
    return serveAudio(ctx, req, res, rec, r, parsed.raw, parsed.value);
  }
  if (!parsed.json) {
    const message = "We could not parse the JSON body of your request. The request body must be valid JSON.";
    return sendError(res, flavor, rec, "invalid", 400, { message });
  }
  const format = wireFormat(r);
  const n = format.parse(parsed.value, r);
  if ("invalid" in n)
    return sendError(res, flavor, rec, "invalid", 400, { message: n.invalid, param: n.param, code: n.code });
  rec.model = n.model;
  rec.stream = n.stream;
  rec.media = summarizeMedia(n.prompt);
  n.media = mediaTokens(n.prompt, flavor, n.model);
  const models = ctx.options.models;
  if (n.model.startsWith("unknown") || (models && !models.includes(n.model)))
    return sendError(res, flavor, rec, "model", 404, { model: n.model });
  const admission = ctx.limiter.admit(promptTokens(n.prompt) + n.media.total);
  if (!admission.ok) {
    ctx.stats.rateLimited++;
    const what = admission.limit === "requests" ? "requests per min (RPM)" : "tokens per min (TPM)";
    const wait = (admission.retryAfterMs / 1000).toFixed(3);
    const message = `Rate limit reached for ${n.model} on ${what}: Limit ${admission.perMinute}. Please try again in ${wait}s.`;
    return sendError(
      res,
      flavor,
      rec,
      "rate-limit",
      429,
      { message, retryAfterMs: admission.retryAfterMs },
      ctx.limiter,
    );
  }
  const latency = Number(header(req, "x-mock-latency") ?? ctx.options.latencyMs ?? 0);
  await delay(Number.isFinite(latency) ? latency : 0, signal);
  if (signal.aborted) return;
  let answer: Awaited<ReturnType<Answerer["answer"]>>;
  try {
    answer = await ctx.answerer.answer(
      n,
      { provider: flavor, api: r.api, model: n.model, request: rec },
      signal,
    );
  } catch (error) {
    if (!(error instanceof AnswerError)) throw error;
    return sendError(res, flavor, rec, kindOfStatus(error.status), error.status, { message: error.message });
  }
  ctx.limiter.charge(answer.usage.output);
  ctx.stats.inputTokens += answer.usage.input;
  ctx.stats.outputTokens += answer.usage.output;
  const headers = { ...baseHeaders(flavor, rec), ...ctx.limiter.headers(flavor) };
  const truncate = fault?.kind === "truncate";
  const tps = ctx.options.tokensPerSecond;
  if (n.stream) {
    ctx.stats.streams++;
    const events = format.events(answer, n);
    const outcome = await writeSse(res, events, { tokensPerSecond: tps, signal, truncate, headers });
    if (outcome === "aborted") ctx.stats.aborted++;
    return;
  }
  if (tps && tps > 0) await delay((answer.usage.output * 1000) / tps, signal);
  if (signal.aborted) return;
  if (truncate) sendTruncatedJson(res, format.json(answer, n), headers);
  else sendJson(res, 200, format.json(answer, n), headers);
}
