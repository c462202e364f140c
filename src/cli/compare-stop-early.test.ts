import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "./test-utils/cli.js";

const task = (file: string) =>
  fileURLToPath(new URL(`../../examples/tasks/sentiment/${file}`, import.meta.url));

describe("flowprompt compare --stop-early", () => {
  it("stops once the answer is known and reports the sequential test", async () => {
    const r = await cli(
      "compare",
      task("bare.prompt"),
      task("fewshot.prompt"),
      "--data",
      task("data.jsonl"),
      "--stop-early",
      "--json",
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      stopped: string;
      winner: string;
      records: number;
      comparisons: { method: string; significant: boolean }[];
    };
    expect(report.stopped).toBe("early");
    expect(report.winner).toBe("fewshot");
    expect(report.records).toBeLessThan(2 * 150);
    expect(report.comparisons[0]).toMatchObject({ method: "sequential", significant: true });
  });
});
