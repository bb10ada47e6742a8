import type { CredentialKind } from "./profile";

/**
 * Whether a therapist may take a prescribed, insured referral (DOMAIN.md step 4), and every reason why not, so the
 * directory can show "not eligible" with an explanation instead of hiding the therapist.
 */
export const ELIGIBILITY_REASONS = [
  "uncredentialed",
  "license_required",
  "wrong_state",
  "patient_state_unknown",
  "license_expired",
  "license_expires_before_prescription_ends",
  "not_verified",
  "npi_required",
  "out_of_network",
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];

/** Patient-facing sentences, one per reason. */
export const ELIGIBILITY_REASON_LABELS: Record<EligibilityReason, string> = {
  uncredentialed:
    "This therapist has no state massage license or registration, so cannot treat a prescribed, insured referral.",
  license_required: "Your insurer requires a state license; this therapist holds a registration.",
  wrong_state: "This therapist is not licensed or registered in your state.",
  patient_state_unknown: "Add your state to your profile so the therapist's license can be checked.",
  license_expired: "The therapist's license or registration has expired (or has no expiry date on file).",
  license_expires_before_prescription_ends: "The therapist's license expires before your prescription ends.",
  not_verified: "The therapist's credentials have not been verified yet.",
  npi_required: "Your insurer requires a therapist with an NPI number; this therapist has none on file.",
  out_of_network: "This therapist is not in your insurer's network, which your plan requires.",
};

export type EligibilityInput = {
  therapist: {
    credentialKind: CredentialKind | null;
    credentialState: string | null;
    credentialExpiresOn: string | null;
    npi: string | null;
    payers: readonly string[];
    verifiedAt: Date | string | null;
  };
  patientState: string | null;
  prescriptionExpiresOn: string | null;
  coverage: {
    /** The insurer accepts only a state license (a registration is not enough). */
    requiresLicense?: boolean;
    requiresNpi?: boolean;
    requiresInNetwork?: boolean;
    payerName?: string | null;
    /** Other names the same payer goes by (e.g. "BCBS" for "Blue Cross Blue Shield"). */
    inNetworkPayers?: readonly string[];
  } | null;
  /** `YYYY-MM-DD`. */
  today: string;
};

export type Eligibility = { eligible: boolean; reasons: EligibilityReason[] };

const normalize = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

export function therapistEligibility(input: EligibilityInput): Eligibility {
  const { therapist: t, coverage } = input;
  const found = new Set<EligibilityReason>();
  const credentialed = t.credentialKind === "license" || t.credentialKind === "registration";

  if (!credentialed) {
    found.add("uncredentialed");
  } else {
    // State and expiry only mean something for an actual license or registration.
    if (coverage?.requiresLicense && t.credentialKind !== "license") found.add("license_required");
    if (!input.patientState) found.add("patient_state_unknown");
    else if (
      !t.credentialState ||
      t.credentialState.trim().toUpperCase() !== input.patientState.trim().toUpperCase()
    )
      found.add("wrong_state");
    if (!t.credentialExpiresOn || t.credentialExpiresOn < input.today) found.add("license_expired");
    else if (input.prescriptionExpiresOn && t.credentialExpiresOn < input.prescriptionExpiresOn)
      found.add("license_expires_before_prescription_ends");
  }
  if (!t.verifiedAt) found.add("not_verified");
  if (coverage?.requiresNpi && !t.npi?.trim()) found.add("npi_required");
  if (coverage?.requiresInNetwork) {
    const names = [coverage.payerName ?? "", ...(coverage.inNetworkPayers ?? [])]
      .map(normalize)
      .filter(Boolean);
    const payers = new Set(t.payers.map(normalize));
    if (!names.some((n) => payers.has(n))) found.add("out_of_network");
  }

  const reasons = ELIGIBILITY_REASONS.filter((r) => found.has(r));
  return { eligible: reasons.length === 0, reasons };
}
