import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "./client";

export type TestDb = DbHandle & { label: string };

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite by default, or a brand-new PostgreSQL
 * database (created next to TEST_DATABASE_URL's, dropped on close) when `target` is "postgres".
 */
export async function createTestDb(target: "pglite" | "postgres" = "pglite"): Promise<TestDb> {
  if (target === "pglite") {
    const handle = await createDb({ dataDir: "memory://" });
    return { ...handle, label: "PGlite" };
  }
  const fresh = await createTestDatabase();
  const handle = await createDb({ databaseUrl: fresh.url, poolSize: 8 });
  return {
    ...handle,
    label: "PostgreSQL",
    close: async () => {
      await handle.close();
      await fresh.drop();
    },
  };
}

/** A brand-new empty PostgreSQL database next to TEST_DATABASE_URL's, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `mm_test_${randomUUID().replaceAll("-", "")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** The database targets every DB-backed suite runs against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDbTargets(): ("pglite" | "postgres")[] {
  const targets: ("pglite" | "postgres")[] = ["pglite"];
  if (process.env.TEST_DATABASE_URL) targets.push("postgres");
  else if (process.env.CI)
    throw new Error(
      "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites cannot be skipped in CI",
    );
  return targets;
}
