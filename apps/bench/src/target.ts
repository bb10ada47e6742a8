import { once } from "node:events";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { finished } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "@mm/db";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** Where the bench data goes: a PostgreSQL database (DATABASE_URL) or an embedded PGlite data dir (DATA_DIR). */
export type TargetSpec = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_BENCH_URL = "postgres://postgres@127.0.0.1:5432/mm_bench";

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): TargetSpec {
  if (env.DATA_DIR) return { kind: "pglite", dataDir: env.DATA_DIR };
  return { kind: "postgres", url: env.DATABASE_URL ?? DEFAULT_BENCH_URL };
}

export function describeTarget(t: TargetSpec): string {
  if (t.kind === "pglite") return `PGlite at ${t.dataDir}`;
  const u = new URL(t.url);
  return `PostgreSQL ${u.host}${u.pathname}`;
}

/** Writes COPY text-format lines into one table; `close` waits until the server has them all. */
export type TableWriter = { write: (line: string) => Promise<void>; close: () => Promise<void> };

/** The few things the loader needs, on either driver. */
export type RawDb = {
  kind: TargetSpec["kind"];
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  copy: (table: string, columns: string[]) => Promise<TableWriter>;
  close: () => Promise<void>;
};

const CHUNK_CHARS = 1 << 20;

/**
 * Empties the target so each load starts from nothing: drops and recreates the PostgreSQL database (refused for a
 * database whose name does not start with `mm_bench` unless `force`), or removes the PGlite data dir.
 */
export async function recreateTarget(t: TargetSpec, force: boolean): Promise<void> {
  if (t.kind === "pglite") {
    if (existsSync(t.dataDir) && readdirSync(t.dataDir).length > 0) {
      if (!force && !/bench/i.test(t.dataDir))
        throw new Error(`Refusing to wipe ${t.dataDir}: pass --recreate to allow it`);
      rmSync(t.dataDir, { recursive: true, force: true });
    }
    return;
  }
  const url = new URL(t.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
  if (!force && !name.startsWith("mm_bench"))
    throw new Error(`Refusing to drop database ${name}: pass --recreate, or use a database named mm_bench*`);
  const admin = new URL(t.url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

export async function openRaw(t: TargetSpec): Promise<RawDb> {
  if (t.kind === "pglite") {
    // The same extensions as the server's own PGlite (the appointments' exclusion constraints use btree_gist).
    const db = await PGlite.create(t.dataDir, { extensions: pgliteExtensions });
    return {
      kind: "pglite",
      query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
      copy: async (table, columns) => {
        let buf: string[] = [];
        let size = 0;
        const flush = async () => {
          if (size === 0) return;
          const blob = new Blob(buf);
          buf = [];
          size = 0;
          await db.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], { blob });
        };
        return {
          write: async (line) => {
            buf.push(line);
            size += line.length;
            if (size >= CHUNK_CHARS * 4) await flush();
          },
          close: flush,
        };
      },
      close: () => db.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: t.url, max: 4 });
  return {
    kind: "postgres",
    query: async <T>(text: string, params?: unknown[]) =>
      (await pool.query(text, params as unknown[])).rows as T[],
    copy: async (table, columns) => {
      const client = await pool.connect();
      // Bulk load: skip per-row foreign-key triggers (the generator keeps every reference valid).
      await client.query("set session_replication_role = replica");
      const stream = client.query(copyFrom(`copy ${table} (${columns.join(", ")}) from stdin`));
      let buf = "";
      const push = async () => {
        const chunk = buf;
        buf = "";
        if (!stream.write(chunk)) await once(stream, "drain");
      };
      return {
        write: async (line) => {
          buf += line;
          if (buf.length >= CHUNK_CHARS) await push();
        },
        close: async () => {
          try {
            if (buf.length > 0) await push();
            stream.end();
            await finished(stream);
            await client.query("set session_replication_role = origin");
          } finally {
            client.release();
          }
        },
      };
    },
    close: () => pool.end(),
  };
}

/** One value in COPY text format. */
export function cv(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

/** A PostgreSQL array literal of simple words (no quoting needed for the values the generator uses). */
export const arr = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(",")}}`;

export const row = (values: unknown[]) => `${values.map(cv).join("\t")}\n`;
