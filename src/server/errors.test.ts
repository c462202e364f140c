import { APICallError, generateText, streamText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { apiError, streamError } from "./test-utils/helpers.js";
import { PROVIDER_CASES } from "./test-utils/provider-cases.js";
import type { MockServer } from "./types.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** The error body each dialect uses, checked loosely (the AI SDK parsed its message from it). */
function expectProviderBody(flavor: string, body: unknown): void {
  if (flavor === "anthropic")
    expect(body).toMatchObject({ type: "error", error: { type: expect.any(String) } });
  else if (flavor === "google")
    expect(body).toMatchObject({ error: { code: expect.any(Number), status: expect.any(String) } });
  else if (flavor === "mistral") expect(body).toMatchObject({ object: "error", message: expect.any(String) });
  else expect(body).toMatchObject({ error: { message: expect.any(String) } });
}

const fault = (value: string) => ({ headers: { "x-mock-fault": value }, maxRetries: 0 });

describe.each(PROVIDER_CASES)("$name: errors surface as the AI SDK's APICallError", (c) => {
  const model = (o?: { apiKey?: string; modelId?: string }) => c.model(server, o);

  it("a missing API key is the provider's auth error (a keyless server such as Ollama answers)", async () => {
    if (c.missingKeyStatus === undefined) {
      const r = await generateText({ model: model({ apiKey: "" }), prompt: "x", maxRetries: 0 });
      expect(r.text.length).toBeGreaterThan(0);
      return;
    }
    const e = await apiError(generateText({ model: model({ apiKey: "" }), prompt: "x", maxRetries: 0 }));
    expect(e.statusCode).toBe(c.missingKeyStatus);
    expect(e.isRetryable).toBe(false);
    expectProviderBody(c.flavor, JSON.parse(e.responseBody!));
  });

  it("an unknown model is a 404 with the provider's body", async () => {
    const e = await apiError(
      generateText({ model: model({ modelId: "unknown-model" }), prompt: "x", maxRetries: 0 }),
    );
    expect(e.statusCode).toBe(404);
    expect(e.isRetryable).toBe(false);
    expectProviderBody(c.flavor, JSON.parse(e.responseBody!));
  });

  it("a 429 is retryable and carries retry-after", async () => {
    const e = await apiError(generateText({ model: model(), prompt: "x", ...fault("429") }));
    expect([e.statusCode, e.isRetryable]).toEqual([429, true]);
    expect(e.responseHeaders?.["retry-after"]).toBe("1");
    expectProviderBody(c.flavor, JSON.parse(e.responseBody!));
  });

  it.each(["500", "503", "529"])("a %s is retryable", async (status) => {
    const e = await apiError(generateText({ model: model(), prompt: "x", ...fault(status) }));
    expect([e.statusCode, e.isRetryable]).toEqual([Number(status), true]);
    expectProviderBody(c.flavor, JSON.parse(e.responseBody!));
  });

  it("a 400 is not retryable", async () => {
    const e = await apiError(generateText({ model: model(), prompt: "x", ...fault("400") }));
    expect([e.statusCode, e.isRetryable]).toEqual([400, false]);
  });

  it("an error before a stream starts reaches streamText's onError", async () => {
    const error = await streamError((onError) =>
      streamText({ model: model(), prompt: "x", ...fault("503"), onError }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(503);
  });

  it("an HTML error page from a gateway is a retryable 502", async () => {
    const e = await apiError(generateText({ model: model(), prompt: "x", ...fault("html") }));
    expect([e.statusCode, e.isRetryable]).toEqual([502, true]);
    expect(e.responseBody).toContain("<html>");
  });

  it("an HTML page with status 200 is an error, not a hang", async () => {
    const e = await apiError(generateText({ model: model(), prompt: "x", ...fault("html-200") }));
    expect(e.statusCode).toBe(200);
    expect(e.responseBody).toContain("<html>");
  });

  it("a truncated JSON body is an error", async () => {
    await expect(generateText({ model: model(), prompt: "x", ...fault("truncate") })).rejects.toThrow();
    expect(server.requests[0]!.fault).toBe("truncate");
  });

  it("a stream cut mid-way is an error, not a hang", async () => {
    const error = await streamError((onError) =>
      streamText({
        model: model(),
        prompt: "A long enough prompt for many chunks",
        ...fault("truncate"),
        onError,
      }),
    );
    expect(error).toBeDefined();
  });

  it("a connection reset is a retryable APICallError", async () => {
    const e = await apiError(generateText({ model: model(), prompt: "x", ...fault("reset") }));
    expect(e.isRetryable).toBe(true);
    expect(server.requests[0]).toMatchObject({ status: 0, fault: "reset" });
  });
});

describe("Anthropic's overloaded error", () => {
  it("is a 529 overloaded_error with x-should-retry", async () => {
    const c = PROVIDER_CASES.find((p) => p.flavor === "anthropic")!;
    const e = await apiError(generateText({ model: c.model(server), prompt: "x", ...fault("529") }));
    expect(JSON.parse(e.responseBody!)).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
    expect(e.message).toBe("Overloaded");
    expect(e.responseHeaders?.["x-should-retry"]).toBe("true");
  });
});
