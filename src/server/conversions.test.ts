import { describe, expect, it } from "vitest";
import { anthropicMessages } from "./anthropic.js";
import { geminiGenerateContent } from "./gemini.js";
import { PromptBuilder, text, toolResult } from "./prompt.js";
import { promptTokens, splitChunks } from "./tokens.js";
import type { InvalidRequest, NormalizedRequest, Route } from "./types.js";

const chatRoute: Route = { flavor: "openai", api: "chat" };
const ok = (r: NormalizedRequest | InvalidRequest): NormalizedRequest => {
  if ("invalid" in r) throw new Error(r.invalid);
  return r;
};

describe("Anthropic requests", () => {
  it("read system blocks, images and documents, tool use and results, and tool choices", () => {
    const r = ok(
      anthropicMessages.parse(
        {
          model: "claude-sonnet-4-5",
          max_tokens: 10,
          temperature: 0,
          system: [
            { type: "text", text: "A" },
            { type: "text", text: "B" },
          ],
          output_format: { type: "json_schema", schema: { type: "object" } },
          tool_choice: { type: "any" },
          messages: [
            {
              role: "user",
              content: [
                { type: "image", source: { type: "url", url: "https://example.com/a.png" } },
                { type: "document", source: { type: "text", data: "Doc text" } },
                { type: "document", source: { type: "file", file_id: "f" } },
                "junk",
              ],
            },
            { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "f", input: { x: 1 } }] },
            {
              role: "user",
              content: [{ type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "res" }] }],
            },
            { role: "user", content: 42 },
          ],
        },
        chatRoute,
      ),
    );
    expect(r.prompt[0]).toEqual({ role: "system", content: "A\nB" });
    expect([r.json, r.toolChoice, r.temperature]).toEqual([
      { schema: { type: "object" } },
      { type: "required" },
      0,
    ]);
    expect(r.prompt.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
    expect(r.prompt[3]!.content[0]).toMatchObject({ toolName: "f", output: { type: "text", value: "res" } });
    const choice = (c: unknown) =>
      ok(anthropicMessages.parse({ model: "m", max_tokens: 1, messages: [], tool_choice: c }, chatRoute))
        .toolChoice;
    expect([choice({ type: "none" }), choice({ type: "auto" }), choice("x")]).toEqual([
      { type: "none" },
      { type: "auto" },
      { type: "auto" },
    ]);
  });

  it("reject bodies the API rejects", () => {
    const parse = (b: unknown) => anthropicMessages.parse(b, chatRoute);
    expect(parse([])).toEqual({ invalid: "Input should be a valid dictionary" });
    expect(parse({ model: 1, max_tokens: 1, messages: [] })).toMatchObject({ param: "model" });
    expect(parse({ model: "m", max_tokens: "1", messages: [] })).toMatchObject({ param: "max_tokens" });
    expect(parse({ model: "m", max_tokens: 1, messages: {} })).toMatchObject({ param: "messages" });
  });
});

describe("Gemini requests", () => {
  it("read inline and file data, function calls and responses, and tool modes", () => {
    const route: Route = { flavor: "google", api: "generate-content", model: "gemini-2.5-flash" };
    const r = ok(
      geminiGenerateContent.parse(
        {
          systemInstruction: { parts: [{ text: "Sys" }] },
          generationConfig: { maxOutputTokens: 5, temperature: 1, responseMimeType: "application/json" },
          contents: [
            {
              role: "user",
              parts: [
                { inlineData: { mimeType: "image/png", data: "AAAA" } },
                { fileData: { mimeType: "application/pdf", fileUri: "https://example.com/f.pdf" } },
                "junk",
              ],
            },
            { role: "model", parts: [{ functionCall: { name: "f", args: { a: 1 } } }] },
            { role: "user", parts: [{ functionResponse: { name: "f", response: { ok: true } } }] },
          ],
          tools: [
            { functionDeclarations: [{ name: "f", parametersJsonSchema: { type: "object" } }, "junk"] },
            {},
          ],
          toolConfig: { functionCallingConfig: { mode: "NONE" } },
        },
        route,
      ),
    );
    expect([r.model, r.maxOutputTokens, r.temperature, r.json, r.toolChoice]).toEqual([
      "gemini-2.5-flash",
      5,
      1,
      {},
      { type: "none" },
    ]);
    expect(r.tools).toEqual([{ name: "f", description: undefined, schema: { type: "object" } }]);
    expect(r.prompt.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(r.prompt[2]!.content).toEqual([
      { type: "tool-call", toolCallId: "f-0", toolName: "f", input: { a: 1 } },
    ]);
    expect(r.prompt[3]!.content[0]).toMatchObject({ output: { type: "json", value: { ok: true } } });
    const mode = (m: string, names?: string[]) =>
      ok(
        geminiGenerateContent.parse(
          {
            contents: [{ parts: [{ text: "x" }] }],
            toolConfig: { functionCallingConfig: { mode: m, allowedFunctionNames: names } },
          },
          route,
        ),
      ).toolChoice;
    expect([mode("ANY"), mode("ANY", ["a", "b"]), mode("AUTO")]).toEqual([
      { type: "required" },
      { type: "required" },
      { type: "auto" },
    ]);
    expect(geminiGenerateContent.parse([], route)).toHaveProperty("invalid");
    expect(geminiGenerateContent.parse({ contents: ["x"] }, route)).toMatchObject({
      invalid: expect.stringContaining("contents[0].parts"),
    });
  });
});

describe("prompt helpers and token counts", () => {
  it("count prompt tokens the way the mock model does", () => {
    const b = new PromptBuilder();
    b.system("12345678");
    b.add("user", [
      text("abcd"),
      { type: "file", mediaType: "text/plain", data: { type: "text", text: "efgh" } },
    ]);
    b.add("assistant", [{ type: "tool-call", toolCallId: "1", toolName: "f", input: "raw" }]);
    b.add("user", [toolResult("1", "f", null)]);
    expect(b.prompt.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    // 8 + 4 + 4 + 3 ("raw") + JSON of { type: "json", value: null } (27) = 46 characters
    expect(promptTokens(b.prompt)).toBe(Math.ceil(46 / 4));
  });

  it("never split a surrogate pair", () => {
    expect(splitChunks("abc😀de", 4)).toEqual(["abc😀", "de"]);
  });
});
