import { describe, expect, it } from "vitest";
import { toJsonSchema, validate } from "../core/schema.js";
import { parsePromptFile } from "./parse-prompt-file.js";
import { lines } from "./test-utils/errors.js";

const SUMMARIZE = lines(
  "---",
  "name: summarize",
  'version: "2.1.0"',
  "description: Summarize a text in a few bullet points",
  "model: openai:gpt-4o-mini",
  "config:",
  "  temperature: 0.2",
  "  maxOutputTokens: 400",
  "  topP: 0.9",
  "  topK: 40",
  "  stopSequences: [END]",
  "  seed: 7",
  "  presencePenalty: 0.1",
  "  frequencyPenalty: -0.1",
  "input:",
  "  schema:",
  "    text: string, the text to summarize",
  "    style?(enum, how to write it): [short, detailed]",
  "  default:",
  "    style: short",
  "output:",
  "  format: json",
  "  schema:",
  "    summary: string",
  "    points(array, the key points): string",
  "    meta?(object):",
  "      words: integer",
  "metadata:",
  "  owner: docs-team",
  "acme.tier: gold",
  "---",
  "",
  '{{role "system"}}',
  "You summarize texts.",
  '{{role "user"}}',
  "Summarize ({{style}}): {{text}}",
);

describe("parsePromptFile: .prompt (Dotprompt)", () => {
  it("reads every front matter field", () => {
    const c = parsePromptFile(SUMMARIZE, "prompts/summarize.prompt");
    expect(c.name).toBe("summarize");
    expect(c.version).toBe("2.1.0");
    expect(c.description).toBe("Summarize a text in a few bullet points");
    expect(c.model).toBe("openai:gpt-4o-mini");
    expect(c.params).toEqual({
      temperature: 0.2,
      maxOutputTokens: 400,
      topP: 0.9,
      topK: 40,
      stopSequences: ["END"],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: -0.1,
    });
    expect(c.defaults).toEqual({ style: "short" });
    expect(c.metadata).toEqual({ owner: "docs-team", ext: { acme: { tier: "gold" } } });
  });

  it("keeps the body as the template, role markers included, and says where it starts", () => {
    const c = parsePromptFile(SUMMARIZE, "prompts/summarize.prompt");
    expect(c.template).toBe(
      '{{role "system"}}\nYou summarize texts.\n{{role "user"}}\nSummarize ({{style}}): {{text}}',
    );
    // Line 31 is the closing ---, 32 is blank: the template starts on line 33.
    expect(SUMMARIZE.split("\n")[33 - 1]).toBe('{{role "system"}}');
    expect(c.source).toEqual({ file: "prompts/summarize.prompt", lines: { template: 33 } });
  });

  it("turns Picoschema into JSON Schema validators that carry the JSON Schema", () => {
    const c = parsePromptFile(SUMMARIZE, "summarize.prompt");
    expect(toJsonSchema(c.input!, "input")).toEqual({
      type: "object",
      properties: {
        text: { type: "string", description: "the text to summarize" },
        style: { enum: ["short", "detailed", null], description: "how to write it" },
      },
      required: ["text"],
      additionalProperties: false,
    });
    expect(toJsonSchema(c.output!)).toEqual({
      type: "object",
      properties: {
        summary: { type: "string" },
        points: { type: "array", items: { type: "string" }, description: "the key points" },
        meta: {
          type: ["object", "null"],
          properties: { words: { type: "integer" } },
          required: ["words"],
          additionalProperties: false,
        },
      },
      required: ["summary", "points"],
      additionalProperties: false,
    });
    expect(validate(c.output!, { summary: "s", points: ["a"] })).toEqual({
      ok: true,
      value: { summary: "s", points: ["a"] },
    });
    const bad = validate(c.output!, { summary: 1, points: [] });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: "summary" }] });
  });

  it("accepts a full JSON Schema", () => {
    const c = parsePromptFile(
      lines(
        "---",
        "output:",
        "  schema:",
        "    type: object",
        "    properties:",
        "      label: { type: string, enum: [spam, ham] }",
        "      score: { type: number, minimum: 0, maximum: 1 }",
        "    required: [label]",
        "---",
        "Classify: {{text}}",
      ),
      "classify.prompt",
    );
    expect(toJsonSchema(c.output!)).toEqual({
      type: "object",
      properties: {
        label: { type: "string", enum: ["spam", "ham"] },
        score: { type: "number", minimum: 0, maximum: 1 },
      },
      required: ["label"],
    });
    expect(validate(c.output!, { label: "eggs" })).toMatchObject({ ok: false });
    expect(validate(c.output!, { label: "ham", score: 0.5 })).toMatchObject({ ok: true });
  });

  it("takes the name from the file, and a variant from name.variant.prompt", () => {
    expect(parsePromptFile("Hello {{who}}\n", "dir/greet.prompt").name).toBe("greet");
    const v = parsePromptFile("Hi {{who}}\n", "dir/greet.casual.prompt");
    expect(v.name).toBe("greet.casual");
    expect(v.metadata).toEqual({ variant: "casual" });
    const named = parsePromptFile(
      lines("---", "name: hello", "variant: formal", "---", "Good day."),
      "x.prompt",
    );
    expect(named.name).toBe("hello.formal");
  });

  it("reads a file with no front matter as all template", () => {
    const c = parsePromptFile("\n\nHello {{who}}\n\n", "greet.prompt");
    expect(c.template).toBe("Hello {{who}}");
    expect(c.source?.lines).toEqual({ template: 3 });
  });

  it("accepts an empty front matter, CRLF line breaks and a byte-order mark", () => {
    const c = parsePromptFile("\uFEFF---\r\n---\r\nHi {{x}}\r\n", "hi.prompt");
    expect(c).toMatchObject({ name: "hi", template: "Hi {{x}}", source: { lines: { template: 3 } } });
  });

  it("keeps a numeric version exactly as written", () => {
    expect(parsePromptFile(lines("---", "version: 1.10", "---", "x"), "a.prompt").version).toBe("1.10");
    expect(parsePromptFile(lines("---", "version: 3", "---", "x"), "a.prompt").version).toBe("3");
  });

  it("maps output.format json without a schema to any JSON, and text to no schema", () => {
    const json = parsePromptFile(lines("---", "output:", "  format: json", "---", "x"), "a.prompt");
    expect(toJsonSchema(json.output!)).toEqual({});
    const text = parsePromptFile(lines("---", "output:", "  format: text", "---", "x"), "a.prompt");
    expect(text.output).toBeUndefined();
  });

  it("accepts reasoning and providerOptions in config", () => {
    const c = parsePromptFile(
      lines(
        "---",
        "config:",
        "  reasoning: low",
        "  providerOptions:",
        "    openai: { store: false }",
        "---",
        "x",
      ),
      "a.prompt",
    );
    expect(c.params).toEqual({ reasoning: "low", providerOptions: { openai: { store: false } } });
  });

  it("accepts a Picoschema given as a single type, and a JSON Schema with only properties", () => {
    const c = parsePromptFile(
      lines(
        "---",
        "input:",
        "  schema:",
        "    properties:",
        "      q: { type: string }",
        "output:",
        "  schema: string",
        "---",
        "{{q}}",
      ),
      "a.prompt",
    );
    expect(toJsonSchema(c.input!, "input")).toEqual({
      type: "object",
      properties: { q: { type: "string" } },
    });
    expect(toJsonSchema(c.output!)).toEqual({ type: "string" });
  });
});
