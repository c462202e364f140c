import { describe, expect, it } from "vitest";
import { openaiChat } from "./openai-chat.js";
import { openaiResponses } from "./openai-responses.js";
import type { InvalidRequest, NormalizedRequest, Route } from "./types.js";

const chatRoute: Route = { flavor: "openai", api: "chat" };
const ok = (r: NormalizedRequest | InvalidRequest): NormalizedRequest => {
  if ("invalid" in r) throw new Error(r.invalid);
  return r;
};

describe("OpenAI chat requests become the mock's prompt", () => {
  it("keeps system, developer, user parts, assistant tool calls and tool results", () => {
    const r = ok(
      openaiChat.parse(
        {
          model: "gpt-4o-mini",
          max_completion_tokens: 50,
          temperature: 0.2,
          messages: [
            { role: "system", content: "Sys" },
            { role: "developer", content: [{ type: "text", text: "Dev" }] },
            {
              role: "user",
              content: [
                { type: "text", text: "Look" },
                { type: "image_url", image_url: "https://example.com/cat.png" },
                { type: "input_audio", input_audio: { data: "AAAA", format: "mp3" } },
                {
                  type: "file",
                  file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: "a.pdf" },
                },
                { type: "document_url", document_url: "https://example.com/doc.pdf" },
                { type: "unknown" },
                "junk",
              ],
            },
            {
              role: "assistant",
              content: null,
              tool_calls: [
                { id: "c1", type: "function", function: { name: "add", arguments: '{"a":1}' } },
                "junk",
              ],
            },
            { role: "tool", tool_call_id: "c1", content: "2" },
            { role: "function", name: "legacy", content: "3" },
          ],
          tools: [{ type: "function", function: { name: "add" } }, { type: "other" }],
          tool_choice: "none",
        },
        chatRoute,
      ),
    );
    expect([r.maxOutputTokens, r.temperature, r.toolChoice, r.tools]).toEqual([
      50,
      0.2,
      { type: "none" },
      [{ name: "add", description: undefined, schema: {} }],
    ]);
    expect(r.prompt.map((m) => m.role)).toEqual(["system", "system", "user", "assistant", "tool", "tool"]);
    const user = r.prompt[2]!.content as { type: string; mediaType?: string; filename?: string }[];
    expect(user.map((p) => p.mediaType ?? p.type)).toEqual([
      "text",
      "image",
      "audio/mpeg",
      "application/pdf",
      "application/pdf",
    ]);
    expect(user[3]!.filename).toBe("a.pdf");
    expect(r.prompt[3]!.content).toEqual([
      { type: "tool-call", toolCallId: "c1", toolName: "add", input: { a: 1 } },
    ]);
    expect(r.prompt[4]!.content).toEqual([
      { type: "tool-result", toolCallId: "c1", toolName: "add", output: { type: "text", value: "2" } },
    ]);
    expect(r.prompt[5]!.content[0]).toMatchObject({ toolName: "legacy" });
  });

  it("reads json_object, Mistral's `any` and a named tool choice; the model can come from the path", () => {
    const base = { messages: [{ role: "user", content: "x" }] };
    const azure = ok(
      openaiChat.parse({ ...base, response_format: { type: "json_object" } }, { ...chatRoute, model: "dep" }),
    );
    expect([azure.model, azure.json]).toEqual(["dep", {}]);
    expect(ok(openaiChat.parse({ ...base, model: "m", tool_choice: "any" }, chatRoute)).toolChoice).toEqual({
      type: "required",
    });
    const named = { type: "function", function: { name: "f" } };
    expect(ok(openaiChat.parse({ ...base, model: "m", tool_choice: named }, chatRoute)).toolChoice).toEqual({
      type: "tool",
      name: "f",
    });
    expect(openaiChat.parse([], chatRoute)).toMatchObject({
      invalid: expect.stringContaining("parse the JSON"),
    });
    expect(openaiChat.parse({ model: "m", messages: ["x"] }, chatRoute)).toMatchObject({
      param: "messages[0].role",
    });
  });
});

describe("OpenAI Responses requests", () => {
  it("read instructions, message items, images, files, function calls and outputs", () => {
    const r = ok(
      openaiResponses.parse(
        {
          model: "gpt-4o-mini",
          instructions: "Be kind",
          max_output_tokens: 20,
          temperature: 0.5,
          text: { format: { type: "json_object" } },
          tool_choice: "none",
          input: [
            { role: "developer", content: [{ type: "input_text", text: "Dev" }] },
            {
              role: "user",
              content: [
                { type: "input_text", text: "Hi" },
                { type: "input_image", file_id: "file-1" },
                { type: "input_file", file_url: "https://example.com/x.pdf", filename: "x.pdf" },
                "junk",
              ],
            },
            { type: "function_call", call_id: "c1", name: "f", arguments: "not json" },
            { type: "function_call_output", call_id: "c1", output: "done" },
            { role: "assistant", content: "ok" },
            { type: "reasoning" },
            "junk",
          ],
        },
        { flavor: "openai", api: "responses" },
      ),
    );
    expect([r.maxOutputTokens, r.temperature, r.json, r.toolChoice]).toEqual([20, 0.5, {}, { type: "none" }]);
    expect(r.prompt.map((m) => m.role)).toEqual([
      "system",
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(r.prompt[3]!.content).toEqual([
      { type: "tool-call", toolCallId: "c1", toolName: "f", input: "not json" },
    ]);
    expect(r.prompt[4]!.content[0]).toMatchObject({ toolName: "f", output: { type: "text", value: "done" } });
    expect(openaiResponses.parse("x", { flavor: "openai", api: "responses" })).toHaveProperty("invalid");
    expect(openaiResponses.parse({ input: "x" }, { flavor: "openai", api: "responses" })).toMatchObject({
      param: "model",
    });
    expect(
      ok(openaiResponses.parse({ model: "m", input: "x", tool_choice: "required" }, chatRoute)).toolChoice,
    ).toEqual({
      type: "required",
    });
  });
});
