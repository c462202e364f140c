import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchSpace } from "../../../core/ports.js";
import { dropSchemas, requireServer, TEST_PG, uniqueSchema } from "../../../experiments/stores/pg-test-db.js";
import { OptunaStorageError } from "../../errors/optuna-storage-error.js";
import { expectValidParams } from "../sampler.case.js";
import { type OptunaSampler, optunaSampler } from "./index.js";
import { maskUrl, storageUrl } from "./options.js";
import { optunaTrials, skipReason } from "./test-utils/optuna-env.js";

const space: SearchSpace = {
  x: { type: "float", low: -1, high: 1 },
  n: { type: "int", low: 1, high: 9, step: 2 },
  c: { type: "categorical", choices: ["a", "b", null] },
};
const dir = mkdtempSync(join(tmpdir(), "fp-optuna-storage-"));
const schemas: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropSchemas(schemas);
});

const studyName = (label: string) => `fp-${label}-${process.pid}-${randomBytes(3).toString("hex")}`;

/** Two workers on one study: interleaved asks (several open at once) and tells. */
async function twoWorkers(storage: string, name: string): Promise<void> {
  const [a, b] = await Promise.all([
    optunaSampler({ storage, studyName: name, seed: 1 }),
    optunaSampler({ storage, studyName: name, seed: 2 }),
  ]);
  try {
    const asked: { w: OptunaSampler; number: number; x: number }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const w of [a, b, a, b]) {
        const t = await w.ask(space);
        expectValidParams(space, t.params);
        asked.push({ w, number: t.number, x: t.params.x as number });
      }
      for (const { w, number, x } of asked.splice(0).reverse()) {
        await w.tell(number, { state: "complete", values: [-(x ** 2)] });
      }
    }
    const [fromA, fromB] = [await a.trials(), await b.trials()];
    const numbers = fromA.map((t) => t.number);
    expect(numbers).toEqual([...Array(12).keys()]); // unique across workers, nothing lost
    expect(fromB).toEqual(fromA);
    const seen = optunaTrials(name, storageUrl(storage)!);
    expect(seen.map((t) => t.number)).toEqual(numbers);
    expect(seen.every((t) => t.state === "COMPLETE")).toBe(true);
    expect(seen.map((t) => t.params)).toEqual(fromA.map((t) => t.params));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe("optuna bridge: storage URLs", () => {
  it("maps paths and postgres URLs to SQLAlchemy URLs and masks passwords", () => {
    expect(storageUrl("/tmp/s.db")).toBe("sqlite:////tmp/s.db");
    expect(storageUrl("sqlite:///rel.sqlite3")).toBe("sqlite:///rel.sqlite3");
    expect(storageUrl("postgres://u:p@h:5432/d")).toBe("postgresql+psycopg2://u:p@h:5432/d");
    expect(storageUrl("postgresql://h/d")).toBe("postgresql+psycopg2://h/d");
    expect(storageUrl(undefined)).toBeUndefined();
    expect(maskUrl("postgres://user:s3cret@host:5432/db")).toBe("postgres://user:***@host:5432/db");
  });
});

describe.skipIf(skipReason !== undefined)("optuna bridge: shared storage", () => {
  it.concurrent("two workers share one SQLite study", async () => {
    await twoWorkers(join(dir, "shared.db"), studyName("sqlite"));
  });

  describe("PostgreSQL", () => {
    let url = "";
    beforeAll(async () => {
      await requireServer();
      const schema = uniqueSchema();
      const client = new pg.Client({ connectionString: TEST_PG });
      await client.connect();
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.end();
      schemas.push(schema);
      url = `${TEST_PG}${TEST_PG.includes("?") ? "&" : "?"}options=-csearch_path%3D${schema}`;
    });

    it("two workers (two processes) share one PostgreSQL study", async () => {
      await twoWorkers(url, studyName("pg"));
    });
  });

  it.concurrent("an unreachable PostgreSQL server is an OptunaStorageError with the password masked", async () => {
    const storage = "postgres://flow:s3cret-pw@127.0.0.1:9/nowhere";
    const started = Date.now();
    const error = await optunaSampler({ storage, studyName: "x" }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(OptunaStorageError.isInstance(error)).toBe(true);
    const e = error as OptunaStorageError;
    expect(e.storage).toBe("postgresql+psycopg2://flow:***@127.0.0.1:9/nowhere");
    expect(`${e.message} ${e.hint} ${JSON.stringify(e.toJSON())}`).not.toContain("s3cret");
    expect(e.hint).toMatch(/reachable/);
  });

  it.concurrent("an SQLite file that cannot be created is an OptunaStorageError", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "not a folder");
    const error = await optunaSampler({ storage: join(file, "optuna.db"), studyName: "x" }).catch(
      (e: unknown) => e,
    );
    expect(OptunaStorageError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(join(file, "optuna.db"));
  });
});
