import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simModel } from "./index.js";
import { META_WEIGHTS } from "./meta.js";
import type { MetaFeature } from "./meta-features.js";
import type { MetaExample } from "./meta-request.js";
import { TASKS, type TaskName } from "./tasks/index.js";
import { metaCall, proposalText, reflectionText } from "./test-utils/meta-requests.js";

const N = 400;

/** How often each feature is drawn over N samples (temperature 1, the call's seed as sample index). */
function frequencies(task: TaskName, text: string) {
  const m = simModel({ task, seed: 11 });
  const counts: Partial<Record<MetaFeature, number>> = {};
  let probabilities: Partial<Record<MetaFeature, number>> = {};
  for (let seed = 0; seed < N; seed++) {
    const meta = m.explain(metaCall(text, { temperature: 1, seed })).meta!;
    expect(meta.task).toBe(task);
    probabilities = meta.probabilities;
    for (const f of meta.features) counts[f] = (counts[f] ?? 0) + 1;
  }
  const freq = Object.fromEntries(
    Object.keys(probabilities).map((f) => [f, (counts[f as MetaFeature] ?? 0) / N]),
  );
  return { freq, probabilities };
}

/** Checks the documented probabilities, and that each frequency is within 4 standard errors of them. */
function expectProbabilities(task: TaskName, text: string, want: Partial<Record<MetaFeature, number>>) {
  const { freq, probabilities } = frequencies(task, text);
  expect(probabilities).toEqual(want);
  for (const [f, p] of Object.entries(want)) {
    const se = Math.sqrt((p * (1 - p)) / N);
    expect(Math.abs(freq[f]! - p), `${task} ${f}: measured ${freq[f]}, documented ${p}`).toBeLessThan(
      4 * se + 1e-9,
    );
  }
  return freq;
}

const rows = (task: TaskName) => TASKS[task].rows();
const show = (task: TaskName, answer: unknown) =>
  task === "math" ? JSON.stringify({ answer }) : typeof answer === "string" ? answer : JSON.stringify(answer);
const quoted = (task: TaskName, picked = rows(task).slice(0, 5)): MetaExample[] =>
  picked.map((r) => ({ input: r.text, expected: show(task, r.expected) }));
const oneOfEachLabel = ["positive", "negative", "neutral"].map(
  (l) => rows("sentiment").find((r) => r.expected === l)!,
);
const { base, tip, examples, summary, keep, feedback, wrongNumber } = META_WEIGHTS;
const r2 = (x: number) => Math.round(x * 1e6) / 1e6;

describe("the weights", () => {
  it("are the documented ones", () => {
    const doc = readFileSync(new URL("../../../docs/simulated-model.md", import.meta.url), "utf8");
    const documented = Object.fromEntries(
      [...doc.matchAll(/^\| `(\w+)` \| \+?([\d.]+) \|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect(documented).toEqual(META_WEIGHTS);
    expect(META_WEIGHTS).toMatchObject({ base: 0.25, tip: 0.3, examples: 0.25, summary: 0.15, cap: 0.95 });
  });
});

describe("proposal probabilities", () => {
  it.each([
    ["sentiment", { labels: base, format: base }],
    ["extract", { iso: base, format: base }],
    ["math", { steps: base, final: base, format: base }],
  ] as const)("bare request (%s): every feature at the base probability", (task, want) => {
    expectProbabilities(task, proposalText(), want);
  });

  it("a tip adds to the features it points at", () => {
    const pointed = r2(base + tip);
    expectProbabilities("sentiment", proposalText({ tip: "Say what the output should look like." }), {
      labels: pointed,
      format: pointed,
    });
    expectProbabilities("math", proposalText({ tip: "Encourage the model to think it through." }), {
      steps: pointed,
      final: pointed,
      format: base,
    });
    expectProbabilities("extract", proposalText({ tip: "Dates must be precise." }), {
      iso: pointed,
      format: base,
    });
  });

  it("examples add to what their expected answers show", () => {
    const shown = r2(base + examples);
    expectProbabilities("sentiment", proposalText({ examples: quoted("sentiment", oneOfEachLabel) }), {
      labels: shown,
      format: base,
    });
    const positives = rows("sentiment")
      .filter((r) => r.expected === "positive")
      .slice(0, 4);
    expectProbabilities("sentiment", proposalText({ examples: quoted("sentiment", positives) }), {
      labels: base,
      format: base,
    });
    expectProbabilities("extract", proposalText({ examples: quoted("extract") }), {
      iso: shown,
      format: base,
    });
    expectProbabilities("math", proposalText({ examples: quoted("math") }), {
      steps: base,
      final: shown,
      format: base,
    });
  });

  it("a data summary adds to every feature, and the sum is capped", () => {
    const s = r2(base + summary);
    expectProbabilities("math", proposalText({ summary: "140 short word problems." }), {
      steps: s,
      final: s,
      format: s,
    });
    const all = proposalText({
      summary: "Product reviews, a fifth of them sarcastic.",
      examples: quoted("sentiment", oneOfEachLabel),
      tip: "Be explicit about the labels.",
    });
    expectProbabilities("sentiment", all, {
      labels: Math.min(META_WEIGHTS.cap, r2(base + tip + examples + summary)),
      format: r2(base + tip + summary),
    });
  });
});

describe("reflection probabilities", () => {
  const sent = rows("sentiment").find((r) => r.expected === "neutral")!;
  const wrongLabel = { input: sent.text, output: "positive", expected: "neutral", feedback: "Incorrect." };
  const rightLabel = { input: sent.text, output: "neutral", expected: "neutral", feedback: "Correct." };

  it("keeps the current instruction's features, and adds the ones failures point at", () => {
    const labelled = reflectionText("Label the review positive, negative or neutral.", [rightLabel]);
    expectProbabilities("sentiment", labelled, { labels: keep, format: base });
    const pointed = expectProbabilities("sentiment", reflectionText("Classify the review.", [wrongLabel]), {
      labels: feedback,
      format: base,
    });
    const not = expectProbabilities("sentiment", reflectionText("Classify the review.", [rightLabel]), {
      labels: base,
      format: base,
    });
    expect(pointed.labels! - not.labels!).toBeGreaterThan(0.4);
    const prose = { ...rightLabel, output: "I would say the sentiment of this review is Neutral." };
    expectProbabilities("sentiment", reflectionText("Classify the review.", [prose]), {
      labels: base,
      format: feedback,
    });
  });

  it("adds the ISO date rule when an expected ISO date came back written another way", () => {
    const row = rows("extract").find((r) => r.writtenDate !== undefined && !/^\d{4}-/.test(r.writtenDate))!;
    const expected = row.expected as { date: string };
    const asWritten = { input: row.text, output: JSON.stringify({ ...expected, date: row.writtenDate }) };
    const otherField = { input: row.text, output: JSON.stringify({ ...expected, amount: 1 }) };
    const withExpected = (e: MetaExample) => ({ ...e, expected: JSON.stringify(row.expected) });
    const pointed = expectProbabilities(
      "extract",
      reflectionText("Extract the fields.", [withExpected(asWritten)]),
      {
        iso: feedback,
        format: base,
      },
    );
    const not = expectProbabilities(
      "extract",
      reflectionText("Extract the fields.", [withExpected(otherField)]),
      {
        iso: base,
        format: base,
      },
    );
    expect(pointed.iso! - not.iso!).toBeGreaterThan(0.4);
    const told = { ...otherField, feedback: "Dates must be YYYY-MM-DD." };
    expect(frequencies("extract", reflectionText("Extract the fields.", [told])).probabilities.iso).toBe(
      feedback,
    );
  });

  it("adds step by step and the final answer after a wrong number, and the format hint after prose", () => {
    const row = rows("math")[7]!;
    const answer = row.expected as number;
    const fail = (output: string) =>
      reflectionText("Solve it.", [{ input: row.text, output, expected: show("math", answer) }]);
    const wrong = expectProbabilities("math", fail(JSON.stringify({ answer: answer + 3 })), {
      steps: wrongNumber,
      final: wrongNumber,
      format: base,
    });
    const right = expectProbabilities("math", fail(JSON.stringify({ answer })), {
      steps: base,
      final: base,
      format: base,
    });
    expect(wrong.steps! - right.steps!).toBeGreaterThan(0.2);
    expectProbabilities("math", fail(`After working it out, I believe the result is ${answer + 1}.`), {
      steps: wrongNumber,
      final: wrongNumber,
      format: feedback,
    });
  });
});
