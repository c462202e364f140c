import type { IncomingMessage, ServerResponse } from "node:http";

const SECRET_HEADERS = new Set([
  "authorization",
  "x-api-key",
  "x-goog-api-key",
  "api-key",
  "ocp-apim-subscription-key",
]);
const MAX_BODY = 64 * 1024 * 1024;

/** The request body's bytes (empty when there is none); rejects bodies over 64 MiB. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
export function parseBody(text: string): { value: unknown; json: boolean } {
  if (text.trim() === "") return { value: undefined, json: false };
  try {
    return { value: JSON.parse(text), json: true };
  } catch {
    return { value: text, json: false };
  }
}

/** Lower-case headers with API keys and tokens replaced by "[redacted]". */
export function redactHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const v = Array.isArray(value) ? value.join(", ") : value;
    out[name] = SECRET_HEADERS.has(name) && v !== "" ? "[redacted]" : v;
  }
  return out;
}

/** Query parameters, with Gemini's `?key=` redacted. */
export function redactQuery(params: URLSearchParams): Record<string, string> {
  const out = Object.fromEntries(params);
  if (out.key) out.key = "[redacted]";
  return out;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, status === 529 ? "Overloaded" : undefined, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends the head and half of a JSON body that announces its full length, then cuts the connection. */
export function sendTruncatedJson(
  res: ServerResponse,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(200, { "content-type": "application/json", "content-length": text.length, ...headers });
  res.write(text.subarray(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
}

/** A gateway's HTML error page, where the client expects JSON. */
export function sendHtml(res: ServerResponse, status: number): void {
  const title = status === 200 ? "Maintenance" : `${status} Bad Gateway`;
  const html = `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
  });
  res.end(html);
}

/** Waits `ms`, or resolves early when `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
