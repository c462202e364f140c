import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatasetFileError } from "../errors/dataset-file-error.js";
import { EmptyDatasetError } from "../errors/empty-dataset-error.js";
import { loadDataset, streamDataset } from "./load.js";
import { tempFiles } from "./tmp.case.js";

const files = tempFiles("stream");

describe("streamDataset", () => {
  it("yields rows one at a time and never reads past where the caller stops", async () => {
    const file = files.write("lazy.jsonl", '{"input":1}\n{"input":2}\nnot json\n');
    const seen: unknown[] = [];
    for await (const row of streamDataset(file)) {
      seen.push(row.input);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    expect(await loadDataset(file, { limit: 2 })).toHaveLength(2);
    await expect(loadDataset(file)).rejects.toSatisfy((e) => DatasetFileError.isInstance(e));
  });

  it("streams CSV record by record too", async () => {
    const file = files.write("lazy.csv", "input\na\nb\nc,d\n");
    const seen: unknown[] = [];
    for await (const row of streamDataset(file)) {
      seen.push(row.input);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["a", "b"]);
    await expect(loadDataset(file)).rejects.toThrow(
      /:4: ragged CSV: expected 1 column \(as in the header\), got 2\./,
    );
  });

  it("throws an EmptyDatasetError at the end of an empty stream", async () => {
    const file = files.write("empty.jsonl", "");
    const iterate = async () => {
      for await (const _ of streamDataset(file)) expect.unreachable();
    };
    await expect(iterate()).rejects.toSatisfy((e) => EmptyDatasetError.isInstance(e));
  });

  it("reads a large file (100,000 rows) in one pass", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      JSON.stringify({ id: `q${i}`, input: `question ${i}` }),
    );
    const file = files.write("large.jsonl", `${lines.join("\n")}\n`);
    let count = 0;
    let last = "";
    for await (const row of streamDataset(file)) {
      count++;
      last = row.id;
    }
    expect(count).toBe(100_000);
    expect(last).toBe("q99999");
  });
});

const cell = fc.string({ unit: "grapheme", maxLength: 12 });

describe("round trips (property)", () => {
  it("rows written as JSONL load back as the same inputs, expected values and ids", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            input: fc.jsonValue().filter((v) => v !== null),
            expected: fc.option(fc.jsonValue(), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        async (rows) => {
          const file = files.write(`rt-${++n}.jsonl`, rows.map((r) => JSON.stringify(r)).join("\n"));
          const loaded = await loadDataset(file);
          const reference = JSON.parse(JSON.stringify(rows)) as { input: unknown; expected?: unknown }[];
          expect(loaded.map((r) => r.id)).toEqual(rows.map((_, i) => String(i + 1)));
          expect(loaded.map((r) => r.input)).toEqual(reference.map((r) => r.input));
          expect(loaded.map((r) => r.expected)).toEqual(
            reference.map((r) => (r.expected === null || r.expected === "" ? undefined : r.expected)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("any text survives a quoted CSV round trip", async () => {
    let n = 0;
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 15 }), async (rows) => {
        const text = ["input,expected", ...rows.map(([a, b]) => `${quote(a)},${quote(b)}`)].join("\r\n");
        const loaded = await loadDataset(files.write(`rt-${++n}.csv`, text));
        expect(loaded.map((r) => r.input)).toEqual(rows.map(([a]) => a));
        expect(loaded.map((r) => r.expected)).toEqual(rows.map(([, b]) => (b === "" ? undefined : b)));
      }),
      { numRuns: 60 },
    );
  });
});
