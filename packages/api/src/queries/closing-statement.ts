import { queryRows, referral, type Tx } from "@mm/db";
import { type SQL, sql } from "drizzle-orm";
import { type AuditRow, auditInsert } from "./audit";
import { type ReferralRow, type ReferralUpdate, referralUpdate } from "./referral";
import { columnName as col } from "./sql-parts";

/** What every mutation answers with: the referral's new status and version, for the page to refresh. */
export type ReferralEnvelope = Pick<ReferralRow, "id" | "status" | "version">;

/** A referral row written by the closing statement: created, or updated (its version bumps). */
export type ReferralRowChange =
  | { insert: typeof referral.$inferInsert }
  | { update: string; set: ReferralUpdate };

const r = referral;
const ENVELOPE = sql.join([r.id, r.status, r.version].map(col), sql`, `);

/**
 * The write path's one statement (see services/write-path.ts): the change's own writes, the referral rows, the
 * effects' statements and the audit rows as CTEs of ONE statement (each statement costs a round trip, and none of
 * them reads another's result; foreign keys are checked at the end of the statement, so a referral created here
 * can already carry its events). Answers the referral rows' envelopes, in order.
 */
export async function runClosingStatement(
  tx: Tx,
  parts: { writes: SQL[]; referrals: ReferralRowChange[]; effects: SQL[]; audits: AuditRow[] },
): Promise<ReferralEnvelope[]> {
  const rows = parts.referrals.map((change, i) => ({
    name: sql.identifier(`changed_${i}`),
    statement:
      "insert" in change
        ? sql`${tx.insert(r).values(change.insert).getSQL()} returning ${ENVELOPE}`
        : sql`${referralUpdate(change.update, change.set)} returning ${ENVELOPE}`,
  }));
  const ctes = [
    ...parts.writes.map((w, i) => sql`${sql.identifier(`write_${i}`)} as (${w})`),
    ...rows.map((row) => sql`${row.name} as (${row.statement})`),
    ...parts.effects.map((e, i) => sql`${sql.identifier(`effect_${i}`)} as (${e})`),
    ...(parts.audits.length > 0 ? [sql`audit_row as (${auditInsert(parts.audits)})`] : []),
  ];
  const select =
    rows.length > 0
      ? sql.join(
          rows.map((row) => sql`select ${ENVELOPE} from ${row.name}`),
          sql` union all `,
        )
      : sql`select ${ENVELOPE} from ${r} where false`;
  return queryRows<ReferralEnvelope>(tx, sql`with ${sql.join(ctes, sql`, `)} ${select}`);
}
