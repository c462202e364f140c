import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ExperimentEvent, ExperimentStore, StoredExperiment } from "../../core/ports.js";
import { assertEvents, assertExperiment, byExperiment, byId, firstOfEachId } from "./events.js";
import { ExperimentStoreError } from "./experiment-store-error.js";
import { fileNameFor, parseEventLog, serialised, TORN_MARKER } from "./jsonl-lines.js";

export interface JsonlExperimentStoreOptions {
  /** Directory of the store: `events/<id>.jsonl` (append-only) and `experiments/<id>.json`. */
  dir: string;
  /** fsync after every append and definition write (survives power loss, not only crashes). Default false. */
  fsync?: boolean;
}

/**
 * The embedded default: one append-only JSONL file of events per experiment and one JSON file per
 * definition (written to a temp file, then renamed). Each append is one write of whole lines, queued
 * per file in this process; other processes may append to the same files (O_APPEND). A torn last
 * line (a crash mid-write) is skipped on read with a warning; a repeated event id is ignored on read
 * (the first occurrence in the file wins).
 */
export class JsonlExperimentStore implements ExperimentStore {
  readonly portVersion = 1 as const;
  readonly kind = "jsonl";
  readonly dir: string;
  readonly #fsync: boolean;
  #dirReady = false;
  readonly #warned = new Set<string>();
  #closed = false;

  constructor(options: JsonlExperimentStoreOptions) {
    if (!options || typeof options.dir !== "string" || options.dir === "") {
      throw new ExperimentStoreError(
        "jsonl",
        "start",
        "no `dir` given",
        "Pass { dir: '.flowprompt/experiments' }.",
      );
    }
    this.dir = options.dir;
    this.#fsync = options.fsync ?? false;
  }

  eventsFile(experimentId: string): string {
    return join(this.dir, "events", `${fileNameFor(experimentId)}.jsonl`);
  }

  experimentFile(id: string): string {
    return join(this.dir, "experiments", `${fileNameFor(id)}.json`);
  }

  async append(events: readonly ExperimentEvent[]): Promise<void> {
    this.#open("append");
    assertEvents(events);
    const writes = [...byExperiment(events)].map(([experimentId, group]) => {
      const file = this.eventsFile(experimentId);
      const lines = group.map((e) => `${JSON.stringify(e)}\n`).join("");
      return serialised(file, () => this.#appendLines(file, lines));
    });
    await Promise.all(writes);
  }

  async #appendLines(file: string, lines: string): Promise<void> {
    try {
      if (!this.#dirReady) await mkdir(join(this.dir, "events"), { recursive: true });
      this.#dirReady = true;
      const handle = await open(file, "a+");
      try {
        // A file not ending in a newline holds a torn write (a writer crashed mid-line): end it and
        // mark it, so these lines never glue onto the fragment.
        const torn = await endsTorn(handle);
        await handle.appendFile(torn ? `\n${TORN_MARKER}\n${lines}` : lines);
        if (this.#fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      this.#dirReady = false;
      throw this.#fsError("append events", file, error);
    }
  }

  async events(experimentId: string, options: { since?: number } = {}): Promise<ExperimentEvent[]> {
    this.#open("read events");
    const file = this.eventsFile(experimentId);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw this.#fsError("read events", file, error);
    }
    const parsed = parseEventLog(text, file, experimentId);
    for (const line of parsed.torn) this.#warnTorn(file, line);
    return firstOfEachId(parsed.events, options.since);
  }

  #warnTorn(file: string, line: number): void {
    const key = `${file}:${line}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    process.emitWarning(
      `Skipped a torn line at ${key} (an unfinished write: a writer crashed, or is still writing).`,
      {
        type: "FlowPromptWarning",
        code: "FP_EXPERIMENT_STORE_TORN_LINE",
        detail: "That write was not acknowledged, so no acknowledged event is lost; its writer may retry it.",
      },
    );
  }

  async saveExperiment(experiment: StoredExperiment): Promise<void> {
    this.#open("save an experiment");
    assertExperiment(experiment);
    const file = this.experimentFile(experiment.id);
    const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    await serialised(file, async () => {
      try {
        await mkdir(join(this.dir, "experiments"), { recursive: true });
        const handle = await open(temp, "w");
        try {
          await handle.writeFile(`${JSON.stringify(experiment, null, 2)}\n`);
          if (this.#fsync) await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw this.#fsError("save an experiment", file, error);
      }
    });
  }

  async getExperiment(id: string): Promise<StoredExperiment | undefined> {
    this.#open("read an experiment");
    return this.#readExperiment(this.experimentFile(id));
  }

  async listExperiments(): Promise<StoredExperiment[]> {
    this.#open("list experiments");
    const dir = join(this.dir, "experiments");
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw this.#fsError("list experiments", dir, error);
    }
    const found = await Promise.all(
      names.filter((n) => n.endsWith(".json")).map((n) => this.#readExperiment(join(dir, n))),
    );
    return found.filter((e): e is StoredExperiment => e !== undefined).sort(byId);
  }

  async #readExperiment(file: string): Promise<StoredExperiment | undefined> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw this.#fsError("read an experiment", file, error);
    }
    try {
      return JSON.parse(text) as StoredExperiment;
    } catch (error) {
      throw new ExperimentStoreError(
        "jsonl",
        "read an experiment",
        `${file} is not valid JSON (${(error as Error).message})`,
        "Definitions are written atomically, so something else changed this file: fix or delete it.",
      );
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #open(operation: string): void {
    if (this.#closed) {
      throw new ExperimentStoreError("jsonl", operation, "the store is closed", "Create a new store.");
    }
  }

  #fsError(operation: string, path: string, error: unknown): ExperimentStoreError {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    const hint = ["EACCES", "EPERM", "EROFS"].includes(code)
      ? `Make ${this.dir} writable by this process (or pass another \`dir\`).`
      : code === "ENOTDIR" || code === "EEXIST"
        ? `A path inside ${this.dir} is a file, not a directory: pass a \`dir\` that is a directory or does not exist yet.`
        : code === "ENOSPC" || code === "EDQUOT"
          ? "Free disk space; appends that failed were not written and can be retried with the same ids."
          : `Check that ${this.dir} is a writable directory.`;
    return new ExperimentStoreError(
      "jsonl",
      operation,
      `${path}: ${code} (${(error as Error).message})`,
      hint,
      error,
    );
  }
}

/** Whether the file is not empty and does not end with a newline. */
async function endsTorn(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}
