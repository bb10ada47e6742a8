// `pnpm --filter @mm/bench procedures`: the hot procedures called in-process (no HTTP, no load generator), one at a
// time, against the loaded database: where a request's time goes (session check vs procedure, Node CPU vs waiting).
// Reads DATABASE_URL (default the bench database); run `pnpm --filter @mm/bench load` first.
import { callerAs, createContext, type SessionUser } from "@mm/api";
import { createAuth } from "@mm/auth";
import { createDb } from "@mm/db";
import pg from "pg";
import { BENCH_PASSWORD, say } from "./load";
import { DEFAULT_BENCH_URL } from "./target";

const N = Number(process.env.PROCEDURE_CALLS ?? 200);
let statements = 0;

const ONLY = process.env.PROCEDURE_ONLY;

async function measure(name: string, fn: () => Promise<unknown>) {
  if (ONLY && !name.includes(ONLY)) return;
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  statements = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  say(
    `| ${name} | ${(wall / N).toFixed(2)} | ${at(0.5).toFixed(2)} | ${at(0.99).toFixed(2)} | ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} | ${(statements / N).toFixed(1)} |`,
  );
}

async function main() {
  const url = process.env.DATABASE_URL ?? DEFAULT_BENCH_URL;
  const handle = await createDb({ databaseUrl: url, migrate: false });
  const auth = createAuth({
    db: handle.db,
    secret: "bench-procedures-secret-0123456789abcdef",
    baseURL: "http://127.0.0.1:3000",
    signInLimitPerMinute: 10_000,
  });
  const deps = { db: handle.db, auth, notifier: handle.notifier };
  // Count the SQL statements each call sends (transactions' BEGIN/COMMIT go through pooled clients, not counted).
  const pool = (handle.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const poolQuery = pool.query.bind(pool);
  pool.query = (...args: unknown[]) => {
    statements += 1;
    return poolQuery(...args);
  };
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  try {
    const one = async <T>(text: string) => (await raw.query(text)).rows[0] as T;
    const ref = await one<{ id: string; patient_id: string; physician_id: string; therapist_id: string }>(
      "select id, patient_id, physician_id, therapist_id from referral where status = 'active' order by id limit 1",
    );
    const user = async (id: string) =>
      (await raw.query(`select id, name, email, role from "user" where id = $1`, [id]))
        .rows[0] as SessionUser;
    const physician = await user(ref.physician_id);
    const patient = await user(ref.patient_id);
    const asPhysician = callerAs(deps, physician);
    const asPatient = callerAs(deps, patient);

    const signIn = await auth.api.signInEmail({
      body: { email: physician.email, password: BENCH_PASSWORD },
      asResponse: true,
      headers: new Headers({ origin: "http://127.0.0.1:3000" }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const headers = new Headers({ cookie });
    const tokenOnly = new Headers({
      cookie: cookie
        .split("; ")
        .filter((c) => c.includes("session_token"))
        .join("; "),
    });

    say(
      `In-process calls against ${new URL(url).pathname.slice(1)} (${N} sequential calls each, after 20 warm-up)\n`,
    );
    say("| call | mean ms | p50 ms | p99 ms | Node CPU ms/call | pooled statements/call |");
    say("| --- | ---: | ---: | ---: | ---: | ---: |");
    await measure("session check (cookie cache)", () => createContext(deps, headers));
    await measure("session check (token only: database)", () => createContext(deps, tokenOnly));
    await measure("referral.list (physician inbox)", () => asPhysician.referral.list({}));
    await measure("referral.get", () => asPhysician.referral.get({ id: ref.id }));
    await measure("timeline.list (page)", () => asPatient.timeline.list({ referralId: ref.id }));
    await measure("progress.series", () => asPatient.progress.series({ referralId: ref.id }));
    await measure("message.post", () =>
      asPatient.message.post({ referralId: ref.id, body: "Thanks, see you soon." }),
    );
  } finally {
    await raw.end();
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
