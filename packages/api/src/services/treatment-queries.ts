import { coverage, type Db, prescription, type Tx, therapySession, timelineEvent } from "@mm/db";
import { and, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { ReferralRow } from "./referral-access";

/** The prescription in force: the latest signed (renewals supersede). */
export async function latestPrescription(db: Db | Tx, referralId: string) {
  const [rx] = await db
    .select()
    .from(prescription)
    .where(eq(prescription.referralId, referralId))
    .orderBy(desc(prescription.createdAt))
    .limit(1);
  return rx ?? null;
}

export async function sessionsUsed(db: Db | Tx, prescriptionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(therapySession)
    .where(eq(therapySession.prescriptionId, prescriptionId));
  return row?.n ?? 0;
}

/** Visits counted against the insurer's yearly limit: all of the patient's sessions in that calendar year. */
export async function visitsInYear(db: Db | Tx, r: ReferralRow, year: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(therapySession)
    .where(
      and(
        inArray(therapySession.referralId, sql`(select id from referral where patient_id = ${r.patientId})`),
        gte(therapySession.occurredAt, new Date(Date.UTC(year, 0, 1))),
        lt(therapySession.occurredAt, new Date(Date.UTC(year + 1, 0, 1))),
      ),
    );
  return row?.n ?? 0;
}

export async function coverageOf(db: Db | Tx, patientId: string) {
  const [cov] = await db.select().from(coverage).where(eq(coverage.patientId, patientId));
  return cov ?? null;
}

/** Warning codes already put on the timeline since a prescription was signed. */
export async function warningsAnnounced(db: Db | Tx, referralId: string, since: Date): Promise<Set<string>> {
  const rows = await db
    .select({ warning: sql<string>`${timelineEvent.data}->>'warning'` })
    .from(timelineEvent)
    .where(
      and(
        eq(timelineEvent.referralId, referralId),
        eq(timelineEvent.type, "warning"),
        gte(timelineEvent.createdAt, since),
      ),
    );
  return new Set(rows.map((r) => r.warning));
}
