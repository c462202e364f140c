import { describe, expect, it } from "vitest";
import { chart, label, linear, logScale, niceDomain, textWidth, xAxis, yAxis } from "./charts.js";
import { esc, oneLine, outputText, tag, truncate } from "./escape.js";
import { paretoFrontier } from "./plot-cost.js";
import { quantile } from "./plot-latency.js";
import { pairLabel } from "./plot-scores.js";

describe("scales", () => {
  it("widens a domain to round steps", () => {
    expect(niceDomain(0.217, 0.949)).toEqual([0.2, 1]);
    expect(niceDomain(-0.271, 0.717, 6)).toEqual([-0.4, 0.8]);
    expect(niceDomain(5, 5)).toEqual([4.4, 5.6]);
    expect(niceDomain(0, 0)).toEqual([-1, 1]);
    expect(niceDomain(Number.NaN, 1)).toEqual([0, 1]);
  });

  it("maps a domain linearly, with round ticks inside it (2 is not taken for 5 by rounding error)", () => {
    const x = linear([-0.4, 0.8], [0, 120], 6);
    expect(x(-0.4)).toBe(0);
    expect(x(0.8)).toBeCloseTo(120);
    expect(x(0.2)).toBeCloseTo(60);
    expect(x.ticks).toEqual([-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8]);
    expect(linear([0, 0], [0, 10])(3)).toBe(0);
  });

  it("maps a long tail on a log scale with 1-2-5 ticks; values below the floor sit on it", () => {
    const x = logScale(0.13, 14.2, [0, 300]);
    expect(x.domain).toEqual([0.1, 20]);
    expect(x.ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20]);
    expect(x(0.1)).toBe(0);
    expect(x(20)).toBeCloseTo(300);
    expect(x(0)).toBe(0);
    expect(logScale(300, 7000, [0, 1]).ticks).toEqual([200, 500, 1000, 2000, 5000, 10000]);
    expect(logScale(1, 1e6, [0, 1]).ticks).toEqual([1, 10, 100, 1000, 10000, 100000, 1000000]);
  });

  it("draws axes with gridlines, tick labels and a title", () => {
    const x = linear([0, 1], [10, 110], 2);
    const ax = xAxis(x, { from: 0, to: 50, format: (t) => `${t * 100}%`, title: "score", middle: 60 });
    expect(ax).toContain('<line class="grid" x1="60" x2="60" y1="0" y2="50"/>');
    expect(ax).toContain('<text class="tick" x="110" y="65" text-anchor="middle">100%</text>');
    expect(ax).toContain('<text class="axis-title" x="60" y="83" text-anchor="middle">score</text>');
    const y = linear([0, 1], [100, 0], 2);
    const ay = yAxis(y, { from: 40, to: 200, format: String, title: "score", middle: 50 });
    expect(ay).toContain('<text class="tick" x="34" y="54" text-anchor="end">0.5</text>');
    expect(ay).toContain('transform="translate(12 50) rotate(-90)"');
    expect(xAxis(x, { from: 0, to: 1, format: String })).not.toContain("axis-title");
  });

  it("frames a chart as an accessible image", () => {
    const svg = chart({ id: "c", width: 100, height: 50.04, title: "T <1>", desc: "D & d" }, "<g></g>");
    expect(svg).toBe(
      '<svg class="chart" viewBox="0 0 100 50" role="img" aria-labelledby="c-title c-desc" preserveAspectRatio="xMinYMin meet">' +
        '<title id="c-title">T &lt;1&gt;</title><desc id="c-desc">D &amp; d</desc><g></g></svg>',
    );
  });
});

describe("labels", () => {
  it("estimates text width, erring wide, and cuts a label to fit with the full text on hover", () => {
    expect(textWidth("iii")).toBeLessThan(textWidth("mmm"));
    expect(textWidth("abc", 28)).toBeCloseTo(2 * textWidth("abc", 14));
    expect(label("short", { x: 1 }, 100)).toBe('<text x="1">short</text>');
    const cut = label("a-very-long-variant-name <b>", { x: 1 }, 80);
    expect(cut).toMatch(
      /^<text x="1"><title>a-very-long-variant-name &lt;b&gt;<\/title>a-very-lo?n?g?…<\/text>$/,
    );
  });

  it("shortens both names of a pair alike until it fits", () => {
    expect(pairLabel("b", "a", 100)).toBe("b vs a");
    const long = pairLabel("a-very-long-variant-name", "another-long-one", 130);
    expect(long).toMatch(/^a-ver\S*… vs anoth\S*…$/);
    expect(textWidth(long)).toBeLessThanOrEqual(130);
    expect(pairLabel("abcdefgh", "abcdefgh", 1)).toBe("ab… vs ab…");
  });
});

describe("statistics for the charts", () => {
  it("finds the Pareto frontier: no other variant is both cheaper and better", () => {
    const points = [
      { name: "cheap", cost: 1, score: 0.5 },
      { name: "dear-worse", cost: 3, score: 0.4 },
      { name: "mid", cost: 2, score: 0.7 },
      { name: "best", cost: 4, score: 0.9 },
      { name: "tie-dearer", cost: 2.5, score: 0.7 },
    ];
    expect(paretoFrontier(points)).toEqual(["cheap", "mid", "best"]);
    expect(paretoFrontier([])).toEqual([]);
  });

  it("computes quantiles as the analysis does (linear interpolation)", () => {
    expect(quantile([], 0.5)).toBe(0);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
  });
});

describe("escaping", () => {
  it("escapes the five HTML specials, for text and attributes alike", () => {
    expect(esc(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
    expect(esc(42)).toBe("42");
  });

  it("builds tags with escaped attributes; SVG shapes close themselves, HTML voids do not", () => {
    expect(tag("td", { class: `a"b`, "data-sort": 1, hidden: true, skip: undefined, off: false }, "x")).toBe(
      '<td class="a&quot;b" data-sort="1" hidden>x</td>',
    );
    expect(tag("line", { x1: 1 })).toBe('<line x1="1"/>');
    expect(tag("circle", { r: 2 }, "<title>t</title>")).toBe('<circle r="2"><title>t</title></circle>');
    expect(tag("input", { type: "checkbox" })).toBe('<input type="checkbox">');
  });

  it("turns outputs into text and cuts them on whole code points", () => {
    expect(outputText("hi")).toBe("hi");
    expect(outputText(null)).toBe("");
    expect(outputText(undefined)).toBe("");
    expect(outputText({ a: [1, "<"] })).toBe('{"a":[1,"<"]}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(outputText(loop)).toBe("[object Object]");
    expect(outputText(() => 1)).toContain("=>");
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcdef", 3)).toBe("abc…");
    expect(truncate("😀😀😀😀", 2)).toBe("😀😀…");
    expect(truncate("😀😀", 3)).toBe("😀😀");
    expect(oneLine(" a\n\tb  c ")).toBe("a b c");
  });
});
