import type { ServerResponse } from "node:http";
import { type ErrorDetail, type ErrorKind, errorReply, kindOfStatus } from "./errors.js";
import type { Fault } from "./faults.js";
import { sendHtml, sendJson } from "./http.js";
import type { RateLimiter } from "./rate-limit.js";
import type { Flavor, RecordedRequest } from "./types.js";

/** Headers every answer of a dialect carries (request ids). */
export function baseHeaders(flavor: Flavor, rec: RecordedRequest): Record<string, string> {
  const id = `req_mock${rec.index.toString().padStart(8, "0")}`;
  if (flavor === "anthropic") return { "request-id": id };
  if (flavor === "google") return {};
  if (flavor === "azure") return { "apim-request-id": id, "x-request-id": id };
  return { "x-request-id": id };
}

/** Sends the dialect's error body; a 429 carries `retry-after` (seconds) and the rate-limit headers. */
export function sendError(
  res: ServerResponse,
  flavor: Flavor,
  rec: RecordedRequest,
  kind: ErrorKind,
  status: number,
  detail: ErrorDetail & { retryAfterMs?: number } = {},
  limiter?: RateLimiter,
): void {
  const headers = baseHeaders(flavor, rec);
  let retryAfter: number | undefined;
  if (status === 429) {
    const ms = detail.retryAfterMs ?? (detail.retryAfter ?? 1) * 1000;
    retryAfter = Math.max(1, Math.ceil(ms / 1000));
    headers["retry-after"] = String(retryAfter);
    if (flavor !== "anthropic" && flavor !== "google") headers["retry-after-ms"] = String(Math.ceil(ms));
    Object.assign(headers, limiter?.headers(flavor));
  }
  if (flavor === "anthropic" && kind === "overloaded") headers["x-should-retry"] = "true";
  const reply = errorReply(flavor, kind, status, { ...detail, retryAfter: retryAfter ?? detail.retryAfter });
  sendJson(res, reply.status, reply.body, headers);
}

/**
 * Applies a fault that answers at once (status, HTML, reset); returns false for `truncate`, which
 * breaks the answer later.
 */
export function applyFault(res: ServerResponse, flavor: Flavor, rec: RecordedRequest, fault: Fault): boolean {
  const k = fault.kind;
  if (k === "truncate") return false;
  if (k === "reset") {
    res.socket?.destroy();
    return true;
  }
  if (k === "html" || k === "html-200") {
    sendHtml(res, k === "html" ? 502 : 200);
    return true;
  }
  const detail =
    k === 429 || k >= 500 ? { retryAfter: fault.retryAfter } : { message: injectedMessage(flavor, k) };
  sendError(res, flavor, rec, kindOfStatus(k), k, detail);
  return true;
}

function injectedMessage(flavor: Flavor, status: number): string {
  return `Injected fault: HTTP ${status} from the FlowPrompt mock ${flavor} server.`;
}
