import pg from "pg";
import type { ExperimentEvent, ExperimentStore, StoredExperiment } from "../../core/ports.js";
import { assertEvents, assertExperiment } from "./events.js";
import { ExperimentStoreError } from "./experiment-store-error.js";
import { type EventRow, type ExperimentRow, errorText, toEvent, toExperiment } from "./postgres-rows.js";
import { migrate, type PostgresTables, tableNames } from "./postgres-schema.js";

export interface PostgresExperimentStoreOptions {
  /** e.g. "postgres://user@host:5432/db". The store creates its pool and ends it on close(). */
  connectionString?: string;
  /** A pool of yours (not ended by close()). */
  pool?: pg.Pool;
  /** Default "public"; created if missing. */
  schema?: string;
  /** Prepended to the table names. Default "flowprompt_". */
  tablePrefix?: string;
}

const COLUMNS = "experiment_id, event_id, unit_id, variant, kind, metric, value, propensity, at, attributes";
const PER_INSERT = 1000;

/**
 * Events and definitions in PostgreSQL through `pg`. Tables are created on first use. Appends are
 * one transaction of multi-row INSERTs with `ON CONFLICT (experiment_id, event_id) DO NOTHING`
 * (idempotent by id); `events()` is ordered by the table's bigserial `seq`.
 */
export class PostgresExperimentStore implements ExperimentStore {
  readonly portVersion = 1 as const;
  readonly kind = "postgres";
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #tables: PostgresTables;
  readonly #where: string;
  #ready: Promise<void> | undefined;
  #closed = false;

  constructor(options: PostgresExperimentStoreOptions) {
    const fail = (problem: string, hint: string) =>
      new ExperimentStoreError("postgres", "start", problem, hint);
    if (!options?.pool && !options?.connectionString) {
      throw fail("neither `connectionString` nor `pool` given", "Pass { connectionString: 'postgres://…' }.");
    }
    try {
      this.#tables = tableNames(options.schema ?? "public", options.tablePrefix ?? "flowprompt_");
    } catch (error) {
      throw fail((error as Error).message, "Use a plain SQL identifier.");
    }
    this.#ownsPool = !options.pool;
    this.#pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 10 });
    // An idle client whose connection drops emits "error" on the pool; without a listener it would
    // crash the process. The next query reports the problem instead.
    if (this.#ownsPool) this.#pool.on("error", () => undefined);
    this.#where = describeTarget(options);
  }

  /** Creates the tables if missing (otherwise done by the first call). */
  migrate(): Promise<void> {
    this.#ready ??= this.#withClient("migrate", (client) => migrate(client, this.#tables)).catch((error) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async append(events: readonly ExperimentEvent[]): Promise<void> {
    assertEvents(events);
    if (events.length === 0) return;
    await this.migrate();
    await this.#withClient("append events", async (client) => {
      await client.query("BEGIN");
      try {
        for (let start = 0; start < events.length; start += PER_INSERT) {
          const chunk = events.slice(start, start + PER_INSERT);
          const params: unknown[] = [];
          const rows = chunk.map((e) => {
            const base = params.length;
            params.push(e.experimentId, e.id, e.unitId, e.variant, e.kind, e.metric ?? null, e.value ?? null);
            params.push(
              e.propensity ?? null,
              e.at,
              e.attributes === undefined ? null : JSON.stringify(e.attributes),
            );
            return `(${Array.from({ length: 10 }, (_, i) => `$${base + i + 1}`).join(", ")})`;
          });
          await client.query(
            `INSERT INTO ${this.#tables.events} (${COLUMNS}) VALUES ${rows.join(", ")}
             ON CONFLICT (experiment_id, event_id) DO NOTHING`,
            params,
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }

  async events(experimentId: string, options: { since?: number } = {}): Promise<ExperimentEvent[]> {
    await this.migrate();
    const since = options.since;
    const result = await this.#query<EventRow>(
      "read events",
      `SELECT ${COLUMNS} FROM ${this.#tables.events} WHERE experiment_id = $1
       ${since === undefined ? "" : "AND at > $2"} ORDER BY seq`,
      since === undefined ? [experimentId] : [experimentId, since],
    );
    return result.rows.map(toEvent);
  }

  async saveExperiment(experiment: StoredExperiment): Promise<void> {
    assertExperiment(experiment);
    await this.migrate();
    await this.#query(
      "save an experiment",
      `INSERT INTO ${this.#tables.experiments} (id, status, config, winner, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, config = EXCLUDED.config,
         winner = EXCLUDED.winner, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
      [
        experiment.id,
        experiment.status,
        JSON.stringify(experiment.config),
        experiment.winner ?? null,
        experiment.createdAt,
        experiment.updatedAt,
      ],
    );
  }

  async getExperiment(id: string): Promise<StoredExperiment | undefined> {
    await this.migrate();
    const result = await this.#query<ExperimentRow>(
      "read an experiment",
      `SELECT * FROM ${this.#tables.experiments} WHERE id = $1`,
      [id],
    );
    const row = result.rows[0];
    return row && toExperiment(row);
  }

  async listExperiments(): Promise<StoredExperiment[]> {
    await this.migrate();
    const result = await this.#query<ExperimentRow>(
      "list experiments",
      `SELECT * FROM ${this.#tables.experiments} ORDER BY id COLLATE "C"`,
      [],
    );
    return result.rows.map(toExperiment);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }

  #query<R extends pg.QueryResultRow>(operation: string, sql: string, params: unknown[]) {
    return this.#withClient(operation, (client) => client.query<R>(sql, params));
  }

  async #withClient<T>(operation: string, task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new ExperimentStoreError("postgres", operation, "the store is closed", "Create a new store.");
    }
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw new ExperimentStoreError(
        "postgres",
        operation,
        `cannot connect to ${this.#where} (${errorText(error)})`,
        "Check that PostgreSQL is running and reachable, and that the connection string (host, port, " +
          "user, password, database) is right. Nothing was written.",
        error,
      );
    }
    try {
      return await task(client);
    } catch (error) {
      throw new ExperimentStoreError(
        "postgres",
        operation,
        `${errorText(error)} (on ${this.#where})`,
        "Nothing of this call was written (it ran in one transaction); retry it with the same event ids.",
        error,
      );
    } finally {
      client.release();
    }
  }
}

function describeTarget(options: PostgresExperimentStoreOptions): string {
  if (!options.connectionString) return "PostgreSQL (the pool given)";
  try {
    const url = new URL(options.connectionString);
    return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "PostgreSQL (the connection string given)";
  }
}
