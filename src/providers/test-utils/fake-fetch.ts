import type { FetchFunction } from "../settings.js";

/** One request the fake fetch received. */
export interface RecordedRequest {
  url: string;
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body. */
  body: Record<string, unknown>;
}

export type FakeReply = Response | Record<string, unknown> | ((request: RecordedRequest) => Response);

export interface FakeFetch extends FetchFunction {
  requests: RecordedRequest[];
  readonly last: RecordedRequest;
}

/** A `fetch` that records each request and answers with a canned JSON body (or a Response). No network. */
export function fakeFetch(reply: FakeReply): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const text = typeof init?.body === "string" ? init.body : "";
    const request: RecordedRequest = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? "GET",
      headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
    requests.push(request);
    if (typeof reply === "function") return reply(request);
    if (reply instanceof Response) return reply.clone();
    return Response.json(reply);
  };
  return Object.defineProperties(fn, {
    requests: { value: requests },
    last: {
      get(): RecordedRequest {
        const r = requests.at(-1);
        if (!r) throw new Error("no request was made");
        return r;
      },
    },
  }) as FakeFetch;
}

/** A `text/event-stream` response from SSE `data:` payloads (objects are sent as JSON). */
export function sse(events: readonly (Record<string, unknown> | string)[]): Response {
  const body = events.map((e) => `data: ${typeof e === "string" ? e : JSON.stringify(e)}\n\n`).join("");
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}
