// `pnpm --filter @mm/bench procedures`: the hot procedures called in-process (no HTTP, no load generator), one at a
// time, against the loaded database: where a request's time goes (session check vs procedure, Node CPU vs waiting).
// Reads DATABASE_URL (default the bench database); run `pnpm --filter @mm/bench load` first. The writes
// (message.post, session.log, progress.report) add rows to it; reload it to start again from the same data.
import { callerAs, createContext, type SessionUser } from "@mm/api";
import { createAuth } from "@mm/auth";
import { createDb } from "@mm/db";
import type { SessionLogInput } from "@mm/domain";
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
  // Count the SQL statements each call sends. Every statement, pool.query's and a transaction's alike, runs on a
  // client the pool hands out, so count at the client: each one's query is wrapped the first time it is lent.
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  const poolConnect = pool.connect.bind(pool) as (cb?: unknown) => unknown;
  const counted = new WeakSet<pg.PoolClient>();
  const counting = (client: pg.PoolClient | undefined) => {
    if (client && !counted.has(client)) {
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        statements += 1;
        return query(...args);
      }) as typeof client.query;
    }
    return client;
  };
  // pool.query calls connect with a callback, transactions await it: keep both forms.
  pool.connect = ((cb?: (err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void) =>
    cb
      ? poolConnect((err: Error | undefined, client?: pg.PoolClient, done?: unknown) =>
          cb(err, counting(client), done),
        )
      : (poolConnect() as Promise<pg.PoolClient>).then(counting)) as typeof pool.connect;
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
    say("| call | mean ms | p50 ms | p99 ms | Node CPU ms/call | statements/call |");
    say("| --- | ---: | ---: | ---: | ---: | ---: |");
    // better-auth alone (what each request paid before the per-process memo), then a request's real context.
    await measure("session check: better-auth, signed cookie cache", () => auth.api.getSession({ headers }));
    await measure("session check: better-auth, token only (database)", () =>
      auth.api.getSession({ headers: tokenOnly }),
    );
    await measure("session check: request context (memoized)", () => createContext(deps, headers));
    await measure("referral.list (physician inbox)", () => asPhysician.referral.list({}));
    await measure("referral.get", () => asPhysician.referral.get({ id: ref.id }));
    await measure("timeline.list (page)", () => asPatient.timeline.list({ referralId: ref.id }));
    await measure("progress.series", () => asPatient.progress.series({ referralId: ref.id }));
    await measure("message.post", () =>
      asPatient.message.post({ referralId: ref.id, body: "Thanks, see you soon." }),
    );
    // Writes that use up a referral's sessions go round many referrals, so no prescription is exhausted.
    const writable = (
      await raw.query<{
        id: string;
        patient_id: string;
        therapist_id: string;
        cpt: SessionLogInput["cptCode"];
      }>(
        `select r.id, r.patient_id, r.therapist_id, rx.cpt_codes[1] as cpt
           from referral r
           join lateral (select * from prescription p where p.referral_id = r.id
                          order by p.created_at desc limit 1) rx on true
          where r.status = 'active' and rx.valid_from <= current_date and rx.expires_on >= current_date
            and rx.total_sessions - (select count(*) from therapy_session s where s.prescription_id = rx.id) >= 3
          order by r.id limit $1`,
        [N + 20],
      )
    ).rows;
    const callers = new Map<string, ReturnType<typeof callerAs>>();
    const as = async (id: string) => {
      let caller = callers.get(id);
      if (!caller) {
        caller = callerAs(deps, await user(id));
        callers.set(id, caller);
      }
      return caller;
    };
    for (const w of writable) {
      await as(w.therapist_id);
      await as(w.patient_id);
    }
    let turn = 0;
    const next = () => writable[turn++ % writable.length]!;
    await measure("session.log", async () => {
      const w = next();
      return (await as(w.therapist_id)).session.log({
        referralId: w.id,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        minutes: 55,
        techniques: ["Myofascial release"],
        bodyRegions: ["lower_back"],
        pressure: "firm",
        subjective: "Pain 4/10 today; sleep improving.",
        objective: "Hypertonic paraspinals L1-L5.",
        assessment: "Tissue response good.",
        plan: "Continue weekly.",
        painBefore: 4,
        painAfter: 2,
        cptCode: w.cpt,
      });
    });
    await measure("progress.report", async () => {
      const w = next();
      return (await as(w.patient_id)).progress.report({
        referralId: w.id,
        painNow: 3,
        eveningPain: 4,
        sleepHours: 6.5,
        medicationDoses: 1,
        note: "Slept through the night twice this week.",
      });
    });
  } finally {
    await raw.end();
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
