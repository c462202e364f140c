import { describe, expect, it } from "vitest";
import { expectDocumentedCodes } from "../../core/test-utils/error-codes.case.js";
import * as errors from "./index.js";

describe("multimodal errors", () => {
  it("have distinct stable codes, distinct from the core's, each documented in docs/errors.md", () => {
    expectDocumentedCodes(errors, 13, new URL("../../../docs/errors.md", import.meta.url));
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
