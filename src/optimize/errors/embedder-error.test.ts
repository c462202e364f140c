import { describe, expect, it } from "vitest";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { EmbedderError } from "./embedder-error.js";

describe("EmbedderError", () => {
  it("names the embedder and the problem, with a hint and typed fields", () => {
    const error = new EmbedderError("hashing(8)", "dimensions", "vector 2 has 4 dimensions, the others 8.", {
      index: 2,
    });
    expect(error.code).toBe("FP_EMBEDDER");
    expect(error.name).toBe("EmbedderError");
    expect(error.message).toBe('Embedder "hashing(8)" misbehaved: vector 2 has 4 dimensions, the others 8.');
    expect(error.hint).toMatch(/same length/);
    expect(error.toJSON()).toMatchObject({ embedder: "hashing(8)", problem: "dimensions", index: 2 });
  });

  it("is recognised by code, not by class identity", () => {
    const error = new EmbedderError("x", "count", "it returned 1 vectors for 2 texts.");
    expect(EmbedderError.isInstance(error)).toBe(true);
    expect(FlowPromptError.isInstance(error)).toBe(true);
    expect(EmbedderError.isInstance(new FlowPromptError("FP_OTHER", "no"))).toBe(false);
    expect(EmbedderError.isInstance({ code: "FP_EMBEDDER" })).toBe(false);
    expect(error.index).toBeUndefined();
  });
});
