import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExperimentStore } from "../../core/ports.js";
import { ExperimentStoreError } from "./experiment-store-error.js";
import { dropSchemas, requireServer, TEST_PG, uniqueSchema } from "./pg-test-db.js";
import { PostgresExperimentStore } from "./postgres-store.js";
import { event, experiment, runExperimentStoreSuite } from "./store.case.js";

const schemas: string[] = [];
const schemaOf = new WeakMap<ExperimentStore, string>();

function storeIn(
  schema: string,
  options: { pool?: pg.Pool; tablePrefix?: string } = {},
): PostgresExperimentStore {
  const store = options.pool
    ? new PostgresExperimentStore({ pool: options.pool, schema, tablePrefix: options.tablePrefix })
    : new PostgresExperimentStore({ connectionString: TEST_PG, schema, tablePrefix: options.tablePrefix });
  schemaOf.set(store, schema);
  return store;
}

function freshSchema(): string {
  const schema = uniqueSchema();
  schemas.push(schema);
  return schema;
}

beforeAll(requireServer);
afterAll(() => dropSchemas(schemas));

runExperimentStoreSuite("PostgresExperimentStore", (shareWith?: ExperimentStore) =>
  storeIn(shareWith ? schemaOf.get(shareWith)! : freshSchema()),
);

describe("PostgresExperimentStore", () => {
  it("creates its schema, tables and unique constraint once (a migration step), with a prefix", async () => {
    const schema = freshSchema();
    const [a, b] = [storeIn(schema, { tablePrefix: "app_" }), storeIn(schema, { tablePrefix: "app_" })];
    await Promise.all([a.migrate(), b.migrate(), a.append([event()])]);
    const client = new pg.Client({ connectionString: TEST_PG });
    await client.connect();
    try {
      const tables = await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        "app_experiment_events",
        "app_experiment_migrations",
        "app_experiments",
      ]);
      const versions = await client.query(`SELECT version FROM "${schema}".app_experiment_migrations`);
      expect(versions.rows).toEqual([{ version: 1 }]);
      const unique = await client.query(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = '"${schema}".app_experiment_events'::regclass AND contype = 'u'`,
      );
      expect(unique.rows).toEqual([{ def: "UNIQUE (experiment_id, event_id)" }]);
    } finally {
      await client.end();
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("loses nothing with two pools of its own writing concurrently (2 × 10 writers × 200 events)", async () => {
    const schema = freshSchema();
    const pools = [
      new pg.Pool({ connectionString: TEST_PG, max: 5 }),
      new pg.Pool({ connectionString: TEST_PG, max: 5 }),
    ];
    const stores = pools.map((pool) => storeIn(schema, { pool }));
    try {
      await Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          for (let i = 0; i < 200; i += 20) {
            const batch = Array.from({ length: 20 }, (_, k) =>
              event({ id: `p${w}-${i + k}`, experimentId: "pools" }),
            );
            await stores[w % 2]!.append(batch);
            await stores[(w + 1) % 2]!.append(batch.slice(0, 2)); // the same events through the other pool
          }
        }),
      );
      const read = await stores[0]!.events("pools");
      expect(read).toHaveLength(4000);
      expect(new Set(read.map((e) => e.id)).size).toBe(4000);
      await Promise.all(stores.map((s) => s.close()));
      // The pools were given, so they are still open until their owner ends them.
      expect((await pools[0]!.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it("appends a large batch in one transaction (several INSERTs), all or nothing", async () => {
    const store = storeIn(freshSchema());
    try {
      const many = Array.from({ length: 2500 }, (_, i) => event({ id: `big-${i}`, experimentId: "big" }));
      await store.append(many);
      expect(await store.events("big")).toHaveLength(2500);
      const broken = [event({ experimentId: "tx" }), event({ experimentId: "tx", metric: "x\u0000y" })];
      await expect(store.append(broken)).rejects.toThrow(ExperimentStoreError);
      expect(await store.events("tx")).toEqual([]);
      await store.saveExperiment(experiment({ config: { nested: { list: [1, "two", null] } } }));
      expect((await store.getExperiment("exp-a"))?.config).toEqual({ nested: { list: [1, "two", null] } });
    } finally {
      await store.close();
    }
  });

  it("says how to fix an unreachable server, and retries the migration once it is back", async () => {
    const store = new PostgresExperimentStore({ connectionString: "postgres://postgres@127.0.0.1:1/test" });
    const error = await store.append([event()]).catch((e: unknown) => e);
    expect(ExperimentStoreError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Experiment store "postgres" failed to migrate: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/test \(ECONNREFUSED/,
    );
    expect((error as ExperimentStoreError).hint).toMatch(/Check that PostgreSQL is running/);
    await expect(store.events("exp-a")).rejects.toThrow(/cannot connect/);
    await store.close();
    expect(() => new PostgresExperimentStore({})).toThrow(/neither `connectionString` nor `pool`/);
    expect(() => new PostgresExperimentStore({ connectionString: TEST_PG, schema: 'x"; DROP' })).toThrow(
      /schema/,
    );
  });
});
