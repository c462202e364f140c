import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { ExperimentStore } from "../../core/ports.js";
import { ExperimentStoreCorruptLineError } from "./corrupt-line-error.js";
import { ExperimentStoreError } from "./experiment-store-error.js";
import { JsonlExperimentStore } from "./jsonl-store.js";
import { event, experiment, runExperimentStoreSuite } from "./store.case.js";

const root = mkdtempSync(join(tmpdir(), "fp-jsonl-store-"));
let dirs = 0;
const freshDir = () => join(root, `store-${++dirs}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

runExperimentStoreSuite("JsonlExperimentStore", (shareWith?: ExperimentStore) =>
  shareWith instanceof JsonlExperimentStore
    ? new JsonlExperimentStore({ dir: shareWith.dir })
    : new JsonlExperimentStore({ dir: freshDir() }),
);

/** Appends from a separate Node process (TypeScript sources through Node's type stripping). */
const child = `
import { registerHooks } from "node:module";
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && specifier.endsWith(".js")) return next(specifier.slice(0, -3) + ".ts", context);
      throw error;
    }
  },
});
const [dir, count] = process.argv.slice(-2);
const { JsonlExperimentStore } = await import(${JSON.stringify(fileURLToPath(new URL("./jsonl-store.ts", import.meta.url)))});
const store = new JsonlExperimentStore({ dir });
await store.append([]);
process.stdout.write("ready\\n");
const jobs = [];
for (let i = 0; i < Number(count); i += 5) {
  const batch = [0, 1, 2, 3, 4].map((k) => ({
    id: "child-" + (i + k), experimentId: "exp-mp", unitId: "u", variant: "a", kind: "exposure", at: i + k,
  }));
  jobs.push(store.append(batch));
}
await Promise.all(jobs);
console.log("done");
`;

/** Starts the child; `ready` resolves once it has loaded and starts appending. */
function appendFromChild(dir: string, count: number): { ready: Promise<void>; done: Promise<string> } {
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const done = new Promise<string>((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ["--no-warnings", "--input-type=module", "-e", child, dir, String(count)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      if (out.includes("ready")) onReady();
    });
    proc.stderr.on("data", (d) => (out += d));
    proc.on("error", reject);
    proc.on("exit", (code) => {
      onReady();
      if (code === 0) resolve(out);
      else reject(new Error(`child exited ${code}: ${out}`));
    });
  });
  return { ready, done };
}

describe("JsonlExperimentStore", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSONL file per experiment and one JSON file per definition, nothing else", async () => {
    const dir = freshDir();
    const store = new JsonlExperimentStore({ dir, fsync: true });
    await store.append([event({ experimentId: "checkout/v2" }), event({ experimentId: "b" })]);
    await store.saveExperiment(experiment({ id: "checkout/v2" }));
    await store.saveExperiment(experiment({ id: "checkout/v2", status: "running" }));
    expect(readdirSync(join(dir, "events")).sort()).toEqual(["b.jsonl", "checkout%2Fv2.jsonl"]);
    expect(readdirSync(join(dir, "experiments"))).toEqual(["checkout%2Fv2.json"]);
    const lines = readFileSync(store.eventsFile("checkout/v2"), "utf8").split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ experimentId: "checkout/v2" });
    expect(await new JsonlExperimentStore({ dir }).getExperiment("checkout/v2")).toMatchObject({
      status: "running",
    });
  });

  it("skips a torn last line with one warning, and a later append does not glue onto it", async () => {
    const dir = freshDir();
    const store = new JsonlExperimentStore({ dir });
    const kept = [event(), event()];
    await store.append(kept);
    const file = store.eventsFile("exp-a");
    appendFileSync(file, JSON.stringify(event()).slice(0, 40));
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);

    expect(await store.events("exp-a")).toEqual(kept);
    expect(await store.events("exp-a")).toEqual(kept);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(`${file}:3`);
    expect(warn.mock.calls[0]![1]).toMatchObject({ code: "FP_EXPERIMENT_STORE_TORN_LINE" });

    const later = event();
    await store.append([later]); // the same store: every append checks the file's end
    expect(readFileSync(file, "utf8").split("\n")[3]).toBe('{"$flowprompt":"torn-line-above"}');
    expect(await store.events("exp-a")).toEqual([...kept, later]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await new JsonlExperimentStore({ dir }).events("exp-a")).toEqual([...kept, later]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("fails on a bad line in the middle, naming file and line", async () => {
    const dir = freshDir();
    const store = new JsonlExperimentStore({ dir });
    await store.append([event(), event(), event()]);
    const file = store.eventsFile("exp-a");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[1] = "{not json";
    writeFileSync(file, lines.join("\n"));
    const error = await store.events("exp-a").catch((e: unknown) => e);
    expect(ExperimentStoreCorruptLineError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`^${file.replace(/[.\\]/g, "\\$&")}:2: not an experiment event`),
    );
    lines[1] = JSON.stringify({ id: "x" });
    writeFileSync(file, lines.join("\n"));
    await expect(store.events("exp-a")).rejects.toThrow(
      /:2: not an experiment event \("experimentId" must be/,
    );
  });

  it("ignores a repeated id written by another process, keeping the first", async () => {
    const dir = freshDir();
    const store = new JsonlExperimentStore({ dir });
    const first = event();
    await store.append([first]);
    appendFileSync(store.eventsFile("exp-a"), `${JSON.stringify({ ...first, variant: "dup" })}\n`);
    expect(await store.events("exp-a")).toEqual([first]);
  });

  it("loses nothing when another process appends to the same file at the same time", async () => {
    const dir = freshDir();
    const store = new JsonlExperimentStore({ dir });
    await store.append([event({ experimentId: "exp-mp", id: "warm-up" })]);
    const fromChild = appendFromChild(dir, 2000);
    await fromChild.ready;
    const mine: Promise<void>[] = [];
    for (let i = 0; i < 2000; i += 5) {
      const batch = Array.from({ length: 5 }, (_, k) =>
        event({ id: `parent-${i + k}`, experimentId: "exp-mp" }),
      );
      mine.push(store.append(batch));
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(mine);
    expect(await fromChild.done).toContain("done");
    const read = await store.events("exp-mp");
    expect(read).toHaveLength(4001);
    expect(read.filter((e) => e.id.startsWith("child-"))).toHaveLength(2000);
    expect(new Set(read.map((e) => e.id)).size).toBe(4001);
  });

  it("says how to fix an unusable directory", async () => {
    const file = join(freshDir());
    writeFileSync(file, "a file, not a directory");
    const store = new JsonlExperimentStore({ dir: file });
    const error = await store.append([event()]).catch((e: unknown) => e);
    expect(ExperimentStoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /Experiment store "jsonl" failed to append events: .*ENOTDIR|EEXIST/,
    );
    expect((error as ExperimentStoreError).hint).toMatch(/is a file, not a directory/);
    await expect(store.saveExperiment(experiment())).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(() => new JsonlExperimentStore({ dir: "" })).toThrow(/no `dir` given/);
  });

  it("refuses to work after close()", async () => {
    const store = new JsonlExperimentStore({ dir: freshDir() });
    await store.close();
    await expect(store.append([event()])).rejects.toThrow(/the store is closed/);
  });
});
