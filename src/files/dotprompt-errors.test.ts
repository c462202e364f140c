import { describe, expect, it } from "vitest";
import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { lines, parseError } from "./test-utils/errors.js";

describe("parsePromptFile: errors in .prompt files name the file, line and column", () => {
  it("unterminated front matter", () => {
    const e = parseError(lines("---", "name: x", "Hello"), "a/x.prompt");
    expect(e).toBeInstanceOf(PromptFileError);
    expect(e.code).toBe("FP_PROMPT_FILE");
    expect([e.file, e.line, e.column]).toEqual(["a/x.prompt", 1, 1]);
    expect(e.message).toBe(
      "a/x.prompt:1:1: unterminated front matter: the `---` here has no closing `---` line.",
    );
  });

  it("unterminated front matter after leading blank lines points at the opening ---", () => {
    expect(parseError(lines("", "", "---", "name: x")).line).toBe(3);
  });

  it("malformed YAML, at the line of the problem", () => {
    const e = parseError(lines("---", "name: x", "description: a: b", "---", "Hi"));
    expect([e.line, e.column]).toEqual([3, 14]);
    expect(e.problem).toMatch(/^invalid YAML: Nested mappings are not allowed in compact mappings\./);
  });

  it("a tab used as indentation", () => {
    const e = parseError(lines("---", "config:", "\ttemperature: 1", "---", "Hi"));
    expect(e.line).toBe(3);
    expect(e.problem).toMatch(/invalid YAML: Tabs are not allowed/);
  });

  it("a duplicate key", () => {
    const e = parseError(lines("---", "name: a", "model: m", "name: b", "---", "Hi"));
    expect(e.line).toBe(4);
    expect(e.problem).toMatch(/Map keys must be unique/);
  });

  it("front matter that is not a mapping", () => {
    const e = parseError(lines("---", "- name: x", "---", "Hi"));
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.problem).toBe("the front matter must be a mapping (key: value lines), not a list.");
    expect(parseError(lines("---", "just text", "---", "Hi")).problem).toMatch(
      /must be a mapping.*not a string/,
    );
  });

  it("an unknown key, with the known ones and the closest", () => {
    const e = parseError(lines("---", "name: x", "descripton: y", "---", "Hi"));
    expect([e.line, e.column]).toEqual([3, 1]);
    expect(e.problem).toBe(
      'unknown key "descripton" in the front matter. Did you mean "description"? Known keys: name, variant, version, ' +
        "description, model, config, input, output, metadata, ext.",
    );
    expect(e.hint).toBe('Rename it to "description".');
  });

  it("tools are refused with a clear message", () => {
    const e = parseError(lines("---", "tools: [search]", "---", "Hi"));
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/`tools` are not supported/);
  });

  it("wrong types: version as a list, name as a number, description as a mapping", () => {
    const v = parseError(lines("---", "name: x", "version: [1]", "---", "Hi"));
    expect([v.line, v.column]).toEqual([3, 10]);
    expect(v.problem).toBe('"version" must be a string or a number, not a list.');
    const n = parseError(lines("---", "name: 42", "---", "Hi"));
    expect([n.line, n.column]).toEqual([2, 7]);
    expect(n.problem).toBe('"name" must be a string, not a number (42).');
    expect(n.hint).toBe('Quote it to make it a string: "42".');
    expect(parseError(lines("---", "description:", "  a: b", "---", "Hi")).line).toBe(3);
  });

  it("config: an unknown key, a wrong type, a value out of range", () => {
    const unknown = parseError(lines("---", "config:", "  temprature: 0.5", "---", "Hi"));
    expect([unknown.line, unknown.column]).toEqual([3, 3]);
    expect(unknown.problem).toMatch(
      /^unknown key "temprature" in "config"\. Did you mean "temperature"\? Known keys: temperature, maxOutputTokens/,
    );
    const hot = parseError(lines("---", "config:", '  temperature: "hot"', "---", "Hi"));
    expect([hot.line, hot.column]).toEqual([3, 16]);
    expect(hot.problem).toBe('"config.temperature" must be a number, not a string ("hot").');
    const tokens = parseError(lines("---", "config:", "  maxOutputTokens: 1.5", "---", "Hi"));
    expect(tokens.problem).toBe('"config.maxOutputTokens" must be an integer, not 1.5.');
    const topP = parseError(lines("---", "config:", "  topP: 2", "---", "Hi"));
    expect(topP.problem).toBe('"config.topP" must be at most 1, not 2.');
    const stops = parseError(
      lines("---", "config:", "  stopSequences:", "    - END", "    - 3", "---", "Hi"),
    );
    expect([stops.line, stops.problem]).toEqual([
      5,
      '"config.stopSequences[1]" must be a string, not a number (3).',
    ]);
    const reasoning = parseError(lines("---", "config:", "  reasoning: extreme", "---", "Hi"));
    expect(reasoning.problem).toMatch(/"config.reasoning" must be one of provider-default, none/);
    const config = parseError(lines("---", "config: 0.5", "---", "Hi"));
    expect([config.line, config.problem]).toEqual([
      2,
      '"config" must be a mapping (key: value lines), not a number (0.5).',
    ]);
  });

  it("input/output: unknown keys and a bad format", () => {
    expect(
      parseError(lines("---", "input:", "  schema: {a: string}", "  defaults: {a: x}", "---", "{{a}}"))
        .problem,
    ).toMatch(/unknown key "defaults" in "input". Did you mean "default"\?/);
    const format = parseError(lines("---", "output:", "  format: yaml", "---", "x"));
    expect([format.line, format.problem]).toEqual([3, '"output.format" must be json or text, not "yaml".']);
    const both = parseError(lines("---", "output:", "  format: text", "  schema: {a: string}", "---", "x"));
    expect(both.line).toBe(3);
  });

  it("Picoschema errors point at the field", () => {
    const type = parseError(
      lines("---", "output:", "  schema:", "    title: string", "    count: integr", "---", "x"),
    );
    expect([type.line, type.column]).toEqual([5, 12]);
    expect(type.problem).toMatch(/^invalid Picoschema at "output.schema.count": unknown type "integr"/);
    const paren = parseError(lines("---", "output:", "  schema:", "    title(string): x", "---", "x"));
    expect([paren.line, paren.column]).toEqual([4, 5]);
    expect(paren.problem).toContain("parentheses are only for object, array and enum; write `title: string`");
    const unclosed = parseError(lines("---", "input:", "  schema:", "    tags(array: string", "---", "x"));
    expect(unclosed.line).toBe(4);
    expect(unclosed.problem).toMatch(/without a closing "\)"/);
    const enumList = parseError(lines("---", "input:", "  schema:", "    mood(enum): happy", "---", "x"));
    expect([enumList.line, enumList.column]).toEqual([4, 17]);
    const nested = parseError(
      lines(
        "---",
        "output:",
        "  schema:",
        "    meta(object):",
        "      author:",
        "        name: strng",
        "---",
        "x",
      ),
    );
    expect([nested.line, nested.problem]).toEqual([
      6,
      'invalid Picoschema at "output.schema.meta(object).author.name": unknown type "strng"; Picoschema types are any, boolean, integer, media, null, number, string, plus (object), (array) and (enum) after a field name.',
    ]);
    const empty = parseError(lines("---", "output:", "  schema:", "    title:", "---", "x"));
    expect(empty.line).toBe(4);
    expect(empty.problem).toMatch(/no type given/);
  });

  it("JSON Schema errors point at the keyword", () => {
    const e = parseError(
      lines(
        "---",
        "output:",
        "  schema:",
        "    type: object",
        "    properties:",
        "      n: { type: numbr }",
        "---",
        "x",
      ),
    );
    expect([e.line, e.column]).toEqual([6, 18]);
    expect(e.problem).toBe(
      'invalid JSON Schema at "output.schema.properties.n.type": unknown type "numbr" (did you mean "number"?); ' +
        "JSON Schema types are string, number, integer, boolean, object, array, null.",
    );
    const req = parseError(
      lines(
        "---",
        "output:",
        "  schema:",
        "    type: object",
        "    properties: { name: { type: string } }",
        "    required: [nmae]",
        "---",
        "x",
      ),
    );
    expect(req.line).toBe(6);
    expect(req.problem).toMatch(
      /`required` lists "nmae", which is not in `properties` \(did you mean "name"\?\)/,
    );
    const props = parseError(
      lines("---", "output:", "  schema:", "    type: object", "    properties: [a, b]", "---", "x"),
    );
    expect([props.line, props.problem]).toEqual([
      5,
      'invalid JSON Schema at "output.schema.properties": `properties` must be a mapping of schemas, not a list.',
    ]);
    const typo = parseError(
      lines("---", "output:", "  schema:", "    type: object", "    propertes: {}", "---", "x"),
    );
    expect(typo.problem).toMatch(/unknown keyword "propertes" \(did you mean "properties"\?\)/);
    const notSchema = parseError(lines("---", "output:", "  schema: [a, b]", "---", "x"));
    expect([notSchema.line, notSchema.column]).toEqual([3, 11]);
  });

  it("empty template", () => {
    const e = parseError(lines("---", "name: x", "---", "", "   "));
    expect(e.line).toBe(4);
    expect(e.problem).toBe("the template is empty: write the prompt text after the front matter.");
    expect(parseError("---\nname: x\n---").line).toBe(3);
    expect(parseError("").line).toBe(1);
  });

  it("an empty model and a bad name", () => {
    expect(parseError(lines("---", 'model: ""', "---", "x")).problem).toBe('"model" is empty.');
    const name = parseError(lines("---", 'name: " padded "', "---", "x"));
    expect([name.line, name.problem]).toEqual([2, '"name" " padded " is not a usable prompt name.']);
  });

  it("an unsupported extension", () => {
    const e = parseError("Hi", "prompt.txt");
    expect(e.line).toBeUndefined();
    expect(e.message).toBe("prompt.txt: not a prompt file: the name must end with .prompt, .yaml or .yml.");
  });

  it("serialises to JSON for the CLI", () => {
    const e = parseError(lines("---", "version: [1]", "---", "x"));
    expect(e.toJSON()).toMatchObject({ code: "FP_PROMPT_FILE", file: "p.prompt", line: 2, column: 10 });
  });
});
