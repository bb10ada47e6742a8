// `pnpm bench`: loads PostgreSQL at full and at small scale, starts the real server on each, signs in many users
// through better-auth, and drives autocannon (a separate process) against three floors measured in the same run (a
// bare node:http server, the product's /healthz, the public tRPC procedure system.info), the signed-in floor, the
// hot reads and a write mix. Only same-run ratios count: absolute figures move from one machine (and day) to the
// next. Figures are printed (and saved under apps/bench/results/), never asserted.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { appointmentsBench } from "./appointments";
import { freePort } from "./free-port";
import { scaleCounts } from "./generate";
import { BENCH_PASSWORD, runLoad, say } from "./load";
import { type DeliveryRow, measurePortalDelivery, portalDeliveryTable } from "./portal-delivery";
import { DEFAULT_BENCH_URL } from "./target";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "../../..");
const SERVER_DIR = join(REPO, "apps/server");

type Args = {
  scale: number;
  smallScale: number;
  duration: number;
  warmup: number;
  connections: number;
  skipLoad: boolean;
  small: boolean;
  writes: boolean;
  /**
   * Measure only the endpoints whose name contains this (with the three floors), or only the portal delivery
   * section when it is part of PORTAL_DELIVERY's name ("portal", "delivery"), or only the appointments section
   * ("appointments": open slots and booking throughput, apps/bench/src/appointments.ts).
   */
  only: string | null;
  /** Write a V8 CPU profile of the server (results/profiles/) for each scale. */
  profile: boolean;
  /** Serve the API only (SERVE_PORTALS=false): no portal builds needed; the API routes are the same. */
  portals: boolean;
  /** Server processes on the same database (same secret), each driven by its share of the connections. */
  instances: number;
};

function parseArgs(argv: string[]): Args {
  const a: Args = {
    scale: 1,
    smallScale: 0.01,
    duration: 10,
    warmup: 2,
    connections: 32,
    skipLoad: false,
    small: true,
    writes: true,
    only: null,
    profile: false,
    portals: true,
    instances: 1,
  };
  const args = argv.filter((x) => x !== "--");
  for (let i = 0; i < args.length; i++) {
    const k = args[i]!;
    const num = () => {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${k} needs a positive number`);
      return v;
    };
    if (k === "--scale") a.scale = num();
    else if (k === "--small-scale") a.smallScale = num();
    else if (k === "--duration") a.duration = Math.min(120, num());
    else if (k === "--warmup") a.warmup = Math.min(30, num());
    else if (k === "--connections") a.connections = Math.min(256, Math.round(num()));
    else if (k === "--skip-load") a.skipLoad = true;
    else if (k === "--no-small") a.small = false;
    else if (k === "--no-writes") a.writes = false;
    else if (k === "--only") a.only = args[++i] ?? null;
    else if (k === "--profile") a.profile = true;
    else if (k === "--no-portals") a.portals = false;
    else if (k === "--instances") a.instances = Math.min(8, Math.round(num()));
    else
      throw new Error(
        `Unknown argument ${k}. Options: --scale F --small-scale F --duration S --warmup S --connections N --skip-load --no-small --no-writes --only NAME --profile --no-portals --instances N`,
      );
  }
  return a;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// CPU accounting from /proc (Linux): robust to other work on the machine, unlike req/s.
const TICK_MS = 10; // USER_HZ is 100 on Linux

function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function machineCpuMs(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
  } catch {
    return null;
  }
}

async function backendCpu(db: pg.Client): Promise<Map<number, number>> {
  const rows = (
    await db.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    )
  ).rows;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function referralCount(url: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query<{ n: number }>("select count(*)::int as n from referral");
    return r.rows[0]?.n ?? 0;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Runs a command to completion (bounded in time), inheriting stdio. */
function runCommand(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: "inherit" });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`));
    });
  });
}

async function ensurePortalsBuilt() {
  const missing = ["patient", "physician", "therapist"].filter(
    (p) => !existsSync(join(REPO, `apps/${p}/dist/index.html`)),
  );
  if (missing.length === 0) return;
  say(`Portal builds missing (${missing.join(", ")}): building the server's dependencies first`);
  await runCommand("pnpm", ["exec", "turbo", "run", "build", "--filter=@mm/server..."], REPO, 600_000);
}

type Server = { url: string; pid: number; stop: () => Promise<void> };

// The HTTP floor: plain node:http answering the same JSON as /healthz, in its own process (its CPU is read from /proc
// like the server's), with nothing of the product loaded.
const HTTP_FLOOR = `
const body = JSON.stringify({ ok: true });
const server = require("node:http").createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

async function startHttpFloor(): Promise<Server> {
  const child = spawn(process.execPath, ["-e", HTTP_FLOOR], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error("the node:http floor did not start within 10 s")),
      10_000,
    );
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(Number(out.trim()));
      }
    });
    child.once("exit", (code) => reject(new Error(`the node:http floor exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000).then(() => child.kill("SIGKILL"))]);
    },
  };
}

async function startServer(
  databaseUrl: string,
  profileDir: string | null,
  portals: boolean,
  secret: string,
  /** The public origin: the first instance's, so every instance accepts the same Origin header and cookies. */
  origin?: string,
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // One node process (tsx as a loader, not its CLI wrapper) so its CPU time can be read from /proc.
  const tsxLoader = pathToFileURL(createRequire(join(SERVER_DIR, "package.json")).resolve("tsx")).href;
  // An inherited DATA_DIR would point the server at PGlite: the bench measures PostgreSQL.
  const { DATA_DIR: _dataDir, ...inherited } = process.env;
  const profiling = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profiling, "--import", tsxLoader, "src/main.ts"], {
    cwd: SERVER_DIR,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      // Shared by every instance of a run, so a session cookie signed by one is accepted by the others.
      BETTER_AUTH_SECRET: secret,
      BETTER_AUTH_URL: origin ?? url,
      AUTH_SIGN_IN_LIMIT: "10000",
      // The load is many calls per user: the per-user flood guard would answer 429 and distort the figures.
      TRPC_CALLS_PER_MINUTE: "1000000",
      LOG_LEVEL: "warn",
      SERVE_PORTALS: String(portals),
    },
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  let up = false;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) {
        up = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    const code = await Promise.race([exited, sleep(10_000).then(() => "timeout" as const)]);
    if (code === "timeout") {
      child.kill("SIGKILL");
      await exited;
    }
  };
  if (!up) {
    await stop();
    throw new Error(`The server did not start within 90 s:\n${stderr}`);
  }
  return { url, pid: child.pid!, stop };
}

async function signIn(base: string, email: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    if (res.ok) {
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      if (!cookie.includes("session_token")) throw new Error(`sign-in for ${email} set no session cookie`);
      return cookie;
    }
    if (res.status !== 429) throw new Error(`sign-in for ${email} failed: ${res.status} ${await res.text()}`);
    await sleep(1000);
  }
  throw new Error(`sign-in for ${email} kept being rate limited`);
}

/** Signs everyone in, a few at a time (the password hash is deliberately slow). */
async function signInAll(base: string, emails: string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const queue = [...new Set(emails)];
  const workers = Array.from({ length: 4 }, async () => {
    for (let email = queue.shift(); email; email = queue.shift())
      cookies.set(email, await signIn(base, email));
  });
  await Promise.all(workers);
  return cookies;
}

type Variant = { method: string; path: string; headers?: Record<string, string>; body?: string };
type Figures = {
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  generatorCpuMs: number;
};
type Cpu = {
  serverMsPerReq: number;
  pgMsPerReq: number;
  generatorPct: number;
  othersPct: number;
  load1: number;
};
type Kind = "baseline" | "signed-in" | "read" | "write";
type Floor = "http" | "healthz" | "trpc";
type Endpoint = {
  name: string;
  kind: Kind;
  /** Which of the three floors this baseline is. */
  floor?: Floor;
  variants: Variant[];
  /** Another server than the product's (the node:http floor), with the process whose CPU is counted. */
  target?: { url: string; pid: number };
};

async function runLoadGenerator(url: string, ep: Endpoint, a: Args): Promise<Figures> {
  const dir = join(tmpdir(), "mm-bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${ep.name.replace(/[^a-z0-9]+/gi, "_")}-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      url,
      connections: a.connections,
      duration: a.duration,
      warmup: a.warmup,
      variants: ep.variants,
    }),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(HERE, "runner.mjs"), file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), (a.duration + a.warmup) * 3000 + 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`load generator failed (${code}): ${out}`));
      else resolve(JSON.parse(line) as Figures);
    });
  });
}

/** Several load generators' figures as one: counts and rates add up, latencies are the worst of them. */
function mergeFigures(all: Figures[]): Figures {
  if (all.length === 1) return all[0]!;
  const sum = (k: keyof Figures) => all.reduce((acc, f) => acc + f[k], 0);
  const max = (k: keyof Figures) => Math.max(...all.map((f) => f[k]));
  return {
    rps: sum("rps"),
    total: sum("total"),
    p50: max("p50"),
    p90: max("p90"),
    p99: max("p99"),
    max: max("max"),
    ok: sum("ok"),
    non2xx: sum("non2xx"),
    errors: sum("errors"),
    timeouts: sum("timeouts"),
    generatorCpuMs: sum("generatorCpuMs"),
  };
}

const trpc = (proc: string, cookie: string, base: string, input: unknown): Variant => ({
  method: "POST",
  path: `/trpc/${proc}`,
  headers: { "content-type": "application/json", cookie, origin: base },
  body: JSON.stringify(input),
});

/** Picks users and referrals from the loaded data and builds each endpoint's rotating request list. */
async function buildEndpoints(
  databaseUrl: string,
  base: string,
  withWrites: boolean,
  httpFloor: { url: string; pid: number },
) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const q = async <T>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[];
    const physicians = await q<{ id: string; email: string }>(
      `select id, email from "user" where role = 'physician' order by id limit 50`,
    );
    const own = await q<{ id: string; physician_id: string }>(
      `select id, physician_id from (
         select r.id, r.physician_id, row_number() over (partition by r.physician_id order by r.created_at desc) as n
           from referral r where r.physician_id = any($1::uuid[])) x
        where n <= 20 order by id`,
      [physicians.map((p) => p.id)],
    );
    const activeForPatients = await q<{ id: string; patient_id: string; email: string }>(
      `select r.id, r.patient_id, u.email from referral r join "user" u on u.id = r.patient_id
        where r.status = 'active' order by r.id limit 150`,
    );
    // The writes go to other referrals than the reads, so a run's writes never make the next run's reads heavier.
    const readIds = activeForPatients.map((r) => r.id);
    const reportingPatients = withWrites
      ? await q<{ id: string; patient_id: string; email: string }>(
          `select r.id, r.patient_id, u.email from referral r join "user" u on u.id = r.patient_id
            where r.status = 'active' order by r.id offset 150 limit 150`,
        )
      : [];
    const therapistRows = withWrites
      ? await q<{ id: string; therapist_id: string; email: string; remaining: number; cpt: string }>(
          `select r.id, r.therapist_id, u.email, rx.cpt_codes[1] as cpt,
                  rx.total_sessions - (select count(*) from therapy_session s where s.prescription_id = rx.id)::int as remaining
             from referral r
             join "user" u on u.id = r.therapist_id
             join lateral (select * from prescription p where p.referral_id = r.id order by p.created_at desc limit 1) rx on true
            where r.status = 'active' and r.id <> all($1::uuid[])
              and r.therapist_id in (select therapist_id from referral where status = 'active'
                                      group by therapist_id order by therapist_id limit 50)
            order by r.id`,
          [readIds],
        )
      : [];
    const started = performance.now();
    const emails = [
      ...physicians.map((p) => p.email),
      ...activeForPatients.map((r) => r.email),
      ...reportingPatients.map((r) => r.email),
      ...therapistRows.map((r) => r.email),
    ];
    const cookies = await signInAll(base, emails);
    say(
      `  signed in ${cookies.size} distinct users in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const emailOfPhysician = new Map(physicians.map((p) => [p.id, p.email]));
    const cookie = (email: string) => cookies.get(email)!;

    const endpoints: Endpoint[] = [
      {
        name: "node:http JSON (HTTP floor)",
        kind: "baseline",
        floor: "http",
        variants: [{ method: "GET", path: "/healthz" }],
        target: httpFloor,
      },
      // Answered before every middleware: Hono and @hono/node-server on top of node:http, nothing of the product.
      {
        name: "GET /healthz",
        kind: "baseline",
        floor: "healthz",
        variants: [{ method: "GET", path: "/healthz" }],
      },
      {
        // Public, no input, no SQL, sent like every other call (POST, Origin): the product's HTTP stack, middleware,
        // context (no cookie) and tRPC resolution. The floor every tRPC target is a ratio of.
        name: "system.info (tRPC floor)",
        kind: "baseline",
        floor: "trpc",
        variants: [
          {
            method: "POST",
            path: "/trpc/system.info",
            headers: { "content-type": "application/json", origin: base },
            body: "{}",
          },
        ],
      },
      {
        // Signed in through tRPC, no database: the tRPC floor plus the session check and the role middleware.
        name: "quiz.get (signed-in floor, no SQL)",
        kind: "signed-in",
        variants: activeForPatients.map((r) => trpc("quiz.get", cookie(r.email), base, {})),
      },
      {
        name: "referral.list (inbox)",
        kind: "read",
        variants: physicians.map((p) => trpc("referral.list", cookie(p.email), base, {})),
      },
      {
        name: "referral.get",
        kind: "read",
        variants: own.map((r) =>
          trpc("referral.get", cookie(emailOfPhysician.get(r.physician_id)!), base, { id: r.id }),
        ),
      },
      {
        name: "timeline.list (page)",
        kind: "read",
        variants: activeForPatients.map((r) =>
          trpc("timeline.list", cookie(r.email), base, { referralId: r.id }),
        ),
      },
      {
        name: "progress.series",
        kind: "read",
        variants: activeForPatients.map((r) =>
          trpc("progress.series", cookie(r.email), base, { referralId: r.id }),
        ),
      },
    ];
    if (withWrites) {
      const occurredAt = new Date(Date.now() - 60_000).toISOString();
      // Each referral takes at most as many session logs as its prescription still authorizes.
      const sessionTargets = therapistRows.flatMap((r) =>
        Array.from({ length: Math.max(0, r.remaining) }, (_, k) => ({ ...r, k })),
      );
      sessionTargets.sort((x, y) => x.k - y.k || x.id.localeCompare(y.id));
      const variants: Variant[] = [];
      const n = Math.max(sessionTargets.length, reportingPatients.length);
      for (let i = 0; i < n; i++) {
        const s = sessionTargets[i % sessionTargets.length]!;
        const p = reportingPatients[i % reportingPatients.length]!;
        const m = therapistRows[i % therapistRows.length]!;
        variants.push(
          trpc("session.log", cookie(s.email), base, {
            referralId: s.id,
            occurredAt,
            minutes: 55,
            techniques: ["Myofascial release", "Trigger point therapy"],
            bodyRegions: ["lower_back"],
            pressure: "firm",
            subjective: "Patient reports pain 4/10 today; sleep improving.",
            objective: "Hypertonic paraspinals L1-L5.",
            assessment: "Tissue response good.",
            plan: "Continue weekly.",
            painBefore: 4,
            painAfter: 2,
            cptCode: s.cpt,
          }),
          trpc("progress.report", cookie(p.email), base, {
            referralId: p.id,
            painNow: 3,
            eveningPain: 4,
            sleepHours: 6.5,
            medicationDoses: 1,
            note: "Slept through the night twice this week.",
          }),
          trpc("message.post", cookie(m.email), base, {
            referralId: m.id,
            body: "See you Thursday at 5 pm; bring the stretch sheet.",
          }),
        );
      }
      endpoints.push({
        name: "writes (session.log + progress.report + message.post)",
        kind: "write",
        variants,
      });
    }
    return { endpoints, users: cookies.size };
  } finally {
    await db.end();
  }
}

/** One request of each kind before the load, so a broken procedure shows up as an error, not as a fast 4xx. */
async function smokeTest(base: string, endpoints: Endpoint[]) {
  for (const ep of endpoints) {
    const kinds = new Map<string, Variant>();
    for (const v of ep.variants) if (!kinds.has(v.path)) kinds.set(v.path, v);
    for (const v of kinds.values()) {
      const res = await fetch((ep.target?.url ?? base) + v.path, {
        method: v.method,
        headers: v.headers,
        body: v.body,
      });
      if (!res.ok) throw new Error(`${v.path} answered ${res.status}: ${(await res.text()).slice(0, 400)}`);
    }
  }
}

type Row = Endpoint & Figures & { cpu: Cpu };

/**
 * One endpoint's measured run in the server's CPU profile: V8 stamps samples with the monotonic clock (µs), the
 * same clock as process.hrtime here, so `profile-layers` can cut each endpoint's samples out of the one profile.
 */
type ProfileWindow = { name: string; fromUs: number; toUs: number; requests: number };
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** The browser section's name, as `--only` matches it. */
const PORTAL_DELIVERY = "portal delivery";

/** One user of each role in the loaded data: whose home the portal delivery section opens. */
async function oneUserPerRole(databaseUrl: string) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = (
      await db.query<{ role: "patient" | "physician" | "therapist"; email: string }>(
        `select distinct on (role) role, email from "user"
          where role in ('patient', 'physician', 'therapist') order by role, email`,
      )
    ).rows;
    const users = Object.fromEntries(rows.map((r) => [r.role, r.email]));
    for (const role of ["patient", "physician", "therapist"] as const)
      if (!users[role]) throw new Error(`no ${role} in the loaded data`);
    return users as Record<"patient" | "physician" | "therapist", string>;
  } finally {
    await db.end();
  }
}

async function measureScale(
  label: string,
  databaseUrl: string,
  a: Args,
  withWrites: boolean,
  sections: { endpoints: boolean; delivery: boolean } = { endpoints: true, delivery: false },
) {
  say(`\n== ${label}: starting the server on ${new URL(databaseUrl).pathname.slice(1)}`);
  const secret = randomBytes(32).toString("base64");
  const servers: Server[] = [];
  for (let i = 0; i < a.instances; i++)
    servers.push(
      await startServer(
        databaseUrl,
        a.profile ? join(HERE, "../results/profiles") : null,
        a.portals,
        secret,
        servers[0]?.url,
      ),
    );
  const server = servers[0]!;
  const httpFloor = await startHttpFloor();
  try {
    let delivery: DeliveryRow[] = [];
    if (sections.delivery) {
      say(`  ${PORTAL_DELIVERY}: Chromium on each portal's sign-in page and home`);
      delivery = await measurePortalDelivery(
        server.url,
        await oneUserPerRole(databaseUrl),
        BENCH_PASSWORD,
        say,
      );
    }
    if (!sections.endpoints) return { rows: [] as Row[], users: 3, delivery };
    let signedInAt = Date.now();
    const selected = (endpoints: Endpoint[]) =>
      endpoints.filter((ep) => !a.only || ep.kind === "baseline" || ep.name.includes(a.only));
    let built = await buildEndpoints(databaseUrl, server.url, withWrites, httpFloor);
    await smokeTest(server.url, selected(built.endpoints));
    const rows: Row[] = [];
    const windows: ProfileWindow[] = [];
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    try {
      for (let i = 0; i < built.endpoints.length; i++) {
        // better-auth's signed cookie cache lasts 5 minutes; past that every request would also read the session
        // table, so sign everyone in again before it runs out.
        if (Date.now() - signedInAt > 4 * 60_000) {
          signedInAt = Date.now();
          built = await buildEndpoints(databaseUrl, server.url, withWrites, httpFloor);
        }
        const ep = built.endpoints[i]!;
        if (!selected([ep]).length) continue;
        // Warm-up outside the accounting window, then the measured run.
        // With several instances, each gets its share of the connections from its own load generator.
        const targets = ep.target ? [ep.target] : servers;
        const drive = (opts: Args) =>
          Promise.all(
            targets.map((t) =>
              runLoadGenerator(t.url, ep, {
                ...opts,
                connections: Math.ceil(opts.connections / targets.length),
              }),
            ),
          ).then(mergeFigures);
        const cpuOfTargets = () => targets.reduce((sum, t) => sum + (processCpuMs(t.pid) ?? 0), 0);
        if (a.warmup > 0) await drive({ ...a, duration: a.warmup, warmup: 0 });
        const server0 = cpuOfTargets();
        const pg0 = await backendCpu(probe);
        const m0 = machineCpuMs();
        const started = performance.now();
        const fromUs = monotonicUs();
        const f = await drive({ ...a, warmup: 0 });
        if (a.profile && !ep.target)
          windows.push({ name: ep.name, fromUs, toUs: monotonicUs(), requests: f.total });
        const wallMs = performance.now() - started;
        const server1 = cpuOfTargets();
        const pg1 = await backendCpu(probe);
        const m1 = machineCpuMs();
        let pgMs = 0;
        for (const [pid, ms] of pg1) pgMs += ms - (pg0.get(pid) ?? 0);
        const serverMs = server1 - server0;
        const capacity = cpus().length * wallMs;
        const busy = m0 && m1 ? m1.busy - m0.busy : 0;
        const cpu: Cpu = {
          serverMsPerReq: serverMs / Math.max(1, f.total),
          pgMsPerReq: pgMs / Math.max(1, f.total),
          generatorPct: (100 * f.generatorCpuMs) / capacity,
          othersPct: Math.max(0, (100 * (busy - serverMs - pgMs - f.generatorCpuMs)) / capacity),
          load1: loadavg()[0] ?? 0,
        };
        rows.push({ ...ep, ...f, cpu });
        say(
          `  ${ep.name.padEnd(56)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(3)} ms  p99 ${String(f.p99).padStart(4)} ms  cpu/req: server ${cpu.serverMsPerReq.toFixed(2)} ms, pg ${cpu.pgMsPerReq.toFixed(2)} ms; other processes ${cpu.othersPct.toFixed(0)}% of the machine${f.non2xx + f.errors + f.timeouts > 0 ? `  (non-2xx ${f.non2xx}, errors ${f.errors}, timeouts ${f.timeouts})` : ""}`,
        );
      }
    } finally {
      await probe.end();
      if (a.profile)
        writeFileSync(
          join(HERE, `../results/profiles/windows-${server.pid}.json`),
          JSON.stringify(windows, null, 2),
        );
    }
    return { rows, users: built.users, delivery };
  } finally {
    await httpFloor.stop();
    for (const s of servers) await s.stop();
  }
}

/** The issue's targets, as same-run ratios of the tRPC floor's req/s (reads also bound their p99). */
function targetOf(r: Row, vsTrpc: number): { target: string; met: string } {
  const met = (ok: boolean) => (ok ? "met" : "not met");
  switch (r.kind) {
    case "signed-in":
      return { target: ">= 70% of tRPC floor", met: met(vsTrpc >= 0.7) };
    case "read":
      return { target: ">= 50% of tRPC floor, p99 <= 50 ms", met: met(vsTrpc >= 0.5 && r.p99 <= 50) };
    case "write":
      return { target: ">= 25% of tRPC floor", met: met(vsTrpc >= 0.25) };
    default:
      return { target: "baseline", met: "" };
  }
}

/** Each row's ratio to the floors measured in the same run (null when a floor is missing). */
function ratios(rows: Row[]) {
  const floor = (f: Floor) => rows.find((r) => r.floor === f);
  const http = floor("http");
  const trpcFloor = floor("trpc");
  const cpu = (r: Row) => r.cpu.serverMsPerReq + r.cpu.pgMsPerReq;
  return rows.map((r) => ({
    row: r,
    vsHttp: http ? r.rps / http.rps : null,
    vsTrpc: trpcFloor ? r.rps / trpcFloor.rps : null,
    // The same ratio from CPU per request (server + PostgreSQL): steadier than req/s on a shared machine.
    cpuVsTrpc: trpcFloor && cpu(r) > 0 ? cpu(trpcFloor) / cpu(r) : null,
  }));
}

function table(rows: Row[]) {
  const pct = (x: number | null) => (x === null ? "?" : `${(x * 100).toFixed(0)}%`);
  const lines = [
    "| endpoint | req/s | p50 ms | p99 ms | vs node:http | vs tRPC floor | target | met | CPU vs tRPC floor | non-2xx | server CPU ms/req | PostgreSQL CPU ms/req | other processes |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { row: r, vsHttp, vsTrpc, cpuVsTrpc } of ratios(rows)) {
    const { target, met } = targetOf(r, vsTrpc ?? 0);
    lines.push(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${pct(vsHttp)} | ${pct(vsTrpc)} | ${target} | ${met} | ${pct(cpuVsTrpc)} | ${r.non2xx + r.errors + r.timeouts} | ${r.cpu.serverMsPerReq.toFixed(2)} | ${r.cpu.pgMsPerReq.toFixed(2)} | ${r.cpu.othersPct.toFixed(0)}% |`,
    );
  }
  lines.push(
    "",
    "Ratios compare this run's own floors (req/s; CPU vs tRPC floor = the floor's CPU per request over this row's, server + PostgreSQL). Only these same-run ratios count: absolute req/s and CPU figures do not carry over between machines. Targets are judged on req/s.",
  );
  return lines.join("\n");
}

function flatness(small: Row[], full: Row[]) {
  const lines = [
    "| endpoint | p50 small | p50 full | p50 ratio | p99 small | p99 full | req/s ratio (full/small) | CPU ms/req small (server + PostgreSQL) | CPU ms/req full | CPU ratio | flat within 20% (p50) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  const cpu = (r: Row) => r.cpu.serverMsPerReq + r.cpu.pgMsPerReq;
  for (const f of full.filter((r) => r.kind === "read")) {
    const s = small.find((r) => r.name === f.name);
    if (!s) continue;
    const p50 = f.p50 / Math.max(s.p50, 1);
    const rps = f.rps / s.rps;
    lines.push(
      `| ${f.name} | ${s.p50} | ${f.p50} | ${p50.toFixed(2)} | ${s.p99} | ${f.p99} | ${rps.toFixed(2)} | ${cpu(s).toFixed(2)} | ${cpu(f).toFixed(2)} | ${(cpu(f) / Math.max(cpu(s), 0.01)).toFixed(2)} | ${p50 <= 1.2 ? "met" : "not met"} |`,
    );
  }
  lines.push(
    "",
    "CPU per request (server process + its PostgreSQL backends, from /proc) does not depend on what else runs on the machine; latency and req/s do.",
  );
  return lines.join("\n");
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  // Start-up times are their own script (a fresh clone, then `pnpm start` again): nothing to load or measure here.
  if (a.only === "startup") {
    await import("./startup");
    return;
  }
  const t0 = performance.now();
  // `--only portal` runs the browser section alone; any other --only runs endpoints alone.
  const onlyDelivery = a.only !== null && PORTAL_DELIVERY.includes(a.only);
  const sections = { endpoints: !onlyDelivery, delivery: a.portals && (a.only === null || onlyDelivery) };
  const fullUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_BENCH_URL;
  const fullName = new URL(fullUrl).pathname.slice(1);
  const smallUrl = withDatabase(fullUrl, `${fullName}_small`);
  say(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  // `--only appointments` (open slots and booking through the API caller) needs the data, not the server.
  const onlyAppointments = a.only === "appointments";
  if (a.portals && !onlyAppointments) await ensurePortalsBuilt();

  const loads: { label: string; seconds: number; rows: number }[] = [];
  const prepare = async (url: string, factor: number, label: string) => {
    const expected = scaleCounts(factor).referrals;
    if (a.skipLoad && (await referralCount(url)) === expected) {
      say(`Reusing ${label} data in ${new URL(url).pathname.slice(1)} (${expected} referrals)`);
      return;
    }
    const res = await runLoad({ target: { kind: "postgres", url }, factor });
    loads.push({ label, seconds: res.totalMs / 1000, rows: res.rows });
  };
  await prepare(fullUrl, a.scale, "full scale");
  if (onlyAppointments) {
    await appointmentsBench(fullUrl);
    say(`\nTime: ${((performance.now() - t0) / 1000).toFixed(0)} s in all.`);
    return;
  }
  if (a.small && sections.endpoints) await prepare(smallUrl, a.smallScale, "small scale");
  const loaded = performance.now();

  const full = await measureScale(
    `${scaleCounts(a.scale).referrals} referrals`,
    fullUrl,
    a,
    a.writes,
    sections,
  );
  const small =
    a.small && sections.endpoints
      ? await measureScale(`${scaleCounts(a.smallScale).referrals} referrals`, smallUrl, a, false)
      : null;

  const pgVersion = await (async () => {
    const c = new pg.Client({ connectionString: fullUrl });
    await c.connect();
    const v =
      (await c.query<{ server_version: string }>("show server_version")).rows[0]?.server_version ?? "?";
    await c.end();
    return v;
  })();
  if (sections.endpoints) {
    say(
      `\n## Results at ${scaleCounts(a.scale).referrals} referrals (PostgreSQL ${pgVersion}, ${a.connections} connections, ${a.duration} s per endpoint after ${a.warmup} s warm-up, ${full.users} signed-in users)\n`,
    );
    say(table(full.rows));
  }
  if (full.delivery.length > 0) {
    say(
      `\n## Portal delivery at ${scaleCounts(a.scale).referrals} referrals: what Chromium receives for each portal's sign-in page and home\n`,
    );
    say(portalDeliveryTable(full.delivery));
  }
  if (small) {
    say(
      `\n## Latency flatness: ${scaleCounts(a.smallScale).referrals} vs ${scaleCounts(a.scale).referrals} referrals\n`,
    );
    say(table(small.rows));
    say("");
    say(flatness(small.rows, full.rows));
  }
  // Last, as its bookings add rows to the full-scale data the endpoints were measured on.
  if (a.only === null) await appointmentsBench(fullUrl);
  const total = (performance.now() - t0) / 1000;
  say(
    `\nTime: ${total.toFixed(0)} s in all (${((loaded - t0) / 1000).toFixed(0)} s loading${loads.map((l) => `; ${l.label} ${l.seconds.toFixed(0)} s for ${l.rows} rows`).join("")}).`,
  );

  const resultsDir = join(HERE, "../results");
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const strip = (rows: Row[]) =>
    ratios(rows).map(({ row: { variants: _v, target: _t, ...r }, vsHttp, vsTrpc, cpuVsTrpc }) => ({
      ...r,
      vsHttp,
      vsTrpc,
      cpuVsTrpc,
    }));
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        args: a,
        pgVersion,
        node: process.version,
        cores: cpus().length,
        loads,
        full: strip(full.rows),
        portalDelivery: full.delivery,
        small: small ? strip(small.rows) : null,
        totalSeconds: total,
      },
      null,
      2,
    ),
  );
  say(`Saved ${file}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
