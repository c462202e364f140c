import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { DatasetFileError } from "../errors/dataset-file-error.js";
import { DatasetRowError } from "../errors/dataset-row-error.js";
import { DuplicateIdError } from "../errors/duplicate-id-error.js";
import { EmptyDatasetError } from "../errors/empty-dataset-error.js";
import { loadDataset } from "./load.js";
import { tempFiles } from "./tmp.case.js";

const files = tempFiles("load-errors");

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; hint?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error("expected a rejection");
}

describe("loadDataset: file errors", () => {
  it("an unreadable file: missing, or a directory", async () => {
    const missing = await failure(loadDataset(`${files.dir}/nope.jsonl`));
    expect(DatasetFileError.isInstance(missing)).toBe(true);
    expect(missing.message).toBe(`${files.dir}/nope.jsonl: cannot be read: no such file.`);
    expect(missing.hint).toMatch(/relative paths start from/);
    const dir = await failure(loadDataset(files.dir, { format: "csv" }));
    expect(dir.message).toMatch(/cannot be read: it is a directory\.$/);
  });

  it("an unknown extension or format names the supported ones", async () => {
    const file = files.write("data.xlsx", "");
    const e = await failure(loadDataset(file));
    expect(e.code).toBe("FP_DATASET_FILE");
    expect(e.message).toBe(`${file}: unknown extension ".xlsx".`);
    expect(e.hint).toMatch(/\.jsonl, \.ndjson, \.csv, \.tsv, \.json/);
    const f = await failure(loadDataset(file, { format: "xml" as "csv" }));
    expect(f.message).toMatch(/unknown format "xml"/);
  });

  it("a malformed JSON line gives file:line", async () => {
    const file = files.write("bad.jsonl", '{"input":"a"}\n\n{"input": oops}\n');
    const e = await failure(loadDataset(file));
    expect(DatasetFileError.isInstance(e)).toBe(true);
    expect(e.message).toMatch(new RegExp(`^${file}:3: malformed JSON: `));
    expect((e as DatasetFileError).line).toBe(3);
  });

  it("malformed JSON in a .json file gives its line too", async () => {
    const file = files.write("bad.json", '[\n  {"input": "a"},\n  {"input": "b",}\n]');
    const e = (await failure(loadDataset(file))) as DatasetFileError;
    expect(e.message).toMatch(new RegExp(`^${file}:3: malformed JSON`));
    const notRows = files.write("obj.json", '{"data": []}');
    expect((await failure(loadDataset(notRows))).message).toMatch(
      /expected an array of rows or an object \{ rows/,
    );
  });

  it("a ragged CSV record gives the line and expected vs got columns", async () => {
    const file = files.write("ragged.csv", "input,expected\na,1\nb,2,extra\n");
    const e = (await failure(loadDataset(file))) as DatasetFileError;
    expect(e.message).toBe(`${file}:3: ragged CSV: expected 2 columns (as in the header), got 3.`);
    expect(e.line).toBe(3);
    const short = files.write("short.csv", "input,expected\na\n");
    expect((await failure(loadDataset(short))).message).toMatch(
      /:2: ragged CSV: expected 2 columns .*got 1\./,
    );
  });

  it("malformed CSV quoting and bad headers", async () => {
    const quote = files.write("quote.csv", 'input\n"never closed\n');
    expect((await failure(loadDataset(quote))).message).toMatch(/malformed CSV/);
    const dup = files.write("dup.csv", "input,input\na,b\n");
    expect((await failure(loadDataset(dup))).message).toBe(
      `${dup}:1: the header names column "input" twice.`,
    );
    const blank = files.write("blank.csv", "input,\na,b\n");
    expect((await failure(loadDataset(blank))).message).toMatch(/column 2 has no name/);
  });
});

describe("loadDataset: data errors", () => {
  it("empty data: an empty file, a header-only CSV, an empty array", async () => {
    for (const [name, text] of [
      ["empty.jsonl", "\n\n"],
      ["header.csv", "input,expected\n"],
      ["empty.json", "[]"],
      ["blank.json", ""],
    ] as const) {
      const file = files.write(name, text);
      const e = await failure(loadDataset(file));
      expect(EmptyDatasetError.isInstance(e), name).toBe(true);
      expect(e.message).toBe(`The dataset ${file} has no rows.`);
    }
    expect((await failure(loadDataset([]))).message).toBe("The dataset passed in has no rows.");
  });

  it("a missing input field names it and lists the row's fields", async () => {
    const file = files.write("noinput.jsonl", '{"question":"q","answer":"a"}\n');
    const e = (await failure(loadDataset(file))) as DatasetRowError;
    expect(DatasetRowError.isInstance(e)).toBe(true);
    expect(e.message).toBe(`${file}:1 (row 1): has no input field "input". The row has: question, answer.`);
    expect(e.hint).toMatch(/input: "question"/);
    expect(e.field).toBe("input");
    expect(e.fields).toEqual(["question", "answer"]);
    const csv = files.write("noinput.csv", "question\nq\n");
    expect((await failure(loadDataset(csv, { input: ["question", "ctx"] }))).message).toBe(
      `${csv}:2 (row 1): has no input field "ctx". The row has: question.`,
    );
    expect((await failure(loadDataset([{ input: "a" }, { inptu: "b" }]))).message).toBe(
      'row 2 (rows[1]): has no input field "input". The row has: inptu.',
    );
  });

  it("a row that is not an object", async () => {
    const file = files.write("scalar.jsonl", '{"input":1}\n42\n');
    expect((await failure(loadDataset(file))).message).toBe(
      `${file}:2 (row 2): expected an object with an input field, got number.`,
    );
  });

  it("a missing expected value when required", async () => {
    const csv = files.write("noexp.csv", "q,a\nx,1\ny,\n");
    const e = (await failure(
      loadDataset(csv, { input: "q", expected: "a", requireExpected: true }),
    )) as DatasetRowError;
    expect(e.message).toBe(
      `${csv}:3 (row 2): has no expected value (field "a" is empty or missing). The row has: q, a.`,
    );
    expect(await loadDataset(csv, { input: "q", expected: "a" })).toHaveLength(2);
    const typo = await failure(
      loadDataset([{ input: "x", answer: 1 }], { expected: "anser", requireExpected: true }),
    );
    expect(typo.message).toBe('row 1 (rows[0]): has no expected field "anser". The row has: input, answer.');
  });

  it("duplicate ids name both rows", async () => {
    const file = files.write(
      "dup.jsonl",
      '{"id":"a","input":1}\n{"id":"b","input":2}\n{"id":"a","input":3}\n',
    );
    const e = (await failure(loadDataset(file))) as DuplicateIdError;
    expect(DuplicateIdError.isInstance(e)).toBe(true);
    expect(e.message).toBe(`Duplicate id "a": ${file}:3 (row 3) has the same id as ${file}:1 (row 1).`);
  });

  it("a mapped id field that is missing, and a mapping function that throws", async () => {
    expect((await failure(loadDataset([{ input: 1 }], { id: "key" }))).message).toMatch(
      /has no id \(field "key" is empty or missing\)/,
    );
    const boom = await failure(
      loadDataset([{ input: 1 }], {
        input: () => {
          throw new Error("boom");
        },
      }),
    );
    expect(boom.message).toBe("row 1 (rows[0]): the input mapping function threw: boom The row has: input.");
    expect((await failure(loadDataset([{ input: 1 }], { input: () => undefined }))).message).toMatch(
      /input mapping function returned undefined/,
    );
  });

  it("bad options are InvalidArgumentErrors", async () => {
    for (const options of [
      { limit: 0 },
      { limit: 1.5 },
      { input: "" },
      { input: [] as string[] },
      { id: 3 as unknown as string },
    ]) {
      expect(InvalidArgumentError.isInstance(await failure(loadDataset([{ input: 1 }], options)))).toBe(true);
    }
    expect(InvalidArgumentError.isInstance(await failure(loadDataset(42 as unknown as string)))).toBe(true);
  });
});
