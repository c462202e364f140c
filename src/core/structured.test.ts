import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { mockModel } from "../models/mock-model.js";
import { definePrompt, type StandardJSONSchemaV1, type StandardSchemaV1 } from "./index.js";

/** A schema from no library at all: Standard Schema + Standard JSON Schema by hand. */
function handMadeSchema(): StandardSchemaV1<unknown, { city: string }> &
  StandardJSONSchemaV1<unknown, { city: string }> {
  const json = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
  return {
    "~standard": {
      version: 1,
      vendor: "by-hand",
      validate: (value: unknown) =>
        typeof value === "object" && value !== null && typeof (value as { city?: unknown }).city === "string"
          ? { value: { city: (value as { city: string }).city } }
          : { issues: [{ message: "expected { city: string }", path: ["city"] }] },
      jsonSchema: { input: () => json, output: () => json },
    },
  } as never;
}

describe("structured output", () => {
  it("accepts any Standard Schema with JSON Schema, not only Zod", async () => {
    const model = mockModel({ replies: [{ object: { city: 7 } }, { object: { city: "Oslo" } }] });
    const p = definePrompt({ name: "geo", user: "Where?", output: handMadeSchema(), model });
    const r = await p.execute();
    expect(r.output).toEqual({ city: "Oslo" });
    expect(r.attempts).toBe(2);
    expect(model.calls[0]!.options.responseFormat).toMatchObject({ schema: { required: ["city"] } });
    expect(JSON.stringify(model.calls[1]!.prompt.at(-1))).toContain("city: expected { city: string }");
  });

  it("switches a model that reports no JSON-schema support to instructions in the prompt", async () => {
    const inner = mockModel({ modelId: "no-schema", replies: [{ object: { city: "Rome" } }] });
    const model: LanguageModelV4 = {
      ...inner,
      doGenerate: async (options: LanguageModelV4CallOptions) => ({
        ...(await inner.doGenerate(options)),
        warnings:
          options.responseFormat?.type === "json" && options.responseFormat.schema
            ? [{ type: "unsupported", feature: "responseFormat", details: "schema not supported" }]
            : [],
      }),
    };
    const p = definePrompt({
      name: "geo2",
      system: "Be exact.",
      user: "Where?",
      output: handMadeSchema(),
      model,
    });
    const first = await p.execute();
    expect(first.warnings).toEqual([expect.objectContaining({ feature: "responseFormat" })]);
    await p.run();
    const second = inner.calls[1]!;
    expect(second.options.responseFormat).toEqual({ type: "json" });
    expect((second.prompt[0] as { content: string }).content).toMatch(
      /^Be exact\.\n\nReply with only a JSON value/,
    );
  });

  it("adds a system message with the schema when the prompt has none", async () => {
    const model = mockModel({ replies: [{ object: { city: "Lima" } }] });
    const p = definePrompt({ name: "geo3", user: "Where?", output: handMadeSchema(), model });
    await p.run(undefined, { structuredOutput: "prompt" });
    expect(model.lastCall!.prompt[0]).toMatchObject({ role: "system" });
    expect(model.lastCall!.prompt).toHaveLength(2);
  });
});
