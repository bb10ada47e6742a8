import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The conventions `pnpm lint` enforces, checked by running the repository's own Biome configuration on small
// fixture files. The rules depend on where a file lives, so the configuration is copied into a scratch directory
// and each fixture is written there at its would-be path: nothing is written into the tree, where a concurrently
// running test runner or type checker could pick it up.
const ROOT = join(import.meta.dirname, "../../..");
const require = createRequire(import.meta.url);
const BIOME = require.resolve("@biomejs/biome/bin/biome");

const SANDBOX = mkdtempSync(join(tmpdir(), "mm-lint-rules-"));
const config = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8"));
// The scratch directory is no git checkout; everything else is the repository's configuration as it is.
writeFileSync(join(SANDBOX, "biome.json"), JSON.stringify({ ...config, vcs: { enabled: false } }));
cpSync(join(ROOT, "tooling/biome"), join(SANDBOX, "tooling/biome"), {
  recursive: true,
  filter: (src) => !src.includes("node_modules"),
});
afterAll(() => rmSync(SANDBOX, { recursive: true, force: true }));

function lint(path: string, source: string): { ok: boolean; output: string } {
  const absolute = join(SANDBOX, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, source);
  try {
    const run = spawnSync(process.execPath, [BIOME, "lint", "--max-diagnostics=50", path], {
      cwd: SANDBOX,
      encoding: "utf8",
    });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(absolute, { force: true });
  }
}

describe("pnpm lint refuses", () => {
  it.each([
    [
      "packages/domain/src/x.ts",
      'import { createDb } from "@mm/db";\nexport const f = createDb;\n',
      "@mm/db",
    ],
    [
      "packages/domain/src/x.ts",
      'import { appRouter } from "@mm/api";\nexport const r = appRouter;\n',
      "@mm/api",
    ],
    [
      "packages/domain/src/x.ts",
      'import { sql } from "drizzle-orm";\nexport const s = sql;\n',
      "drizzle-orm",
    ],
    ["packages/domain/src/x.ts", 'import pg from "pg";\nexport const p = pg;\n', "pg"],
    [
      "packages/domain/src/x.ts",
      'import { randomUUID } from "node:crypto";\nexport const u = randomUUID;\n',
      "node",
    ],
    [
      "packages/domain/src/x.ts",
      'import { readFileSync } from "fs";\nexport const r = readFileSync;\n',
      "fs",
    ],
    [
      "apps/patient/src/x.ts",
      'import { appRouter } from "@mm/api";\nexport const r = appRouter;\n',
      "types only",
    ],
    [
      "apps/therapist/src/x.ts",
      'import { type AppRouter } from "@mm/api";\nexport type R = AppRouter;\n',
      "types only",
    ],
    ["packages/ui/src/x.ts", 'import "@mm/api";\n', "types only"],
    ["packages/ui/src/x.ts", 'export { appRouter } from "@mm/api";\n', "types only"],
    [
      "apps/server/src/x.ts",
      'import { createDb } from "@mm/db/src/client";\nexport const f = createDb;\n',
      "never its src",
    ],
    [
      "apps/server/src/x.ts",
      'import { s } from "../../../packages/db/src/schema";\nexport const t = s;\n',
      "never its src",
    ],
    [
      "packages/api/src/x.ts",
      'import { s } from "../../db/src/schema";\nexport const t = s;\n',
      "never its src",
    ],
    ["packages/api/src/x.ts", "export const first = (xs: string[]) => xs[0]!;\n", "noNonNullAssertion"],
  ])("%s: %j", (path, source, expected) => {
    const { ok, output } = lint(path, source);
    expect(ok, output).toBe(false);
    expect(output).toContain(expected);
  });
});

describe("pnpm lint allows", () => {
  it.each([
    ["packages/domain/src/x.ts", 'import { z } from "zod";\nexport const s = z.string();\n'],
    ["apps/patient/src/x.ts", 'import type { AppRouter } from "@mm/api";\nexport type R = AppRouter;\n'],
    ["packages/ui/src/x.ts", 'export type { AppRouter } from "@mm/api";\n'],
    ["apps/server/src/x.ts", 'import { createDb } from "@mm/db";\nexport const f = createDb;\n'],
    [
      "packages/api/src/routers/x.ts",
      'import { appRouter } from "../router";\nexport const r = appRouter;\n',
    ],
    ["packages/api/src/x.test.ts", "export const first = (xs: string[]) => xs[0]!;\n"],
    ["packages/api/src/testing/x.ts", "export const first = (xs: string[]) => xs[0]!;\n"],
  ])("%s: %j", (path, source) => {
    const { ok, output } = lint(path, source);
    expect(ok, output).toBe(true);
  });
});
