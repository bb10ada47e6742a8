import { createHash } from "node:crypto";
import { type Db, queryRows } from "@mm/db";
import { sql } from "drizzle-orm";

/**
 * A counter per key in better-auth's own rate_limit table, shared by every instance, reserved atomically before the
 * attempt is evaluated (one upsert), so 25 concurrent guesses cannot all slip under the limit. Why not better-auth's
 * limiter: it keys only on client address + path. Why not rate-limiter-flexible's PostgreSQL store: it needs a
 * node-postgres pool and its own table, and does not run on the embedded PGlite.
 */
export async function consumeAttempt(db: Db, key: string, windowS: number, max: number): Promise<boolean> {
  const now = Date.now();
  const windowStart = now - windowS * 1000;
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into rate_limit (key, count, last_request) values (${key}, 1, ${now})
        on conflict (key) do update set
          count = case when rate_limit.last_request < ${windowStart} then 1 else rate_limit.count + 1 end,
          last_request = case when rate_limit.last_request < ${windowStart} then ${now}
                              else rate_limit.last_request end
        returning count`,
  );
  return Number(row?.count ?? 1) <= max;
}

export async function forgetAttempts(db: Db, key: string) {
  await db.execute(sql`delete from rate_limit where key = ${key}`);
}

/** The account's counter key: a hash, so the table holds no email address. */
export function accountSignInKey(email: string) {
  return `account-sign-in:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
}
