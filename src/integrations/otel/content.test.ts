import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../core/types.js";
import { toOtelMessage } from "./content.js";
import { fakeCore, fakeRun, tracingHarness } from "./fake-run.case.js";
import { tracing } from "./tracing.js";

const h = tracingHarness();
afterEach(() => h.exporter.reset());
afterAll(() => h.close());

const history: ChatMessage[] = [
  { role: "user", content: "Hi, I am Ada." },
  { role: "assistant", content: [{ type: "text", text: "Hello Ada." }] },
];
const CONTENT_KEYS = ["gen_ai.input.messages", "gen_ai.output.messages", "flowprompt.prompt.variables"];

describe("tracing(): prompt and completion text", () => {
  it("is not recorded unless asked for", async () => {
    const ctx = fakeRun({ history, vars: { text: "secret" } });
    await tracing({ tracerProvider: h.provider })(ctx, fakeCore(ctx));
    for (const span of h.spans()) {
      for (const key of CONTENT_KEYS) expect(span.attributes[key]).toBeUndefined();
      expect(JSON.stringify(span.attributes)).not.toContain("secret");
      expect(JSON.stringify(span.attributes)).not.toContain("A summary.");
    }
  });

  it("records the variables, the history and the reply with recordContent: true", async () => {
    const ctx = fakeRun({ history, vars: { text: "An article." } });
    await tracing({ tracerProvider: h.provider, recordContent: true })(ctx, fakeCore(ctx));
    const run = h.runSpans()[0]!;
    expect(JSON.parse(run.attributes["flowprompt.prompt.variables"] as string)).toEqual({
      text: "An article.",
    });
    expect(JSON.parse(run.attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "Hi, I am Ada." }] },
      { role: "assistant", parts: [{ type: "text", content: "Hello Ada." }] },
    ]);
    expect(JSON.parse(run.attributes["gen_ai.output.messages"] as string)).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "A summary." }], finish_reason: "stop" },
    ]);
    for (const call of h.callSpans()) {
      for (const key of CONTENT_KEYS) expect(call.attributes[key]).toBeUndefined();
    }
  });

  it("records the input of a failed run, without output messages", async () => {
    const ctx = fakeRun({ vars: { n: 1n } });
    const mw = tracing({ tracerProvider: h.provider, recordContent: true });
    await expect(mw(ctx, fakeCore(ctx, [], new Error("x")))).rejects.toThrow("x");
    const a = h.runSpans()[0]!.attributes;
    expect(a["gen_ai.output.messages"]).toBeUndefined();
    expect(a["gen_ai.input.messages"]).toBeUndefined();
    // Variables JSON cannot hold are noted, not a crash.
    expect(JSON.parse(a["flowprompt.prompt.variables"] as string)).toHaveProperty("unserializable");
  });
});

describe("toOtelMessage", () => {
  it("maps AI SDK parts to the conventions' parts", () => {
    expect(
      toOtelMessage({
        role: "user",
        content: [
          { type: "text", text: "Look:" },
          { type: "image", image: new URL("https://example.com/cat.png"), mediaType: "image/png" },
          { type: "image", image: new Uint8Array([1, 2, 3]) },
          { type: "file", data: "https://example.com/a.pdf", mediaType: "application/pdf" },
          { type: "file", data: new Uint8Array([1]), mediaType: "audio/wav" },
          { type: "file", data: new Uint8Array([1]), mediaType: "video/mp4" },
        ],
      }),
    ).toEqual({
      role: "user",
      parts: [
        { type: "text", content: "Look:" },
        { type: "uri", modality: "image", mime_type: "image/png", uri: "https://example.com/cat.png" },
        { type: "blob", modality: "image" },
        { type: "uri", modality: "document", mime_type: "application/pdf", uri: "https://example.com/a.pdf" },
        { type: "blob", modality: "audio", mime_type: "audio/wav" },
        { type: "blob", modality: "video", mime_type: "video/mp4" },
      ],
    });
    expect(
      toOtelMessage({
        role: "assistant",
        content: [
          { type: "reasoning", text: "Think." },
          { type: "tool-call", toolCallId: "c1", toolName: "weather", input: { city: "Paris" } },
        ],
      }),
    ).toEqual({
      role: "assistant",
      parts: [
        { type: "reasoning", content: "Think." },
        { type: "tool_call", id: "c1", name: "weather", arguments: { city: "Paris" } },
      ],
    });
    expect(
      toOtelMessage({
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "c1",
            toolName: "weather",
            output: { type: "text", value: "rain" },
          },
        ],
      }),
    ).toEqual({
      role: "tool",
      parts: [{ type: "tool_call_response", id: "c1", result: { type: "text", value: "rain" } }],
    });
    expect(toOtelMessage({ role: "system", content: "Be brief." })).toEqual({
      role: "system",
      parts: [{ type: "text", content: "Be brief." }],
    });
  });
});
