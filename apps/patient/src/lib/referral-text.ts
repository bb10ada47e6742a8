import { BODY_REGION_LABELS, type BodyRegion, type ReferralStatus } from "@mm/domain";

/** What happens next on a referral, from the patient's side, in one plain sentence. */
export const PATIENT_NEXT_STEP: Record<ReferralStatus, string> = {
  requested: "Your physician is reviewing your request. You don't need to do anything now.",
  needs_info: "Your physician asked you a question. Answer it so they can decide.",
  prescribed: "Your physician signed a prescription. Next, choose a therapist.",
  awaiting_therapist: "Waiting for your therapist to accept.",
  planning: "Your physician and therapist are writing your plan of care.",
  active: "Tell your care team how you feel between sessions.",
  declined: "Your physician decided massage is not right for you now. See their reason.",
  cancelled: "You cancelled this request.",
  completed: "Your treatment is complete.",
  discontinued: "This treatment was stopped.",
  expired: "The prescription ran out. Ask your physician if you need more sessions.",
};

/** Statuses where the patient has something to do. */
export const PATIENT_TODO: Partial<Record<ReferralStatus, string>> = {
  needs_info: "Answer the question",
  prescribed: "Choose a therapist",
  active: "Tell us how you feel today",
};

/** "Lower back, hips and neck" from region codes. */
export function regionsText(regions: readonly string[]): string {
  const names = regions.map((r) => BODY_REGION_LABELS[r as BodyRegion] ?? r);
  if (names.length === 0) return "Massage therapy";
  const lower = names.map((n, i) => (i === 0 ? n : n.toLowerCase()));
  if (lower.length === 1) return lower[0]!;
  return `${lower.slice(0, -1).join(", ")} and ${lower.at(-1)}`;
}

/** The shared referral gate, in the patient's words. */
export const PATIENT_GATE_TEXT = {
  loading: "Loading your referral",
  title: "Your referral",
  notFound: "There is no referral of yours at this address.",
  back: "Go to my referrals",
};

/** Number-input values ("" when empty) as the number the API wants, or undefined. */
export function numberOrUndefined(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
