/** Test support: the real server as child processes (`src/main.ts`, API-only), on PGlite or PostgreSQL. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@mm/db/testing";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "crash-test-secret-crash-test-secret-42";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export type Target = { env: Record<string, string>; cleanup: () => Promise<void> };

export async function prepareTarget(target: "pglite" | "postgres"): Promise<Target> {
  if (target === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "mm-crash-"));
    return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const fresh = await createTestDatabase();
  return { env: { DATABASE_URL: fresh.url, BETTER_AUTH_SECRET: SECRET }, cleanup: fresh.drop };
}

function runNode(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const clean = { ...process.env };
  for (const k of ["DATABASE_URL", "DATA_DIR", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL"]) delete clean[k];
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: SERVER_DIR,
    env: {
      ...clean,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      SERVE_PORTALS: "false",
      AUTH_SIGN_IN_LIMIT: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function seed(env: Record<string, string>) {
  const child = runNode("src/cli/seed.ts", env);
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`seed failed (${code}): ${err}`);
}

/** Runs `pnpm admin <args>` against the target's database: its exit code and what it printed. */
export async function runAdmin(env: Record<string, string>, args: string[]) {
  const child = runNode("src/cli/admin.ts", env, args);
  let out = "";
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  return { code, out };
}

export async function startServer(env: Record<string, string>, port: number) {
  const child = runNode("src/main.ts", { ...env, PORT: String(port), HOST: "127.0.0.1" });
  let log = "";
  child.stdout!.on("data", (d) => {
    log += d;
  });
  child.stderr!.on("data", (d) => {
    log += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${log}`);
    try {
      // Ready, not just alive: the database answers and the LISTEN connection is up.
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base, log: () => log };
}

export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: "demo-password-2026" }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export async function trpc<T>(base: string, cookie: string, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base, "x-http-method-override": "GET" },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path} → ${res.status} ${body.error?.message}`);
  return body.result.data;
}

/** tRPC answer status for a call, without throwing (e.g. 401 once a session has ended). */
export async function trpcStatus(base: string, cookie: string, path: string, input: unknown) {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base, "x-http-method-override": "GET" },
    body: JSON.stringify(input),
  });
  await res.body?.cancel();
  return res.status;
}

/**
 * Opens a live timeline stream (SSE, as the portals' httpSubscriptionLink does) and collects the raw text it
 * receives; `ended` resolves when the server closes it.
 */
export async function openTimelineStream(base: string, cookie: string, referralId: string) {
  const input = encodeURIComponent(JSON.stringify({ referralId }));
  const res = await fetch(`${base}/trpc/timeline.onEvent?input=${input}`, {
    headers: { cookie, accept: "text/event-stream" },
  });
  if (res.status !== 200) throw new Error(`stream → ${res.status}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Date.now();
      text += decoder.decode(value, { stream: true });
    }
  })().catch(() => Date.now());
  return { ended, text: () => text, cancel: () => reader.cancel().catch(() => {}) };
}

/** Polls `check` every 20 ms until it is true; resolves the time it took, or rejects after `ms`. */
export async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
