// Synthetic but consistent clinic data: every referral's rows (prescription, invitation, plan of care, sessions,
// reports) and its timeline tell the same story, in the order the real procedures would have written them.
import { cptUnits } from "@mm/domain";

export const DAY = 86_400_000;

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same rows in every pass. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    range: (lo: number, hi: number) => lo + next() * (hi - lo),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    some: <T>(xs: readonly T[], min: number, max: number): T[] => {
      const n = min + Math.floor(next() * (max - min + 1));
      const copy = [...xs];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
    uuid: () => {
      const h = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
      const w = [next(), next(), next(), next()].map((x) => Math.floor(x * 4294967296));
      const s = h(w[0]!) + h(w[1]!) + h(w[2]!) + h(w[3]!);
      const variant = ((Number.parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
    },
  };
}
export type Rng = ReturnType<typeof rng>;

export const STATUS_MIX = {
  requested: 0.12,
  needs_info: 0.06,
  declined: 0.08,
  cancelled: 0.06,
  prescribed: 0.06,
  awaiting_therapist: 0.06,
  planning: 0.06,
  active: 0.25,
  completed: 0.15,
  discontinued: 0.05,
  expired: 0.05,
} as const;
export type Status = keyof typeof STATUS_MIX;
const TREATMENT: readonly Status[] = ["active", "completed", "discontinued", "expired"];
const PRESCRIBED_OR_LATER: readonly Status[] = ["prescribed", "awaiting_therapist", "planning", ...TREATMENT];
const CHOSEN_OR_LATER: readonly Status[] = ["awaiting_therapist", "planning", ...TREATMENT];
const ACCEPTED_OR_LATER: readonly Status[] = ["planning", ...TREATMENT];
export const isTreatment = (s: Status) => TREATMENT.includes(s);

export type Scale = {
  patients: number;
  physicians: number;
  therapists: number;
  referrals: number;
  sessions: number;
  reports: number;
};

export function scaleCounts(factor: number): Scale {
  const n = (full: number) => Math.max(1, Math.round(full * factor));
  return {
    patients: n(10_000),
    physicians: n(500),
    therapists: n(1_500),
    referrals: n(100_000),
    sessions: n(400_000),
    reports: n(300_000),
  };
}

const FIRST = [
  "Alex",
  "Blake",
  "Casey",
  "Dana",
  "Eli",
  "Farah",
  "Gabe",
  "Hana",
  "Ivan",
  "Jada",
  "Kai",
  "Lena",
  "Maya",
  "Nico",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sam",
  "Tariq",
  "Uma",
  "Vera",
  "Wes",
  "Xin",
  "Yara",
  "Zane",
];
const LAST = [
  "Adams",
  "Brooks",
  "Chen",
  "Diaz",
  "Evans",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jensen",
  "Khan",
  "Lopez",
  "Moreau",
  "Nguyen",
  "Okafor",
  "Patel",
  "Quiroga",
  "Reyes",
  "Silva",
  "Tanaka",
  "Ueda",
  "Varga",
  "Walsh",
  "Young",
];
export const STATES = ["CA", "NY", "TX", "FL", "WA", "IL", "MA", "CO", "OR", "AZ"] as const;
const PAYERS = [
  "Aetna",
  "Blue Shield of California",
  "Cigna",
  "UnitedHealthcare",
  "Kaiser Permanente",
  "Humana",
];
const SPECIALTIES = ["medical", "sports", "oncology", "prenatal", "geriatric", "myofascial", "lymphatic"];
const REGIONS = ["lower_back", "upper_back", "neck", "shoulders", "hips", "legs", "arms", "head"] as const;
const SYMPTOMS = [
  "pain",
  "muscle_spasm",
  "stiffness",
  "insomnia",
  "anxiety",
  "headache",
  "numbness_tingling",
  "limited_mobility",
] as const;
const CONDITIONS = [
  "Chronic low back pain",
  "Mild hypertension",
  "Type 2 diabetes",
  "Fibromyalgia",
  "Osteoarthritis",
];
const MEDICATIONS = [
  "Ibuprofen 400 mg as needed",
  "Lisinopril 10 mg daily",
  "Metformin 500 mg",
  "Naproxen 220 mg",
];
const TECHNIQUES = [
  "Myofascial release",
  "Trigger point therapy",
  "Swedish effleurage",
  "Deep tissue",
  "Stretching",
];
const DESCRIPTIONS = [
  "Neck and shoulder pain after long days at the computer, with headaches most afternoons.",
  "Upper back spasm since a car accident three weeks ago.",
  "Low back and hip pain that wakes me at night.",
  "Chronic low back pain for two years; worse in the evening; I take ibuprofen three times a day.",
  "Back spasms since lifting boxes at work in the spring; pain keeps me awake and I rely on painkillers.",
  "Stiff neck and tension headaches since starting a new job; sleep is poor.",
];

export const personName = (r: Rng, title = "") => `${title}${r.pick(FIRST)} ${r.pick(LAST)}`;

/** A valid NPI (Luhn check digit over the 80840 prefix) for the given 9-digit body. */
export function npi(body: number): string {
  const digits = String(100_000_000 + (body % 900_000_000)).slice(0, 9);
  let sum = 24; // the 80840 prefix's contribution
  for (let i = 0; i < 9; i++) {
    let d = Number(digits[8 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type RxPlan = {
  id: string;
  signedAt: number;
  validFrom: string;
  expiresOn: string;
  sessionsPerWeek: number;
  weeks: number;
  total: number;
  cptCodes: string[];
  diagnosis: string[];
};

export type ReferralPlan = {
  index: number;
  id: string;
  status: Status;
  patient: number;
  physician: number;
  therapist: number | null;
  createdAt: number;
  kind: "acute" | "chronic";
  bodyRegions: string[];
  symptoms: string[];
  description: string;
  painNow: number;
  eveningPain: number;
  sleepHours: number;
  meds: number;
  rx: RxPlan | null;
  invitationId: string | null;
  carePlanId: string | null;
  planVersionId: string | null;
  sessions: number;
  reports: number;
  treatStart: number;
  treatEnd: number;
  closedAt: number | null;
  closedReason: string | null;
};

/** Splits `total` into integer parts proportional to `weights` (largest-remainder free, exact sum). */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  let prev = 0;
  for (const w of weights) {
    acc += w;
    const upto = sum > 0 ? Math.floor((total * acc) / sum) : 0;
    out.push(upto - prev);
    prev = upto;
  }
  return out;
}

/** Plans every referral: status, parties, dates, prescription and how many sessions/reports it has. */
export function planReferrals(scale: Scale, now: number, seed = 42): ReferralPlan[] {
  const r = rng(seed);
  const statuses: Status[] = [];
  const entries = Object.entries(STATUS_MIX) as [Status, number][];
  const counts = allocate(
    scale.referrals,
    entries.map(([, f]) => f),
  );
  entries.forEach(([s], i) => {
    for (let k = 0; k < counts[i]!; k++) statuses.push(s);
  });
  for (let i = statuses.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [statuses[i], statuses[j]] = [statuses[j]!, statuses[i]!];
  }

  const plans: ReferralPlan[] = statuses.map((status, index) => {
    const kind = r.next() < 0.6 ? "chronic" : "acute";
    let createdAt: number;
    if (status === "active") createdAt = now - r.range(20, 100) * DAY;
    else if (isTreatment(status)) createdAt = now - r.range(130, 700) * DAY;
    else if (status === "declined" || status === "cancelled") createdAt = now - r.range(3, 700) * DAY;
    else createdAt = now - r.range(0.5, 45) * DAY;
    const painNow = r.int(3, 9);
    const plan: ReferralPlan = {
      index,
      id: r.uuid(),
      status,
      patient: r.int(0, scale.patients - 1),
      physician: r.int(0, scale.physicians - 1),
      therapist: CHOSEN_OR_LATER.includes(status) ? r.int(0, scale.therapists - 1) : null,
      createdAt: Math.floor(createdAt),
      kind,
      bodyRegions: r.some(REGIONS, 1, 3),
      symptoms: r.some(SYMPTOMS, 1, 3),
      description: r.pick(DESCRIPTIONS),
      painNow,
      eveningPain: Math.min(10, painNow + r.int(0, 2)),
      sleepHours: r.int(8, 14) / 2,
      meds: r.int(0, 4),
      rx: null,
      invitationId: CHOSEN_OR_LATER.includes(status) ? r.uuid() : null,
      carePlanId: null,
      planVersionId: null,
      sessions: 0,
      reports: 0,
      treatStart: 0,
      treatEnd: 0,
      closedAt: null,
      closedReason: null,
    };
    if (status === "declined") {
      plan.closedAt = plan.createdAt + 1.5 * DAY;
      plan.closedReason = "Needs an in-person examination before massage therapy.";
    }
    if (status === "cancelled") {
      plan.closedAt = plan.createdAt + 2 * DAY;
      plan.closedReason = "Symptoms resolved on their own.";
    }
    if (hasPlanDraft(status, r)) {
      plan.carePlanId = r.uuid();
      plan.planVersionId = r.uuid();
    }
    if (PRESCRIBED_OR_LATER.includes(status)) {
      const signedAt = plan.createdAt + DAY;
      plan.rx = {
        id: r.uuid(),
        signedAt,
        validFrom: isoDate(signedAt),
        expiresOn: "",
        sessionsPerWeek: r.int(1, 2),
        weeks: 0,
        total: 0,
        cptCodes: r.next() < 0.7 ? ["97124"] : ["97124", "97140"],
        diagnosis: r.next() < 0.5 ? ["M54.50", "M62.830"] : ["M54.2"],
      };
    }
    if (isTreatment(status)) {
      plan.treatStart = plan.createdAt + 6 * DAY;
      if (status === "active") plan.treatEnd = now - 2 * 3_600_000;
      else if (status === "completed") plan.treatEnd = plan.treatStart + r.range(30, 90) * DAY;
      else if (status === "discontinued") plan.treatEnd = plan.treatStart + r.range(10, 60) * DAY;
      else plan.treatEnd = plan.treatStart + r.range(50, 80) * DAY;
      if (status !== "active") plan.closedAt = plan.treatEnd + DAY;
      if (status === "discontinued") plan.closedReason = "Patient moved out of state.";
      if (status === "completed") plan.closedReason = "Goals met.";
    }
    return plan;
  });

  // Sessions and reports only exist once treatment started; split the exact totals over those referrals.
  const treated = plans.filter((p) => isTreatment(p.status));
  const weight: Record<string, number> = { active: 0.8, completed: 1.4, discontinued: 0.6, expired: 1.0 };
  const sessionCounts = allocate(
    scale.sessions,
    treated.map((p) => weight[p.status]! * r.range(0.5, 1.5)),
  );
  const reportCounts = allocate(
    scale.reports,
    treated.map(() => r.range(0.5, 1.5)),
  );
  treated.forEach((p, i) => {
    p.sessions = sessionCounts[i]!;
    p.reports = reportCounts[i]!;
  });

  for (const p of plans) {
    if (!p.rx) continue;
    const rx = p.rx;
    const validFromMs = Date.parse(`${rx.validFrom}T00:00:00Z`);
    let total: number;
    let expiresMs: number;
    if (p.status === "active") {
      // Room left on the prescription for the write benchmark's session.log, and valid well past today.
      total = p.sessions + r.int(6, 16);
      expiresMs = Math.max(validFromMs + r.int(120, 180) * DAY, now + 21 * DAY);
    } else if (p.status === "completed") {
      total = Math.max(1, p.sessions);
      expiresMs = Math.max(validFromMs + 100 * DAY, p.treatEnd + 10 * DAY);
    } else if (p.status === "discontinued") {
      total = p.sessions + r.int(2, 8);
      expiresMs = Math.max(validFromMs + 100 * DAY, p.treatEnd + 10 * DAY);
    } else if (p.status === "expired") {
      total = p.sessions + r.int(1, 6);
      expiresMs = p.treatEnd + DAY;
      p.closedAt = expiresMs + DAY;
    } else {
      total = rx.sessionsPerWeek * r.int(6, 12);
      expiresMs = Math.max(validFromMs + 90 * DAY, now + 30 * DAY);
    }
    rx.total = total;
    rx.weeks = Math.max(1, Math.ceil(total / rx.sessionsPerWeek));
    rx.expiresOn = isoDate(expiresMs);
  }
  return plans;
}

/** Planning referrals have a plan draft half of the time; every treatment referral has an approved plan. */
function hasPlanDraft(status: Status, r: Rng): boolean {
  if (isTreatment(status)) return true;
  return status === "planning" && r.next() < 0.5;
}

export type SessionRow = {
  id: string;
  at: number;
  minutes: number;
  units: number;
  pressure: string;
  techniques: string[];
  painBefore: number;
  painAfter: number;
  cptCode: string;
};

/** The referral's sessions, evenly spread over its treatment window (same result on every call). */
export function sessionsOf(p: ReferralPlan): SessionRow[] {
  const r = rng(1_000_003 * (p.index + 1));
  const out: SessionRow[] = [];
  const span = p.treatEnd - p.treatStart;
  let pain = p.painNow;
  for (let k = 0; k < p.sessions; k++) {
    const minutes = r.pick([30, 45, 55, 60]);
    const before = Math.max(0, Math.min(10, pain + r.int(-1, 1)));
    const after = Math.max(0, before - r.int(1, 3));
    pain = Math.max(1, pain - (r.next() < 0.4 ? 1 : 0));
    out.push({
      id: r.uuid(),
      at: Math.floor(p.treatStart + ((k + 0.5) / p.sessions) * span),
      minutes,
      units: cptUnits(minutes),
      pressure: r.pick(["light", "medium", "firm", "deep"]),
      techniques: r.some(TECHNIQUES, 1, 3),
      painBefore: before,
      painAfter: after,
      cptCode: p.rx?.cptCodes[0] ?? "97124",
    });
  }
  return out;
}

export type ReportRow = {
  id: string;
  at: number;
  painNow: number;
  eveningPain: number;
  sleepHours: number;
  medicationDoses: number;
  note: string;
};

export function reportsOf(p: ReferralPlan): ReportRow[] {
  const r = rng(2_000_029 * (p.index + 1));
  const out: ReportRow[] = [];
  const span = p.treatEnd - p.treatStart;
  for (let k = 0; k < p.reports; k++) {
    const progress = (k + 1) / (p.reports + 1);
    out.push({
      id: r.uuid(),
      at: Math.floor(p.treatStart + ((k + 0.8) / (p.reports + 0.5)) * span),
      painNow: Math.max(0, Math.round(p.painNow * (1 - 0.5 * progress)) + r.int(-1, 1)),
      eveningPain: Math.max(0, Math.round(p.eveningPain * (1 - 0.5 * progress))),
      sleepHours: Math.min(12, p.sleepHours + Math.round(progress * 4) / 2),
      medicationDoses: Math.max(0, p.meds - Math.round(progress * 2)),
      note: r.pick([
        "Better mornings; evenings still sore.",
        "Slept through the night twice.",
        "",
        "Stiff today.",
      ]),
    });
  }
  return out;
}

export type EventRow = {
  at: number;
  actor: "patient" | "physician" | "therapist" | "system";
  type: string;
  data: Record<string, unknown>;
};

/** The referral's whole timeline, oldest first, as the procedures would have appended it. */
export function eventsOf(p: ReferralPlan): EventRow[] {
  const ev: EventRow[] = [];
  const t = p.createdAt;
  const add = (at: number, actor: EventRow["actor"], type: string, data: Record<string, unknown>) => {
    ev.push({ at: Math.floor(at), actor, type, data });
  };
  add(t, "patient", "referral_requested", { to: "requested" });
  if (p.status === "needs_info")
    add(t + DAY, "physician", "info_requested", {
      from: "requested",
      to: "needs_info",
      question: "Any numbness in your arms?",
    });
  if (p.status === "declined")
    add(p.closedAt!, "physician", "referral_declined", {
      from: "requested",
      to: "declined",
      reason: p.closedReason,
    });
  if (p.status === "cancelled")
    add(p.closedAt!, "patient", "referral_cancelled", {
      from: "requested",
      to: "cancelled",
      reason: p.closedReason,
    });
  if (!p.rx) return ev;
  add(p.rx.signedAt, "physician", "prescription_signed", {
    from: "requested",
    to: "prescribed",
    prescriptionId: p.rx.id,
  });
  if (p.therapist === null) return ev;
  add(t + 2 * DAY, "patient", "therapist_chosen", { from: "prescribed", to: "awaiting_therapist" });
  if (!ACCEPTED_OR_LATER.includes(p.status)) return ev;
  add(t + 3 * DAY, "therapist", "therapist_accepted", { from: "awaiting_therapist", to: "planning" });
  if (p.planVersionId) {
    add(t + 4 * DAY, "therapist", "plan_updated", {
      version: 1,
      changes: ["Created the plan of care with 4 goals"],
    });
  }
  if (!isTreatment(p.status)) return ev;
  add(t + 5 * DAY, "physician", "plan_approved", { version: 1 });
  add(t + 5.2 * DAY, "therapist", "plan_approved", { version: 1 });
  add(t + 5.5 * DAY, "patient", "plan_acknowledged", { version: 1 });
  add(t + 5.5 * DAY + 1, "system", "plan_in_effect", { version: 1, from: "planning", to: "active" });
  const sessions = sessionsOf(p);
  for (const [i, s] of sessions.entries()) {
    add(s.at, "therapist", "session_logged", {
      from: "active",
      to: "active",
      sessionId: s.id,
      minutes: s.minutes,
      units: s.units,
      cptCode: s.cptCode,
      painBefore: s.painBefore,
      painAfter: s.painAfter,
      sessionNumber: i + 1,
      authorized: p.rx!.total,
    });
  }
  for (const rep of reportsOf(p)) {
    add(rep.at, "patient", "progress_reported", {
      from: "active",
      to: "active",
      reportId: rep.id,
      painNow: rep.painNow,
      eveningPain: rep.eveningPain,
      sleepHours: rep.sleepHours,
      medicationDoses: rep.medicationDoses,
    });
  }
  if (p.status === "completed")
    add(p.closedAt!, "physician", "referral_completed", { from: "active", to: "completed" });
  if (p.status === "discontinued")
    add(p.closedAt!, "physician", "referral_discontinued", {
      from: "active",
      to: "discontinued",
      reason: p.closedReason,
    });
  if (p.status === "expired")
    add(p.closedAt!, "system", "referral_expired", {
      from: "active",
      to: "expired",
      expiresOn: p.rx.expiresOn,
    });
  ev.sort((a, b) => a.at - b.at);
  return ev;
}

export const pools = { PAYERS, SPECIALTIES, CONDITIONS, MEDICATIONS, TECHNIQUES };
