import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { createPgliteNotifier, createPostgresNotifier, type Notifier } from "./notifier";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Cross-instance fan-out (LISTEN/NOTIFY) used by the live timeline. */
  notifier: Notifier;
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  /** PGlite data directory, or `memory://` for an in-memory database. Wins over databaseUrl. */
  dataDir?: string;
  /** PostgreSQL connection string; used only when no dataDir is given. */
  databaseUrl?: string;
  /** PGlite only: start from this PGDATA tarball (`dumpDataDir()`) instead of an empty initdb (tests' template). */
  loadDataDir?: Blob;
  /**
   * A direct session connection to the same database (not through PgBouncer in transaction mode) for LISTEN and
   * the migration advisory lock; defaults to databaseUrl.
   */
  directUrl?: string;
  /** Apply committed migrations before returning (default true). */
  migrate?: boolean;
  poolSize?: number;
  /** Told when the server cuts an idle pooled connection (the pool recovers by itself). */
  onIdleConnectionError?: (error: Error) => void;
};

/** Contrib extensions the migrations create (btree_gist: the appointments' exclusion constraints). */
export const pgliteExtensions = { btree_gist };

export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

// Any fixed 64-bit key: serializes migrations when several server instances start at once on one PostgreSQL.
const MIGRATION_LOCK_KEY = 7_345_120_981;

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  const shouldMigrate = options.migrate ?? true;
  if (options.dataDir || !options.databaseUrl) {
    const dataDir = options.dataDir ?? "memory://";
    if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
    const client = await PGlite.create({
      dataDir,
      loadDataDir: options.loadDataDir,
      extensions: pgliteExtensions,
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    if (shouldMigrate) await migratePglite(drizzlePglite(client), { migrationsFolder });
    return { db, kind: "pglite", notifier: createPgliteNotifier(client), close: () => client.close() };
  }

  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 16 });
  // An idle pooled connection can be cut by the server (restart, failover, admin termination). The pool drops it
  // and opens a new one on demand; without a listener that 'error' event would crash the process.
  pool.on("error", (error) => options.onIdleConnectionError?.(error));
  const directUrl = options.directUrl ?? options.databaseUrl;
  if (shouldMigrate) {
    // A session advisory lock needs its session to last: a direct connection, never a pooled transaction.
    const lockClient = new pg.Client({ connectionString: directUrl });
    await lockClient.connect();
    try {
      await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migrateNodePg(drizzleNodePg(lockClient), { migrationsFolder });
    } finally {
      await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      await lockClient.end().catch(() => {});
    }
  }
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  const notifier = createPostgresNotifier(directUrl);
  return {
    db,
    kind: "postgres",
    notifier,
    close: async () => {
      await notifier.close();
      await pool.end();
    },
  };
}

/** Rows of a raw SQL query; both drivers (PGlite, node-postgres) answer `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
