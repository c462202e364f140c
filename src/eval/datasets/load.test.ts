import { describe, expect, it } from "vitest";
import { datasetFromRows, loadDataset } from "./load.js";
import { tempFiles } from "./tmp.case.js";

const files = tempFiles("load");

describe("loadDataset: formats", () => {
  it("reads JSONL, skipping blank lines; ids are row numbers; other fields become metadata", async () => {
    const file = files.write(
      "qa.jsonl",
      '{"input":"2+2","expected":"4"}\n\n{"input":"3+3","expected":"6","level":"easy"}\r\n',
    );
    expect(await loadDataset(file)).toEqual([
      { id: "1", input: "2+2", expected: "4" },
      { id: "2", input: "3+3", expected: "6", metadata: { level: "easy" } },
    ]);
  });

  it("reads .ndjson like JSONL, and a file with a byte-order mark", async () => {
    const file = files.write("bom.ndjson", '\uFEFF{"input":"a"}\n');
    expect(await loadDataset(file)).toEqual([{ id: "1", input: "a" }]);
  });

  it("reads CSV with a header, quoted fields, commas and line breaks inside quotes", async () => {
    const file = files.write(
      "qa.csv",
      'question,answer,topic\n"What is 2+2, exactly?",4,math\n"Say ""hi""\non two lines",hi,\n',
    );
    expect(await loadDataset(file, { input: "question", expected: "answer", category: "topic" })).toEqual([
      { id: "1", input: "What is 2+2, exactly?", expected: "4", category: "math" },
      { id: "2", input: 'Say "hi"\non two lines', expected: "hi" },
    ]);
  });

  it("reads TSV by extension, and any file with an explicit format", async () => {
    const tsv = files.write("qa.tsv", "input\texpected\nhello\tworld\n");
    expect(await loadDataset(tsv)).toEqual([{ id: "1", input: "hello", expected: "world" }]);
    const txt = files.write("qa.txt", '{"input":"x"}\n');
    expect(await loadDataset(txt, { format: "jsonl" })).toEqual([{ id: "1", input: "x" }]);
  });

  it("reads JSON as an array or as { rows: [...] }", async () => {
    const arr = files.write("a.json", JSON.stringify([{ input: { q: 1 }, expected: [1, 2] }]));
    const obj = files.write("b.json", JSON.stringify({ rows: [{ input: "x", id: 7 }] }));
    expect(await loadDataset(arr)).toEqual([{ id: "1", input: { q: 1 }, expected: [1, 2] }]);
    expect(await loadDataset(obj)).toEqual([{ id: "7", input: "x" }]);
  });
});

describe("loadDataset: mapping", () => {
  const rows = [
    { qid: "a", q: { text: "hi", lang: "en" }, ctx: "c1", answer: "yo", tag: "greet" },
    { qid: "b", q: { text: "bye", lang: "en" }, ctx: "c2", answer: null, tag: "" },
  ];

  it("maps input from a field, a dotted path, a list of fields or a function", async () => {
    expect((await loadDataset(rows, { input: "ctx" })).map((r) => r.input)).toEqual(["c1", "c2"]);
    expect((await loadDataset(rows, { input: "q.text" })).map((r) => r.input)).toEqual(["hi", "bye"]);
    expect((await loadDataset(rows, { input: ["ctx", "q"] }))[0]!.input).toEqual({
      ctx: "c1",
      q: { text: "hi", lang: "en" },
    });
    const typed = await loadDataset(rows, { input: (r) => `${r.ctx}!` });
    expect(typed.map((r) => r.input)).toEqual(["c1!", "c2!"]);
  });

  it("maps expected from a field or a function; null and empty mean none", async () => {
    const a = await loadDataset(rows, { input: "ctx", expected: "answer" });
    expect(a.map((r) => r.expected)).toEqual(["yo", undefined]);
    expect("expected" in a[1]!).toBe(false);
    const b = await loadDataset(rows, { input: "ctx", expected: (r) => String(r.qid).toUpperCase() });
    expect(b.map((r) => r.expected)).toEqual(["A", "B"]);
  });

  it("takes ids and categories from the mapped fields, and keeps the rest as metadata", async () => {
    const out = await loadDataset(rows, { input: "ctx", expected: "answer", id: "qid", category: "tag" });
    expect(out[0]).toEqual({
      id: "a",
      input: "c1",
      expected: "yo",
      category: "greet",
      metadata: { q: { text: "hi", lang: "en" } },
    });
    expect(out[1]!.category).toBeUndefined();
  });

  it("uses an `id` field when the rows have one, numbers the others, and keeps a metadata object flat", () => {
    const out = datasetFromRows([
      { id: 10, input: "a", metadata: { source: "x" } },
      { input: "b", category: 3 },
    ]);
    expect(out).toEqual([
      { id: "10", input: "a", metadata: { source: "x" } },
      { id: "2", input: "b", category: "3" },
    ]);
  });

  it("stops after `limit` rows", async () => {
    const file = files.write("many.jsonl", Array.from({ length: 50 }, (_, i) => `{"input":${i}}`).join("\n"));
    const out = await loadDataset(file, { limit: 3 });
    expect(out.map((r) => r.input)).toEqual([0, 1, 2]);
    expect(await loadDataset(rows, { input: "ctx", limit: 1 })).toHaveLength(1);
  });

  it("accepts an empty-string input (only a missing or null input is refused)", async () => {
    expect(await loadDataset([{ input: "" }])).toEqual([{ id: "1", input: "" }]);
  });
});
