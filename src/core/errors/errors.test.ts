import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as errors from "./index.js";

const classes = Object.values(errors).filter(
  (v): v is typeof errors.FlowPromptError & { code: string } =>
    typeof v === "function" && typeof (v as { code?: unknown }).code === "string",
);

describe("errors", () => {
  it("every error class has a distinct stable code", () => {
    const codes = classes.map((c) => c.code);
    expect(codes.length).toBeGreaterThan(12);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^FP_[A-Z_]+$/);
  });

  it("every code is documented in docs/errors.md", () => {
    const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
    for (const c of classes) expect(doc, `${c.name} (${c.code})`).toContain(`\`${c.code}\``);
  });

  it("messages say what, where and how to fix", () => {
    const loc = { prompt: "greet", file: "prompts/greet.prompt", line: 7 };
    expect(new errors.MissingVariableError("city", loc, ["name"]).message).toBe(
      'Missing variable "city" for prompts/greet.prompt:7 (used by {{city}}).',
    );
    expect(new errors.MissingVariableError("city", loc, ["name"]).hint).toMatch(/Variables given: name/);
    expect(new errors.UnknownVariableError("nmae", "greet", ["name"], "name").message).toBe(
      'Unknown variable "nmae" for prompt "greet": no template uses it. Did you mean "name"?',
    );
    expect(new errors.InputValidationError("p", [{ path: "age", message: "expected number" }]).message).toBe(
      'Invalid variables for prompt "p": age: expected number.',
    );
    expect(new errors.TemplateError("unclosed {{#each}}", loc).message).toBe(
      "Template error in prompts/greet.prompt:7: unclosed {{#each}}",
    );
    expect(new errors.UnknownProviderError("opnai:x", "opnai", ["mock", "openai"], "openai").message).toBe(
      'Unknown provider "opnai" in model "opnai:x". Did you mean "openai"? Known providers: mock, openai.',
    );
    expect(new errors.PromptFileError("a.prompt", "bad YAML", { line: 3, column: 5 }).message).toBe(
      "a.prompt:3:5: bad YAML",
    );
    expect(new errors.TimeoutError("p", 50).message).toBe('The call to prompt "p" timed out after 50 ms.');
    expect(new errors.PromptNotFoundError("x", "2", ["x@1"]).hint).toBe("Available: x@1.");
  });

  it("isInstance works across copies and toJSON keeps the fields", () => {
    const e = new errors.OutputTruncatedError("p", "partial", 10, 10);
    // An instance from another copy of FlowPrompt carries the same Symbol.for marker.
    const otherCopy = { ...e };
    const lookalike = { code: "FP_OUTPUT_TRUNCATED", message: "not ours" };
    expect(errors.OutputTruncatedError.isInstance(e)).toBe(true);
    expect(errors.FlowPromptError.isInstance(e)).toBe(true);
    expect(errors.OutputValidationError.isInstance(e)).toBe(false);
    expect(errors.OutputTruncatedError.isInstance(otherCopy)).toBe(true);
    expect(errors.FlowPromptError.isInstance(lookalike)).toBe(false);
    expect(errors.FlowPromptError.isInstance(null)).toBe(false);
    expect(e.toJSON()).toMatchObject({ code: "FP_OUTPUT_TRUNCATED", text: "partial", maxOutputTokens: 10 });
  });
});
