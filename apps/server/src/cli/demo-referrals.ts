import { type ApiDeps, callerAs, type SessionUser } from "@mm/api";
import { referral } from "@mm/db";
import { addDays, type ReferralCreateInput, todayIso, zonedInstant } from "@mm/domain";
import { eq } from "drizzle-orm";
import { DEMO_TIME_ZONE } from "./demo-accounts";

type Party = SessionUser;

const base = (
  physicianId: string,
): Omit<ReferralCreateInput, "bodyRegions" | "symptoms" | "description"> => ({
  physicianId,
  kind: "chronic",
  painNow: 6,
  eveningPain: 7,
  sleepHours: 5,
  medicationDosesPerDay: 3,
  medicalConditions: ["Chronic low back pain", "Mild hypertension"],
  medications: ["Ibuprofen 400 mg as needed", "Lisinopril 10 mg daily"],
  expectations: {
    goals: [{ kind: "fewer_painkillers" }, { kind: "less_evening_pain" }, { kind: "sleep_through_night" }],
    desiredFrequency: "weekly",
  },
});

/**
 * One referral in each interesting state, built through the real procedures (so every rule and timeline event is
 * genuine). Skipped when the demo patient already has referrals: the seed stays idempotent.
 */
export async function seedDemoReferrals(
  deps: ApiDeps,
  p: { patient: Party; physician: Party; therapist: Party },
) {
  const existing = await deps.db
    .select({ id: referral.id })
    .from(referral)
    .where(eq(referral.patientId, p.patient.id))
    .limit(1);
  if (existing.length > 0) return;
  const patient = callerAs(deps, p.patient);
  const physician = callerAs(deps, p.physician);
  const therapist = callerAs(deps, p.therapist);
  // The patient's today (Los Angeles), not the server's: their prescriptions' days are days where they live.
  const today = todayIso(deps.now?.() ?? new Date(), DEMO_TIME_ZONE);

  await patient.coverage.upsert({
    payerName: "Blue Shield of California",
    planName: "PPO Silver 2000",
    memberId: "XDP123456789",
    groupNumber: "W0051234",
    massageCovered: true,
    amountPerSessionCents: 6000,
    visitsPerYear: 20,
    priorAuthRequired: false,
    requiresLicense: true,
    requiresNpi: true,
    requiresInNetwork: true,
    callDate: today,
    callReference: "REF-88121",
    notes: "Agent said massage is covered with a prescription that lists diagnosis and frequency.",
  });

  // A prescription is signed on its valid-from day (its sessions come after the signature): the physician's clock
  // is set to 09:00 that morning in Los Angeles.
  const sign = (referralId: string, validFrom = today) =>
    (validFrom === today
      ? physician
      : callerAs({ ...deps, now: () => zonedInstant(validFrom, "09:00", DEMO_TIME_ZONE) }, p.physician)
    ).prescription.sign({
      referralId,
      diagnosisCodes: ["M54.50", "M62.830"],
      sessionsPerWeek: 1,
      weeks: 8,
      totalSessions: 8,
      cptCodes: ["97124"],
      bodyRegions: ["lower_back"],
      precautions:
        "Hypertension: avoid prone positioning over 45 minutes; no deep pressure over the lumbar spine.",
      validFrom,
      expiresOn: addDays(validFrom, 90),
      attestation: true,
      signature: p.physician.name,
    });

  // 1. Just requested.
  await patient.referral.create({
    ...base(p.physician.id),
    bodyRegions: ["neck", "shoulders"],
    symptoms: ["pain", "stiffness", "headache"],
    description: "Neck and shoulder pain after long days at the computer, with headaches most afternoons.",
  });

  // 2. Physician asked for more information.
  const { referral: needsInfo } = await patient.referral.create({
    ...base(p.physician.id),
    kind: "acute",
    bodyRegions: ["upper_back"],
    symptoms: ["muscle_spasm", "pain"],
    description: "Upper back spasm since a car accident three weeks ago.",
  });
  await physician.referral.requestInfo({
    referralId: needsInfo.id,
    question: "Did you have an X-ray after the accident? Any numbness in your arms?",
  });

  // 3. Prescribed, waiting for the patient to choose a therapist.
  const { referral: prescribed } = await patient.referral.create({
    ...base(p.physician.id),
    bodyRegions: ["lower_back", "hips"],
    symptoms: ["pain", "insomnia"],
    description: "Low back and hip pain that wakes me at night.",
  });
  await sign(prescribed.id);

  // 4. Planning: a therapist accepted; the plan of care is next.
  const { referral: planning } = await patient.referral.create({
    ...base(p.physician.id),
    bodyRegions: ["lower_back"],
    symptoms: ["pain", "muscle_spasm", "insomnia"],
    description:
      "Chronic low back pain for two years; worse in the evening; I take ibuprofen three times a day.",
  });
  await sign(planning.id);
  await patient.referral.chooseTherapist({ referralId: planning.id, therapistId: p.therapist.id });
  await therapist.referral.accept({ referralId: planning.id });
  await patient.message.post({
    referralId: planning.id,
    body: "Thank you! Evenings after 5 pm work best for me.",
  });
  await therapist.message.post({
    referralId: planning.id,
    body: "Welcome, Pat. I will draft the plan of care with Dr. Chen this week.",
  });
  // The private thread: the therapist does not see this one.
  await patient.message.post({
    referralId: planning.id,
    audience: "patient_physician",
    body: "Dr. Chen, could we talk about lowering the ibuprofen at my next visit?",
  });

  // 5. Active: plan of care in effect, three sessions logged, two patient reports.
  const { referral: active } = await patient.referral.create({
    ...base(p.physician.id),
    bodyRegions: ["lower_back", "upper_back"],
    symptoms: ["pain", "muscle_spasm", "insomnia"],
    description:
      "Back spasms since lifting boxes at work in the spring; pain keeps me awake and I rely on painkillers.",
  });
  const started = addDays(today, -21);
  await sign(active.id, started);
  await patient.referral.chooseTherapist({ referralId: active.id, therapistId: p.therapist.id });
  await therapist.referral.accept({ referralId: active.id });
  await therapist.plan.update({
    referralId: active.id,
    version: 0,
    goals: [
      { measure: "pain", baseline: 6, target: 3, byDate: addDays(today, 45) },
      { measure: "evening_pain", baseline: 7, target: 3, byDate: addDays(today, 45) },
      { measure: "sleep_hours", baseline: 5, target: 7, byDate: addDays(today, 60) },
      { measure: "medication_doses", baseline: 3, target: 1, byDate: addDays(today, 60) },
    ],
    frequency: "Once a week, 60 minutes",
    techniques: ["Myofascial release", "Trigger point therapy", "Swedish effleurage"],
    precautions: "Hypertension: limit prone time to 45 minutes. No deep pressure over the lumbar spine.",
    homeCare:
      "Heat 15 minutes in the evening; cat-cow and child's pose stretches twice a day; walk 20 minutes daily.",
  });
  await physician.plan.approve({ referralId: active.id, version: 1 });
  await therapist.plan.approve({ referralId: active.id, version: 1 });
  await patient.plan.acknowledge({ referralId: active.id, version: 1 });
  const sessions = [
    // One a week, as prescribed (weeks count from valid-from, 21 days ago).
    { day: -15, before: 6, after: 4 },
    { day: -8, before: 5, after: 3 },
    { day: -1, before: 4, after: 2 },
  ];
  for (const s of sessions) {
    await therapist.session.log({
      referralId: active.id,
      // A morning visit in Los Angeles.
      occurredAt: zonedInstant(addDays(today, s.day), "09:30", DEMO_TIME_ZONE).toISOString(),
      minutes: 55,
      techniques: ["Myofascial release", "Trigger point therapy"],
      bodyRegions: ["lower_back", "upper_back"],
      pressure: "firm",
      subjective: `Patient reports pain ${s.before}/10 today; sleep improving.`,
      objective: "Hypertonic paraspinals L1-L5, trigger points in right quadratus lumborum.",
      assessment: "Tissue response good; range of motion improved.",
      plan: "Continue weekly; add gluteal work next visit.",
      painBefore: s.before,
      painAfter: s.after,
      cptCode: "97124",
    });
  }
  await patient.progress.report({
    referralId: active.id,
    painNow: 4,
    eveningPain: 5,
    sleepHours: 6,
    medicationDoses: 2,
    note: "Better mornings; evenings still sore.",
  });
  await patient.progress.report({
    referralId: active.id,
    painNow: 3,
    eveningPain: 4,
    sleepHours: 6.5,
    medicationDoses: 1,
    note: "Slept through the night twice this week.",
  });

  // 6. Declined.
  const { referral: declined } = await patient.referral.create({
    ...base(p.physician.id),
    kind: "acute",
    bodyRegions: ["legs"],
    symptoms: ["pain"],
    description: "Calf pain and swelling since a long flight.",
  });
  await physician.referral.decline({
    referralId: declined.id,
    reason:
      "Calf pain with swelling after a flight needs an ultrasound to rule out a blood clot before any massage. Please book a visit.",
  });
}
