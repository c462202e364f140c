import type { PoolClient } from "pg";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Table names of one store, quoted and schema-qualified. */
export interface PostgresTables {
  schema: string;
  events: string;
  experiments: string;
  migrations: string;
  /** Key of the advisory lock that serialises migrations of these tables. */
  lockKey: string;
}

/** Checks the names (letters, digits, "_") and quotes them; throws a plain message on a bad one. */
export function tableNames(schema: string, prefix: string): PostgresTables {
  if (!IDENTIFIER.test(schema)) throw new Error(`schema "${schema}" must match ${IDENTIFIER}`);
  if (prefix !== "" && !/^[A-Za-z0-9_]*$/.test(prefix)) {
    throw new Error(`tablePrefix "${prefix}" may only hold letters, digits and "_"`);
  }
  const q = (name: string) => `"${schema}"."${prefix}${name}"`;
  return {
    schema: `"${schema}"`,
    events: q("experiment_events"),
    experiments: q("experiments"),
    migrations: q("experiment_migrations"),
    lockKey: `flowprompt.experiments:${schema}.${prefix}`,
  };
}

/** Each migration runs once, in order, in one transaction with the others still to do. */
export function migrations(t: PostgresTables): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${t.events} (
      seq bigserial PRIMARY KEY,
      experiment_id text NOT NULL,
      event_id text NOT NULL,
      unit_id text NOT NULL,
      variant text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('exposure', 'outcome')),
      metric text,
      value double precision,
      propensity double precision,
      at double precision NOT NULL,
      attributes jsonb,
      UNIQUE (experiment_id, event_id)
    );
    CREATE TABLE IF NOT EXISTS ${t.experiments} (
      id text PRIMARY KEY,
      status text NOT NULL,
      config jsonb NOT NULL,
      winner text,
      created_at double precision NOT NULL,
      updated_at double precision NOT NULL
    );`,
  ];
}

/**
 * Creates the schema and tables if missing and applies pending migrations. Two stores starting at
 * once take turns through a transaction-scoped advisory lock.
 */
export async function migrate(client: PoolClient, t: PostgresTables): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [t.lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${t.migrations}`);
    const current = done.rows[0]?.v ?? 0;
    const steps = migrations(t);
    for (let version = current + 1; version <= steps.length; version++) {
      await client.query(steps[version - 1]!);
      await client.query(`INSERT INTO ${t.migrations} (version) VALUES ($1)`, [version]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
