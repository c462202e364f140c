import { describe, expect, it } from "vitest";
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
});
