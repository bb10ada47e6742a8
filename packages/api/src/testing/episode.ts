/**
 * The one episode builder for the integration suites: a referral brought to the wanted state through the real
 * procedures, each step as the party who takes it. Not a test file itself.
 */
import type { PlanUpdateInput, PrescriptionSignInput, ReferralCreateInput } from "@mm/domain";
import { type Member, prescriptionInput, referralInput } from "./referral-fixtures";
import { planInput } from "./treatment-fixtures";

export type Parties = { patient: Member; physician: Member; therapist: Member };

/** The states the builder stops at, in the order the happy path passes them. */
export type EpisodeState =
  | "requested"
  | "needs_info"
  | "prescribed"
  | "awaiting_therapist"
  | "planning"
  | "active";

export type EpisodeOptions = {
  request?: Partial<ReferralCreateInput>;
  rx?: Partial<PrescriptionSignInput>;
  plan?: Partial<PlanUpdateInput>;
};

/**
 * request (→ needs_info) → prescription (with `rx` overrides) → therapist chosen → accepted (`planning`) → plan v1
 * by the therapist, approved by both clinicians and acknowledged by the patient (`active`). Stops at `state`.
 */
export async function episodeIn(
  p: Parties,
  state: EpisodeState,
  opts: EpisodeOptions = {},
): Promise<{ referralId: string; prescriptionId: string | null }> {
  const {
    referral: { id: referralId },
  } = await p.patient.caller.referral.create(referralInput(p.physician.user.id, opts.request));
  if (state === "needs_info")
    await p.physician.caller.referral.requestInfo({ referralId, question: "Imaging?" });
  if (state === "requested" || state === "needs_info") return { referralId, prescriptionId: null };

  const { prescriptionId } = await p.physician.caller.prescription.sign(
    prescriptionInput(referralId, opts.rx),
  );
  if (state === "prescribed") return { referralId, prescriptionId };

  await p.patient.caller.referral.chooseTherapist({ referralId, therapistId: p.therapist.user.id });
  if (state === "awaiting_therapist") return { referralId, prescriptionId };

  const { referral: accepted } = await p.therapist.caller.referral.accept({ referralId });
  if (accepted.status !== "planning") throw new Error(`expected planning, got ${accepted.status}`);
  if (state === "planning") return { referralId, prescriptionId };

  await p.therapist.caller.plan.update(planInput(referralId, 0, opts.plan));
  const out = await signOffPlan(p, referralId, 1);
  if (out.referral.status !== "active") throw new Error(`expected active, got ${out.referral.status}`);
  return { referralId, prescriptionId };
}

/** Physician and therapist approve `version`, the patient acknowledges it. */
export async function signOffPlan(p: Parties, referralId: string, version: number) {
  await p.physician.caller.plan.approve({ referralId, version });
  await p.therapist.caller.plan.approve({ referralId, version });
  return p.patient.caller.plan.acknowledge({ referralId, version });
}

/** An episode in `planning` (accepted by the therapist, no plan yet). */
export async function acceptedReferral(p: Parties, opts: Omit<EpisodeOptions, "plan"> = {}) {
  return withPrescription(await episodeIn(p, "planning", opts));
}

/** An episode in `active`: accepted, plan v1 written by the therapist and signed off by all three. */
export async function activeReferral(p: Parties, opts: EpisodeOptions = {}) {
  return withPrescription(await episodeIn(p, "active", opts));
}

function withPrescription(ep: { referralId: string; prescriptionId: string | null }) {
  if (ep.prescriptionId === null) throw new Error("expected a signed prescription");
  return { referralId: ep.referralId, prescriptionId: ep.prescriptionId };
}
