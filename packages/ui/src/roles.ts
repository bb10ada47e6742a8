import type { Role, SignupRole } from "@mm/domain";

export const ROLE_NAME: Record<Role, string> = {
  patient: "patient",
  physician: "physician",
  therapist: "therapist",
  admin: "admin",
};

/** "a patient", "an admin". */
export function withArticle(role: Role): string {
  const name = ROLE_NAME[role];
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

export const PORTAL_TITLE: Record<SignupRole, string> = {
  patient: "Patient portal",
  physician: "Physician portal",
  therapist: "Therapist portal",
};

export const PRODUCT_NAME = "Prescribed Massage";
