import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, Socket as NetSocket, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { createDb, type DbHandle, migrationsFolder, pgliteExtensions } from "./client";

export type TestDb = DbHandle & { label: string };

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite by default, or a brand-new PostgreSQL
 * database (created next to TEST_DATABASE_URL's, dropped on close) when `target` is "postgres".
 */
export async function createTestDb(target: "pglite" | "postgres" = "pglite"): Promise<TestDb> {
  if (target === "pglite") {
    // Migrating again on the template is a no-op check that the template is current.
    const handle = await createDb({ dataDir: "memory://", loadDataDir: await pgliteTemplate() });
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

/**
 * PGlite's start-up is dominated by initdb (seconds of WASM; 8-15 s each on a loaded 2-core machine with five
 * packages' suites running), not by the migrations. So initdb + migrations run once, the migrated PGDATA is kept as
 * a tarball in the OS temp dir, and every test database starts from a copy of it (about 1 s). The file name carries
 * a hash of the migrations and the PGlite version, so a changed migration makes a new template; writers race
 * harmlessly (each writes its own file and renames it into place).
 */
let template: Promise<Blob> | undefined;

function pgliteTemplate(): Promise<Blob> {
  template ??= loadOrBuildTemplate();
  return template;
}

const TEMPLATE_PREFIX = "mm-pglite-template-";

async function loadOrBuildTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `${TEMPLATE_PREFIX}${templateKey()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  pruneOldTemplates(file);
  const client = await PGlite.create({ dataDir: "memory://", extensions: pgliteExtensions });
  try {
    await migrate(drizzle(client), { migrationsFolder });
    const tarball = await client.dumpDataDir("none");
    const partial = `${file}.${randomUUID()}.partial`;
    writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
    renameSync(partial, file);
    return tarball;
  } finally {
    await client.close();
  }
}

/** Templates of other migration sets (and partial writes) untouched for a day: 40 MB each, never needed again. */
function pruneOldTemplates(current: string) {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(TEMPLATE_PREFIX) || path === current) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
    } catch {
      // Another run pruned it first.
    }
  }
}

function templateKey(): string {
  const hash = createHash("sha256");
  // The installed PGlite's path names its version (pnpm store): a PGlite upgrade makes a new template.
  hash.update(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  for (const entry of readdirSync(migrationsFolder, { recursive: true, withFileTypes: true }).sort((a, b) =>
    join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
  )) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    hash.update(path.slice(migrationsFolder.length));
    hash.update(readFileSync(path));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored: a database
 * outage, or a pooler in front of it, for tests. Counts the connections it relayed.
 */
export async function tcpRelay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let connections = 0;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      const relay = createServer((client) => {
        connections += 1;
        const upstream = new NetSocket();
        upstream.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => {});
          s.on("close", () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server = relay;
      relay.listen(port, "127.0.0.1", () => {
        port = (relay.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.toString(),
    connections: () => connections,
    cut: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server?.close(() => r()));
    },
    restore: open,
  };
}
