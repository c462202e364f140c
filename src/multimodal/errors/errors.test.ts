import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import * as core from "../../core/errors/index.js";
import * as errors from "./index.js";

const classes = (Object.values(errors) as unknown[]).filter(
  (v): v is typeof FlowPromptError & { code: string } =>
    typeof v === "function" && typeof (v as { code?: unknown }).code === "string",
);

describe("multimodal errors", () => {
  it("have distinct stable codes, distinct from the core's, each documented in docs/errors.md", () => {
    const codes = classes.map((c) => c.code);
    expect(codes).toHaveLength(13);
    const coreCodes = Object.values(core).flatMap((v) =>
      typeof v === "function" && typeof (v as { code?: unknown }).code === "string"
        ? [(v as { code: string }).code]
        : [],
    );
    expect(new Set([...codes, ...coreCodes]).size).toBe(codes.length + coreCodes.length);
    const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
    for (const c of classes) expect(doc, `${c.name} (${c.code})`).toContain(`\`${c.code}\``);
  });

  it("a model without a modality names it, the variable, the providers that have it and the fallback", () => {
    const e = new errors.ModalityNotSupportedError("anthropic:claude-x", "audio", "voice", [
      "openai",
      "google",
    ]);
    expect(e.message).toBe(
      'The model anthropic:claude-x cannot take audio input (variable "voice"). Providers that take audio: openai, google.',
    );
    expect(e.hint).toMatch(/fallback: \{ audio: "transcript" \}/);
  });
});
