import { randomUUID } from "node:crypto";
import {
  coverage,
  type Db,
  message,
  patientProfile,
  physicianProfile,
  prescription,
  referral,
  therapistInvitation,
  therapistProfile,
  user,
} from "@mm/db";
import {
  allowedActions,
  type CancelInput,
  type DeclineInput,
  type DiscontinueInput,
  invalidField,
  type MessagePostInput,
  notFound,
  type ReferralCreateInput,
  type ReferralListInput,
  type RequestInfoInput,
  type RespondInput,
  type Role,
  type WithdrawInput,
} from "@mm/domain";
import { and, count, desc, eq, getTableColumns, isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { prepared } from "../queries/prepared";
import { referralVisibleTo } from "../queries/referral";
import { fromJson, jsonArray, jsonObject } from "../queries/sql-parts";
import { audit } from "./audit";
import { decodeCursor, encodeCursor } from "./cursor";
import { iso, isoOrNull } from "./dates";
import { runReferralAction } from "./referral-action";
import { commitChanges } from "./write-path";

const patientUser = alias(user, "patient_user");
const physicianUser = alias(user, "physician_user");
const therapistUser = alias(user, "therapist_user");

export async function createReferral(db: Db, me: SessionUser, input: ReferralCreateInput) {
  return db.transaction(async (tx) => {
    const [physician] = await tx
      .select({ id: user.id, verifiedAt: physicianProfile.verifiedAt })
      .from(user)
      .innerJoin(physicianProfile, eq(physicianProfile.userId, user.id))
      .where(and(eq(user.id, input.physicianId), eq(user.role, "physician")));
    if (!physician?.verifiedAt) throw invalidField("physicianId", "Choose a physician from the directory");
    // The id is chosen here so the row, its first event and its audit row go out in one statement.
    const id = randomUUID();
    const [row] = await commitChanges(tx, me, {
      referrals: [
        {
          referral: {
            insert: {
              id,
              patientId: me.id,
              physicianId: physician.id,
              kind: input.kind,
              bodyRegions: input.bodyRegions,
              symptoms: input.symptoms,
              description: input.description,
              painNow: input.painNow,
              eveningPain: input.eveningPain,
              sleepHours: input.sleepHours,
              medicationDosesPerDay: input.medicationDosesPerDay,
              medicalConditions: input.medicalConditions,
              medications: input.medications,
              expectations: input.expectations,
              onsetDate: input.onsetDate ?? null,
            },
          },
          effects: [{ kind: "event", type: "referral_requested", data: { to: "requested" } }],
          audit: { action: "referral.create", entity: "referral", entityId: id },
        },
      ],
    });
    if (!row) throw new Error("the new referral was not stored");
    return { referral: row };
  });
}

type StatusCounts = Partial<Record<(typeof referral.$inferSelect)["status"], number>>;

const countsByStatus = (db: Db, me: Parameters<typeof referralVisibleTo>[0]) =>
  db
    .select({ status: referral.status, n: count().as("n") })
    .from(referral)
    .where(referralVisibleTo(me))
    .groupBy(referral.status);

/** An inbox page query, prepared once per role and per filter shape (status filter, cursor). */
const inboxPage = (db: Db, role: Role, byStatus: boolean, afterCursor: boolean) => {
  const me = { role, id: sql.placeholder("me") };
  const conds: SQL[] = [referralVisibleTo(me)];
  if (byStatus) conds.push(eq(referral.status, sql.placeholder("status")));
  if (afterCursor) {
    const at = sql.placeholder("cursorAt");
    conds.push(
      or(
        lt(referral.createdAt, at),
        and(eq(referral.createdAt, at), lt(referral.id, sql.placeholder("cursorId"))),
      )!,
    );
  }
  return db
    .select({
      id: referral.id,
      status: referral.status,
      version: referral.version,
      kind: referral.kind,
      bodyRegions: referral.bodyRegions,
      painNow: referral.painNow,
      createdAt: referral.createdAt,
      updatedAt: referral.updatedAt,
      patientName: patientUser.name,
      physicianName: physicianUser.name,
      therapistName: therapistUser.name,
      // Uncorrelated, so PostgreSQL computes it once for the page; the inner "referral" shadows the outer one.
      counts: sql<StatusCounts | null>`(select json_object_agg(c.status, c.n) from ${countsByStatus(db, me).as("c")})`,
    })
    .from(referral)
    .innerJoin(patientUser, eq(patientUser.id, referral.patientId))
    .innerJoin(physicianUser, eq(physicianUser.id, referral.physicianId))
    .leftJoin(therapistUser, eq(therapistUser.id, referral.therapistId))
    .where(and(...conds))
    .orderBy(desc(referral.createdAt), desc(referral.id))
    .limit(sql.placeholder("limit"));
};

/** A page of the caller's referrals, newest first, with counts per status for the inbox filters. */
export async function listReferrals(db: Db, me: SessionUser, input: ReferralListInput) {
  const limit = input.limit ?? 20;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const name = `referral_list_${me.role}${input.status ? "_status" : ""}${cursor ? "_cursor" : ""}`;
  const rows = await prepared(db, name, (n) =>
    inboxPage(db, me.role, Boolean(input.status), Boolean(cursor)).prepare(n),
  ).execute({
    me: me.id,
    limit: limit + 1,
    status: input.status,
    cursorAt: cursor?.createdAt.toISOString(),
    cursorId: cursor?.id,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // An empty page carries no counts row: ask for them alone (a filter with no match, or past the last page).
  const counts: StatusCounts =
    rows[0]?.counts ?? Object.fromEntries((await countsByStatus(db, me)).map((c) => [c.status, c.n]));
  await audit(
    db,
    me,
    page.map((r) => ({ action: "referral.list", referralId: r.id, entity: "referral", entityId: r.id })),
  );
  return {
    items: page.map(({ counts: _counts, ...r }) => ({
      ...r,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    counts,
  };
}

export type PrescriptionView = Awaited<ReturnType<typeof prescriptionsOf>>[number];

export async function prescriptionsOf(db: Db, referralId: string) {
  const rows = await db
    .select()
    .from(prescription)
    .where(eq(prescription.referralId, referralId))
    .orderBy(prescription.createdAt);
  return rows.map((p) => ({ ...p, signedAt: iso(p.signedAt), createdAt: iso(p.createdAt) }));
}

const prescriptionColumns = getTableColumns(prescription);
const invitationColumns = {
  id: therapistInvitation.id,
  therapistId: therapistInvitation.therapistId,
  therapistName: user.name,
  status: therapistInvitation.status,
  reason: therapistInvitation.reason,
  createdAt: therapistInvitation.createdAt,
  respondedAt: therapistInvitation.respondedAt,
};
const coverageColumns = getTableColumns(coverage);
const nullTherapistProfile = {
  credentialKind: null,
  credentialNumber: null,
  credentialState: null,
  credentialExpiresOn: null,
  npi: null,
  phone: null,
};

/** One statement: the access check, the people, coverage, and the prescriptions and invitations as JSON arrays. */
const referralRecord = (db: Db, role: Role) => {
  const me = { role, id: sql.placeholder("me") };
  return db
    .select({
      r: referral,
      patient: {
        id: patientUser.id,
        name: patientUser.name,
        state: patientProfile.state,
        dateOfBirth: patientProfile.dateOfBirth,
        allergies: patientProfile.allergies,
        medicalConditions: patientProfile.medicalConditions,
        medications: patientProfile.medications,
      },
      physician: {
        id: physicianUser.id,
        name: physicianUser.name,
        practice: physicianProfile.practice,
        npi: physicianProfile.npi,
        state: physicianProfile.state,
      },
      therapistName: therapistUser.name,
      therapistProfile: {
        credentialKind: therapistProfile.credentialKind,
        credentialNumber: therapistProfile.credentialNumber,
        credentialState: therapistProfile.credentialState,
        credentialExpiresOn: therapistProfile.credentialExpiresOn,
        npi: therapistProfile.npi,
        phone: therapistProfile.phone,
      },
      coverage: jsonObject(coverageColumns).mapWith((v) => v as Record<string, unknown>),
      hasCoverage: sql<boolean>`${coverage.id} is not null`,
      prescriptions: jsonArray(prescriptionColumns, {
        from: sql`from ${prescription} where ${prescription.referralId} = ${referral.id}`,
        orderBy: sql`${prescription.createdAt}`,
      }).mapWith((v) => v as Record<string, unknown>[]),
      invitations: jsonArray(invitationColumns, {
        // A therapist sees only their own invitation, not which colleagues turned the patient down.
        from: sql`from ${therapistInvitation} inner join ${user} on ${user.id} = ${therapistInvitation.therapistId}
          where ${therapistInvitation.referralId} = ${referral.id}${role === "therapist" ? sql` and ${therapistInvitation.therapistId} = ${me.id}` : sql``}`,
        orderBy: sql`${therapistInvitation.createdAt}`,
      }).mapWith((v) => v as Record<string, unknown>[]),
    })
    .from(referral)
    .innerJoin(patientUser, eq(patientUser.id, referral.patientId))
    .leftJoin(patientProfile, eq(patientProfile.userId, referral.patientId))
    .innerJoin(physicianUser, eq(physicianUser.id, referral.physicianId))
    .leftJoin(physicianProfile, eq(physicianProfile.userId, referral.physicianId))
    .leftJoin(therapistUser, eq(therapistUser.id, referral.therapistId))
    .leftJoin(therapistProfile, eq(therapistProfile.userId, referral.therapistId))
    .leftJoin(coverage, eq(coverage.patientId, referral.patientId))
    .where(and(eq(referral.id, sql.placeholder("id")), referralVisibleTo(me)));
};

/** The whole shared record as the caller may see it, plus the actions the caller can take now. */
export async function getReferral(db: Db, me: SessionUser, id: string) {
  const [row] = await prepared(db, `referral_get_${me.role}`, (name) =>
    referralRecord(db, me.role).prepare(name),
  ).execute({ id, me: me.id });
  if (!row) throw notFound("referral");
  const { r } = row;
  const therapist =
    r.therapistId && row.therapistName !== null
      ? { id: r.therapistId, name: row.therapistName, ...(row.therapistProfile ?? nullTherapistProfile) }
      : null;
  const prescriptions = row.prescriptions.map((raw) => {
    const p = fromJson(prescriptionColumns, raw);
    return { ...p, signedAt: iso(p.signedAt), createdAt: iso(p.createdAt) };
  });
  const cov = row.hasCoverage ? fromJson(coverageColumns, row.coverage) : null;
  const invitations = row.invitations.map((raw) => fromJson(invitationColumns, raw));
  await audit(db, me, { action: "referral.read", referralId: r.id, entity: "referral", entityId: r.id });
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    kind: r.kind,
    bodyRegions: r.bodyRegions,
    symptoms: r.symptoms,
    description: r.description,
    painNow: r.painNow,
    eveningPain: r.eveningPain,
    sleepHours: r.sleepHours,
    medicationDosesPerDay: r.medicationDosesPerDay,
    medicalConditions: r.medicalConditions,
    medications: r.medications,
    expectations: r.expectations,
    onsetDate: r.onsetDate,
    closedReason: r.closedReason,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    patient: row.patient,
    physician: row.physician,
    therapist,
    prescriptions,
    currentPrescription: prescriptions.at(-1) ?? null,
    coverage: cov ? { ...cov, createdAt: iso(cov.createdAt), updatedAt: iso(cov.updatedAt) } : null,
    invitations: invitations.map((i) => ({
      ...i,
      createdAt: iso(i.createdAt),
      respondedAt: isoOrNull(i.respondedAt),
    })),
    allowedActions: allowedActions(r.status, me.role),
  };
}

export const requestInfo = (db: Db, me: SessionUser, input: RequestInfoInput) =>
  runReferralAction(db, me, input, "requestInfo", async () => ({
    event: { data: { question: input.question } },
  }));

export const respond = (db: Db, me: SessionUser, input: RespondInput) =>
  runReferralAction(db, me, input, "respond", async () => ({ event: { data: { answer: input.answer } } }));

export const decline = (db: Db, me: SessionUser, input: DeclineInput) =>
  runReferralAction(db, me, input, "decline", async () => ({
    patch: { closedReason: input.reason },
    event: { data: { reason: input.reason } },
  }));

export const cancel = (db: Db, me: SessionUser, input: CancelInput) =>
  runReferralAction(db, me, input, "cancel", async (tx, current) => {
    // Withdraw an open invitation so the therapist's inbox does not keep a dead request.
    if (current.therapistId) {
      await tx
        .update(therapistInvitation)
        .set({ status: "withdrawn", respondedAt: new Date() })
        .where(
          and(eq(therapistInvitation.referralId, current.id), eq(therapistInvitation.status, "invited")),
        );
    }
    return {
      patch: { closedReason: input.reason ?? null },
      event: { data: { reason: input.reason ?? null } },
    };
  });

export const discontinue = (db: Db, me: SessionUser, input: DiscontinueInput) =>
  runReferralAction(db, me, input, "discontinue", async () => ({
    patch: { closedReason: input.reason },
    event: { data: { reason: input.reason } },
  }));

export const withdraw = (db: Db, me: SessionUser, input: WithdrawInput) =>
  runReferralAction(db, me, input, "withdraw", async () => ({
    patch: { closedReason: input.reason },
    event: { data: { reason: input.reason } },
  }));

export async function postMessage(db: Db, me: SessionUser, input: MessagePostInput) {
  const out = await runReferralAction(db, me, input, "postMessage", async (tx, current) => {
    // The id is chosen here so the insert can join the statement that closes the action.
    const id = randomUUID();
    return {
      write: tx
        .insert(message)
        .values({ id, referralId: current.id, authorId: me.id, body: input.body })
        .getSQL(),
      event: { data: { messageId: id, body: input.body } },
      result: id,
    };
  });
  return { id: out.result, referral: out.referral };
}

/** Whether the clinician's credentials were verified by an operator (required to sign or accept). */
export async function isVerified(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], me: SessionUser) {
  const table = me.role === "physician" ? physicianProfile : therapistProfile;
  const [row] = await db
    .select({ ok: isNotNull(table.verifiedAt) })
    .from(table)
    .where(eq(table.userId, me.id));
  return row?.ok === true;
}
