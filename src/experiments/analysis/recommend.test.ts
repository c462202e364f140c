import { describe, expect, it } from "vitest";
import { analyzeExperiment } from "./analyze.js";
import { binaryArm, continuousArm } from "./test-utils/events.js";

const converted = { name: "converted", kind: "binary" as const };
const half = { A: 1, B: 1 };

describe("recommendations", () => {
  it("keep running below minSamples", () => {
    const r = analyzeExperiment([...binaryArm("A", 40, 4), ...binaryArm("B", 40, 4)], {
      control: "A",
      metrics: [converted],
      weights: half,
    });
    expect(r.recommendation).toBe("keep running (about 60 more units per variant)");
  });

  it("keep running with an estimate while the sequential interval still covers 0", () => {
    const r = analyzeExperiment([...binaryArm("A", 2000, 200), ...binaryArm("B", 2000, 220)], {
      control: "A",
      metrics: [converted],
      weights: half,
      maxSamples: 100_000,
    });
    expect(r.method).toBe("sequential");
    expect(r.recommendation).toMatch(/^keep running \(about [\d,]+ more units per variant\)$/);
    const more = Number(/about ([\d,]+)/.exec(r.recommendation)![1]!.replaceAll(",", ""));
    expect(more).toBeGreaterThan(2000);
  });

  it("stop: X wins under the sequential default when the effect is large", () => {
    const r = analyzeExperiment([...binaryArm("A", 3000, 300), ...binaryArm("B", 3000, 420)], {
      control: "A",
      metrics: [converted],
      weights: half,
    });
    expect(r.recommendation).toBe("stop: B wins");
  });

  it("stop: control wins when every challenger is worse (direction decrease)", () => {
    const r = analyzeExperiment(
      [
        ...continuousArm(
          "A",
          Array(300)
            .fill(0)
            .map((_, i) => i % 7),
        ),
        ...continuousArm(
          "B",
          Array(300)
            .fill(0)
            .map((_, i) => 5 + (i % 7)),
        ),
      ],
      {
        control: "A",
        metrics: [{ name: "revenue", kind: "continuous", direction: "decrease" }],
        weights: half,
      },
    );
    expect(r.metrics[0]!.comparisons[0]!.verdict).toBe(-1);
    expect(r.recommendation).toBe("stop: A wins");
  });

  it("stop: no meaningful difference at maxSamples", () => {
    const r = analyzeExperiment([...binaryArm("A", 5000, 500), ...binaryArm("B", 5000, 505)], {
      control: "A",
      metrics: [converted],
      weights: half,
      maxSamples: 5000,
    });
    expect(r.recommendation).toBe("stop: no meaningful difference");
  });

  it("a winner that hurts a guardrail is sent for investigation", () => {
    const events = [...binaryArm("A", 3000, 300), ...binaryArm("B", 3000, 420)];
    for (const e of events) if (e.kind === "outcome") e.metric = "converted";
    const latency = [
      ...continuousArm("A", Array(3000).fill(100), "latency"),
      ...continuousArm(
        "B",
        Array(3000)
          .fill(0)
          .map((_, i) => 150 + (i % 10)),
        "latency",
      ),
    ];
    const r = analyzeExperiment([...events, ...latency.filter((e) => e.kind === "outcome")], {
      control: "A",
      metrics: [converted, { name: "latency", kind: "continuous", direction: "decrease", guardrail: true }],
      weights: half,
    });
    expect(r.recommendation).toBe("investigate: B hurts guardrail latency");
  });

  it("rejects a control that is not a variant", () => {
    expect(() => analyzeExperiment([], { control: "Z", metrics: [converted], weights: half })).toThrow(
      /control/,
    );
  });
});
