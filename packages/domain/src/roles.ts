import { z } from "zod";

/** Roles a person can sign up as. `admin` exists only through the operator CLI. */
export const SIGNUP_ROLES = ["patient", "physician", "therapist"] as const;
export const ROLES = [...SIGNUP_ROLES, "admin"] as const;

export const signupRoleSchema = z.enum(SIGNUP_ROLES);
export type SignupRole = z.infer<typeof signupRoleSchema>;
export type Role = (typeof ROLES)[number];

export const CLINICIAN_ROLES = ["physician", "therapist"] as const satisfies readonly SignupRole[];
export type ClinicianRole = (typeof CLINICIAN_ROLES)[number];

export function isClinician(role: Role): role is ClinicianRole {
  return role === "physician" || role === "therapist";
}

/** Where each role's portal lives on the one origin. */
export const PORTAL_PATH: Record<SignupRole, string> = {
  patient: "/patient/",
  physician: "/physician/",
  therapist: "/therapist/",
};
