import { describe, expect, it } from "vitest";
import { toJsonSchema, validate } from "../core/schema.js";
import { parsePromptFile } from "./parse-prompt-file.js";
import { lines, parseError } from "./test-utils/errors.js";

// The test file of the Python package's YAML loader, as a user would have it.
const PYTHON_YAML = lines(
  "name: SummarizeArticle",
  'version: "1.2.0"',
  "description: Summarize an article",
  "system: You are a precise summarizer.",
  'user: "Summarize: {{ article }}"',
  "output_schema:",
  "  type: object",
  "  properties:",
  "    summary:",
  "      type: string",
  "      description: One-sentence summary",
  "    key_points:",
  "      type: array",
  "      items:",
  "        type: string",
  "    sentiment:",
  "      type: string",
  "      enum: [positive, negative, neutral]",
  "    confidence:",
  "      type: number",
  "  required:",
  "    - summary",
  "    - key_points",
);

describe("parsePromptFile: .yaml (Python FlowPrompt format)", () => {
  it("reads a Python FlowPrompt file", () => {
    const c = parsePromptFile(PYTHON_YAML, "prompts/summarize.yaml");
    expect(c).toMatchObject({
      name: "SummarizeArticle",
      version: "1.2.0",
      description: "Summarize an article",
      system: "You are a precise summarizer.",
      user: "Summarize: {{article}}",
      source: { file: "prompts/summarize.yaml", lines: { system: 4, user: 5 } },
    });
    expect(toJsonSchema(c.output!)).toMatchObject({ type: "object", required: ["summary", "key_points"] });
    expect(validate(c.output!, { summary: "x" })).toMatchObject({
      ok: false,
      issues: [{ path: "key_points" }],
    });
    expect(validate(c.output!, { summary: "x", key_points: [], sentiment: "angry" })).toMatchObject({
      ok: false,
    });
    expect(validate(c.output!, { summary: "x", key_points: ["a"], sentiment: "neutral" })).toMatchObject({
      ok: true,
    });
  });

  it("translates str.format fields and names the prompt after the file when name is missing", () => {
    const c = parsePromptFile("user: 'Hi {name}'\n", "dir/hello.yml");
    expect(c).toMatchObject({ name: "hello", user: "Hi {{name}}" });
    expect(c.system).toBeUndefined();
  });

  it("gives the first line of each template's text (the line after | for block scalars)", () => {
    const c = parsePromptFile(
      lines(
        "name: support-reply",
        "system: |",
        "  You are a support agent.",
        "  Be kind.",
        "user: >-",
        "  Customer wrote:",
        "  {{ message }}",
      ),
      "support.yaml",
    );
    expect(c.source?.lines).toEqual({ system: 3, user: 6 });
    expect(c.system).toBe("You are a support agent.\nBe kind.\n");
    expect(c.user).toBe("Customer wrote: {{message}}");
  });

  it("accepts model, params (with snake_case names), input_schema in Picoschema, metadata", () => {
    const c = parsePromptFile(
      lines(
        "name: x",
        "model: anthropic:claude-haiku-4-5",
        "params:",
        "  temperature: 0",
        "  max_tokens: 300",
        "  top_p: 0.5",
        "  stop: ['###']",
        "input_schema:",
        "  question: string",
        "user: '{{ question }}'",
        "metadata:",
        "  tags: [faq]",
      ),
      "x.yaml",
    );
    expect(c.model).toBe("anthropic:claude-haiku-4-5");
    expect(c.params).toEqual({ temperature: 0, maxOutputTokens: 300, topP: 0.5, stopSequences: ["###"] });
    expect(toJsonSchema(c.input!, "input")).toEqual({
      type: "object",
      properties: { question: { type: "string" } },
      required: ["question"],
      additionalProperties: false,
    });
    expect(c.metadata).toEqual({ tags: ["faq"] });
    expect(parsePromptFile(lines("config:", "  temperature: 1", "user: hi"), "c.yaml").params).toEqual({
      temperature: 1,
    });
  });

  it("translates Jinja loops and conditions", () => {
    const c = parsePromptFile(
      lines(
        "user: |",
        "  {% if context %}Context:",
        "  {% for doc in context %}- {{ doc.text }} ({{ source }})",
        "  {% endfor %}{% endif %}Question: {{ question }}",
      ),
      "rag.yaml",
    );
    expect(c.user).toBe(
      "{{#if context}}Context:\n{{#each context as |doc|}}- {{doc.text}} ({{../source}})\n{{/each}}{{/if}}Question: {{question}}\n",
    );
  });
});

describe("parsePromptFile: YAML details", () => {
  it("follows anchors and aliases", () => {
    const c = parsePromptFile(
      lines(
        "description: &tone Be brief.",
        "metadata:",
        "  shared: &p { temperature: 0 }",
        "system: *tone",
        "user: '{x}'",
        "params: *p",
      ),
      "a.yaml",
    );
    expect([c.system, c.user, c.params]).toEqual(["Be brief.", "{{x}}", { temperature: 0 }]);
    expect(c.metadata).toEqual({ shared: { temperature: 0 } });
  });
});

describe("parsePromptFile: errors in .yaml files", () => {
  it("malformed YAML", () => {
    const e = parseError(lines("name: x", "user: [unclosed", "system: y"), "a.yaml");
    expect(e.file).toBe("a.yaml");
    expect(e.problem).toMatch(
      /^invalid YAML: Flow sequence in block collection must be sufficiently indented/,
    );
    // The parser notices on line 3; the error points where the [ was opened.
    expect([e.line, e.column]).toEqual([2, 7]);
    const quote = parseError(lines("name: x", "user: 'unclosed", "system: y"), "a.yaml");
    expect([quote.line, quote.column, quote.problem]).toEqual([
      2,
      7,
      "invalid YAML: Missing closing 'quote.",
    ]);
    expect(quote.hint).toBe("The quote or bracket that starts here is not closed where YAML expects it.");
  });

  it("a file that is not a mapping, or empty", () => {
    expect(parseError("- a\n- b\n", "a.yaml").problem).toBe(
      "the file must be a mapping (key: value lines), not a list.",
    );
    const empty = parseError("# nothing\n", "a.yaml");
    expect([empty.line, empty.problem]).toEqual([1, "the file is empty."]);
  });

  it("an unknown key names the closest", () => {
    const e = parseError(lines("name: x", "sytem: be nice", "user: hi"), "a.yaml");
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.problem).toBe(
      'unknown key "sytem". Did you mean "system"? Known keys: name, version, description, system, user, output_schema, ' +
        "input_schema, model, params, config, metadata.",
    );
  });

  it("neither system nor user", () => {
    const e = parseError(lines("name: x", 'version: "1"'), "a.yaml");
    expect([e.line, e.column]).toEqual([1, 1]);
    expect(e.problem).toBe("the prompt has neither `system` nor `user`: there is nothing to send.");
  });

  it("wrong types", () => {
    const v = parseError(lines("name: x", "version: [1]", "user: hi"), "a.yaml");
    expect([v.line, v.column, v.problem]).toEqual([
      2,
      10,
      '"version" must be a string or a number, not a list.',
    ]);
    const u = parseError(lines("name: x", "user:", "  text: hi"), "a.yaml");
    expect([u.line, u.problem]).toEqual([3, '"user" must be a string, not a mapping.']);
    const p = parseError(lines("user: hi", "params:", '  max_tokens: "many"'), "a.yaml");
    expect([p.line, p.problem]).toEqual([
      3,
      '"params.max_tokens" must be an integer, not a string ("many").',
    ]);
    const twice = parseError(
      lines("user: hi", "params:", "  max_tokens: 5", "  maxOutputTokens: 6"),
      "a.yaml",
    );
    expect([twice.line, twice.problem]).toEqual([
      4,
      '"params.maxOutputTokens" repeats "params.max_tokens" (both set maxOutputTokens).',
    ]);
    const both = parseError(lines("user: hi", "params: {}", "config: {}"), "a.yaml");
    expect([both.line, both.problem]).toEqual([
      3,
      "both `params` and `config` are given; they mean the same, keep one.",
    ]);
  });

  it("a bad output_schema points at the keyword", () => {
    const e = parseError(
      lines("user: hi", "output_schema:", "  type: object", "  properties:", "    n:", "      type: int"),
      "a.yaml",
    );
    expect([e.line, e.column]).toEqual([6, 13]);
    expect(e.problem).toMatch(
      /^invalid JSON Schema at "output_schema.properties.n.type": unknown type "int"/,
    );
  });

  it("an unsupported Jinja construct names its line and column in a | block", () => {
    const e = parseError(
      lines("name: x", "user: |", "  Hello {{ name }}.", "  Today: {{ date | format_date }}", "  Bye."),
      "a.yaml",
    );
    expect([e.line, e.column]).toEqual([4, 10]);
    expect(e.problem).toBe(
      'in "user": Jinja filter "| format_date" in "{{ date | format_date }}" is not supported.',
    );
    expect(e.hint).toMatch(/Transform the value in code/);
  });

  it("an unsupported Jinja construct on the key's line", () => {
    const e = parseError(lines("name: x", 'system: "Be {% set tone = 1 %}"'), "a.yaml");
    expect([e.line, e.column]).toEqual([2, 13]);
    expect(e.problem).toBe('in "system": Jinja "{% set %}" is not supported.');
  });

  it("an unclosed Jinja block points at its opening tag", () => {
    const e = parseError(lines("user: |", "  A", "  {% for x in xs %}", "  {{ x }}"), "a.yaml");
    expect([e.line, e.column]).toEqual([3, 3]);
  });
});
