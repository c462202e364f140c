import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPrompt } from "flowprompt";
import { describe, expect, it } from "vitest";
import { main as optimizeExample } from "./optimize.js";
import { main as quickstart } from "./quickstart.js";

describe("examples", () => {
  it("quickstart runs and shows each step", async () => {
    const lines: string[] = [];
    const out = await quickstart((l) => lines.push(l));
    expect(out.verdict).toEqual({ label: "positive", confidence: 0.93 });
    expect(out.result.output.label).toBe("negative");
    expect(out.hit.cached).toBe(true);
    expect(out.usage.calls).toBe(3);
    expect(lines.join("\n")).toMatch(/deltas add up to the final text/);
  });

  it("optimize improves the bare sentiment prompt on held-out data and saves a prompt file", async () => {
    const lines: string[] = [];
    const file = join(mkdtempSync(join(tmpdir(), "fp-example-")), "sentiment.prompt");
    const result = await optimizeExample((l) => lines.push(l), file);
    expect(result.score.test! - result.baseline.test!).toBeGreaterThan(0.3);
    expect(lines.join("\n")).toMatch(/held-out test \d+\.\d% → \d+\.\d%/);
    const saved = await loadPrompt(file);
    const input = result.data.test[0]!.input as never;
    expect(saved.messages(input)).toEqual(result.prompt.messages(input));
  });
});
