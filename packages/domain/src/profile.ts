import { z } from "zod";
import { type Clock, notFutureIssue, withClockRule } from "./clock-rules";
import { timeZoneSchema } from "./dates";
import { ruleViolation } from "./errors";
import { isoDateField, optionalText as optionalTextField, requiredText, textField } from "./fields";
import { isValidNpi } from "./npi";
import { usStateSchema } from "./us-states";

/** Plain calendar date, `YYYY-MM-DD`. Clinical dates are days, not instants, so they never shift with time zones. */
export const isoDateSchema = isoDateField();

const trimmed = (max: number, label: string) => requiredText(label, max);

const optionalText = (max: number, label: string) => optionalTextField(label, max);

export const phoneSchema = textField("Phone")
  .trim()
  .regex(/^\+?[0-9 ()\-.]{7,20}$/, "Enter a phone number, e.g. (555) 123-4567");

export const npiSchema = textField("NPI", "NPI is required")
  .trim()
  .regex(/^\d{10}$/, "NPI must be exactly 10 digits")
  .refine(isValidNpi, "This NPI's check digit is wrong: please re-check the number");

const shortList = (label: string, maxItems = 30) =>
  z
    .array(trimmed(120, label), { error: `${label} must be a list` })
    .max(maxItems, `At most ${maxItems} ${label.toLowerCase()}`);

export const THERAPIST_SPECIALTIES = [
  "medical",
  "deep_tissue",
  "myofascial_release",
  "trigger_point",
  "sports",
  "orthopedic",
  "lymphatic_drainage",
  "prenatal",
  "oncology",
  "geriatric",
] as const;
export const SPECIALTY_LABELS: Record<(typeof THERAPIST_SPECIALTIES)[number], string> = {
  medical: "Medical massage",
  deep_tissue: "Deep tissue",
  myofascial_release: "Myofascial release",
  trigger_point: "Trigger point",
  sports: "Sports",
  orthopedic: "Orthopedic",
  lymphatic_drainage: "Lymphatic drainage",
  prenatal: "Prenatal",
  oncology: "Oncology",
  geriatric: "Geriatric",
};
export const specialtySchema = z.enum(THERAPIST_SPECIALTIES, { error: "Choose a listed specialty" });
export type Specialty = z.infer<typeof specialtySchema>;

export const CREDENTIAL_KINDS = ["license", "registration", "certification", "none"] as const;
export const CREDENTIAL_LABELS: Record<(typeof CREDENTIAL_KINDS)[number], string> = {
  license: "State license (LMT)",
  registration: "State registration",
  certification: "Certification only",
  none: "No credential",
};
export const credentialKindSchema = z.enum(CREDENTIAL_KINDS, { error: "Choose a credential kind" });
export type CredentialKind = z.infer<typeof credentialKindSchema>;

export const patientProfileSchema = z.object({
  role: z.literal("patient"),
  name: trimmed(120, "Name"),
  timeZone: timeZoneSchema.optional(),
  dateOfBirth: isoDateSchema,
  state: usStateSchema,
  phone: phoneSchema.optional(),
  medicalConditions: shortList("Medical conditions"),
  medications: shortList("Medications"),
  allergies: shortList("Allergies"),
});

export const physicianProfileSchema = z.object({
  role: z.literal("physician"),
  name: trimmed(120, "Name"),
  timeZone: timeZoneSchema.optional(),
  npi: npiSchema,
  practice: trimmed(200, "Practice"),
  practiceAddress: optionalText(300, "Practice address"),
  state: usStateSchema,
  licenseNumber: optionalText(40, "License number"),
  phone: phoneSchema.optional(),
});

export const therapistProfileSchema = z
  .object({
    role: z.literal("therapist"),
    name: trimmed(120, "Name"),
    timeZone: timeZoneSchema.optional(),
    credentialKind: credentialKindSchema,
    credentialNumber: optionalText(40, "Credential number"),
    credentialState: usStateSchema.optional(),
    credentialExpiresOn: isoDateSchema.optional(),
    npi: npiSchema.optional(),
    specialties: z.array(specialtySchema).max(THERAPIST_SPECIALTIES.length),
    payers: shortList("Payers", 40),
    bio: optionalText(2000, "Bio"),
    phone: phoneSchema.optional(),
  })
  .superRefine((p, ctx) => {
    // A license or registration is only meaningful with its number, issuing state and expiry.
    if (p.credentialKind === "license" || p.credentialKind === "registration") {
      if (!p.credentialNumber)
        ctx.addIssue({
          code: "custom",
          path: ["credentialNumber"],
          message: "Credential number is required for a license or registration",
        });
      if (!p.credentialState)
        ctx.addIssue({
          code: "custom",
          path: ["credentialState"],
          message: "Issuing state is required for a license or registration",
        });
      if (!p.credentialExpiresOn)
        ctx.addIssue({
          code: "custom",
          path: ["credentialExpiresOn"],
          message: "Expiry date is required for a license or registration",
        });
    }
  });

export const profileUpdateSchema = z.discriminatedUnion("role", [
  patientProfileSchema,
  physicianProfileSchema,
  therapistProfileSchema,
]);

export type PatientProfileInput = z.infer<typeof patientProfileSchema>;

/** A person is born in the past. */
export const patientProfileClockRule = (input: { dateOfBirth?: string }, clock: Clock) =>
  notFutureIssue("dateOfBirth", "Date of birth", input.dateOfBirth, clock);
export const makePatientProfileSchema = withClockRule(patientProfileSchema, patientProfileClockRule);
/** Every profile update: only the patient's carries a date that must be in the past. */
export const profileUpdateClockRule = (input: ProfileUpdateInput, clock: Clock) =>
  input.role === "patient" ? patientProfileClockRule(input, clock) : [];
export type PhysicianProfileInput = z.infer<typeof physicianProfileSchema>;
export type TherapistProfileInput = z.infer<typeof therapistProfileSchema>;
export type ProfileUpdateInput = z.infer<typeof profileUpdateSchema>;

/** Warnings about a clinician's credential that do not block saving the profile but matter to patients/operators. */
export type CredentialFlag = "credential_expired" | "credential_missing" | "not_verified";

export function therapistCredentialFlags(
  p: {
    credentialKind: CredentialKind | null;
    credentialExpiresOn: string | null;
    verifiedAt: Date | string | null;
  },
  today: string,
): CredentialFlag[] {
  const flags: CredentialFlag[] = [];
  if (!p.credentialKind || p.credentialKind === "none" || p.credentialKind === "certification")
    flags.push("credential_missing");
  if (p.credentialExpiresOn && p.credentialExpiresOn < today) flags.push("credential_expired");
  if (!p.verifiedAt) flags.push("not_verified");
  return flags;
}

/**
 * A therapist treats under their verified credential: once verification is withdrawn (cleared by an operator or by
 * a credential change) or the credential expired before the session's day, no further session may be logged.
 */
export function therapistStandingCheck(
  p: { credentialExpiresOn: string | null; verifiedAt: Date | string | null },
  sessionDate: string,
): void {
  if (!p.verifiedAt)
    throw ruleViolation(
      "session.therapist_not_verified",
      "Sessions can be logged only while your credentials are verified: ask an operator to verify them again.",
    );
  if (p.credentialExpiresOn && p.credentialExpiresOn < sessionDate)
    throw ruleViolation(
      "session.credential_expired",
      `Your credential expired on ${p.credentialExpiresOn}: renew it and have it verified before logging sessions after that day.`,
    );
}

export const CREDENTIAL_FLAG_LABELS: Record<CredentialFlag, string> = {
  credential_expired: "The credential's expiry date has passed",
  credential_missing: "No state license or registration on file",
  not_verified: "Credentials not yet verified by an operator",
};

export const directoryPhysiciansSchema = z.object({
  q: textField("Search text").trim().max(100, "Search text must be at most 100 characters").optional(),
  state: usStateSchema.optional(),
});

export const directoryTherapistsSchema = z.object({
  state: usStateSchema.optional(),
  payer: textField("Payer").trim().max(80, "Payer must be at most 80 characters").optional(),
  specialty: specialtySchema.optional(),
  referralId: z.uuid({ error: "referralId must be a UUID" }).optional(),
});

/**
 * An operator verified specific credentials; when a clinician changes them, verification no longer holds and the
 * account goes back to pending.
 */
export function credentialsChanged(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): boolean {
  return fields.some((f) => (before[f] ?? null) !== (after[f] ?? null));
}
export const PHYSICIAN_VERIFIED_FIELDS = ["npi", "state", "licenseNumber"] as const;
export const THERAPIST_VERIFIED_FIELDS = [
  "credentialKind",
  "credentialNumber",
  "credentialState",
  "credentialExpiresOn",
  "npi",
] as const;

/** What a role's portal needs before it can be used fully (the saved profile, null fields not given). */
export type ProfileFacts =
  | { role: "patient"; state: string | null; dateOfBirth: string | null }
  | { role: "physician"; npi: string | null; practice: string | null }
  | { role: "therapist"; credentialKind: CredentialKind | null }
  | { role: "admin" };

export function profileComplete(p: ProfileFacts): boolean {
  switch (p.role) {
    case "patient":
      return p.state !== null && p.dateOfBirth !== null;
    case "physician":
      return p.npi !== null && p.practice !== null;
    case "therapist":
      return p.credentialKind !== null;
    default:
      return true;
  }
}
