import type { ServerResponse } from "node:http";
import { delay } from "./http.js";
import type { SseEvent } from "./types.js";

export interface SseOptions {
  /** Spaces events carrying `tokens` so the text arrives at this pace. */
  tokensPerSecond?: number;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Sends only the first half of the events, then cuts the connection. */
  truncate?: boolean;
  headers?: Record<string, string>;
}

export type SseOutcome = "done" | "aborted" | "truncated";

/** One event in wire form: `event: <name>` (when named) and `data: <json>`. */
export function formatEvent(e: SseEvent): string {
  const data = typeof e.data === "string" ? e.data : JSON.stringify(e.data);
  return e.event ? `event: ${e.event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}

/** Streams `events` as server-sent events, paced by tokens per second. */
export async function writeSse(
  res: ServerResponse,
  events: readonly SseEvent[],
  o: SseOptions,
): Promise<SseOutcome> {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    ...o.headers,
  });
  res.flushHeaders();
  const count = o.truncate ? Math.max(1, Math.floor(events.length / 2)) : events.length;
  const tps = o.tokensPerSecond;
  const start = performance.now();
  let tokens = 0;
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    if (tps && tps > 0 && e.tokens) {
      const due = start + (tokens * 1000) / tps;
      tokens += e.tokens;
      const wait = due - performance.now();
      if (wait >= 1) await delay(wait, o.signal);
    }
    if (o.signal.aborted || res.destroyed) return "aborted";
    if (!res.write(formatEvent(e))) await drained(res, o.signal);
  }
  if (o.truncate) {
    await new Promise<void>((resolve) => res.write("", () => resolve()));
    res.socket?.destroy();
    return "truncated";
  }
  if (o.signal.aborted || res.destroyed) return "aborted";
  res.end();
  return "done";
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
