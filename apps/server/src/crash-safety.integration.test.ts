/**
 * Crash safety: a server killed with SIGKILL in the middle of a burst of writes must come back on the same data with
 * every write it acknowledged, and with every referral in a state its timeline explains.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, testDbTargets } from "@mm/db/testing";
import { afterAll, describe, expect, it } from "vitest";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "crash-test-secret-crash-test-secret-42";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

type Target = { env: Record<string, string>; cleanup: () => Promise<void> };

async function prepareTarget(target: "pglite" | "postgres"): Promise<Target> {
  if (target === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "mm-crash-"));
    return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const fresh = await createTestDatabase();
  return { env: { DATABASE_URL: fresh.url, BETTER_AUTH_SECRET: SECRET }, cleanup: fresh.drop };
}

function runNode(script: string, env: Record<string, string>): ChildProcess {
  const clean = { ...process.env };
  for (const k of ["DATABASE_URL", "DATA_DIR", "BETTER_AUTH_SECRET", "BETTER_AUTH_URL"]) delete clean[k];
  return spawn(process.execPath, ["--import", "tsx", script], {
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

async function seed(env: Record<string, string>) {
  const child = runNode("src/cli/seed.ts", env);
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`seed failed (${code}): ${err}`);
}

async function startServer(env: Record<string, string>, port: number) {
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
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base, log: () => log };
}

async function signIn(base: string, email: string): Promise<string> {
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

async function trpc<T>(base: string, cookie: string, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base, "x-http-method-override": "GET" },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path} → ${res.status} ${body.error?.message}`);
  return body.result.data;
}

type Item = { id: string; status: string };
type Event = { seq: number; type: string; data: { to?: string; body?: string } };

async function allEvents(base: string, cookie: string, referralId: string): Promise<Event[]> {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Event[]; nextCursor: string | null } = await trpc(base, cookie, "timeline.list", {
      referralId,
      cursor: cursor ?? undefined,
      limit: 200,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe.each(testDbTargets())("crash safety on %s", (target) => {
  let prepared: Target | undefined;
  let running: ChildProcess | undefined;
  afterAll(async () => {
    running?.kill("SIGKILL");
    await prepared?.cleanup();
  });

  it("keeps every acknowledged write after SIGKILL mid-burst and restarts cleanly", async () => {
    prepared = await prepareTarget(target);
    await seed(prepared.env);
    const port = await freePort();
    const first = await startServer(prepared.env, port);
    running = first.child;
    const cookie = await signIn(first.base, "patient@demo.example");
    const list = await trpc<{ items: Item[] }>(first.base, cookie, "referral.list", { limit: 50 });
    const open = list.items.filter(
      (r) => !["declined", "cancelled", "completed", "discontinued", "expired"].includes(r.status),
    );
    expect(open.length).toBeGreaterThan(0);

    // A burst of concurrent writes; the server is killed once some have been acknowledged.
    const acknowledged: { referralId: string; body: string }[] = [];
    const KILL_AFTER = 40;
    const exited = new Promise((r) => first.child.once("exit", r));
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 100; i++) {
        const referralId = open[(w + i) % open.length]!.id;
        const body = `burst ${w}-${i} ${randomUUID()}`;
        try {
          await trpc(first.base, cookie, "message.post", { referralId, body });
          acknowledged.push({ referralId, body });
          if (acknowledged.length === KILL_AFTER) first.child.kill("SIGKILL");
        } catch {
          return; // the server is gone: stop this writer
        }
      }
    });
    await Promise.all(writers);
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Same data, fresh process: starts cleanly and has everything it acknowledged.
    const second = await startServer(prepared.env, port);
    running = second.child;
    const cookie2 = await signIn(second.base, "patient@demo.example");
    for (const r of open) {
      const events = await allEvents(second.base, cookie2, r.id);
      const bodies = new Set(events.filter((e) => e.type === "message_posted").map((e) => e.data.body));
      for (const a of acknowledged.filter((x) => x.referralId === r.id))
        expect(bodies.has(a.body), a.body).toBe(true);
      // The status is the one the last transition event on the timeline leads to.
      const detail = await trpc<{ status: string }>(second.base, cookie2, "referral.get", { id: r.id });
      const lastTransition = events.filter((e) => e.data.to).at(-1);
      expect(detail.status, `referral ${r.id}`).toBe(lastTransition?.data.to);
    }
    expect(second.log()).not.toMatch(/"level":(50|60)/);
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
    running = undefined;
  }, 240_000);
});
