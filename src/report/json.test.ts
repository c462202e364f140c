import { describe, expect, it } from "vitest";
import { duration, money, pct, pts, pValue } from "./format.js";
import { renderJson, toJsonReport } from "./json.js";
import { records, source } from "./test-utils/fixtures.js";

describe("toJsonReport", () => {
  it("has stable, documented top-level fields, in order", () => {
    expect(Object.keys(toJsonReport(source()))).toEqual([
      "format",
      "version",
      "winner",
      "verdict",
      "control",
      "confidence",
      "simulated",
      "metric",
      "inputs",
      "runs",
      "records",
      "stopped",
      "costUsd",
      "elapsedMs",
      "regressions",
      "notEnoughData",
      "variants",
      "comparisons",
      "strata",
    ]);
  });

  it("is the comparison without its records (a count instead)", () => {
    const r = toJsonReport(source(), { metric: "exact" });
    expect(r).toMatchObject({
      format: "flowprompt.compare",
      version: 1,
      winner: "better",
      verdict: "better beats base (the control).",
      control: "base",
      confidence: 0.95,
      simulated: false,
      metric: "exact",
      inputs: 40,
      runs: 1,
      records: 80,
      stopped: null,
      elapsedMs: 1234,
      regressions: [],
      notEnoughData: null,
      strata: null,
    });
    expect(r.costUsd).toBeCloseTo(0.008);
    expect(Object.keys(r.variants[0]!)).toEqual([
      "name",
      "score",
      "interval",
      "n",
      "runs",
      "errors",
      "errorRate",
      "costUsd",
      "costPerCall",
      "latencyMs",
      "cachedShare",
      "models",
    ]);
    expect(r.comparisons[0]).toMatchObject({
      a: "base",
      b: "better",
      diff: 0.5,
      method: "mcnemar-exact",
      significant: true,
      n: 40,
      costDiff: null,
      nonInferior: null,
    });
    expect(r.comparisons[0]!.latencyDiffMs).toEqual({ diff: 0, ci: [0, 0] });
  });

  it("lists the challengers significantly worse than the control", () => {
    expect(toJsonReport(source(undefined, { control: "better" })).regressions).toEqual(["base"]);
    const all = source(records(40, { worst: () => 0 }), { control: "better", comparisons: "all" });
    expect(toJsonReport(all).regressions).toEqual(["base", "worst"]);
  });

  it("fills what an analysis of saved records does not know with null", () => {
    const { costUsd: _c, elapsedMs: _e, stopped: _s, inputs: _i, ...rest } = source();
    const r = toJsonReport({ ...rest, records: 80 });
    expect(r).toMatchObject({
      costUsd: null,
      elapsedMs: null,
      stopped: null,
      inputs: 40,
      records: 80,
      metric: null,
    });
  });

  it("renders as parseable, pretty JSON with a final newline", () => {
    const text = renderJson(source(records(4)));
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text).notEnoughData).toMatchObject({ inputs: 4, minInputs: expect.any(Number) });
    expect(text).not.toContain('"inputId"');
  });
});

describe("number formats", () => {
  it("shows scores in percent and differences in signed points", () => {
    expect(pct(0.6167)).toBe("61.7%");
    expect([pts(0.108), pts(-0.05), pts(0), pts(-0.00001)]).toEqual(["+10.8", "-5.0", "0.0", "0.0"]);
  });

  it("shows p-values with four decimals, and tiny ones as <0.0001", () => {
    expect([pValue(0.04231), pValue(1), pValue(1e-9)]).toEqual(["0.0423", "1.0000", "<0.0001"]);
  });

  it("shows money and durations readably", () => {
    expect([money(null), money(0), money(0.0026), money(12.345), money(0.00000091)]).toEqual([
      "–",
      "$0",
      "$0.0026",
      "$12.35",
      "$0.00000091",
    ]);
    expect([money(0.5, true), money(-0.5, true)]).toEqual(["+$0.5000", "-$0.5000"]);
    expect([duration(0.3), duration(12.4), duration(1500), duration(-3, true), duration(0.01, true)]).toEqual(
      ["<1 ms", "12 ms", "1.5 s", "-3 ms", "0.0 ms"],
    );
  });
});
