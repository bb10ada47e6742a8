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
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `mm_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: 8 });
  return {
    ...handle,
    label: "PostgreSQL",
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
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
