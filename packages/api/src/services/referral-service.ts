import { randomUUID } from "node:crypto";
import { type Db, message, therapistInvitation } from "@mm/db";
import {
  allowedActions,
  assertCanPostTo,
  type CancelInput,
  coverageForReader,
  type DeclineInput,
  type DiscontinueInput,
  invalidField,
  MESSAGE_EVENT_TYPES,
  type MessagePostInput,
  notFound,
  type ReferralCreateInput,
  type ReferralListInput,
  type RequestInfoInput,
  type RespondInput,
  type WithdrawInput,
} from "@mm/domain";
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import { physicianForRequest } from "../queries/clinician";
import { readInboxPage } from "../queries/inbox";
import { readReferralRecord } from "../queries/referral-record";
import { audit } from "./audit";
import { decodeCursor, encodeCursor } from "./cursor";
import { iso, isoOrNull } from "./dates";
import { runReferralAction } from "./referral-action";
import { commitChanges } from "./write-path";

export async function createReferral(db: Db, me: SessionUser, input: ReferralCreateInput) {
  return db.transaction(async (tx) => {
    const physician = await physicianForRequest(tx, input.physicianId);
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

/** A page of the caller's referrals, newest first, with counts per status for the inbox filters. */
export async function listReferrals(db: Db, me: SessionUser, input: ReferralListInput) {
  const limit = input.limit ?? 20;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const { rows, counts } = await readInboxPage(db, me, { limit, status: input.status, cursor });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
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

const nullTherapistProfile = {
  credentialKind: null,
  credentialNumber: null,
  credentialState: null,
  credentialExpiresOn: null,
  npi: null,
  phone: null,
};

/** A therapist invited to the referral who has not accepted it (yet): they read only what deciding needs. */
const invitedOnly = (me: SessionUser, invitations: { therapistId: string; status: string }[]) =>
  me.role === "therapist" && !invitations.some((i) => i.therapistId === me.id && i.status === "accepted");

/** The whole shared record as the caller may see it, plus the actions the caller can take now. */
export async function getReferral(db: Db, me: SessionUser, id: string) {
  const row = await readReferralRecord(db, me, id);
  if (!row) throw notFound("referral");
  const { r } = row;
  const therapist =
    r.therapistId && row.therapistName !== null
      ? { id: r.therapistId, name: row.therapistName, ...(row.therapistProfile ?? nullTherapistProfile) }
      : null;
  const prescriptions = row.prescriptions.map((p) => ({
    ...p,
    signedAt: iso(p.signedAt),
    createdAt: iso(p.createdAt),
  }));
  const invitations = row.invitations;
  const cov = row.coverage && coverageForReader(row.coverage, { invitedOnly: invitedOnly(me, invitations) });
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
    // Checked after the lock, so someone else's referral stays NOT_FOUND whatever the audience.
    assertCanPostTo(me.role, input.audience);
    // The id is chosen here so the insert can join the statement that closes the action.
    const id = randomUUID();
    return {
      write: tx
        .insert(message)
        .values({ id, referralId: current.id, authorId: me.id, body: input.body, audience: input.audience })
        .getSQL(),
      event: { type: MESSAGE_EVENT_TYPES[input.audience], data: { messageId: id, body: input.body } },
      result: id,
    };
  });
  return { id: out.result, referral: out.referral };
}
