import { randomBytes } from "node:crypto";
import pg from "pg";

/** The test server: FLOWPROMPT_TEST_PG, or the local PostgreSQL that `.ci/run` starts. */
export const TEST_PG = process.env.FLOWPROMPT_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** A schema name no other test run uses. */
export function uniqueSchema(): string {
  return `fp_test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** Fails with the fix when the test server is unreachable (these tests never skip). */
export async function requireServer(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need a server at ${TEST_PG} (${(error as Error).message || String(error)}). ` +
        "Start it (.ci/run does), or point FLOWPROMPT_TEST_PG at one.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the schemas the tests created. */
export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
