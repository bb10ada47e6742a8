import { type Db, therapistInvitation } from "@mm/db";
import {
  type AcceptInput,
  type ChooseTherapistInput,
  ELIGIBILITY_REASON_LABELS,
  type Eligibility,
  invalidField,
  ruleViolation,
  type TurnDownInput,
  therapistEligibility,
  todayIso,
} from "@mm/domain";
import { eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import { isVerified } from "../queries/clinician";
import { loadReferral, savedName } from "../queries/referral";
import { currentInvitation, eligibilityContext, therapistCandidate } from "../queries/therapist-choice";
import { audit } from "./audit";
import { listTherapistRows } from "./directory-service";
import { runReferralAction } from "./referral-action";

type TherapistCredentials = Parameters<typeof therapistEligibility>[0]["therapist"];

function judge(
  ctx: Awaited<ReturnType<typeof eligibilityContext>>,
  therapist: TherapistCredentials,
  now: Date,
): Eligibility {
  return therapistEligibility({ therapist, ...ctx, today: todayIso(now) });
}

/** The therapist directory, each with `eligible` and the reasons why not for this referral. */
export async function therapistsForReferral(
  db: Db,
  me: SessionUser,
  filter: { state?: string; payer?: string; specialty?: string; referralId: string },
  now: Date,
) {
  const r = await loadReferral(db, me, filter.referralId);
  const ctx = await eligibilityContext(db, r);
  const rows = await listTherapistRows(db, filter);
  await audit(db, me, {
    action: "directory.therapists_for_referral",
    referralId: r.id,
    entity: "referral",
    entityId: r.id,
  });
  return rows.map((t) => {
    const e = judge(ctx, t, now);
    return {
      ...t,
      eligible: e.eligible,
      reasons: e.reasons.map((code) => ELIGIBILITY_REASON_LABELS[code]),
      reasonCodes: e.reasons,
    };
  });
}

export const chooseTherapist = (db: Db, me: SessionUser, input: ChooseTherapistInput, now: Date) =>
  runReferralAction(db, me, input, "chooseTherapist", async (tx, current) => {
    const t = await therapistCandidate(tx, input.therapistId);
    if (!t) throw invalidField("therapistId", "Choose a therapist from the directory");
    const e = judge(await eligibilityContext(tx, current), t, now);
    if (!e.eligible) {
      throw ruleViolation(
        `therapist.not_eligible`,
        `${t.name} cannot take this referral: ${e.reasons.map((c) => ELIGIBILITY_REASON_LABELS[c]).join("; ")}`,
      );
    }
    await tx.insert(therapistInvitation).values({ referralId: current.id, therapistId: t.id });
    return { patch: { therapistId: t.id }, event: { data: { therapistId: t.id, therapistName: t.name } } };
  });

export const acceptReferral = (db: Db, me: SessionUser, input: AcceptInput) =>
  runReferralAction(db, me, input, "accept", async (tx, current) => {
    const inv = current.therapistId === me.id ? await currentInvitation(tx, current.id, me.id) : undefined;
    if (!inv)
      throw ruleViolation(
        "referral.not_invited",
        "This referral's invitation is not (or no longer) addressed to you.",
      );
    if (!(await isVerified(tx, me))) {
      throw ruleViolation(
        "therapist.not_verified",
        "Your credentials must be verified before you can accept referrals.",
      );
    }
    await tx
      .update(therapistInvitation)
      .set({ status: "accepted", respondedAt: new Date() })
      .where(eq(therapistInvitation.id, inv.id));
    return { event: { data: { therapistName: await savedName(tx, me.id) } } };
  });

export const turnDownReferral = (db: Db, me: SessionUser, input: TurnDownInput) =>
  runReferralAction(db, me, input, "turnDown", async (tx, current) => {
    const inv = current.therapistId === me.id ? await currentInvitation(tx, current.id, me.id) : undefined;
    if (!inv)
      throw ruleViolation(
        "referral.not_invited",
        "This referral's invitation is not (or no longer) addressed to you.",
      );
    await tx
      .update(therapistInvitation)
      .set({ status: "turned_down", reason: input.reason, respondedAt: new Date() })
      .where(eq(therapistInvitation.id, inv.id));
    return {
      patch: { therapistId: null },
      event: { data: { therapistName: await savedName(tx, me.id), reason: input.reason } },
    };
  });
